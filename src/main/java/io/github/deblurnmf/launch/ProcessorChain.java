/*-
 * #%L
 * Deblur NMF: deblurring and non-negative matrix factorization for Fiji.
 * %%
 * Copyright (C) 2026 Deblur NMF developers.
 * %%
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 * 
 * 1. Redistributions of source code must retain the above copyright notice,
 *    this list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the documentation
 *    and/or other materials provided with the distribution.
 * 
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"
 * AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
 * IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE
 * ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDERS OR CONTRIBUTORS BE
 * LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR
 * CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF
 * SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS
 * INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN
 * CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE)
 * ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE
 * POSSIBILITY OF SUCH DAMAGE.
 * #L%
 */
package io.github.deblurnmf.launch;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.scijava.display.DisplayPostprocessor;
import org.scijava.module.process.LoadInputsPreprocessor;
import org.scijava.module.process.PostprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.module.process.SaveInputsPreprocessor;
import org.scijava.plugin.PluginService;
import org.scijava.ui.FileListPreprocessor;
import org.scijava.ui.FilePreprocessor;
import org.scijava.widget.InputHarvester;

/**
 * The SciJava pre- and postprocessors a headless run uses: all on the classpath (service
 * injection, validity check, initializers, the required-input check, logging) except those that
 * read or write persisted values or talk to a user.
 */
final class ProcessorChain {

	/**
	 * Left out, with why:
	 * <ul>
	 * <li>{@link LoadInputsPreprocessor} would fill inputs from the previous run's prefs (it skips
	 * resolved inputs, and the runner resolves every input, but leaving it out states the
	 * intent);</li>
	 * <li>{@link SaveInputsPreprocessor} writes every input to the prefs (it does not look at
	 * resolution), which a reproducible headless run must not do;</li>
	 * <li>{@link FilePreprocessor} and {@link FileListPreprocessor} open a file chooser for an
	 * unresolved file input;</li>
	 * <li>any {@link InputHarvester} (a dialog; none is in scijava-common, but one may be on a
	 * user's classpath);</li>
	 * <li>imagej-legacy's {@code MacroPreprocessor} ({@link #EXCLUDED_BY_NAME}; in Fiji only): inside a macro it sets every
	 * input again from the macro's options, converting an image's path with ImageJ2's converters, which open a file without
	 * its composite display (each channel's LUT and range). The runner has resolved every input from the same options.</li>
	 * </ul>
	 */
	private static final Set<Class<?>> EXCLUDED_PREPROCESSORS = Set.of(LoadInputsPreprocessor.class,
		SaveInputsPreprocessor.class, FilePreprocessor.class, FileListPreprocessor.class);

	/** Preprocessors left out by class name: they are not on the plugin's own classpath. */
	static final Set<String> EXCLUDED_BY_NAME = Set.of("net.imagej.legacy.plugin.MacroPreprocessor");

	/** {@link DisplayPostprocessor} would show image and table outputs; the runner prints values instead. */
	private static final Set<Class<?>> EXCLUDED_POSTPROCESSORS = Set.of(DisplayPostprocessor.class);

	private ProcessorChain() {}

	/** New instances of the preprocessors to run, in priority order. */
	static List<PreprocessorPlugin> preprocessors(final PluginService plugins) {
		return plugins.createInstancesOfType(PreprocessorPlugin.class).stream()
			.filter(p -> !EXCLUDED_PREPROCESSORS.contains(p.getClass()) && !EXCLUDED_BY_NAME.contains(p.getClass().getName())
				&& !(p instanceof InputHarvester))
			.collect(Collectors.toList());
	}

	/** New instances of the postprocessors to run, in priority order. */
	static List<PostprocessorPlugin> postprocessors(final PluginService plugins) {
		return plugins.createInstancesOfType(PostprocessorPlugin.class).stream()
			.filter(p -> !EXCLUDED_POSTPROCESSORS.contains(p.getClass()))
			.collect(Collectors.toList());
	}
}

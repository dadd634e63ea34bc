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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.module.Module;
import org.scijava.module.process.AbstractPostprocessorPlugin;
import org.scijava.module.process.AbstractPreprocessorPlugin;
import org.scijava.module.process.PostprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.PluginInfo;
import org.scijava.plugin.PluginService;
import org.scijava.plugin.SciJavaPlugin;
import org.scijava.widget.InputHarvester;
import org.scijava.widget.InputPanel;

/**
 * The headless chain is every pre- and postprocessor on the classpath but the few it names, in priority
 * order: checked against what the plugin service offers, with processors of other plugins added, so that
 * the test holds in any classpath (Fiji's has dozens more) and fails if the chain drops or reorders one.
 */
class ProcessorChainTest {

	private static final Set<String> EXCLUDED_PRE = Set.of("LoadInputsPreprocessor", "SaveInputsPreprocessor", "FilePreprocessor",
		"FileListPreprocessor");

	/** Another plugin's preprocessor, which the headless chain keeps. */
	public static final class ForeignPreprocessor extends AbstractPreprocessorPlugin {

		@Override
		public void process(final Module module) {}
	}

	/** Another plugin's postprocessor, which the headless chain keeps. */
	public static final class ForeignPostprocessor extends AbstractPostprocessorPlugin {

		@Override
		public void process(final Module module) {}
	}

	/** A dialog, as a user interface on the classpath brings (Swing's harvester, say): left out. */
	public static final class ForeignHarvester extends AbstractPreprocessorPlugin implements InputHarvester<Object, Object> {

		@Override
		public void process(final Module module) {}

		@Override
		public InputPanel<Object, Object> createInputPanel() {
			return null;
		}

		@Override
		public void buildPanel(final InputPanel<Object, Object> panel, final Module module) {}

		@Override
		public boolean harvestInputs(final InputPanel<Object, Object> panel, final Module module) {
			return false;
		}
	}

	private static <T extends SciJavaPlugin> PluginInfo<T> info(final Class<? extends T> plugin, final Class<T> type, final double priority) {
		final PluginInfo<T> info = new PluginInfo<>(plugin, type);
		info.setPriority(priority);
		return info;
	}

	private static List<String> names(final List<?> processors) {
		return processors.stream().map(p -> p.getClass().getSimpleName()).collect(Collectors.toList());
	}

	@Test
	void everyProcessorButPrefsFilesDialogsAndDisplayInPriorityOrder() {
		try (Context context = new Context()) {
			final PluginService plugins = context.service(PluginService.class);
			plugins.addPlugin(info(ForeignPreprocessor.class, PreprocessorPlugin.class, 5));
			plugins.addPlugin(info(ForeignHarvester.class, PreprocessorPlugin.class, InputHarvester.PRIORITY));
			plugins.addPlugin(info(ForeignPostprocessor.class, PostprocessorPlugin.class, 5));

			final List<String> allPre = names(plugins.createInstancesOfType(PreprocessorPlugin.class));
			// In a full context these can be created, so leaving them out is the chain's doing.
			assertTrue(allPre.containsAll(EXCLUDED_PRE) && allPre.contains("ForeignHarvester"), allPre.toString());
			final List<String> pre = names(ProcessorChain.preprocessors(plugins));
			assertEquals(allPre.stream().filter(name -> !EXCLUDED_PRE.contains(name) && !name.equals("ForeignHarvester")).collect(Collectors.toList()), pre);
			for (final String kept : List.of("ServicePreprocessor", "InitPreprocessor", "ValidityPreprocessor", "CheckInputsPreprocessor",
				"ForeignPreprocessor"))
			{
				assertTrue(pre.contains(kept), kept + " missing from " + pre);
			}
			assertTrue(pre.indexOf("ServicePreprocessor") < pre.indexOf("InitPreprocessor"), "priority order: " + pre);
			assertTrue(pre.indexOf("InitPreprocessor") < pre.indexOf("ForeignPreprocessor"), "priority order: " + pre);

			final List<String> allPost = names(plugins.createInstancesOfType(PostprocessorPlugin.class));
			assertTrue(allPost.contains("DisplayPostprocessor"), allPost.toString());
			final List<String> post = names(ProcessorChain.postprocessors(plugins));
			assertEquals(allPost.stream().filter(name -> !name.equals("DisplayPostprocessor")).collect(Collectors.toList()), post);
			assertTrue(post.containsAll(List.of("DebugPostprocessor", "ForeignPostprocessor")), post.toString());
			assertFalse(post.contains("DisplayPostprocessor"), post.toString());
		}
	}
}

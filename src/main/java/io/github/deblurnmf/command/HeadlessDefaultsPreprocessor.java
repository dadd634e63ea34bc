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
package io.github.deblurnmf.command;

import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.process.AbstractPreprocessorPlugin;
import org.scijava.module.process.LoadInputsPreprocessor;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.ui.UIService;
import org.scijava.widget.InputHarvester;

/**
 * Without a UI, our commands' inputs that a run does not give keep their defaults: this marks them resolved just
 * before {@link LoadInputsPreprocessor}, which would otherwise fill them from the values an earlier run (a dialog,
 * or any {@code --run}) left in the prefs, so that the same {@code --headless --run} line could deblur with
 * another method or overwrite files depending on what ran before. With a UI, the dialog still offers the remembered
 * values. Inputs given on the command line, by an ImageJ macro (imagej-legacy resolves those first) or by a script
 * are resolved already and stay as given; a required input left out is still reported as unset.
 */
@Plugin(type = PreprocessorPlugin.class, priority = InputHarvester.PRIORITY + 2)
public class HeadlessDefaultsPreprocessor extends AbstractPreprocessorPlugin {

	private static final String COMMANDS = HeadlessDefaultsPreprocessor.class.getPackage().getName() + ".";

	@Parameter(required = false)
	private UIService ui;

	@Override
	public void process(final Module module) {
		if (ui == null || !ui.isHeadless() || !module.getInfo().getDelegateClassName().startsWith(COMMANDS)) return;
		for (final ModuleItem<?> input : module.getInfo().inputs()) {
			if (!module.isInputResolved(input.getName())) module.resolveInput(input.getName());
		}
	}
}

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;
import org.scijava.plugin.PluginService;
import org.scijava.service.Service;

/**
 * The SciJava plugin index lists each command once, by its label and with the contract's parameter
 * keys, with no SciJava menu path and not visible: its one menu entry is in plugins.config (see
 * {@code ij1.ImageJ1MacroTest}), imagej-legacy would let a SciJava menu entry with the same
 * label take over that one, and Fiji's search bar lists every visible labelled command.
 */
class CommandIndexTest {

	private static Context context;

	@BeforeAll
	static void createContext() {
		context = new Context(PluginService.class, CommandService.class);
	}

	@AfterAll
	static void disposeContext() {
		context.dispose();
	}

	/** The one command labelled {@code label}, checked to be listed exactly once, without a menu path. */
	private static CommandInfo command(final String label) {
		final List<CommandInfo> found = context.service(CommandService.class).getCommands().stream()
			.filter(info -> label.equals(info.getTitle())).collect(Collectors.toList());
		assertEquals(1, found.size(), label + " listed " + found.size() + " times");
		final CommandInfo info = found.get(0);
		assertTrue(info.getMenuPath().isEmpty(), label + " has a SciJava menu path: " + info.getMenuPath());
		assertFalse(info.isVisible(), label + " is visible: Fiji's search bar would list it beside its menu entry");
		assertTrue(info.is(DeblurNmfCommand.NO_RECORD), label + " lacks no-record: Fiji would record its inputs a second time");
		return info;
	}

	/** The names of the inputs a user sets: services are injected, not given. */
	private static List<String> userInputs(final CommandInfo info) {
		final List<String> names = new ArrayList<>();
		for (final ModuleItem<?> item : info.inputs()) {
			if (!Service.class.isAssignableFrom(item.getType()) && !Context.class.isAssignableFrom(item.getType())) names.add(item.getName());
		}
		return names;
	}

	private static List<String> outputs(final CommandInfo info) {
		final List<String> names = new ArrayList<>();
		for (final ModuleItem<?> item : info.outputs()) names.add(item.getName());
		return names;
	}

	/** Exactly these inputs (the macro keys, in dialog order) and outputs (the printed figures and images). */
	private static void assertItems(final String label, final List<String> inputs, final List<String> outputs) {
		final CommandInfo info = command(label);
		assertEquals(inputs, userInputs(info), label + " inputs");
		assertEquals(outputs, outputs(info), label + " outputs");
		for (final String name : inputs) assertEquals(name.toLowerCase(Locale.ROOT), name, "a key is the lowercase name");
	}

	/** The plugin's commands are exactly the six of the contract, each once. */
	@Test
	void theSixCommands() {
		final List<String> labels = context.service(CommandService.class).getCommands().stream()
			.filter(info -> info.getDelegateClassName().startsWith(DeblurNmfCommand.class.getPackageName() + "."))
			.map(CommandInfo::getTitle).sorted().collect(Collectors.toList());
		assertEquals(List.of("Compare Images", "Create Blurred Dataset", "Deblur Image", "NMF Decompose", "NMF Denoise", "Train Deblur AE"), labels);
	}

	@Test
	void nmfDecompose() {
		assertItems("NMF Decompose", List.of("input", "rank", "algorithm", "layers", "iterations", "tolerance", "init", "seed", "loss", "alphaw",
			"alphah", "l1ratio", "alpha", "montage", "outputdir", "overwrite"),
			List.of("bases", "bases_montage", "reconstruction", "relative", "frobenius", "iterations_run", "millis"));
	}

	@Test
	void nmfDenoise() {
		assertItems("NMF Denoise", List.of("input", "rank", "mode", "patch", "algorithm", "iterations", "seed", "loss", "alphaw", "alphah",
			"l1ratio", "reference", "outputdir", "overwrite"), List.of("denoised", "rank_used", "mode_used", "psnr", "ssim", "psnr_input"));
	}

	@Test
	void createBlurredDataset() {
		assertItems("Create Blurred Dataset", List.of("input", "output", "size", "kernel", "sigma", "noise", "grayscale", "seed", "overwrite"),
			List.of("pairs", "skipped", "millis"));
	}

	@Test
	void deblurImage() {
		assertItems("Deblur Image", List.of("input", "model", "method", "sigma", "kernel", "nsr", "iterations", "psf", "tile", "overlap", "tta", "reference",
			"outputdir", "overwrite"), List.of("deblurred", "psnr", "ssim", "psnr_input", "ssim_input", "seconds", "megapixels_per_second"));
	}

	@Test
	void trainDeblurAe() {
		assertItems("Train Deblur AE", List.of("dataset", "model", "architecture", "epochs", "batch", "learningrate", "ssimweight", "validation",
			"seed", "resume", "basewidth", "overwrite"), List.of("epochs_run", "best_epoch", "validation_psnr", "validation_ssim", "train_loss",
				"seconds", "steps"));
	}

	@Test
	void compareImages() {
		// Reference first, as in the contract.
		assertItems("Compare Images", List.of("reference", "input"), List.of("psnr", "ssim", "mse"));
	}
}

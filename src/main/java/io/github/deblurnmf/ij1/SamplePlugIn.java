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
package io.github.deblurnmf.ij1;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import io.github.deblurnmf.command.ResultWindows;
import io.github.deblurnmf.deblur.GaussianPsf;
import io.github.deblurnmf.io.Samples;

import java.io.IOException;
import java.util.Map;

/**
 * The images shipped in the plugin jar, so that every command and example macro can be tried without
 * data of one's own: {@code File > Open Samples > Deblur NMF > <sample>}, and
 * {@code Plugins > Deblur NMF > Open Sample...}, which asks which one (the argument is then empty).
 * They open side by side beside the open windows, small ones zoomed in ({@link ResultWindows}).
 */
public class SamplePlugIn implements PlugIn {

	/** Argument for the 100 LFW faces stack. */
	public static final String FACES = "faces";
	/** Argument for the camera crop blurred as Create Blurred Dataset blurs, with its sharp original. */
	public static final String BLURRED_CAMERA = "blurred-camera";

	/** The menu label of each sample (its macro command, {@code run("LFW Faces Stack")}), by argument. */
	static final Map<String, String> LABELS = Map.of(FACES, "LFW Faces Stack", BLURRED_CAMERA, "Blurred Camera and Original");

	@Override
	public void run(final String arg) {
		try {
			final String sample = arg == null || arg.isEmpty() ? choose() : arg;
			if (sample == null) return;
			ResultWindows.begin(ij.WindowManager.getCurrentImage());
			for (final ImagePlus image : open(sample)) ResultWindows.show(image);
		}
		catch (final IOException | IllegalArgumentException e) {
			IJ.error("Deblur NMF", "Open Sample: " + e.getMessage());
		}
	}

	/** Asks which sample to open (macro: {@code sample=[LFW Faces Stack]}); null if canceled. */
	private static String choose() {
		final String[] args = { FACES, BLURRED_CAMERA };
		final String[] labels = { LABELS.get(FACES), LABELS.get(BLURRED_CAMERA) };
		final String macro = Macro.getOptions();
		if (macro != null) {
			// Read here, not by the dialog: without a display plain ImageJ 1 cannot create one.
			final String label = Macro.getValue(macro, "sample", labels[0]);
			for (int i = 0; i < labels.length; i++) if (labels[i].equalsIgnoreCase(label)) return args[i];
			throw new IllegalArgumentException("unknown sample '" + label + "' (samples: " + String.join(", ", labels) + ")");
		}
		final GenericDialog dialog = new GenericDialog("Open Sample");
		dialog.addChoice("Sample", labels, labels[0]);
		dialog.addMessage("LFW Faces Stack: 100 faces of 25×25 pixels (8-bit), for NMF Decompose and NMF Denoise.\n"
			+ "Blurred Camera and Original: a 128×128 crop of the camera image and its copy blurred as\n"
			+ "Create Blurred Dataset blurs (window 20, sigma 3), for Deblur Image and Compare Images.\n"
			+ "Also under File > Open Samples > Deblur NMF.");
		dialog.showDialog();
		if (dialog.wasCanceled()) return null;
		return args[dialog.getNextChoiceIndex()];
	}

	/** The images of sample {@code arg}, the last one the image to work on. */
	static ImagePlus[] open(final String arg) throws IOException {
		switch (arg) {
			case FACES:
				return new ImagePlus[] { Samples.open(Samples.FACES) };
			case BLURRED_CAMERA: {
				final ImagePlus sharp = Samples.open(Samples.CAMERA);
				sharp.setTitle("camera.tif");
				return new ImagePlus[] { sharp, Samples.blurred(sharp, GaussianPsf.DEFAULT_KERNEL, GaussianPsf.DEFAULT_SIGMA, "camera_blurred.tif") };
			}
			default:
				throw new IllegalArgumentException("unknown sample '" + arg + "'");
		}
	}
}

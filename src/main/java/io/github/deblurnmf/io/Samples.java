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
package io.github.deblurnmf.io;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import io.github.deblurnmf.metrics.GaussianFilter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** The sample images shipped inside the plugin jar (see src/main/resources/samples/README.md). */
public final class Samples {

	/** 100 aligned LFW face crops, 25×25, 8-bit. */
	public static final String FACES = "lfw_faces_25px.tif";
	/** The central 128×128 of scikit-image's "camera" (CC0), 8-bit. */
	public static final String CAMERA = "camera_128.tif";
	/**
	 * A 256×256 gray crop of a photo that no shipped model saw in training (palapeli-data's castle, the
	 * held-out collection): what the demo and the shipped-model figures deblur.
	 */
	public static final String CASTLE = "castle_256.tif";

	private Samples() {}

	/** Copies sample {@code name} out of the jar to {@code target}. */
	public static Path extract(final String name, final Path target) throws IOException {
		try (InputStream in = Samples.class.getResourceAsStream("/samples/" + name)) {
			if (in == null) throw new IOException("Sample " + name + " is missing from the plugin jar");
			Files.copy(in, target);
		}
		return target;
	}

	/** Opens sample {@code name} from the jar, titled by its file name. */
	public static ImagePlus open(final String name) throws IOException {
		try (InputStream in = Samples.class.getResourceAsStream("/samples/" + name)) {
			if (in == null) throw new IOException("Sample " + name + " is missing from the plugin jar");
			final ImagePlus image = new Opener().openTiff(in, name);
			if (image == null) throw new IOException("Cannot read sample " + name);
			return image;
		}
	}

	/**
	 * An 8-bit copy of the 8-bit {@code image} blurred as Create Blurred Dataset blurs (Gaussian
	 * window {@code kernel}, {@code sigma}, reflected edges), rounded.
	 */
	public static ImagePlus blurred(final ImagePlus image, final int kernel, final double sigma, final String title) {
		final int w = image.getWidth(), h = image.getHeight();
		final float[] pixels = (float[]) image.getProcessor().convertToFloat().getPixels();
		final float[] blurred = new float[pixels.length];
		GaussianFilter.forWindow(kernel, sigma).filter(pixels, w, h, blurred);
		final ByteProcessor out = new ByteProcessor(w, h);
		for (int i = 0; i < blurred.length; i++) out.set(i, (int) Math.max(0, Math.min(255, Math.round(blurred[i]))));
		return new ImagePlus(title, out);
	}

	/** Writes {@link #blurred} of {@code image} to {@code target} as TIFF. */
	public static Path writeBlurred(final ImagePlus image, final int kernel, final double sigma, final Path target) throws IOException {
		if (!new FileSaver(blurred(image, kernel, sigma, target.getFileName().toString())).saveAsTiff(target.toString())) {
			throw new IOException("Cannot write " + target);
		}
		return target;
	}

	/**
	 * Writes an 8-bit copy of {@code image} with Gaussian noise of standard deviation {@code sigma}
	 * (in 0–255 units) added, rounded and clipped, the same for the same {@code seed}.
	 */
	public static Path writeNoisy(final ImagePlus image, final double sigma, final long seed, final Path target) throws IOException {
		final Random random = new Random(seed);
		final ImageStack stack = image.getStack().duplicate();
		for (int s = 1; s <= stack.getSize(); s++) {
			final ImageProcessor ip = stack.getProcessor(s);
			for (int i = 0; i < ip.getPixelCount(); i++) {
				ip.set(i, (int) Math.max(0, Math.min(255, Math.round(ip.get(i) + sigma * random.nextGaussian()))));
			}
		}
		final ImagePlus noisy = new ImagePlus(target.getFileName().toString(), stack);
		final FileSaver saver = new FileSaver(noisy);
		if (!(stack.getSize() > 1 ? saver.saveAsTiffStack(target.toString()) : saver.saveAsTiff(target.toString()))) {
			throw new IOException("Cannot write " + target);
		}
		return target;
	}
}

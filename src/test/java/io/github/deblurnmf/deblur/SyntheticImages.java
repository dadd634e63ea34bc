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
package io.github.deblurnmf.deblur;

import java.util.Random;

import io.github.deblurnmf.metrics.GaussianFilter;

/** Deterministic test planes for the deconvolution tests. */
final class SyntheticImages {

	static final int WIDTH = 96;
	static final int HEIGHT = 80;

	private SyntheticImages() {}

	/**
	 * A {@value #WIDTH}×{@value #HEIGHT} plane on [0, 1]: a soft gradient background, a bright and a dark
	 * rectangle (straight edges), three disks, a patch of sinusoidal stripes and a small checkerboard.
	 */
	static float[] sharp() {
		final float[] image = new float[WIDTH * HEIGHT];
		for (int y = 0; y < HEIGHT; y++) {
			for (int x = 0; x < WIDTH; x++) {
				double value = 0.25 + 0.15 * x / WIDTH + 0.05 * y / HEIGHT;
				if (x >= 8 && x < 30 && y >= 6 && y < 30) value = 0.85;
				if (x >= 20 && x < 40 && y >= 50 && y < 72) value = 0.05;
				if (disk(x, y, 55, 20, 10)) value = 0.95;
				if (disk(x, y, 80, 15, 6)) value = 0.1;
				if (disk(x, y, 75, 60, 12)) value = 0.7 - 0.01 * Math.hypot(x - 75, y - 60);
				if (x >= 44 && x < 64 && y >= 40 && y < 76) value = 0.5 + 0.3 * Math.sin(2 * Math.PI * x / 7.0);
				if (x >= 4 && x < 16 && y >= 36 && y < 48) value = ((x / 3 + y / 3) % 2 == 0) ? 0.9 : 0.2;
				image[x + y * WIDTH] = (float) value;
			}
		}
		return image;
	}

	private static boolean disk(final int x, final int y, final int cx, final int cy, final int r) {
		return (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r;
	}

	/** {@code image} blurred as Create Blurred Dataset does: GaussianFilter.forWindow(kernel, sigma). */
	static float[] blur(final float[] image, final int width, final int height, final int kernel,
		final double sigma)
	{
		final float[] blurred = new float[image.length];
		GaussianFilter.forWindow(kernel, sigma).filter(image, width, height, blurred);
		return blurred;
	}

	/** {@code image} plus Gaussian noise of standard deviation {@code std}, from {@code seed}. */
	static float[] addNoise(final float[] image, final double std, final long seed) {
		final Random random = new Random(seed);
		final float[] noisy = new float[image.length];
		for (int i = 0; i < image.length; i++)
			noisy[i] = (float) (image[i] + std * random.nextGaussian());
		return noisy;
	}
}

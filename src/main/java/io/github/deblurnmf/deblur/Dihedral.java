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

/**
 * The 8 symmetries of the pixel grid (the dihedral group: rotations by 0, 90, 180, 270 degrees, each with
 * or without a mirror) applied to an image of {@code channels} planes. Transform {@code k}
 * ({@code 0 ≤ k < 8}): first a mirror about the vertical axis if {@code k ≥ 4}, then {@code k mod 4}
 * quarter turns. Transform 0 is the identity; an odd number of turns swaps width and height. Training
 * draws them as augmentation; {@link #averaged} uses all 8 at test time.
 */
public final class Dihedral {

	/** The number of transforms. */
	public static final int COUNT = 8;

	private Dihedral() {}

	/** A new array holding the square {@code image} (side {@code size}) under transform {@code k}. */
	public static float[] apply(final float[] image, final int channels, final int size, final int k) {
		return apply(image, channels, size, size, k);
	}

	/**
	 * A new array holding {@code image} ({@code width × height}) under transform {@code k}; its width is
	 * {@link #width(int, int, int)}.
	 */
	public static float[] apply(final float[] image, final int channels, final int width, final int height, final int k) {
		check(k);
		final int planeSize = width * height;
		if (image.length != (long) channels * planeSize) {
			throw new IllegalArgumentException("A " + width + "x" + height + " image with " + channels + " channels has " + (long) channels * planeSize
				+ " values, got " + image.length);
		}
		if (k == 0) return image.clone();
		final boolean mirror = k >= 4;
		final int turns = k % 4;
		final int outWidth = width(width, height, k);
		final float[] result = new float[image.length];
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				// Where the source pixel (x, y) goes; a quarter turn of a w × h grid maps (u, v) to (h − 1 − v, u).
				int u = mirror ? width - 1 - x : x;
				int v = y;
				int w = width, h = height;
				for (int t = 0; t < turns; t++) {
					final int turnedU = h - 1 - v;
					v = u;
					u = turnedU;
					final int side = w;
					w = h;
					h = side;
				}
				for (int c = 0; c < channels; c++) result[c * planeSize + v * outWidth + u] = image[c * planeSize + y * width + x];
			}
		}
		return result;
	}

	/** The width of a {@code width × height} image under transform {@code k}. */
	public static int width(final int width, final int height, final int k) {
		check(k);
		return k % 2 == 0 ? width : height;
	}

	/** The transform that undoes {@code k}: quarter turns back; a mirrored transform is its own inverse. */
	public static int inverse(final int k) {
		check(k);
		return k >= 4 ? k : (4 - k) % 4;
	}

	/**
	 * {@code operator} averaged over the 8 transforms (test-time augmentation): each transformed image goes
	 * through {@code operator}, its output is transformed back, and the 8 results are averaged. Eight times
	 * the work; an operator that commutes with the symmetries (a Gaussian deconvolution) is unchanged.
	 */
	public static PlaneOperator averaged(final PlaneOperator operator, final int channels) {
		return PlaneOperator.withSideMultiple(operator.sideMultiple(), (image, width, height) -> {
			final double[] sum = new double[image.length];
			for (int k = 0; k < COUNT; k++) {
				final int w = width(width, height, k), h = width(height, width, k);
				final float[] out = operator.apply(apply(image, channels, width, height, k), w, h);
				final float[] back = apply(out, channels, w, h, inverse(k));
				for (int i = 0; i < sum.length; i++) sum[i] += back[i];
			}
			final float[] mean = new float[image.length];
			for (int i = 0; i < mean.length; i++) mean[i] = (float) (sum[i] / COUNT);
			return mean;
		});
	}

	private static void check(final int k) {
		if (k < 0 || k >= COUNT) throw new IllegalArgumentException("transform must be 0..7, got " + k);
	}
}

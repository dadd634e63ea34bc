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
package io.github.deblurnmf.metrics;

import java.util.Arrays;

/**
 * Separable Gaussian filtering of one plane, computed as {@code scipy.ndimage.gaussian_filter} does it
 * with {@code mode='reflect'}: a 1-D filter along Y, then along X, with weights
 * {@code exp(-x²/2σ²)} for {@code x = -radius..radius}, {@code radius = (int) (truncate·σ + 0.5)},
 * normalized to sum 1. Outside the plane the samples are reflected about the edge, the edge sample
 * repeated (half-sample symmetric: {@code d c b a | a b c d | d c b a}), which is the mode
 * scikit-image's {@code structural_similarity} passes to the filter.
 * <p>
 * Planes are row-major: the sample at {@code (x, y)} is at index {@code x + y·width}.
 * An instance keeps its weights and scratch buffers so that it can be reused for many planes without
 * allocating; it is therefore not thread-safe: use one instance per thread.
 */
public final class GaussianFilter {

	/**
	 * The widest window {@link #forWindow} makes: beyond 8σ a Gaussian's taps weigh less than 1e-14 of
	 * its centre, so a window of 16σ is already exact, and a wider one only costs time (a window of
	 * 100 000 takes over a minute; one near {@code Integer.MAX_VALUE} overflows).
	 */
	public static final int MAX_WINDOW = 4096;

	/** The message for a window outside 1 … {@link #MAX_WINDOW}. */
	public static String windowMessage(final int size) {
		return "kernel must be 1 … " + MAX_WINDOW + " pixels, got " + size + " (taps beyond 8 sigma weigh less than 1e-14: a kernel of 16 sigma is already exact)";
	}

	/** The Gaussian's standard deviation in SSIM (Wang et al. 2004), in pixels. */
	public static final double SSIM_SIGMA = 1.5;

	/** How many σ the kernel reaches in scikit-image's SSIM: radius 5, an 11-tap window. */
	public static final double SSIM_TRUNCATE = 3.5;

	private final double[] weights;
	private final int radius;

	/** The plane after the Y pass. */
	private double[] columnFiltered = new double[0];
	/** One row of the Y pass's sums; then one row padded with its reflection, for the X pass. */
	private double[] rowBuffer = new double[0];
	/** Scratch for the float overload, whose input and output are converted to and from double. */
	private double[] doubleInput = new double[0];
	private double[] doubleOutput = new double[0];

	/**
	 * A filter with standard deviation {@code sigma} (pixels, positive) reaching {@code truncate} standard
	 * deviations on each side, as {@code scipy.ndimage.gaussian_filter(sigma=sigma, truncate=truncate)}.
	 */
	public GaussianFilter(final double sigma, final double truncate) {
		if (!(sigma > 0) || !(truncate >= 0) || Double.isInfinite(sigma * truncate)) {
			throw new IllegalArgumentException("Gaussian filter needs sigma > 0 and truncate >= 0, got sigma "
				+ sigma + " and truncate " + truncate);
		}
		radius = (int) (truncate * sigma + 0.5);
		weights = new double[2 * radius + 1];
		double sum = 0;
		for (int offset = -radius; offset <= radius; offset++) {
			final double weight = Math.exp(-0.5 * offset * offset / (sigma * sigma));
			weights[offset + radius] = weight;
			sum += weight;
		}
		for (int i = 0; i < weights.length; i++)
			weights[i] /= sum;
	}

	/** The filter of SSIM as scikit-image computes it: σ = 1.5, truncate 3.5, 11 taps. */
	public static GaussianFilter forSsim() {
		return new GaussianFilter(SSIM_SIGMA, SSIM_TRUNCATE);
	}

	/**
	 * The blur of a {@code size}-pixel Gaussian window of {@code sigma}, as the seed project's
	 * "kernel 20, sigma 3": taps at −⌊size/2⌋ … +⌊size/2⌋, so an even size gets one tap more (20 → 21
	 * taps) and the blur stays centred instead of shifting the image by half a pixel.
	 */
	public static GaussianFilter forWindow(final int size, final double sigma) {
		if (size < 1 || size > MAX_WINDOW) throw new IllegalArgumentException(windowMessage(size));
		return new GaussianFilter(sigma, (size / 2) / sigma);
	}

	/** How many pixels the kernel reaches on each side of its center. */
	public int radius() {
		return radius;
	}

	/** The normalized weights, from offset {@code -radius} to {@code +radius}. */
	public double[] weights() {
		return weights.clone();
	}

	/**
	 * Filters the {@code width × height} plane {@code src} into {@code dst} (which may be {@code src}),
	 * in double precision.
	 */
	public void filter(final double[] src, final int width, final int height, final double[] dst) {
		checkSizes(src.length, width, height, dst.length);
		final int size = width * height;
		columnFiltered = ensureLength(columnFiltered, size);
		rowBuffer = ensureLength(rowBuffer, Math.max(width, height) + 2 * radius);
		filterColumns(src, width, height);
		filterRows(width, height, dst);
	}

	/**
	 * Filters the {@code width × height} plane {@code src} into {@code dst} (which may be {@code src}).
	 * The sums are taken in double precision; only the result is rounded to float.
	 */
	public void filter(final float[] src, final int width, final int height, final float[] dst) {
		checkSizes(src.length, width, height, dst.length);
		final int size = width * height;
		doubleInput = ensureLength(doubleInput, size);
		doubleOutput = ensureLength(doubleOutput, size);
		for (int i = 0; i < size; i++)
			doubleInput[i] = src[i];
		filter(doubleInput, width, height, doubleOutput);
		for (int i = 0; i < size; i++)
			dst[i] = (float) doubleOutput[i];
	}

	/** The Y pass, into {@link #columnFiltered}: whole rows at a time, so memory is read in order. */
	private void filterColumns(final double[] src, final int width, final int height) {
		final double[] sums = rowBuffer;
		for (int y = 0; y < height; y++) {
			Arrays.fill(sums, 0, width, 0);
			for (int tap = 0; tap < weights.length; tap++) {
				final double weight = weights[tap];
				final int rowStart = reflect(y + tap - radius, height) * width;
				for (int x = 0; x < width; x++)
					sums[x] += weight * src[rowStart + x];
			}
			System.arraycopy(sums, 0, columnFiltered, y * width, width);
		}
	}

	/**
	 * The X pass, from {@link #columnFiltered} into {@code dst}, one reflect-padded row at a time. Tap by
	 * tap over the whole row (not pixel by pixel over the taps) so that the JIT vectorizes the loop; each
	 * pixel still sums its taps in the same order.
	 */
	private void filterRows(final int width, final int height, final double[] dst) {
		final double[] padded = rowBuffer;
		for (int y = 0; y < height; y++) {
			final int rowStart = y * width;
			for (int i = -radius; i < width + radius; i++)
				padded[i + radius] = columnFiltered[rowStart + reflect(i, width)];
			final double first = weights[0];
			for (int x = 0; x < width; x++)
				dst[rowStart + x] = first * padded[x];
			for (int tap = 1; tap < weights.length; tap++) {
				final double weight = weights[tap];
				for (int x = 0; x < width; x++)
					dst[rowStart + x] += weight * padded[x + tap];
			}
		}
	}

	/**
	 * Where scipy's 'reflect' mode takes the sample at {@code index} of a line of {@code length}: the line
	 * and its mirror image repeat with period {@code 2·length}, which also covers kernels longer than the
	 * line.
	 */
	public static int reflect(final int index, final int length) {
		if (index >= 0 && index < length) return index;
		final int period = 2 * length;
		int position = index % period;
		if (position < 0) position += period;
		return position < length ? position : period - 1 - position;
	}

	private static void checkSizes(final int srcLength, final int width, final int height, final int dstLength) {
		if (width <= 0 || height <= 0) {
			throw new IllegalArgumentException("Plane size must be positive, got " + width + "x" + height);
		}
		if ((long) width * height != srcLength || srcLength != dstLength) {
			throw new IllegalArgumentException("A " + width + "x" + height + " plane needs arrays of "
				+ (long) width * height + " values, got " + srcLength + " and " + dstLength);
		}
	}

	private static double[] ensureLength(final double[] buffer, final int length) {
		return buffer.length >= length ? buffer : new double[length];
	}
}

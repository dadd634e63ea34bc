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

import java.util.Locale;

import io.github.deblurnmf.task.UserInputException;

/**
 * A PSF from an image of a point source (a sub-resolution bead, a star): any shape, its background
 * already subtracted. Its values are scaled to sum 1, and its centre, the pixel that a point maps to
 * itself at, is its intensity centroid rounded to a pixel, so a bead need not sit in the middle of its
 * crop. Immutable.
 */
public final class MeasuredPsf extends Psf {

	private final double[] kernel;
	private final int width;
	private final int height;
	private final int centerX;
	private final int centerY;

	private MeasuredPsf(final double[] kernel, final int width, final int height, final int centerX, final int centerY) {
		this.kernel = kernel;
		this.width = width;
		this.height = height;
		this.centerX = centerX;
		this.centerY = centerY;
	}

	/**
	 * The PSF of a {@code width × height} image (row-major).
	 *
	 * @throws UserInputException if a value is not finite or negative, or all are 0
	 */
	public static MeasuredPsf of(final float[] values, final int width, final int height) {
		if (width < 1 || height < 1 || values.length != (long) width * height) {
			throw new IllegalArgumentException("A " + width + "x" + height + " PSF needs " + (long) width * height + " values, got " + values.length);
		}
		double sum = 0, sumX = 0, sumY = 0;
		for (int i = 0; i < values.length; i++) {
			final float v = values[i];
			final int x = i % width, y = i / width;
			UserInputException.require(Float.isFinite(v), "psf must have finite values, found " + v + " at (" + x + ", " + y + ")");
			UserInputException.require(v >= 0, "psf must not be negative (subtract its background and set what is below 0 to 0), found " + v
				+ " at (" + x + ", " + y + ")");
			sum += v;
			sumX += (double) v * x;
			sumY += (double) v * y;
		}
		UserInputException.require(sum > 0, "psf is all 0: it must be an image of a point source");
		final double[] kernel = new double[values.length];
		for (int i = 0; i < values.length; i++)
			kernel[i] = values[i] / sum;
		return new MeasuredPsf(kernel, width, height, (int) Math.round(sumX / sum), (int) Math.round(sumY / sum));
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	/** The centre's column: the intensity centroid, rounded. */
	public int centerX() {
		return centerX;
	}

	public int centerY() {
		return centerY;
	}

	/** The values, summing to 1, row-major ({@code x + y·width}). */
	public double[] kernel() {
		return kernel.clone();
	}

	@Override
	PlaneConvolution on(final int planeWidth, final int planeHeight) {
		return new MirroredConvolution(this, planeWidth, planeHeight);
	}

	@Override
	public String description() {
		return String.format(Locale.ROOT, "a measured PSF, %d×%d, centre (%d, %d)", width, height, centerX, centerY);
	}
}

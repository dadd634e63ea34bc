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

import io.github.deblurnmf.task.UserInputException;

/**
 * The convolution with one {@link Psf} on planes of one size, edges reflected, in a frequency domain
 * where it is a product: what Wiener and Richardson–Lucy deconvolution are made of. Spectra are arrays
 * whose layout belongs to the implementation. Not thread-safe.
 */
abstract class PlaneConvolution {

	final int width;
	final int height;

	PlaneConvolution(final int width, final int height) {
		if (width < 1 || height < 1) {
			throw new IllegalArgumentException("Plane size must be positive, got " + width + "x" + height);
		}
		this.width = width;
		this.height = height;
	}

	final boolean fits(final int planeWidth, final int planeHeight) {
		return planeWidth == width && planeHeight == height;
	}

	/** The spectrum of a {@code width × height} plane, which may be overwritten. */
	abstract double[] spectrum(double[] plane);

	/**
	 * The Wiener filter {@code conj(H) / (|H|² + K)} in the spectrum's layout, with {@code K = 0} at
	 * frequency 0 (where {@code H = 1}), so that the mean passes unchanged.
	 */
	abstract double[] wienerFilter(double noiseToSignal);

	/**
	 * The plane of {@code spectrum · filter}, as floats into {@code out} from {@code offset}; {@code spectrum} is not
	 * changed.
	 */
	abstract void filtered(double[] spectrum, double[] filter, float[] out, int offset);

	/** In place: {@code plane ← PSF ⊛ plane}. */
	abstract void blur(double[] plane);

	/** In place: {@code plane ← PSF ⋆ plane}, the correlation (the adjoint of {@link #blur}). */
	abstract void correlate(double[] plane);

	/** The plane as doubles, after checking its size and that every value is finite. */
	static double[] toDouble(final float[] image, final int width, final int height) {
		return toDouble(image, width, height, new double[image.length]);
	}

	/** {@link #toDouble(float[], int, int)} into {@code plane}, which has {@code width · height} values. */
	static double[] toDouble(final float[] image, final int width, final int height, final double[] plane) {
		if (width < 1 || height < 1) {
			throw new IllegalArgumentException("Plane size must be positive, got " + width + "x" + height);
		}
		if ((long) width * height != image.length) {
			throw new IllegalArgumentException("A " + width + "x" + height + " plane needs " + (long) width * height
				+ " values, got " + image.length);
		}
		for (int i = 0; i < image.length; i++) {
			final float value = image[i];
			if (!Float.isFinite(value)) {
				throw new UserInputException("Deconvolution needs finite pixel values, found " + value + " at ("
					+ i % width + ", " + i / width + ")");
			}
			plane[i] = value;
		}
		return plane;
	}

	static float[] toFloat(final double[] plane) {
		final float[] image = new float[plane.length];
		for (int i = 0; i < plane.length; i++)
			image[i] = (float) plane[i];
		return image;
	}
}

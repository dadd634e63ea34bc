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

import org.jtransforms.fft.DoubleFFT_2D;

/**
 * Convolution of a {@code width × height} plane with a {@link MeasuredPsf} of any shape, its edges
 * reflected (half-sample symmetric), by JTransforms' FFT of the plane mirrored to
 * {@code 2·width × 2·height}.
 * <p>
 * The plane, its mirror images about its right and bottom edges and the mirror of both, repeated, are
 * the plane continued by reflection in every direction; their periodic convolution with the PSF (wrapped
 * onto that period, so of any size) is exactly the reflected-edge blur on the plane's quarter. Unlike
 * {@link ReflectedConvolution}'s DCT, this holds for PSFs that are not symmetric, at four times the pixels
 * and complex spectra (interleaved re, im in rows of {@code 2·width} frequencies).
 */
final class MirroredConvolution extends PlaneConvolution {

	private final int paddedWidth;
	private final int paddedHeight;
	private final DoubleFFT_2D fft;
	/** The PSF's transfer function on the mirrored plane: its origin at the PSF's centre, its values wrapped onto the period. */
	private final double[] transfer;

	MirroredConvolution(final MeasuredPsf psf, final int width, final int height) {
		super(width, height);
		paddedWidth = 2 * width;
		paddedHeight = 2 * height;
		fft = new DoubleFFT_2D(paddedHeight, paddedWidth);
		transfer = new double[2 * paddedWidth * paddedHeight];
		final double[] kernel = psf.kernel();
		for (int y = 0; y < psf.height(); y++) {
			for (int x = 0; x < psf.width(); x++) {
				final int px = Math.floorMod(x - psf.centerX(), paddedWidth), py = Math.floorMod(y - psf.centerY(), paddedHeight);
				transfer[px + py * paddedWidth] += kernel[x + y * psf.width()];
			}
		}
		fft.realForwardFull(transfer);
	}

	@Override
	double[] spectrum(final double[] plane) {
		final double[] mirrored = new double[2 * paddedWidth * paddedHeight];
		for (int y = 0; y < paddedHeight; y++) {
			final int row = (y < height ? y : paddedHeight - 1 - y) * width;
			for (int x = 0; x < paddedWidth; x++)
				mirrored[x + y * paddedWidth] = plane[row + (x < width ? x : paddedWidth - 1 - x)];
		}
		fft.realForwardFull(mirrored);
		return mirrored;
	}

	@Override
	double[] wienerFilter(final double noiseToSignal) {
		final double[] filter = new double[transfer.length];
		for (int i = 0; i < transfer.length; i += 2) {
			final double re = transfer[i], im = transfer[i + 1];
			final double denominator = re * re + im * im + (i == 0 ? 0 : noiseToSignal);
			if (denominator > 0) {
				filter[i] = re / denominator;
				filter[i + 1] = -im / denominator;
			}
		}
		return filter;
	}

	@Override
	void filtered(final double[] spectrum, final double[] filter, final float[] out, final int offset) {
		final double[] product = spectrum.clone();
		multiply(product, filter, false);
		final double[] plane = plane(product);
		for (int i = 0; i < plane.length; i++)
			out[offset + i] = (float) plane[i];
	}

	@Override
	void blur(final double[] plane) {
		final double[] spectrum = spectrum(plane);
		multiply(spectrum, transfer, false);
		System.arraycopy(plane(spectrum), 0, plane, 0, plane.length);
	}

	/**
	 * The exact adjoint of {@link #blur} (mirror, convolve, take the quarter): the plane in the quarter of
	 * a zero plane, correlated with the PSF, and each pixel summed with the three places it was mirrored to.
	 */
	@Override
	void correlate(final double[] plane) {
		final double[] padded = new double[2 * paddedWidth * paddedHeight];
		for (int y = 0; y < height; y++)
			System.arraycopy(plane, y * width, padded, y * paddedWidth, width);
		fft.realForwardFull(padded);
		multiply(padded, transfer, true);
		fft.complexInverse(padded, true);
		for (int y = 0; y < height; y++) {
			final int row = y * paddedWidth, mirroredRow = (paddedHeight - 1 - y) * paddedWidth;
			for (int x = 0; x < width; x++) {
				final int mirroredX = paddedWidth - 1 - x;
				plane[x + y * width] = padded[2 * (row + x)] + padded[2 * (row + mirroredX)] + padded[2 * (mirroredRow + x)]
					+ padded[2 * (mirroredRow + mirroredX)];
			}
		}
	}

	/** In place: {@code spectrum ← spectrum · factor} (or · conj(factor)), complex entry by entry. */
	private static void multiply(final double[] spectrum, final double[] factor, final boolean conjugate) {
		for (int i = 0; i < spectrum.length; i += 2) {
			final double re = spectrum[i], im = spectrum[i + 1];
			final double fr = factor[i], fi = conjugate ? -factor[i + 1] : factor[i + 1];
			spectrum[i] = re * fr - im * fi;
			spectrum[i + 1] = re * fi + im * fr;
		}
	}

	/** The plane's quarter of the inverse transform of {@code spectrum} (overwritten). */
	private double[] plane(final double[] spectrum) {
		fft.complexInverse(spectrum, true);
		final double[] plane = new double[width * height];
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++)
				plane[x + y * width] = spectrum[2 * (x + y * paddedWidth)];
		return plane;
	}
}

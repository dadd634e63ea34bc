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

import io.github.deblurnmf.metrics.GaussianFilter;
import io.github.deblurnmf.task.UserInputException;

/**
 * The point-spread function of the blur that {@code Create Blurred Dataset} applies: a separable
 * Gaussian whose 2-D kernel is the outer product of
 * {@link GaussianFilter#forWindow(int, double) GaussianFilter.forWindow(kernel, sigma)}{@code .weights()}
 * with itself ("kernel 20, sigma 3" = 21×21 centred taps, summing to 1). Images are taken to continue
 * beyond their edges by reflection (half-sample symmetric, scipy's {@code 'reflect'}), as in that blur.
 * Immutable.
 */
public final class GaussianPsf extends Psf {

	/** The seed project's blur window, in pixels (20 → 21 centred taps). */
	public static final int DEFAULT_KERNEL = 20;
	/** The seed project's blur σ, in pixels. */
	public static final double DEFAULT_SIGMA = 3.0;

	private final int kernel;
	private final double sigma;
	private final double[] weights;

	private GaussianPsf(final int kernel, final double sigma) {
		this.kernel = kernel;
		this.sigma = sigma;
		this.weights = GaussianFilter.forWindow(kernel, sigma).weights();
	}

	/** The PSF of a {@code kernel}-pixel window of standard deviation {@code sigma} (pixels). */
	public static GaussianPsf of(final int kernel, final double sigma) {
		UserInputException.require(!Double.isNaN(sigma), "sigma must be a number, got NaN");
		UserInputException.require(sigma > 0, "sigma must be positive (pixels), got " + sigma);
		UserInputException.require(sigma < 1e6, "sigma must be below 1000000 pixels, got " + sigma);
		UserInputException.require(kernel >= 1 && kernel <= GaussianFilter.MAX_WINDOW, GaussianFilter.windowMessage(kernel));
		return new GaussianPsf(kernel, sigma);
	}

	/** The PSF of the default {@value #DEFAULT_KERNEL}-pixel window with standard deviation {@code sigma}. */
	public static GaussianPsf of(final double sigma) {
		return of(DEFAULT_KERNEL, sigma);
	}

	public int kernel() {
		return kernel;
	}

	public double sigma() {
		return sigma;
	}

	/** How many pixels the PSF reaches on each side of its centre ({@code kernel / 2}). */
	public int radius() {
		return weights.length / 2;
	}

	/** The side of the square PSF, {@code 2·radius + 1}. */
	public int size() {
		return weights.length;
	}

	/** The 1-D weights (sum 1, symmetric), from offset {@code -radius} to {@code +radius}. */
	public double[] weights() {
		return weights.clone();
	}

	/**
	 * The 2-D PSF, {@code size × size}, row-major ({@code x + y·size}), centred at
	 * {@code (radius, radius)}: the outer product of {@link #weights()} with itself.
	 */
	public double[] kernel2d() {
		final int n = weights.length;
		final double[] psf = new double[n * n];
		for (int y = 0; y < n; y++)
			for (int x = 0; x < n; x++)
				psf[x + y * n] = weights[y] * weights[x];
		return psf;
	}

	/**
	 * The transfer function of the 1-D blur on a line of {@code length} samples with reflected edges:
	 * entry {@code k} is the eigenvalue of the blur for the {@code k}-th DCT-II basis function,
	 * {@code Σ_j w_j cos(π·k·j / length)}. This is the DFT of the PSF on the period {@code 2·length} of
	 * the reflected line, so it holds for PSFs wider than the line too.
	 */
	double[] reflectedTransfer(final int length) {
		final int radius = radius();
		final double[] transfer = new double[length];
		for (int k = 0; k < length; k++) {
			double sum = weights[radius];
			for (int j = 1; j <= radius; j++)
				sum += 2 * weights[radius + j] * Math.cos(Math.PI * k * (double) j / length);
			transfer[k] = sum;
		}
		return transfer;
	}

	@Override
	PlaneConvolution on(final int width, final int height) {
		return new ReflectedConvolution(this, width, height);
	}

	@Override
	public String description() {
		return "a Gaussian PSF, sigma " + sigma + ", window " + kernel;
	}
}

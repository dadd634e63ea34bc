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

import io.github.deblurnmf.task.TaskCanceledException;
import io.github.deblurnmf.task.TaskMonitor;
import io.github.deblurnmf.task.UserInputException;

/**
 * Richardson–Lucy deconvolution with a {@link Psf}:
 * {@code x ← x · (P ⋆ (y / (P ⊛ x + ε)))} ({@code ⋆}: correlation), starting from {@code x = y}, with the
 * convolutions done in the frequency domain with reflected edges ({@link PlaneConvolution}). The estimate
 * stays non-negative; negative input values (noise around a zero background) are taken as 0. Each
 * iteration keeps the image's total intensity; more iterations sharpen more and amplify noise more.
 * <p>
 * Works on any non-negative scale ({@code ε} is relative to the image's maximum). An instance keeps
 * the transform for the last plane size; not thread-safe.
 */
public final class RichardsonLucy {

	/** The default number of iterations, as the Deblur Image command's {@code iterations}. */
	public static final int DEFAULT_ITERATIONS = 30;

	/** {@code ε} as a fraction of the image's maximum: guards the division where the blurred estimate is 0. */
	private static final double RELATIVE_EPSILON = 1e-12;

	private final Psf psf;
	private final int iterations;
	private PlaneConvolution convolution;

	public RichardsonLucy(final Psf psf, final int iterations) {
		UserInputException.require(iterations >= 0, "Richardson-Lucy iterations must be at least 0, got "
			+ iterations);
		this.psf = psf;
		this.iterations = iterations;
	}

	/** Richardson–Lucy with {@link #DEFAULT_ITERATIONS}. */
	public RichardsonLucy(final Psf psf) {
		this(psf, DEFAULT_ITERATIONS);
	}

	public Psf psf() {
		return psf;
	}

	public int iterations() {
		return iterations;
	}

	/** {@link #deconvolve(float[], int, int, TaskMonitor)} without progress or cancel. */
	public float[] deconvolve(final float[] image, final int width, final int height) {
		return deconvolve(image, width, height, TaskMonitor.NONE);
	}

	/**
	 * The deconvolved {@code width × height} plane (row-major, {@code x + y·width}); {@code image} is not
	 * changed. Reports progress once per iteration and checks for cancel before each.
	 *
	 * @throws UserInputException if a value is NaN or infinite
	 * @throws TaskCanceledException if {@code monitor} was canceled
	 */
	public float[] deconvolve(final float[] image, final int width, final int height, final TaskMonitor monitor) {
		final double[] observed = PlaneConvolution.toDouble(image, width, height);
		double max = 0;
		for (int i = 0; i < observed.length; i++) {
			if (observed[i] < 0) observed[i] = 0;
			max = Math.max(max, observed[i]);
		}
		if (convolution == null || !convolution.fits(width, height)) convolution = psf.on(width, height);
		final double epsilon = max > 0 ? max * RELATIVE_EPSILON : Double.MIN_NORMAL;
		final double[] estimate = observed.clone();
		final double[] work = new double[observed.length];
		for (int iteration = 0; iteration < iterations; iteration++) {
			monitor.checkCanceled();
			System.arraycopy(estimate, 0, work, 0, work.length);
			convolution.blur(work);
			for (int i = 0; i < work.length; i++)
				work[i] = observed[i] / Math.max(work[i], epsilon);
			convolution.correlate(work);
			for (int i = 0; i < work.length; i++)
				estimate[i] = Math.max(0, estimate[i] * work[i]);
			monitor.progress(iteration + 1, iterations, "Richardson-Lucy iteration " + (iteration + 1) + "/"
				+ iterations);
		}
		monitor.checkCanceled();
		return PlaneConvolution.toFloat(estimate);
	}
}

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
 * Wiener deconvolution with a {@link Psf}: in the frequency domain of the reflected image
 * ({@link ReflectedConvolution} for a Gaussian, {@link MirroredConvolution} for a measured PSF),
 * {@code X = conj(H)·Y / (|H|² + K)}, where {@code H} is the PSF's transfer function and {@code K} the
 * noise-to-signal power ratio. Large {@code K} smooths more, small
 * {@code K} sharpens more and amplifies noise. The mean (frequency 0, where {@code H = 1}) is passed
 * unregularized, so the image's overall brightness is kept exactly.
 * <p>
 * Works on any scale of intensities (the result is linear in the input). An instance keeps the
 * transform for the last plane size, so reuse it for many planes of one size; not thread-safe.
 */
public final class WienerDeconvolution {

	/**
	 * The default {@code K}: best PSNR on the synthetic test image blurred by the default PSF with
	 * noise of std 0.01 (on a [0, 1] scale); see README, "Classical deconvolution (core)".
	 */
	public static final double DEFAULT_NOISE_TO_SIGNAL = 1e-3;

	/** The smallest noise-to-signal ratio taken (Deblur Image's minimum for nsr). */
	public static final double MIN_NOISE_TO_SIGNAL = 1e-12;

	private final Psf psf;
	private final double noiseToSignal;
	private PlaneConvolution convolution;
	/** The Wiener filter for {@link #convolution}'s size. */
	private double[] filter;
	/** The last call's other ratios and their filters for {@link #convolution}'s size, reused while both stay the same. */
	private double[] others = new double[0];
	private double[][] otherFilters = new double[0][];
	/** The plane as doubles, transformed in place by {@link ReflectedConvolution}. */
	private double[] plane;

	public WienerDeconvolution(final Psf psf, final double noiseToSignal) {
		this.psf = psf;
		this.noiseToSignal = checked(noiseToSignal);
	}

	/**
	 * {@code noiseToSignal} if it is a valid K: positive and finite.
	 *
	 * @throws UserInputException otherwise
	 */
	public static double checked(final double noiseToSignal) {
		UserInputException.require(!Double.isNaN(noiseToSignal), "nsr (the Wiener noise-to-signal ratio) must be a number, got NaN");
		// K = 0 divides by H² where the PSF's transfer function all but vanishes: values of ±1e8 for an 8-bit image.
		UserInputException.require(noiseToSignal >= MIN_NOISE_TO_SIGNAL && noiseToSignal < Double.POSITIVE_INFINITY,
			"nsr (the Wiener noise-to-signal ratio) must be positive and finite, at least " + MIN_NOISE_TO_SIGNAL
				+ ", e.g. 1e-3 (0 divides by the blur's vanishing frequencies), got " + noiseToSignal);
		return noiseToSignal;
	}

	/** Wiener deconvolution with {@link #DEFAULT_NOISE_TO_SIGNAL}. */
	public WienerDeconvolution(final Psf psf) {
		this(psf, DEFAULT_NOISE_TO_SIGNAL);
	}

	public Psf psf() {
		return psf;
	}

	public double noiseToSignal() {
		return noiseToSignal;
	}

	/**
	 * The deconvolved {@code width × height} plane (row-major, {@code x + y·width}); {@code image} is not
	 * changed.
	 *
	 * @throws UserInputException if a value is NaN or infinite
	 */
	public float[] deconvolve(final float[] image, final int width, final int height) {
		final float[] result = new float[image.length];
		deconvolve(image, width, height, new double[0], result, new int[] { 0 });
		return result;
	}

	/**
	 * The plane deconvolved with this filter's K and then with each of {@code others} (the same PSF), all from
	 * one forward transform, into {@code out}: this filter's result from {@code offsets[0]}, that of
	 * {@code new WienerDeconvolution(psf(), others[i])} from {@code offsets[1 + i]}. Keeps its buffers and filters
	 * for the next plane of the same size, so that a tiled image allocates nothing per tile.
	 *
	 * @throws UserInputException if a value is NaN or infinite, or a K is not {@link #checked valid}
	 */
	public void deconvolve(final float[] image, final int width, final int height, final double[] others, final float[] out,
		final int[] offsets)
	{
		if (offsets.length != 1 + others.length) throw new IllegalArgumentException(offsets.length + " offsets for " + (1 + others.length) + " planes");
		prepare(width, height);
		final double[] spectrum = convolution.spectrum(PlaneConvolution.toDouble(image, width, height, plane));
		convolution.filtered(spectrum, filter, out, offsets[0]);
		final double[][] filters = otherFilters(others);
		for (int i = 0; i < others.length; i++)
			convolution.filtered(spectrum, filters[i], out, offsets[1 + i]);
	}

	private void prepare(final int width, final int height) {
		if (convolution != null && convolution.fits(width, height)) return;
		convolution = psf.on(width, height);
		filter = convolution.wienerFilter(noiseToSignal);
		plane = new double[width * height];
		others = new double[0];
		otherFilters = new double[0][];
	}

	private double[][] otherFilters(final double[] ratios) {
		if (!java.util.Arrays.equals(ratios, others)) {
			final double[][] filters = new double[ratios.length][];
			for (int i = 0; i < ratios.length; i++) filters[i] = convolution.wienerFilter(checked(ratios[i]));
			others = ratios.clone();
			otherFilters = filters;
		}
		return otherFilters;
	}
}

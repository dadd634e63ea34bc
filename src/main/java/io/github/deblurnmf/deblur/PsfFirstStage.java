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
 * The first stage of the PSF-aware network ({@code psf-unet}): Wiener deconvolution of a gray plane with
 * the known Gaussian PSF (in the frequency domain of the reflected plane, {@link WienerDeconvolution}), and
 * the planes the network then sees. Training and prediction both build the network's input here, so they
 * share one code path.
 * <p>
 * Input planes, in order, all on the input's scale ([0, 1] for the network): the Wiener output, the blurred
 * plane itself, when {@code sigmaPlane} is set a constant plane {@code σ / }{@value #SIGMA_SCALE}, and one
 * <em>detail plane</em> per further noise-to-signal ratio: the Wiener output with that (smaller) {@code K}, which
 * keeps frequencies the first one suppresses, with their noise. The network adds its correction to the first plane.
 * The PSF window covers ±4σ ({@link #windowFor}) unless a kernel size is given.
 */
public final class PsfFirstStage {

	/** The sigma plane holds {@code σ / SIGMA_SCALE}: about [0.2, 1] over the trained range 1–5. */
	public static final double SIGMA_SCALE = 5.0;
	/**
	 * The Wiener noise-to-signal ratio of the first stage unless the model says otherwise: on the held-out
	 * photos with noise 0.01 (PhotoTraining) the best K is 0.03, 0.01, 0.003 at σ 1.5, 3, 5 (models/README.md);
	 * this is the middle.
	 */
	public static final double DEFAULT_NOISE_TO_SIGNAL = 1e-2;

	private final GaussianPsf psf;
	private final WienerDeconvolution wiener;
	private final boolean sigmaPlane;
	private final double[] details;

	/**
	 * @param psf the blur's PSF
	 * @param noiseToSignal the Wiener filter's {@code K}
	 * @param sigmaPlane whether a constant {@code σ/5} plane follows the two image planes
	 */
	public PsfFirstStage(final GaussianPsf psf, final double noiseToSignal, final boolean sigmaPlane) {
		this(psf, noiseToSignal, sigmaPlane, new double[0]);
	}

	/**
	 * @param detailNoiseToSignal the {@code K} of each detail plane, after the other planes
	 */
	public PsfFirstStage(final GaussianPsf psf, final double noiseToSignal, final boolean sigmaPlane,
		final double[] detailNoiseToSignal)
	{
		this.psf = psf;
		this.wiener = new WienerDeconvolution(psf, noiseToSignal);
		this.sigmaPlane = sigmaPlane;
		details = detailNoiseToSignal.clone();
		for (final double k : details) WienerDeconvolution.checked(k);
	}

	/** The window (kernel size) that covers ±4σ: {@code 2·ceil(4σ)}, so the PSF has {@code 2·ceil(4σ) + 1} taps. */
	public static int windowFor(final double sigma) {
		UserInputException.require(!Double.isNaN(sigma), "sigma must be a number, got NaN");
		UserInputException.require(sigma > 0, "sigma must be positive (pixels), got " + sigma);
		UserInputException.require(sigma < 1e5, "sigma must be below 100000 pixels, got " + sigma);
		return 2 * (int) Math.ceil(4 * sigma - 1e-9);
	}

	/** The Gaussian PSF of {@code sigma} with window {@code kernel}, or ±4σ when {@code kernel} is 0. */
	public static GaussianPsf psf(final double sigma, final int kernel) {
		UserInputException.require(kernel >= 0, "the PSF kernel size must be 0 (±4 sigma) or positive, got " + kernel);
		return GaussianPsf.of(kernel == 0 ? windowFor(sigma) : kernel, sigma);
	}

	public GaussianPsf psf() {
		return psf;
	}

	/** How many planes {@link #inputs} returns: 2, one more with the sigma plane, and the detail planes. */
	public int planes() {
		return planes(sigmaPlane, details.length);
	}

	public static int planes(final boolean sigmaPlane, final int detailPlanes) {
		return (sigmaPlane ? 3 : 2) + detailPlanes;
	}

	/** The Wiener output of one plane. */
	public float[] deconvolve(final float[] blurred, final int width, final int height) {
		return wiener.deconvolve(blurred, width, height);
	}

	/**
	 * The network's input planes for one blurred gray plane, one after the other ({@link #planes()} ·
	 * {@code width · height} values): Wiener output, the blurred plane, [σ / 5], the detail planes.
	 */
	public float[] inputs(final float[] blurred, final int width, final int height) {
		final float[] result = new float[planes() * width * height];
		inputs(blurred, width, height, result);
		return result;
	}

	/** {@link #inputs(float[], int, int)} into {@code result}, which has room for them; reuses its transforms for planes of one size. */
	public void inputs(final float[] blurred, final int width, final int height, final float[] result) {
		final int plane = width * height;
		final int firstDetail = sigmaPlane ? 3 : 2;
		final int[] offsets = new int[1 + details.length];
		for (int d = 0; d < details.length; d++) offsets[1 + d] = (firstDetail + d) * plane;
		wiener.deconvolve(blurred, width, height, details, result, offsets);
		System.arraycopy(blurred, 0, result, plane, plane);
		if (sigmaPlane) java.util.Arrays.fill(result, 2 * plane, 3 * plane, (float) (psf.sigma() / SIGMA_SCALE));
	}
}

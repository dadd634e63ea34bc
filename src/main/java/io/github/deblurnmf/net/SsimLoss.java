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
package io.github.deblurnmf.net;

import io.github.deblurnmf.metrics.ImageMetrics;
import io.github.deblurnmf.metrics.Ssim;

/**
 * The training loss of one image plane and its gradient with respect to the prediction:
 * {@code loss = MSE(x, y) + w·(1 − SSIM(x, y))}, with {@code x} the prediction, {@code y} the target and
 * SSIM exactly as {@link ImageMetrics#ssim(float[], float[], int, int)} defines it (11×11 Gaussian
 * σ = 1.5, K1 = 0.01, K2 = 0.03, data range 1, reflected edges, the map averaged without its 5-pixel
 * border). Double precision throughout.
 * <p>
 * The SSIM term and its gradient are {@link Ssim}'s.
 * <p>
 * Not thread-safe (scratch planes are reused): one instance per thread.
 */
public final class SsimLoss {

	private final double ssimWeight;
	private final Ssim ssim = new Ssim();

	/** A loss with weight {@code ssimWeight ≥ 0} on the {@code 1 − SSIM} term (0: plain MSE). */
	public SsimLoss(final double ssimWeight) {
		if (!(ssimWeight >= 0) || Double.isInfinite(ssimWeight)) {
			throw new IllegalArgumentException("SSIM weight must be finite and >= 0, got " + ssimWeight);
		}
		this.ssimWeight = ssimWeight;
	}

	public double ssimWeight() {
		return ssimWeight;
	}

	/** The smallest plane side the SSIM term accepts (the 11-pixel window). */
	public int minimumSize() {
		return ssim.minimumSize();
	}

	/**
	 * The loss of prediction {@code x} against target {@code y} ({@code width × height} planes, row-major),
	 * and, if {@code gradient} is not null, its gradient with respect to {@code x} written into it.
	 */
	public double lossAndGradient(final double[] x, final double[] y, final int width, final int height,
		final double[] gradient)
	{
		final int n = width * height;
		if (x.length != n || y.length != n || (gradient != null && gradient.length != n)) {
			throw new IllegalArgumentException("A " + width + "x" + height + " plane needs " + n + " values");
		}
		double mse = 0;
		for (int i = 0; i < n; i++) {
			final double d = x[i] - y[i];
			mse += d * d;
			if (gradient != null) gradient[i] = 2 * d / n;
		}
		mse /= n;
		if (ssimWeight == 0) return mse;
		final double ssim = ssimAndGradient(x, y, width, height, gradient, -ssimWeight);
		return mse + ssimWeight * (1 - ssim);
	}

	/**
	 * Mean SSIM of {@code x} against {@code y}, as {@link ImageMetrics#ssim(float[], float[], int, int)};
	 * if {@code gradient} is not null, adds {@code scale · ∂SSIM/∂x} to it.
	 */
	public double ssimAndGradient(final double[] x, final double[] y, final int width, final int height,
		final double[] gradient, final double scale)
	{
		return ssim.meanAndGradient(x, y, width, height, gradient, scale);
	}
}

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

import org.jtransforms.dct.DoubleDCT_1D;

/**
 * Convolution of a {@code width × height} plane with a {@link GaussianPsf}, its edges reflected
 * (half-sample symmetric), done in the frequency domain by JTransforms.
 * <p>
 * Reflecting a plane about its edges and repeating it gives a {@code 2·width × 2·height} periodic,
 * even image without jumps; convolving that with the (symmetric) PSF by FFT is exactly the reflected-edge
 * blur, with no wrap-around. Its Fourier transform is the plane's orthonormal DCT-II, and the PSF's
 * transfer function on it is real: {@code H(kx, ky) = Hx(kx)·Hy(ky)} ({@link GaussianPsf#reflectedTransfer}).
 * So we transform the plane itself with {@link FastDct2D} — a quarter of the FFT of the padded image —
 * multiply by {@code H} (or a filter of it) and transform back. The PSF is centred at the origin of that
 * transform, so nothing is shifted.
 * <p>
 * One instance per (PSF, size) keeps the transform plan and the transfer function; it is not
 * thread-safe (JTransforms itself uses several threads for large planes).
 */
final class ReflectedConvolution extends PlaneConvolution {

	/** The transform for planes of at least 2×2. */
	private final FastDct2D dct;
	/** The transform for a single row or column of at least 2 samples. */
	private final DoubleDCT_1D lineDct;
	/** {@code H} at {@code kx + ky·width}. */
	private final double[] transfer;
	/** {@link #filtered}'s product and inverse transform. */
	private double[] work;

	ReflectedConvolution(final GaussianPsf psf, final int width, final int height) {
		super(width, height);
		this.dct = width > 1 && height > 1 ? new FastDct2D(width, height) : null;
		this.lineDct = dct == null && width * height > 1 ? new DoubleDCT_1D(width * height) : null;
		final double[] hx = psf.reflectedTransfer(width);
		final double[] hy = psf.reflectedTransfer(height);
		transfer = new double[width * height];
		for (int ky = 0; ky < height; ky++)
			for (int kx = 0; kx < width; kx++)
				transfer[kx + ky * width] = hx[kx] * hy[ky];
	}

	/** In place: plane → frequency domain (orthonormal DCT-II). */
	private void forward(final double[] plane) {
		if (dct != null) dct.forward(plane);
		else if (lineDct != null) lineDct.forward(plane, true);
		// a single pixel is its own transform
	}

	/** In place: frequency domain → plane. */
	private void inverse(final double[] spectrum) {
		if (dct != null) dct.inverse(spectrum);
		else if (lineDct != null) lineDct.inverse(spectrum, true);
	}

	@Override
	double[] spectrum(final double[] plane) {
		forward(plane);
		return plane;
	}

	@Override
	double[] wienerFilter(final double noiseToSignal) {
		final double[] filter = new double[transfer.length];
		for (int i = 0; i < transfer.length; i++) {
			// H is real here: H / (H² + K), 0 where both vanish.
			final double h = transfer[i], denominator = h * h + (i == 0 ? 0 : noiseToSignal);
			filter[i] = denominator > 0 ? h / denominator : 0;
		}
		return filter;
	}

	@Override
	void filtered(final double[] spectrum, final double[] filter, final float[] out, final int offset) {
		// One buffer for every call: the planes of large images would otherwise each be a new large array.
		if (work == null) work = new double[spectrum.length];
		for (int i = 0; i < work.length; i++)
			work[i] = spectrum[i] * filter[i];
		inverse(work);
		for (int i = 0; i < work.length; i++)
			out[offset + i] = (float) work[i];
	}

	@Override
	void blur(final double[] plane) {
		forward(plane);
		for (int i = 0; i < plane.length; i++)
			plane[i] *= transfer[i];
		inverse(plane);
	}

	/** The same as {@link #blur}: a Gaussian is symmetric. */
	@Override
	void correlate(final double[] plane) {
		blur(plane);
	}
}

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

/**
 * Mean SSIM of two planes, and its gradient with respect to the first: the one SSIM computation that
 * {@link ImageMetrics} (Compare Images, validation) and the training loss ({@code net.SsimLoss}) share.
 * SSIM as Wang et al. 2004 and scikit-image: 11×11 Gaussian σ = 1.5 ({@link GaussianFilter#forSsim()}),
 * K1 = 0.01, K2 = 0.03, data range 1, population (co)variances, reflected edges, the map averaged without
 * its 5-pixel border (the border sees reflected pixels). Double precision throughout.
 * <p>
 * <b>Gradient.</b> Per pixel, with {@code m1 = G*x}, {@code m2 = G*x²}, {@code m3 = G*(xy)} and the
 * target's {@code μy = G*y}, {@code σy² = G*y² − μy²}:
 * {@code A = 2·m1·μy + C1}, {@code B = 2(m3 − m1·μy) + C2}, {@code C = m1² + μy² + C1},
 * {@code D = m2 − m1² + σy² + C2}, {@code S = AB / (CD)}, so
 * <pre>
 * ∂S/∂m1 = 2μy(B − A)/(CD) − 2·m1·S·(1/C − 1/D)
 * ∂S/∂m2 = −S/D
 * ∂S/∂m3 = 2A/(CD)
 * </pre>
 * With χ = 1/M inside the cropped window (M pixels) and 0 on the border, the mean's gradient is
 * {@code ∂mean/∂x = Gᵀ*(A1) + x·Gᵀ*(A2) + y·Gᵀ*(A3)} with {@code A1 = χ∂S/∂m1}, {@code A2 = 2χ∂S/∂m2},
 * {@code A3 = χ∂S/∂m3}. {@code Gᵀ} is the transpose of the reflect-padded filter: in the interior it is
 * the same symmetric filter; near the edges the taps that read reflected samples scatter their
 * contributions back onto the pixels they were reflected from ({@link #filterTransposed}).
 * <p>
 * Not thread-safe (scratch planes are reused): one instance per thread.
 */
public final class Ssim {

	private static final double C1 = (ImageMetrics.SSIM_K1 * ImageMetrics.DATA_RANGE)
		* (ImageMetrics.SSIM_K1 * ImageMetrics.DATA_RANGE);
	private static final double C2 = (ImageMetrics.SSIM_K2 * ImageMetrics.DATA_RANGE)
		* (ImageMetrics.SSIM_K2 * ImageMetrics.DATA_RANGE);

	private final GaussianFilter filter = GaussianFilter.forSsim();
	private final double[] weights = filter.weights();
	private final int radius = filter.radius();

	private int width;
	private int height;
	private double[] mx, my, xx, yy, xy, a1, a2, a3, rows, line;

	/** The smallest plane side SSIM accepts (the 11-pixel window). */
	public int minimumSize() {
		return 2 * radius + 1;
	}

	/** Mean SSIM of {@code x} against {@code y}, {@code width × height} planes, row-major. */
	public double mean(final double[] x, final double[] y, final int width, final int height) {
		return meanAndGradient(x, y, width, height, null, 0);
	}

	/**
	 * Mean SSIM of {@code x} against {@code y}, as {@link #mean};
	 * if {@code gradient} is not null, adds {@code scale · ∂SSIM/∂x} to it.
	 */
	public double meanAndGradient(final double[] x, final double[] y, final int width, final int height,
		final double[] gradient, final double scale)
	{
		final int window = minimumSize();
		if (width < window || height < window) {
			throw new IllegalArgumentException("SSIM needs planes of at least " + window + "x" + window + ", got "
				+ width + "x" + height);
		}
		ensureSize(width, height);
		final int n = width * height;
		filter.filter(x, width, height, mx);
		filter.filter(y, width, height, my);
		for (int i = 0; i < n; i++) {
			xx[i] = x[i] * x[i];
			yy[i] = y[i] * y[i];
			xy[i] = x[i] * y[i];
		}
		filter.filter(xx, width, height, xx);
		filter.filter(yy, width, height, yy);
		filter.filter(xy, width, height, xy);

		final int border = radius;
		final long count = (long) (width - 2 * border) * (height - 2 * border);
		final double chi = 1.0 / count;
		if (gradient != null) {
			java.util.Arrays.fill(a1, 0, n, 0);
			java.util.Arrays.fill(a2, 0, n, 0);
			java.util.Arrays.fill(a3, 0, n, 0);
		}
		double sum = 0;
		for (int py = border; py < height - border; py++) {
			for (int px = border; px < width - border; px++) {
				final int i = px + py * width;
				final double m1 = mx[i];
				final double muY = my[i];
				final double varX = xx[i] - m1 * m1;
				final double varY = yy[i] - muY * muY;
				final double cov = xy[i] - m1 * muY;
				final double a = 2 * m1 * muY + C1;
				final double b = 2 * cov + C2;
				final double c = m1 * m1 + muY * muY + C1;
				final double d = varX + varY + C2;
				final double s = (a * b) / (c * d);
				sum += s;
				if (gradient != null) {
					final double cd = c * d;
					a1[i] = chi * (2 * muY * (b - a) / cd - 2 * m1 * s * (1 / c - 1 / d));
					a2[i] = chi * 2 * (-s / d);
					a3[i] = chi * (2 * a / cd);
				}
			}
		}
		if (gradient != null) {
			filterTransposed(a1, width, height);
			filterTransposed(a2, width, height);
			filterTransposed(a3, width, height);
			for (int i = 0; i < n; i++)
				gradient[i] += scale * (a1[i] + x[i] * a2[i] + y[i] * a3[i]);
		}
		return sum / count;
	}

	/**
	 * Applies in place the transpose of {@link GaussianFilter#filter(double[], int, int, double[])} (Y pass,
	 * then X pass, both with reflected edges): the X pass's transpose, then the Y pass's. Each 1-D pass
	 * {@code out[i] = Σ_t w[t]·in[reflect(i + t − r)]} has the transpose
	 * {@code in'[reflect(i + t − r)] += w[t]·out[i]}: scattered into a line padded by {@code r} on each
	 * side, whose margins are then folded back onto the samples they reflect. The loops run tap by tap
	 * over whole rows, so that the JIT vectorizes them.
	 */
	void filterTransposed(final double[] plane, final int width, final int height) {
		// X pass transposed, row by row.
		for (int y = 0; y < height; y++) {
			final int start = y * width;
			java.util.Arrays.fill(line, 0, width + 2 * radius, 0);
			for (int t = 0; t < weights.length; t++) {
				final double weight = weights[t];
				for (int x = 0; x < width; x++)
					line[x + t] += weight * plane[start + x];
			}
			for (int x = 0; x < width; x++)
				plane[start + x] = line[x + radius];
			for (int k = 0; k < radius; k++) {
				plane[start + GaussianFilter.reflect(k - radius, width)] += line[k];
				plane[start + GaussianFilter.reflect(width + k, width)] += line[width + radius + k];
			}
		}
		// Y pass transposed: row y of the pass's output goes, weighted, to the rows it read.
		java.util.Arrays.fill(rows, 0, width * height, 0);
		for (int y = 0; y < height; y++) {
			final int from = y * width;
			for (int t = 0; t < weights.length; t++) {
				final double weight = weights[t];
				final int to = GaussianFilter.reflect(y + t - radius, height) * width;
				for (int x = 0; x < width; x++)
					rows[to + x] += weight * plane[from + x];
			}
		}
		System.arraycopy(rows, 0, plane, 0, width * height);
	}

	private void ensureSize(final int width, final int height) {
		if (width == this.width && height == this.height) return;
		this.width = width;
		this.height = height;
		final int n = width * height;
		mx = new double[n];
		my = new double[n];
		xx = new double[n];
		yy = new double[n];
		xy = new double[n];
		a1 = new double[n];
		a2 = new double[n];
		a3 = new double[n];
		rows = new double[n];
		line = new double[Math.max(width, height) + 2 * radius];
	}
}

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
package io.github.deblurnmf.nmf;

import java.util.SplittableRandom;

/**
 * Starting factors W (column-major m × k) and H (row-major k × n). Seeded with Java's own
 * generator, so the same seed gives the same numbers on any ND4J backend.
 */
final class NmfInitializer {

	/** Oversampling and power iterations of the randomized SVD (Halko et al. 2011; scikit-learn's defaults). */
	private static final int OVERSAMPLING = 10, POWER_ITERATIONS = 2;

	final float[] w, h;

	private NmfInitializer(final float[] w, final float[] h) {
		this.w = w;
		this.h = h;
	}

	static NmfInitializer create(final DenseMatrix a, final double meanA, final NmfOptions options) {
		return options.init == NmfInit.RANDOM ? random(a.m, a.n, meanA, options) : nndsvd(a, meanA, options);
	}

	/** Uniform on [0, 1) times sqrt(mean(A) / k), W first, then H. */
	static NmfInitializer random(final long m, final long n, final double meanA, final NmfOptions options) {
		final int k = options.rank;
		final SplittableRandom random = new SplittableRandom(options.seed);
		final double scale = Math.sqrt(meanA / k);
		final float[] w = new float[(int) m * k], h = new float[k * (int) n];
		for (int i = 0; i < w.length; i++) w[i] = (float) (random.nextDouble() * scale);
		for (int i = 0; i < h.length; i++) h[i] = (float) (random.nextDouble() * scale);
		return new NmfInitializer(w, h);
	}

	/**
	 * The products with A that NNDSVD takes: A·F (F column-major n × cols) or Aᵀ·F (F column-major
	 * m × cols), column-major, in double. The Spark runner supplies them for an A spread over executors.
	 */
	interface Products {
		double[] multiply(float[] f, int rows, int cols, boolean transpose);
	}

	/** NNDSVD of Boutsidis and Gallopoulos (2008), zeros then filled with values below mean(A) / 100 ("nndsvdar"). */
	static NmfInitializer nndsvd(final DenseMatrix a, final double meanA, final NmfOptions options) {
		return nndsvd(a.m, a.n, (f, rows, cols, transpose) -> toDouble(transpose ? a.transposeTimes(f, cols, new float[a.n * cols])
			: a.times(f, cols, new float[a.m * cols])), meanA, options);
	}

	/** {@link #nndsvd(DenseMatrix, double, NmfOptions)} of an m × n matrix known by its products. */
	static NmfInitializer nndsvd(final int m, final int n, final Products a, final double meanA, final NmfOptions options) {
		final int k = options.rank;
		final int l = Math.min(k + OVERSAMPLING, Math.min(m, n));
		final SplittableRandom random = new SplittableRandom(options.seed);

		// Range finder: Q (m × l) with orthonormal columns spanning A·Ω, refined by power iterations.
		// Columns are kept as separate arrays, so that the loops over them vectorize.
		final float[] omega = new float[n * l];
		for (int i = 0; i < omega.length; i++) omega[i] = (float) gaussian(random);
		double[][] q = orthonormalize(columns(a.multiply(omega, n, l, false), m, l));
		for (int p = 0; p < POWER_ITERATIONS; p++) {
			final double[][] z = orthonormalize(columns(a.multiply(toFloat(q, m), m, l, true), n, l));
			q = orthonormalize(columns(a.multiply(toFloat(z, n), n, l, false), m, l));
		}
		// B = QᵀA (l × n), stored as Bᵀ = AᵀQ (n × l, by columns). SVD of B from the eigen-pairs of BBᵀ.
		final double[][] bt = columns(a.multiply(toFloat(q, m), m, l, true), n, l);
		final double[] bbt = new double[l * l];
		for (int i = 0; i < l; i++) {
			for (int j = i; j < l; j++) {
				final double s = dot(bt[i], bt[j]);
				bbt[i * l + j] = s;
				bbt[j * l + i] = s;
			}
		}
		final SymmetricEigen eigen = new SymmetricEigen(bbt, l);

		final float[] w = new float[m * k], h = new float[k * n];
		final double[] u = new double[m], v = new double[n];
		for (int j = 0; j < k && j < l; j++) {
			final double sigma = Math.sqrt(Math.max(eigen.values[j], 0));
			if (sigma <= 1e-12 * Math.sqrt(Math.max(eigen.values[0], 0))) continue;
			// u = Q·e_j, v = Bᵀ·e_j / σ
			java.util.Arrays.fill(u, 0);
			java.util.Arrays.fill(v, 0);
			for (int c = 0; c < l; c++) {
				final double e = eigen.vectors[c * l + j];
				axpy(u, e, q[c]);
				axpy(v, e / sigma, bt[c]);
			}
			splitSigns(u, v, sigma, j == 0, w, j * m, h, j * n);
		}
		// Zeros filled with small random values: multiplicative updates could never move a zero, and
		// filling with mean(A) (scikit-learn's nndsvda) starts much further away on low-rank data (docs/history.md).
		final double small = meanA / 100;
		for (int i = 0; i < w.length; i++) if (w[i] == 0) w[i] = (float) (small * random.nextDouble());
		for (int i = 0; i < h.length; i++) if (h[i] == 0) h[i] = (float) (small * random.nextDouble());
		return new NmfInitializer(w, h);
	}

	/**
	 * Keeps the dominant sign pattern of one singular pair: u₊v₊ᵀ or u₋v₋ᵀ, whichever has the larger
	 * norm product, scaled to carry σ. The first pair is non-negative up to sign (Perron–Frobenius).
	 */
	private static void splitSigns(final double[] u, final double[] v, final double sigma, final boolean first,
		final float[] w, final int wOff, final float[] h, final int hOff)
	{
		if (first) {
			final double s = Math.sqrt(sigma);
			for (int i = 0; i < u.length; i++) w[wOff + i] = (float) (s * Math.abs(u[i]));
			for (int i = 0; i < v.length; i++) h[hOff + i] = (float) (s * Math.abs(v[i]));
			return;
		}
		final double up = positiveNorm(u, 1), un = positiveNorm(u, -1), vp = positiveNorm(v, 1), vn = positiveNorm(v, -1);
		final double sign, norm, nu, nv;
		if (up * vp >= un * vn) { sign = 1; norm = up * vp; nu = up; nv = vp; }
		else { sign = -1; norm = un * vn; nu = un; nv = vn; }
		if (norm == 0) return;
		final double s = Math.sqrt(sigma * norm);
		for (int i = 0; i < u.length; i++) w[wOff + i] = (float) (s * Math.max(sign * u[i], 0) / nu);
		for (int i = 0; i < v.length; i++) h[hOff + i] = (float) (s * Math.max(sign * v[i], 0) / nv);
	}

	private static double positiveNorm(final double[] x, final int sign) {
		double s = 0;
		for (final double value : x) {
			final double p = Math.max(sign * value, 0);
			s += p * p;
		}
		return Math.sqrt(s);
	}

	private static double[] toDouble(final float[] x) {
		final double[] out = new double[x.length];
		for (int i = 0; i < x.length; i++) out[i] = x[i];
		return out;
	}

	/** Modified Gram–Schmidt, twice for stability ("twice is enough"), in place. */
	private static double[][] orthonormalize(final double[][] x) {
		for (int pass = 0; pass < 2; pass++) {
			for (int j = 0; j < x.length; j++) {
				final double[] xj = x[j];
				for (int p = 0; p < j; p++) axpy(xj, -dot(x[p], xj), x[p]);
				final double norm = Math.sqrt(dot(xj, xj));
				final double inverse = norm > 1e-300 ? 1 / norm : 0;
				for (int i = 0; i < xj.length; i++) xj[i] *= inverse;
			}
		}
		return x;
	}

	/** y ← y + s·x. */
	private static void axpy(final double[] y, final double s, final double[] x) {
		for (int i = 0; i < y.length; i++) y[i] += s * x[i];
	}

	/** Σ x·y with four partial sums. */
	private static double dot(final double[] x, final double[] y) {
		double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
		int i = 0;
		for (; i + 3 < x.length; i += 4) {
			s0 += x[i] * y[i];
			s1 += x[i + 1] * y[i + 1];
			s2 += x[i + 2] * y[i + 2];
			s3 += x[i + 3] * y[i + 3];
		}
		for (; i < x.length; i++) s0 += x[i] * y[i];
		return (s0 + s1) + (s2 + s3);
	}

	/** The columns of a column-major rows × cols matrix as separate arrays. */
	private static double[][] columns(final double[] x, final int rows, final int cols) {
		final double[][] out = new double[cols][];
		for (int j = 0; j < cols; j++) out[j] = java.util.Arrays.copyOfRange(x, j * rows, (j + 1) * rows);
		return out;
	}

	/** Columns back to one column-major float matrix. */
	private static float[] toFloat(final double[][] columns, final int rows) {
		final float[] f = new float[columns.length * rows];
		for (int j = 0; j < columns.length; j++) {
			final double[] c = columns[j];
			for (int i = 0; i < rows; i++) f[j * rows + i] = (float) c[i];
		}
		return f;
	}

	private static double gaussian(final SplittableRandom random) {
		// Box–Muller; SplittableRandom has no nextGaussian in Java 11.
		final double u1 = 1 - random.nextDouble(), u2 = random.nextDouble();
		return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
	}
}

package io.github.deblurnmf.nmf;

import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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

	static NmfInitializer create(final INDArray a, final double meanA, final NmfOptions options) {
		return options.init == NmfInit.RANDOM ? random(a.rows(), a.columns(), meanA, options) : nndsvd(a, meanA, options);
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
	static NmfInitializer nndsvd(final INDArray a, final double meanA, final NmfOptions options) {
		return nndsvd((int) a.rows(), (int) a.columns(), (f, rows, cols, transpose) -> multiply(a, f, rows, cols, transpose), meanA, options);
	}

	/** {@link #nndsvd(INDArray, double, NmfOptions)} of an m × n matrix known by its products. */
	static NmfInitializer nndsvd(final int m, final int n, final Products a, final double meanA, final NmfOptions options) {
		final int k = options.rank;
		final int l = Math.min(k + OVERSAMPLING, Math.min(m, n));
		final SplittableRandom random = new SplittableRandom(options.seed);

		// Range finder: Q (m × l) with orthonormal columns spanning A·Ω, refined by power iterations.
		final float[] omega = new float[n * l];
		for (int i = 0; i < omega.length; i++) omega[i] = (float) gaussian(random);
		double[] q = orthonormalize(a.multiply(omega, n, l, false), m, l);
		for (int p = 0; p < POWER_ITERATIONS; p++) {
			final double[] z = orthonormalize(a.multiply(toFloat(q), m, l, true), n, l);
			q = orthonormalize(a.multiply(toFloat(z), n, l, false), m, l);
		}
		// B = QᵀA (l × n), stored as Bᵀ = AᵀQ (column-major n × l). SVD of B from the eigen-pairs of BBᵀ.
		final double[] bt = a.multiply(toFloat(q), m, l, true);
		final double[] bbt = new double[l * l];
		for (int i = 0; i < l; i++) {
			for (int j = i; j < l; j++) {
				double s = 0;
				for (int r = 0; r < n; r++) s += bt[i * n + r] * bt[j * n + r];
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
				for (int i = 0; i < m; i++) u[i] += q[c * m + i] * e;
				for (int i = 0; i < n; i++) v[i] += bt[c * n + i] * e / sigma;
			}
			splitSigns(u, v, sigma, j == 0, w, j * m, h, j * n);
		}
		// Zeros filled with small random values: multiplicative updates could never move a zero, and
		// filling with mean(A) (scikit-learn's nndsvda) starts 15× further away on low-rank data.
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

	/** A·F (F column-major n × cols) or Aᵀ·F (F column-major m × cols); column-major result in double. */
	private static double[] multiply(final INDArray a, final float[] f, final int rows, final int cols, final boolean transpose) {
		final INDArray factor = Nd4j.create(f, new long[] { rows, cols }, 'f');
		final INDArray result = Nd4j.createUninitialized(DataType.FLOAT, new long[] { transpose ? a.columns() : a.rows(), cols }, 'f');
		Nd4j.gemm(a, factor, result, transpose, false, 1.0, 0.0);
		final float[] r = result.data().asFloat();
		final double[] out = new double[r.length];
		for (int i = 0; i < r.length; i++) out[i] = r[i];
		return out;
	}

	/** Modified Gram–Schmidt, twice for stability ("twice is enough"); columns of a column-major rows × cols. */
	private static double[] orthonormalize(final double[] x, final int rows, final int cols) {
		for (int pass = 0; pass < 2; pass++) {
			for (int j = 0; j < cols; j++) {
				final int oj = j * rows;
				for (int p = 0; p < j; p++) {
					final int op = p * rows;
					double dot = 0;
					for (int i = 0; i < rows; i++) dot += x[op + i] * x[oj + i];
					for (int i = 0; i < rows; i++) x[oj + i] -= dot * x[op + i];
				}
				double norm = 0;
				for (int i = 0; i < rows; i++) norm += x[oj + i] * x[oj + i];
				norm = Math.sqrt(norm);
				for (int i = 0; i < rows; i++) x[oj + i] = norm > 1e-300 ? x[oj + i] / norm : 0;
			}
		}
		return x;
	}

	private static float[] toFloat(final double[] x) {
		final float[] f = new float[x.length];
		for (int i = 0; i < x.length; i++) f[i] = (float) x[i];
		return f;
	}

	private static double gaussian(final SplittableRandom random) {
		// Box–Muller; SplittableRandom has no nextGaussian in Java 11.
		final double u1 = 1 - random.nextDouble(), u2 = random.nextDouble();
		return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
	}
}

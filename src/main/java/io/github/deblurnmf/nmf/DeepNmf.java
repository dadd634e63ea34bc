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

import io.github.deblurnmf.task.TaskMonitor;
import io.github.deblurnmf.task.UserInputException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Deep NMF, A ≈ W1·W2···Wk·H with layer sizes d1 > d2 > … > dk (Trigeorgis et al. 2014).
 * <p>
 * Layer 1 is a plain NMF A ≈ W1·H1 with the chosen algorithm. Each further layer splits the
 * previous coefficients, H(i−1) ≈ Wi·Hi: it starts from their NNDSVD (or random) factors but is
 * fitted in A's own metric, min ‖A − L·Wi·Hi‖ with L = W1···W(i−1) fixed. Fine-tuning then
 * updates W1, …, Wk, H in turn, each with the others fixed. Every update is an exact minimization
 * over a block (HALS for W1 and H) or a coordinate (coordinate descent for the middle factors),
 * so the error never increases; should round-off make it rise, fine-tuning stops and returns the
 * best factors. Between iterations, each Wi's columns are put on unit norm and their scale moved
 * into the next factor, which leaves the product unchanged and keeps the scales from drifting.
 * <p>
 * The error history covers all phases and always measures ‖A − W1···Wi·Hi‖_F against A. Apart
 * from the products with A ({@link DenseMatrix}), everything is computed in Java doubles.
 */
public final class DeepNmf {

	/** Inner sweeps per update of a small factor (everything but W1 is small). */
	private static final int SMALL_SWEEPS = 3;
	/** A rise of the (exactly measured) error beyond this fraction is no longer round-off: fine-tuning stops. */
	private static final double RISE = 1e-6;

	private DeepNmf() {}

	/** Parses {@code "64,32,16"}; throws {@link UserInputException} unless the sizes are positive and decreasing. */
	public static int[] parseLayers(final String text) {
		// -1: a trailing comma is an empty entry, refused like one between two numbers
		final String[] parts = text.trim().split("\\s*[,;\\s]\\s*", -1);
		final int[] layers = new int[parts.length];
		for (int i = 0; i < parts.length; i++) {
			try {
				layers[i] = Integer.parseInt(parts[i]);
			}
			catch (final NumberFormatException e) {
				throw new UserInputException("layers must be whole numbers separated by commas, like 64,32,16; got '" + text + "'");
			}
		}
		checkLayers(layers);
		return layers;
	}

	/** What the rank checks call the first layer's size, which is deep NMF's rank. */
	public static final String FIRST_LAYER = "the first of layers";

	static void checkLayers(final int[] layers) {
		UserInputException.require(layers.length >= 1, "layers is empty");
		for (int i = 0; i < layers.length; i++) {
			UserInputException.require(layers[i] >= 1, "layer sizes must be at least 1: " + Arrays.toString(layers));
			UserInputException.require(i == 0 || layers[i] < layers[i - 1],
				"layer sizes must decrease, like 64,32,16: got " + Arrays.toString(layers));
		}
	}

	public static DeepNmfResult factorize(final INDArray input, final int[] layers, final NmfOptions options, final TaskMonitor monitor) {
		checkLayers(layers);
		options.check();
		UserInputException.require(options.loss == NmfLoss.FROBENIUS, "deep NMF (layers) minimizes the frobenius loss only, got loss=" + options.loss.key());
		UserInputException.require(!options.regularized(), "deep NMF (layers) takes no alphaw or alphah");
		final Nmf.Matrix matrix = Nmf.Matrix.of(input);
		Nmf.checkRank(FIRST_LAYER, layers[0], matrix.m, matrix.n);
		// As in Nmf.factorize: the run sees A·s with its maximum on [1/4, 1); H takes 1/s back.
		final double s = Nmf.Matrix.unitScale(matrix.values);
		return new DeepNmf.Run(matrix.times(s), s, layers, options, monitor).run();
	}

	/** One factorization: the factors, the error history and the products with A. */
	private static final class Run {

		private final Nmf.Matrix a;
		/** A was multiplied by this. */
		private final double scale;
		private final int[] d;
		private final int m, n, k;
		private final NmfOptions options;
		private final TaskMonitor monitor;
		private final long start = System.nanoTime();
		private final List<ErrorRecord> history = new ArrayList<>();
		private final List<Integer> phaseStarts = new ArrayList<>();

		/** W1, column-major m × d1. */
		private float[] w1;
		/** W2 … Wk, row-major d(i−1) × di. */
		private final List<double[]> middle = new ArrayList<>();
		/** H, row-major dk × n (during pretraining of layer i: Hi, di × n). */
		private float[] h;

		/** A for the products with W1 (d1 wide). */
		private final DenseMatrix dense;
		private final float[] gFloat, arFloat, tmp;

		Run(final Nmf.Matrix a, final double scale, final int[] layers, final NmfOptions options, final TaskMonitor monitor) {
			this.a = a;
			this.scale = scale;
			this.d = layers;
			this.m = a.m;
			this.n = a.n;
			this.k = layers.length;
			this.options = options;
			this.monitor = monitor;
			final int d1 = layers[0];
			dense = a.dense(d1, DenseMatrix.Backend.AUTO);
			gFloat = new float[n * d1];
			arFloat = new float[m * d1];
			tmp = new float[Math.max(m, n)];
		}

		DeepNmfResult run() {
			final int stages = k + 1;
			phaseStarts.add(0);
			pretrainFirst(TaskMonitor.part(monitor, 0, stages));
			for (int i = 1; i < k; i++) {
				phaseStarts.add(history.size());
				pretrain(i, TaskMonitor.part(monitor, i, stages));
			}
			phaseStarts.add(history.size());
			fineTune(TaskMonitor.part(monitor, k, stages));
			return result();
		}

		private void pretrainFirst(final TaskMonitor stage) {
			final NmfOptions layer = options.copy().rank(d[0]);
			final NmfInitializer init = NmfInitializer.create(dense, a.mean(), layer);
			new NmfSolver(dense, a.values, a.norm2, layer, stage, null).solve(init.w, init.h, start, 0,
				(iteration, w, hh, error) -> record(iteration, error));
			w1 = init.w;
			h = init.h;
		}

		/** Layer i (0-based, i ≥ 1): H(i−1) ≈ X·Y fitted in A's metric with L = W1···W(i−1) fixed. */
		private void pretrain(final int i, final TaskMonitor stage) {
			final int p = d[i - 1], q = d[i];
			float max = 0;
			for (final float v : h) max = Math.max(max, v);
			UserInputException.require(max > 0, "Layer " + i + " of deep NMF came out all zero; use smaller layers");
			final Nmf.Matrix previous = Nmf.Matrix.of(Nd4j.create(h, new long[] { p, n }, 'c'));
			final NmfInitializer init = NmfInitializer.create(previous.dense(q, DenseMatrix.Backend.AUTO), previous.mean(), options.copy().rank(q));
			final double[] x = new double[p * q];
			for (int r = 0; r < p; r++) {
				for (int c = 0; c < q; c++) x[r * q + c] = init.w[c * p + r];
			}
			final float[] y = init.h;

			// G = LᵀA (p × n) and S = LᵀL (p × p): all that the error and the updates need of A.
			final double[][] gs = leftProducts(i);
			final double[] g = gs[0], s = gs[1];
			// The initialization fits H(i−1), not A through L: scaled by its best factor, it starts
			// no worse than zero factors.
			final double[] xy = multiply(x, p, q, toDouble(y), n);
			final double cross = dot(g, xy), quad = dot(multiply(s, p, p, xy, n), xy);
			if (quad > 0 && cross > 0) scale(y, cross / quad);
			double error = errorOf(g, s, x, p, q, y);
			int iteration = lastIteration() + 1;
			record(iteration, error);
			final StoppingRule stop = new StoppingRule(options.tolerance);
			stop.converged(error);
			final float[][] rows = new float[q][n];
			for (int it = 1; it <= options.iterations; it++) {
				stage.checkCanceled();
				// Y ← argmin with X fixed: HALS with XᵀSX and XᵀG.
				NmfUpdates.hals(y, toFloat(transposeMultiply(x, p, q, g, n)), congruence(s, x, p, q), q, n, SMALL_SWEEPS, tmp, rows);
				// X ← argmin with Y fixed: coordinate descent with S, YYᵀ and G·Yᵀ.
				final double[] yd = toDouble(y), t = gram(yd, q, n), gy = multiplyTransposed(g, p, n, yd, q);
				coordinateDescent(x, p, q, s, t, gy);
				error = Math.sqrt(Math.max(0, a.norm2 - 2 * dot(gy, x) + dot(multiply(multiply(s, p, p, x, q), p, q, t, q), x)));
				balance(x, p, q, y, n);
				record(++iteration, error);
				stage.progress(it, options.iterations, String.format(Locale.ROOT,
					"Deep NMF layer %d/%d: iteration %d/%d, relative error %.5f", i + 1, k, it, options.iterations, error / Math.sqrt(a.norm2)));
				if (stop.converged(error)) break;
			}
			middle.add(x);
			h = y;
		}

		private void fineTune(final TaskMonitor stage) {
			normalizeChain();
			double error = history.get(history.size() - 1).frobenius, best = error;
			Snapshot bestFactors = new Snapshot();
			int iteration = lastIteration();
			final int d1 = d[0], dk = d[k - 1];
			final float[][] rows = new float[Math.max(d1, dk)][Math.max(m, n)];
			final StoppingRule stop = new StoppingRule(options.tolerance);
			stop.converged(error);
			for (int it = 1; it <= options.iterations; it++) {
				stage.checkCanceled();
				// W1 ← HALS with R = W2···Wk·H: A·Rᵀ and R·Rᵀ.
				final double[] hd = toDouble(h);
				final double[] rd = multiply(chain(1, k), d1, dk, hd, n);
				final float[] r = toFloat(rd);
				dense.times(r, d1, arFloat);
				NmfUpdates.hals(w1, arFloat, gram(rd, d1, n), d1, m, 1, tmp, rows);
				// G = W1ᵀA and S = W1ᵀW1 for everything after W1.
				final double[] g = toDouble(dense.transposeTimes(w1, d1, gFloat));
				final double[] s = columnGram(w1, m, d1);
				// Wi ← coordinate descent with L = W1···W(i−1), R = W(i+1)···Wk·H.
				for (int i = 1; i < k; i++) {
					final int p = d[i - 1], q = d[i];
					final double[] left = chain(1, i); // W2···W(i−1), d1 × p
					final double[] gi = transposeMultiply(left, d1, p, g, n), si = congruence(s, left, d1, p);
					final double[] ri = multiply(chain(i + 1, k), q, dk, hd, n);
					coordinateDescent(middle.get(i - 1), p, q, si, gram(ri, q, n), multiplyTransposed(gi, p, n, ri, q));
				}
				// H ← HALS with B = W1···Wk: BᵀA = PᵀG and BᵀB = PᵀSP for P = W2···Wk.
				final double[] pk = chain(1, k);
				final double[] rhs = transposeMultiply(pk, d1, dk, g, n), bb = congruence(s, pk, d1, dk);
				NmfUpdates.hals(h, toFloat(rhs), bb, dk, n, SMALL_SWEEPS, tmp, rows);
				// The error of the chain, on the residual itself: from the products (‖A‖² − 2⟨PᵀG, H⟩ +
				// ⟨BᵀB, HHᵀ⟩) it carries the float round-off of G = W1ᵀA, about 2⁻²⁴·‖A‖²/‖A − WH‖²
				// relative (3e-4 on DeepNmfTest's data), far above the rises it must tell from descent.
				error = Math.sqrt(NmfUpdates.residual2(a.values, m, n, w1, multiply(pk, d1, dk, toDouble(h), n), d1));
				normalizeChain();
				if (error > best * (1 + RISE)) {
					bestFactors.restore();
					break;
				}
				record(++iteration, error);
				if (error < best) {
					best = error;
					bestFactors = new Snapshot();
				}
				stage.progress(it, options.iterations, String.format(Locale.ROOT,
					"Deep NMF fine-tuning: iteration %d/%d, relative error %.5f", it, options.iterations, error / Math.sqrt(a.norm2)));
				if (stop.converged(error)) break;
			}
		}

		/** G = LᵀA and S = LᵀL for L = W1···Wi (i ≥ 1 factors), from W1ᵀA by one product with A. */
		private double[][] leftProducts(final int factors) {
			final int d1 = d[0], p = d[factors - 1];
			final double[] g1 = toDouble(dense.transposeTimes(w1, d1, gFloat));
			final double[] s1 = columnGram(w1, m, d1);
			if (factors == 1) return new double[][] { g1, s1 };
			final double[] left = chain(1, factors);
			return new double[][] { transposeMultiply(left, d1, p, g1, n), congruence(s1, left, d1, p) };
		}

		/** W(from+1)···W(to) of the middle factors (0-based layer indices), d(from−1) × d(to−1); identity when empty. */
		private double[] chain(final int from, final int to) {
			final int rows = d[from - 1];
			double[] p = identity(rows);
			int cols = rows;
			for (int i = from; i < to; i++) {
				p = multiply(p, rows, cols, middle.get(i - 1), d[i]);
				cols = d[i];
			}
			return p;
		}

		/**
		 * Puts the columns of W1, …, Wk on unit norm, moving each scale into the matching row of the
		 * next factor (the last into H); a zero column stays zero.
		 */
		private void normalizeChain() {
			final int d1 = d[0];
			for (int j = 0; j < d1; j++) {
				double norm = 0;
				for (int i = 0; i < m; i++) norm += (double) w1[j * m + i] * w1[j * m + i];
				norm = Math.sqrt(norm);
				if (norm == 0) continue;
				for (int i = 0; i < m; i++) w1[j * m + i] = (float) (w1[j * m + i] / norm);
				scaleRow(k == 1 ? null : middle.get(0), j, d.length > 1 ? d[1] : n, norm);
			}
			for (int i = 1; i < k; i++) {
				final double[] x = middle.get(i - 1);
				final int p = d[i - 1], q = d[i];
				for (int c = 0; c < q; c++) {
					double norm = 0;
					for (int r = 0; r < p; r++) norm += x[r * q + c] * x[r * q + c];
					norm = Math.sqrt(norm);
					if (norm == 0) continue;
					for (int r = 0; r < p; r++) x[r * q + c] /= norm;
					scaleRow(i + 1 < k ? middle.get(i) : null, c, i + 1 < k ? d[i + 1] : n, norm);
				}
			}
		}

		/** Row j of the middle factor {@code next}, or of H when it is null, times {@code factor}. */
		private void scaleRow(final double[] next, final int j, final int cols, final double factor) {
			if (next != null) {
				for (int c = 0; c < cols; c++) next[j * cols + c] *= factor;
			}
			else {
				for (int c = 0; c < n; c++) h[j * n + c] = (float) (h[j * n + c] * factor);
			}
		}

		private double errorOf(final double[] g, final double[] s, final double[] x, final int p, final int q, final float[] y) {
			final double[] xy = multiply(x, p, q, toDouble(y), n);
			return Math.sqrt(Math.max(0, a.norm2 - 2 * dot(g, xy) + dot(multiply(s, p, p, xy, n), xy)));
		}

		private int lastIteration() {
			return history.get(history.size() - 1).iteration;
		}

		private void record(final int iteration, final double frobenius) {
			history.add(new ErrorRecord(iteration, frobenius, frobenius / Math.sqrt(a.norm2), NmfSolver.millisSince(start)));
		}

		private DeepNmfResult result() {
			final List<INDArray> weights = new ArrayList<>();
			weights.add(Nd4j.create(w1.clone(), new long[] { m, d[0] }, 'f'));
			for (int i = 1; i < k; i++) weights.add(Nd4j.create(toFloat(middle.get(i - 1)), new long[] { d[i - 1], d[i] }, 'c'));
			final float[] hInUnits = h.clone();
			for (int i = 0; i < hInUnits.length; i++) hInUnits[i] /= scale;
			return new DeepNmfResult(weights, Nd4j.create(hInUnits, new long[] { d[k - 1], n }, 'c'), Nmf.unscale(history, scale, NmfLoss.FROBENIUS),
				phaseStarts);
		}

		/** A copy of all factors, to return the best ones. */
		private final class Snapshot {

			private final float[] w1Copy = w1.clone(), hCopy = h.clone();
			private final List<double[]> middleCopy = new ArrayList<>();
			private final int records = history.size();

			Snapshot() {
				for (final double[] x : middle) middleCopy.add(x.clone());
			}

			void restore() {
				System.arraycopy(w1Copy, 0, w1, 0, w1.length);
				System.arraycopy(hCopy, 0, h, 0, h.length);
				for (int i = 0; i < middle.size(); i++) System.arraycopy(middleCopy.get(i), 0, middle.get(i), 0, middleCopy.get(i).length);
				history.subList(records, history.size()).clear();
			}
		}
	}

	/**
	 * Coordinate descent for min ‖A − L·X·R‖² over X ≥ 0 (p × q), given S = LᵀL, T = R·Rᵀ and
	 * M = LᵀA·Rᵀ: each X_ab in turn is set to its exact minimizer max(0, X_ab − ∇_ab / (S_aa T_bb)),
	 * with ∇ = S·X·T − M kept current through Z = S·X.
	 */
	static void coordinateDescent(final double[] x, final int p, final int q, final double[] s, final double[] t, final double[] mm) {
		final double[] z = multiply(s, p, p, x, q);
		for (int sweep = 0; sweep < SMALL_SWEEPS; sweep++) {
			for (int r = 0; r < p; r++) {
				for (int c = 0; c < q; c++) {
					final double curvature = s[r * p + r] * t[c * q + c];
					if (curvature <= 0) continue;
					double gradient = -mm[r * q + c];
					for (int l = 0; l < q; l++) gradient += z[r * q + l] * t[l * q + c];
					final double old = x[r * q + c], updated = Math.max(0, old - gradient / curvature), delta = updated - old;
					if (delta == 0) continue;
					x[r * q + c] = updated;
					for (int l = 0; l < p; l++) z[l * q + c] += delta * s[l * p + r];
				}
			}
		}
	}

	/** Rescales column j of X (p × q) and row j of Y (q × n) to equal norms; their product is unchanged. */
	private static void balance(final double[] x, final int p, final int q, final float[] y, final int n) {
		for (int j = 0; j < q; j++) {
			double nx = 0, ny = 0;
			for (int r = 0; r < p; r++) nx += x[r * q + j] * x[r * q + j];
			for (int c = 0; c < n; c++) ny += (double) y[j * n + c] * y[j * n + c];
			if (nx == 0 || ny == 0) continue;
			final double s = Math.sqrt(Math.sqrt(ny / nx));
			for (int r = 0; r < p; r++) x[r * q + j] *= s;
			for (int c = 0; c < n; c++) y[j * n + c] = (float) (y[j * n + c] / s);
		}
	}

	// -- Small dense products of row-major doubles --

	/** X (rows × inner) times Y (inner × cols). */
	static double[] multiply(final double[] x, final int rows, final int inner, final double[] y, final int cols) {
		final double[] out = new double[rows * cols];
		for (int r = 0; r < rows; r++) {
			for (int l = 0; l < inner; l++) {
				final double v = x[r * inner + l];
				if (v == 0) continue;
				for (int c = 0; c < cols; c++) out[r * cols + c] += v * y[l * cols + c];
			}
		}
		return out;
	}

	/** Xᵀ (X: rows × cols) times Y (rows × width): cols × width. */
	static double[] transposeMultiply(final double[] x, final int rows, final int cols, final double[] y, final int width) {
		final double[] out = new double[cols * width];
		for (int r = 0; r < rows; r++) {
			for (int c = 0; c < cols; c++) {
				final double v = x[r * cols + c];
				if (v == 0) continue;
				for (int w = 0; w < width; w++) out[c * width + w] += v * y[r * width + w];
			}
		}
		return out;
	}

	/** X (rows × len) times Yᵀ (Y: cols × len): rows × cols. */
	static double[] multiplyTransposed(final double[] x, final int rows, final int len, final double[] y, final int cols) {
		final double[] out = new double[rows * cols];
		for (int r = 0; r < rows; r++) {
			for (int c = 0; c < cols; c++) {
				double sum = 0;
				for (int i = 0; i < len; i++) sum += x[r * len + i] * y[c * len + i];
				out[r * cols + c] = sum;
			}
		}
		return out;
	}

	/** Y·Yᵀ of a row-major rows × len matrix. */
	static double[] gram(final double[] y, final int rows, final int len) {
		return multiplyTransposed(y, rows, len, y, rows);
	}

	/** WᵀW of a column-major rows × cols matrix (its columns are contiguous: the rows of Wᵀ). */
	static double[] columnGram(final float[] w, final int rows, final int cols) {
		return gram(toDouble(w), cols, rows);
	}

	/** Xᵀ·S·X for S (rows × rows) and X (rows × cols): cols × cols. */
	static double[] congruence(final double[] s, final double[] x, final int rows, final int cols) {
		return transposeMultiply(x, rows, cols, multiply(s, rows, rows, x, cols), cols);
	}

	private static double[] identity(final int size) {
		final double[] e = new double[size * size];
		for (int i = 0; i < size; i++) e[i * size + i] = 1;
		return e;
	}

	private static double dot(final double[] x, final double[] y) {
		double sum = 0;
		for (int i = 0; i < x.length; i++) sum += x[i] * y[i];
		return sum;
	}

	private static void scale(final float[] x, final double factor) {
		for (int i = 0; i < x.length; i++) x[i] = (float) (x[i] * factor);
	}

	private static float[] toFloat(final double[] x) {
		final float[] f = new float[x.length];
		for (int i = 0; i < x.length; i++) f[i] = (float) x[i];
		return f;
	}

	private static double[] toDouble(final float[] x) {
		final double[] out = new double[x.length];
		for (int i = 0; i < x.length; i++) out[i] = x[i];
		return out;
	}
}

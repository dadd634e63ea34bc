package io.github.deblurnmf.nmf;

import io.github.deblurnmf.task.TaskMonitor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Solves A ≈ W·H for one rank. The products with A (m × n, the only large operand) run as ND4J
 * sgemm into preallocated off-heap arrays; everything of size rank × (m or n) lives in Java
 * arrays, where the coordinate sweeps of HALS are simple vectorizable loops.
 * <p>
 * Layouts: W is column-major m × k (column j contiguous); H is row-major k × n, which is the same
 * memory as Hᵀ column-major n × k, so both factors map onto Fortran-order ND4J arrays without a
 * transpose copy.
 */
final class NmfSolver {

	/** Called after every iteration (0 = the initialization) with the current factors. */
	interface Listener {
		void iterationDone(int iteration, float[] w, float[] h, double frobenius);
	}

	/** Inner HALS sweeps stop once a sweep changes the factor by less than this fraction of the first. */
	private static final double INNER_STOP = 0.1;
	/** Extrapolation parameters of Ang and Gillis (2019): β₀, its shrink on a restart, its growth, and the growth of its cap. */
	private static final double BETA_START = 0.5, BETA_SHRINK = 1.5, BETA_GROW = 1.05, BETA_MAX_GROW = 1.01;
	/**
	 * How much slower a Java sweep runs than sgemm per flop. Accelerated HALS (Gillis and Glineur
	 * 2012) repeats the cheap sweeps while they cost less than the big products; measured with
	 * NmfBenchmark on 2 cores.
	 */
	// NmfBenchmark 2026-11-25 (docs/benchmarks.md): 8 needs 72 iterations (4: 76, 16: 100) and beat 6 interleaved, 1.75 s vs 1.87.
	private static final double SWEEP_SLOWDOWN = 8;
	/** System property that overrides {@link #SWEEP_SLOWDOWN}, read per factorization (for NmfBenchmark). */
	static final String SWEEP_SLOWDOWN_PROPERTY = "deblurnmf.nmf.sweepSlowdown";

	private final INDArray a;
	private final float[] aValues;
	private final int m, n, k;
	private final double normA2;
	private final NmfOptions options;
	private final TaskMonitor monitor;

	private final INDArray wNd, hNd, wtaNd, ahtNd, gramNd;

	NmfSolver(final INDArray a, final float[] aValues, final double normA2, final NmfOptions options, final TaskMonitor monitor) {
		this.a = a;
		this.aValues = aValues;
		this.m = (int) a.rows();
		this.n = (int) a.columns();
		this.k = options.rank;
		this.normA2 = normA2;
		this.options = options;
		this.monitor = monitor;
		wNd = Nd4j.createUninitialized(DataType.FLOAT, new long[] { m, k }, 'f');
		hNd = Nd4j.createUninitialized(DataType.FLOAT, new long[] { n, k }, 'f');
		wtaNd = Nd4j.createUninitialized(DataType.FLOAT, new long[] { n, k }, 'f');
		ahtNd = Nd4j.createUninitialized(DataType.FLOAT, new long[] { m, k }, 'f');
		gramNd = Nd4j.createUninitialized(DataType.FLOAT, new long[] { k, k }, 'f');
	}

	/**
	 * Improves {@code w} and {@code h} in place and returns the error history; {@code start} is
	 * {@link System#nanoTime()} at the start of the factorization (initialization included).
	 */
	java.util.List<ErrorRecord> solve(final float[] w, final float[] h, final long start, final int firstIteration,
		final Listener listener)
	{
		return options.loss == NmfLoss.FROBENIUS ? solveFrobenius(w, h, start, firstIteration, listener)
			: solveDivergence(w, h, start, firstIteration, listener);
	}

	/** The penalty terms of scikit-learn 1.2 with X = A: l1 and l2 of W (scaled by n), then of H (scaled by m). */
	private double[] penalties() {
		final double rho = options.l1Ratio;
		return new double[] { n * options.alphaW * rho, n * options.alphaW * (1 - rho), m * options.alphaH * rho, m * options.alphaH * (1 - rho) };
	}

	/** l1·Σx + ½·l2·‖x‖² (x ≥ 0). */
	private static double penalty(final float[] x, final double l1, final double l2) {
		if (l1 == 0 && l2 == 0) return 0;
		double sum = 0, squares = 0;
		for (final float v : x) {
			sum += v;
			squares += (double) v * v;
		}
		return l1 * sum + 0.5 * l2 * squares;
	}

	/** The gram matrix with l2 added on its diagonal (a copy), or itself for l2 = 0. */
	private double[] ridge(final double[] gram, final double l2) {
		if (l2 == 0) return gram;
		final double[] out = gram.clone();
		for (int j = 0; j < k; j++) out[j * k + j] += l2;
		return out;
	}

	private java.util.List<ErrorRecord> solveFrobenius(final float[] w, final float[] h, final long start, final int firstIteration,
		final Listener listener)
	{
		final java.util.List<ErrorRecord> history = new java.util.ArrayList<>();
		final double normA = Math.sqrt(normA2);
		final float[] scratch = new float[Math.max(m, n)];
		final float[] updated = options.algorithm == NmfAlgorithm.MU ? new float[Math.max(m, n) * k] : null;
		final float[][] rows = new float[k][Math.max(m, n)];
		final float[] wta = new float[n * k], aht = new float[m * k];
		final double[] reg = penalties();
		final double l1W = reg[0], l2W = reg[1], l1H = reg[2], l2H = reg[3];
		final StoppingRule stop = new StoppingRule(options.tolerance);

		upload(wNd, w);
		double[] wtw = gram(wNd);
		upload(hNd, h);
		double error = error(w, product(a, hNd, ahtNd, false, aht), gram(hNd), wtw, h);
		// The objective of the penalized problem, on the scale of the error: √(‖A − WH‖² + 2·penalty).
		double objective = Math.sqrt(error * error + 2 * (penalty(w, l1W, l2W) + penalty(h, l1H, l2H)));
		history.add(new ErrorRecord(firstIteration, error, error / normA, millisSince(start)));
		if (listener != null) listener.iterationDone(firstIteration, w, h, error);
		stop.converged(objective);

		final double slowdown = sweepSlowdown();
		final int innerW = 1 + (int) (0.5 * (1 + (double) n / k + (double) n / m) / slowdown);
		final int innerH = 1 + (int) (0.5 * (1 + (double) m / k + (double) m / n) / slowdown);
		// HALS with extrapolation (Ang and Gillis 2019, "HER"): each factor is updated from the other's
		// extrapolated point Y = X + β (X − X_previous); β grows while the objective falls, and a rise
		// restarts from the plain iterates with a smaller β. MU stays exactly the seed's algorithm.
		final boolean extrapolate = options.algorithm == NmfAlgorithm.HALS;
		// Balancing leaves WH alone but not the penalties: with penalties they fix the scale themselves.
		final boolean balance = extrapolate && !options.regularized();
		final float[] wPlain = extrapolate ? w.clone() : null, hPlain = extrapolate ? h.clone() : null;
		double beta = BETA_START, betaMax = 1;
		boolean returnsPlainH = false;
		for (int it = 1; it <= options.iterations; it++) {
			monitor.checkCanceled();
			// H ← argmin with W fixed
			final float[] wtaT = product(a, wNd, wtaNd, true, wta); // (WᵀA) row-major k × n
			if (options.algorithm == NmfAlgorithm.MU) multiplicative(h, wtaT, wtw, null, null, n, l1H, l2H, 1, updated, scratch, rows);
			else hals(h, wtaT, ridge(wtw, l2H), k, n, innerH, l1H, scratch, rows);
			if (extrapolate) extrapolateInPlace(h, hPlain, beta);
			upload(hNd, h);
			// W ← argmin with H fixed
			product(a, hNd, ahtNd, false, aht); // A·Hᵀ column-major m × k
			final double[] hht = gram(hNd);
			if (options.algorithm == NmfAlgorithm.MU) multiplicative(w, aht, hht, null, null, m, l1W, l2W, 1, updated, scratch, rows);
			else hals(w, aht, ridge(hht, l2W), k, m, innerW, l1W, scratch, rows);
			upload(wNd, w);
			wtw = gram(wNd);

			final double previous = objective;
			error = error(w, aht, hht, wtw, h); // of the W just computed with the H it was computed from
			objective = Math.sqrt(error * error + 2 * (penalty(w, l1W, l2W) + penalty(h, l1H, l2H)));
			history.add(new ErrorRecord(firstIteration + it, error, error / normA, millisSince(start)));
			if (listener != null) listener.iterationDone(firstIteration + it, w, h, error);
			monitor.progress(it, options.iterations, String.format(java.util.Locale.ROOT,
				"NMF %s rank %d: iteration %d/%d, relative error %.5f", options.algorithm.key(), k, it, options.iterations, error / normA));
			returnsPlainH = false;
			if (extrapolate) {
				if (objective > previous) { // restart from the plain iterates
					System.arraycopy(hPlain, 0, h, 0, h.length);
					System.arraycopy(w, 0, wPlain, 0, w.length);
					returnsPlainH = true;
					betaMax = beta;
					beta /= BETA_SHRINK;
				}
				else {
					beta = Math.min(betaMax, beta * BETA_GROW);
					betaMax = Math.min(1, betaMax * BETA_MAX_GROW);
					extrapolateInPlace(w, wPlain, beta);
					upload(wNd, w);
					wtw = gram(wNd);
				}
			}
			if (balance) {
				balance(w, h, wPlain, hPlain, wtw);
				upload(wNd, w);
			}
			if (stop.converged(objective)) break;
		}
		if (extrapolate) {
			// w holds the extrapolated W unless the last iteration restarted: return the pair whose
			// error was recorded last, the plain W with the H it was fitted to, or after a restart
			// the plain H, measured here.
			System.arraycopy(wPlain, 0, w, 0, w.length);
			if (returnsPlainH) {
				final double exact = Math.sqrt(residual2(aValues, m, n, w, h, k));
				final ErrorRecord last = history.remove(history.size() - 1);
				history.add(new ErrorRecord(last.iteration, exact, exact / normA, last.millis));
			}
		}
		return history;
	}

	/**
	 * Multiplicative updates for the β-divergences β < 2 (Févotte and Idier 2011), as scikit-learn's
	 * {@code _fit_multiplicative_update}: with R = A ∘ (WH)^(β−2) and S = (WH)^(β−1),
	 * H ← H ∘ ((WᵀR) / (WᵀS + l1 + l2·H))^γ, then W likewise with R·Hᵀ and S·Hᵀ. For KL, S = 1 and WᵀS
	 * is the column sums of W. WH is formed explicitly (m × n, one sgemm per half-step), so each
	 * iteration costs two to three times the Frobenius one.
	 */
	private java.util.List<ErrorRecord> solveDivergence(final float[] w, final float[] h, final long start, final int firstIteration,
		final Listener listener)
	{
		final java.util.List<ErrorRecord> history = new java.util.ArrayList<>();
		final double normA = Math.sqrt(normA2);
		final NmfLoss loss = options.loss;
		final boolean is = loss == NmfLoss.ITAKURA_SAITO;
		final double gamma = loss.gamma();
		final double[] reg = penalties();
		final double l1W = reg[0], l2W = reg[1], l1H = reg[2], l2H = reg[3];
		final float[] scratch = new float[Math.max(m, n)], updated = new float[Math.max(m, n) * k];
		final float[][] rows = new float[k][Math.max(m, n)];
		final float[] numH = new float[n * k], numW = new float[m * k];
		final float[] denH = is ? new float[n * k] : null, denW = is ? new float[m * k] : null;
		final double[] sums = is ? null : new double[k];
		final Divergence fit = new Divergence(is);
		final StoppingRule stop = new StoppingRule(options.tolerance);

		upload(wNd, w);
		upload(hNd, h);
		fit.evaluate();
		double objective = Math.sqrt(2 * (fit.divergence + penalty(w, l1W, l2W) + penalty(h, l1H, l2H)));
		history.add(fit.record(firstIteration, normA, start));
		if (listener != null) listener.iterationDone(firstIteration, w, h, fit.frobenius());
		stop.converged(objective);
		// Extrapolation with restarts as for HALS (Ang and Gillis 2019): each factor is updated from
		// the other's extrapolated point, and a rise of the objective restarts from the plain
		// iterates with a smaller β. The extrapolated point keeps at least half of each entry, so
		// that no entry is pushed to the zero that multiplicative updates could never leave.
		// Extrapolated steps need not descend: the best pair measured is kept and returned.
		final float[] wPlain = w.clone(), hPlain = h.clone(), wBest = w.clone(), hBest = h.clone();
		double beta = BETA_START, betaMax = 1, best = objective;
		int it = 1;
		for (; it <= options.iterations; it++) {
			monitor.checkCanceled();
			// H ← H ∘ (WᵀR / WᵀS)^γ: (WᵀR) row-major k × n is (RᵀW) column-major n × k
			product(fit.rNd, wNd, wtaNd, true, numH);
			if (is) product(fit.sNd, wNd, wtaNd, true, denH);
			else blockSums(w, m, sums);
			multiplicative(h, numH, null, denH, sums, n, l1H, l2H, gamma, updated, scratch, rows);
			if (loss.beta <= 1) flushTiny(h); // scikit-learn: "necessary for stability with beta_loss < 1"
			extrapolatePositive(h, hPlain, beta);
			upload(hNd, h);
			fit.evaluate();
			// W ← W ∘ (R·Hᵀ / S·Hᵀ)^γ
			product(fit.rNd, hNd, ahtNd, false, numW);
			if (is) product(fit.sNd, hNd, ahtNd, false, denW);
			else blockSums(h, n, sums);
			multiplicative(w, numW, null, denW, sums, m, l1W, l2W, gamma, updated, scratch, rows);
			if (loss.beta < 1) flushTiny(w);
			upload(wNd, w);
			fit.evaluate(); // of the W just computed with the H it was computed from
			final double previous = objective;
			objective = Math.sqrt(2 * (fit.divergence + penalty(w, l1W, l2W) + penalty(h, l1H, l2H)));
			history.add(fit.record(firstIteration + it, normA, start));
			if (listener != null) listener.iterationDone(firstIteration + it, w, h, fit.frobenius());
			monitor.progress(it, options.iterations, String.format(java.util.Locale.ROOT,
				"NMF mu (%s) rank %d: iteration %d/%d, divergence %.6g", loss.key(), k, it, options.iterations, fit.divergence));
			if (objective < best) {
				best = objective;
				System.arraycopy(w, 0, wBest, 0, w.length);
				System.arraycopy(h, 0, hBest, 0, h.length);
			}
			final boolean last = stop.converged(objective) || it == options.iterations;
			if (objective > previous) { // restart from the plain iterates
				System.arraycopy(hPlain, 0, h, 0, h.length);
				System.arraycopy(w, 0, wPlain, 0, w.length);
				betaMax = beta;
				beta /= BETA_SHRINK;
				upload(hNd, h);
				fit.evaluate();
				objective = Math.sqrt(2 * (fit.divergence + penalty(w, l1W, l2W) + penalty(h, l1H, l2H)));
				if (last) { // the pair returned: measured
					history.remove(history.size() - 1);
					history.add(fit.record(firstIteration + it, normA, start));
				}
			}
			else if (!last) {
				beta = Math.min(betaMax, beta * BETA_GROW);
				betaMax = Math.min(1, betaMax * BETA_MAX_GROW);
				extrapolatePositive(w, wPlain, beta);
				upload(wNd, w);
				fit.evaluate();
			}
			if (last) break;
		}
		// w is the plain W of the last iteration (not extrapolated after it), h the H it was fitted to;
		// if an earlier pair was better, that one, measured again, is the last record.
		if (best < objective) {
			System.arraycopy(wBest, 0, w, 0, w.length);
			System.arraycopy(hBest, 0, h, 0, h.length);
			upload(wNd, w);
			upload(hNd, h);
			fit.evaluate();
			final ErrorRecord last = history.remove(history.size() - 1);
			final ErrorRecord measured = fit.record(last.iteration, normA, start);
			history.add(measured);
		}
		return history;
	}

	/** x ← max(x/2, x + β (x − plain)) with plain ← the old x: extrapolation that keeps every positive entry positive. */
	private static void extrapolatePositive(final float[] x, final float[] plain, final double beta) {
		final float b = (float) beta;
		for (int i = 0; i < x.length; i++) {
			final float current = x[i];
			final float y = current + b * (current - plain[i]);
			plain[i] = current;
			x[i] = Math.max(y, 0.5f * current);
		}
	}

	/** Σ of each of the k blocks of length {@code len}; 1 for an all-zero block (as scikit-learn). */
	private void blockSums(final float[] x, final int len, final double[] sums) {
		for (int j = 0; j < k; j++) {
			double s = 0;
			for (int i = j * len; i < (j + 1) * len; i++) s += x[i];
			sums[j] = s == 0 ? 1 : s;
		}
	}

	/** Values below double's machine epsilon become 0, as scikit-learn does for β ≤ 1. */
	private static void flushTiny(final float[] x) {
		final float eps = (float) Math.ulp(1.0);
		for (int i = 0; i < x.length; i++) if (x[i] < eps) x[i] = 0;
	}

	/** Division guard of scikit-learn's β-divergence code: float32's machine epsilon. */
	static final float EPSILON = Math.ulp(1f);

	/**
	 * WH of the current factors (the device copies {@code wNd}, {@code hNd}), the divergence and
	 * ‖A − WH‖² from it, and the matrices the next update needs: R = A ∘ (WH)^(β−2) and, for IS,
	 * S = (WH)^(β−1). A zero of WH counts as {@link #EPSILON}; entries of A at or below it are left
	 * out of the logarithms (0·log 0 = 0), as in scikit-learn's {@code _beta_divergence}.
	 */
	private final class Divergence {

		final INDArray whNd, rNd, sNd;
		final float[] wh, r, s;
		final boolean is;
		double divergence, frobenius2;

		Divergence(final boolean is) {
			this.is = is;
			whNd = Nd4j.createUninitialized(DataType.FLOAT, new long[] { m, n }, 'f');
			rNd = Nd4j.createUninitialized(DataType.FLOAT, new long[] { m, n }, 'f');
			sNd = is ? Nd4j.createUninitialized(DataType.FLOAT, new long[] { m, n }, 'f') : null;
			wh = new float[m * n];
			r = new float[m * n];
			s = is ? new float[m * n] : null;
		}

		void evaluate() {
			Nd4j.gemm(wNd, hNd, whNd, false, true, 1.0, 0.0); // W·(Hᵀ)ᵀ, column-major m × n
			whNd.data().asNioFloat().get(wh, 0, wh.length);
			double d = 0, f2 = 0;
			for (int i = 0; i < wh.length; i++) {
				final float x = aValues[i], y = wh[i], safe = y == 0 ? EPSILON : y;
				final double diff = (double) x - y;
				f2 += diff * diff;
				final float ratio = x / safe;
				if (is) {
					final float inverse = 1 / safe;
					r[i] = ratio * inverse;
					s[i] = inverse;
					if (x > EPSILON) d += ratio - Math.log(ratio) - 1;
				}
				else {
					r[i] = ratio;
					d += y;
					if (x > EPSILON) d += x * Math.log(ratio) - x;
				}
			}
			divergence = d;
			frobenius2 = f2;
			rNd.data().setData(r);
			if (is) sNd.data().setData(s);
		}

		double frobenius() {
			return Math.sqrt(frobenius2);
		}

		ErrorRecord record(final int iteration, final double normA, final long start) {
			return new ErrorRecord(iteration, frobenius(), frobenius() / normA, millisSince(start), options.loss, divergence);
		}
	}

	/**
	 * Rescales each component j to ‖W_j‖ = ‖H_j‖ (W_j·s, H_j/s: the product is unchanged), the plain
	 * iterates and WᵀW alike; where one factor of a component is zero, the other is put on unit norm
	 * (it can still revive the component). HALS leaves the scale of a component free; unbalanced, it
	 * drifts until float round-off in one factor decides the other (a W column of 1e-7 under an H row
	 * of 1e14), and which way it drifts depends on the CPU's sgemm kernel.
	 */
	private void balance(final float[] w, final float[] h, final float[] wPlain, final float[] hPlain, final double[] wtw) {
		final double[] scale = new double[k];
		for (int j = 0; j < k; j++) {
			final double nw = norm(w, j * m, m), nh = norm(h, j * n, n);
			final double sw = nw == 0 ? 1 : nh == 0 ? 1 / nw : Math.sqrt(nh / nw);
			final double sh = nh == 0 ? 1 : nw == 0 ? 1 / nh : 1 / sw;
			scale[j] = sw;
			scaleBlock(w, j * m, m, sw);
			scaleBlock(wPlain, j * m, m, sw);
			scaleBlock(h, j * n, n, sh);
			scaleBlock(hPlain, j * n, n, sh);
		}
		for (int j = 0; j < k; j++) {
			for (int l = 0; l < k; l++) wtw[j * k + l] *= scale[j] * scale[l];
		}
	}

	private static double norm(final float[] x, final int offset, final int length) {
		double s = 0;
		for (int i = offset; i < offset + length; i++) s += (double) x[i] * x[i];
		return Math.sqrt(s);
	}

	private static void scaleBlock(final float[] x, final int offset, final int length, final double factor) {
		if (factor == 1) return;
		final float f = (float) factor;
		for (int i = offset; i < offset + length; i++) x[i] *= f;
	}

	/** x ← max(0, x + β (x − plain)) with plain ← the old x: the step from the last plain iterate, continued. */
	private static void extrapolateInPlace(final float[] x, final float[] plain, final double beta) {
		final float b = (float) beta;
		for (int i = 0; i < x.length; i++) {
			final float current = x[i];
			final float y = current + b * (current - plain[i]);
			plain[i] = current;
			x[i] = y > 0 ? y : 0;
		}
	}

	/**
	 * ‖A − WH‖_F from the products the iteration already has: ‖A‖² − 2⟨W, AHᵀ⟩ + ⟨WᵀW, HHᵀ⟩, in
	 * double. Float products limit this to about 1e-3 of ‖A‖, so a nearly exact factorization is
	 * measured on the residual itself.
	 */
	private double error(final float[] w, final float[] aht, final double[] hht, final double[] wtw, final float[] h) {
		return error(w, aht, hht, wtw, normA2, () -> residual2(aValues, m, n, w, h, k));
	}

	/** The same for any solver: {@code residual2} gives ‖A − WH‖²_F itself, asked only when the fit is nearly exact. */
	static double error(final float[] w, final float[] aht, final double[] hht, final double[] wtw, final double normA2,
		final java.util.function.DoubleSupplier residual2)
	{
		double cross = 0;
		for (int i = 0; i < w.length; i++) cross += (double) w[i] * aht[i];
		double quad = 0;
		for (int i = 0; i < hht.length; i++) quad += hht[i] * wtw[i];
		final double e2 = normA2 - 2 * cross + quad;
		if (e2 > 1e-4 * normA2) return Math.sqrt(e2);
		return Math.sqrt(residual2.getAsDouble());
	}

	/** ‖A − WH‖²_F, exactly (double accumulation); A column-major m × n. */
	static double residual2(final float[] a, final int m, final int n, final float[] w, final float[] h, final int k) {
		double sum = 0;
		final double[] column = new double[m];
		for (int j = 0; j < n; j++) {
			java.util.Arrays.fill(column, 0);
			for (int l = 0; l < k; l++) {
				final double hlj = h[l * n + j];
				if (hlj == 0) continue;
				final int off = l * m;
				for (int i = 0; i < m; i++) column[i] += w[off + i] * hlj;
			}
			final int off = j * m;
			for (int i = 0; i < m; i++) {
				final double d = a[off + i] - column[i];
				sum += d * d;
			}
		}
		return sum;
	}

	/**
	 * HALS sweeps over the k blocks of {@code x} (rows of H or columns of W, each {@code len} long
	 * and contiguous): x_j ← max(0, x_j + (rhs_j − Σ_l gram_jl x_l) / gram_jj). Repeated up to
	 * {@code maxSweeps} times while a sweep still moves x by a tenth of what the first one did.
	 * <p>
	 * The blocks are copied into the separate arrays of {@code rows} first: HotSpot's C2 (17)
	 * vectorizes {@code tmp[i] -= g * row[i]} but not the same loop at an offset into one flat
	 * array, 5–6× slower (NmfBenchmark, rank 64). The arithmetic is the same.
	 */
	static void hals(final float[] x, final float[] rhs, final double[] gram, final int k, final int len, final int maxSweeps,
		final float[] tmp, final float[][] rows)
	{
		hals(x, rhs, gram, k, len, maxSweeps, 0, tmp, rows);
	}

	/**
	 * The same with an L1 penalty {@code l1} subtracted from {@code rhs} (scikit-learn's coordinate
	 * descent: x_j ← max(0, x_j + (rhs_j − l1 − Σ_l gram_jl x_l) / gram_jj)); an L2 penalty is
	 * the caller's, added to the diagonal of {@code gram}.
	 */
	static void hals(final float[] x, final float[] rhs, final double[] gram, final int k, final int len, final int maxSweeps,
		final double l1, final float[] tmp, final float[][] rows)
	{
		for (int j = 0; j < k; j++) System.arraycopy(x, j * len, rows[j], 0, len);
		double firstChange = -1;
		for (int sweep = 0; sweep < maxSweeps; sweep++) {
			final double change = halsSweep(rows, rhs, gram, k, len, (float) l1, tmp);
			if (firstChange < 0) firstChange = change;
			else if (change <= INNER_STOP * INNER_STOP * firstChange) break;
		}
		for (int j = 0; j < k; j++) System.arraycopy(rows[j], 0, x, j * len, len);
	}

	/**
	 * One HALS sweep over the blocks {@code rows} (see {@link #hals}), in place; returns the squared
	 * change of the sweep. Also the step of the distributed solver, which stops on the changes
	 * summed over all partitions.
	 */
	static double halsSweep(final float[][] rows, final float[] rhs, final double[] gram, final int k, final int len, final float shift,
		final float[] tmp)
	{
		double change = 0;
		for (int j = 0; j < k; j++) {
			final double d = gram[j * k + j];
			if (d <= 0) continue; // the other factor's block j is zero: x_j does not matter
			System.arraycopy(rhs, j * len, tmp, 0, len);
			if (shift != 0) for (int i = 0; i < len; i++) tmp[i] -= shift;
			for (int l = 0; l < k; l++) {
				final float g = (float) gram[j * k + l];
				if (g == 0) continue;
				final float[] row = rows[l];
				for (int i = 0; i < len; i++) tmp[i] -= g * row[i];
			}
			final float inv = (float) (1 / d);
			final float[] row = rows[j];
			for (int i = 0; i < len; i++) {
				final float old = row[i];
				float v = old + tmp[i] * inv;
				if (v < 0) v = 0;
				row[i] = v;
				change += (v - old) * (v - old);
			}
		}
		return change;
	}

	/**
	 * The one multiplicative update of all losses (Lee–Seung; Févotte and Idier 2011):
	 * x ← x ∘ (num / (den + l1 + l2·x + δ))^γ, all blocks from the old x (copied to {@code rows},
	 * see {@link #hals}). The denominator is gram·x (Frobenius: WᵀW·H or W·HHᵀ) when {@code gram}
	 * is given, else {@code den} element by element (IS), else one value per block
	 * {@code blockDen} (KL: the sums of the other factor's components).
	 */
	private void multiplicative(final float[] x, final float[] num, final double[] gram, final float[] den, final double[] blockDen,
		final int len, final double l1, final double l2, final double gamma, final float[] updated, final float[] sum, final float[][] rows)
	{
		final float delta = (float) options.delta, shift = (float) l1 + delta, ridge = (float) l2;
		for (int j = 0; j < k; j++) System.arraycopy(x, j * len, rows[j], 0, len);
		for (int j = 0; j < k; j++) {
			final int out = j * len;
			if (gram != null) {
				java.util.Arrays.fill(sum, 0, len, 0);
				for (int l = 0; l < k; l++) {
					final float g = (float) gram[j * k + l];
					if (g == 0) continue;
					final float[] row = rows[l];
					for (int i = 0; i < len; i++) sum[i] += g * row[i];
				}
			}
			else if (den != null) System.arraycopy(den, out, sum, 0, len);
			else java.util.Arrays.fill(sum, 0, len, (float) blockDen[j]);
			final float[] row = rows[j];
			if (gamma == 1) {
				for (int i = 0; i < len; i++) updated[out + i] = row[i] * num[out + i] / (sum[i] + shift + ridge * row[i]);
			}
			else {
				for (int i = 0; i < len; i++) {
					updated[out + i] = (float) (row[i] * Math.pow(num[out + i] / (sum[i] + shift + ridge * row[i]), gamma));
				}
			}
		}
		System.arraycopy(updated, 0, x, 0, k * len);
	}

	/**
	 * Aᵀ·F (transpose) or A·F into {@code result}, then copied into {@code out}; both products come
	 * out column-major. A bulk copy through the NIO view: DataBuffer.asFloat() allocates a new array
	 * and cost 2–5 ms per iteration at 4096 × 2000, rank 64 (NmfBenchmark).
	 */
	static float[] product(final INDArray a, final INDArray factor, final INDArray result, final boolean transpose, final float[] out) {
		Nd4j.gemm(a, factor, result, transpose, false, 1.0, 0.0);
		result.data().asNioFloat().get(out, 0, out.length);
		return out;
	}

	/** FᵀF of a column-major factor (WᵀW, or HHᵀ from Hᵀ), k × k in double. */
	private double[] gram(final INDArray factor) {
		Nd4j.gemm(factor, factor, gramNd, true, false, 1.0, 0.0);
		final float[] g = gramNd.data().asFloat();
		final double[] out = new double[g.length];
		for (int i = 0; i < g.length; i++) out[i] = g[i];
		return out;
	}

	private static void upload(final INDArray target, final float[] values) {
		target.data().setData(values);
	}

	private static double sweepSlowdown() {
		final String value = System.getProperty(SWEEP_SLOWDOWN_PROPERTY);
		if (value == null || value.isBlank()) return SWEEP_SLOWDOWN;
		final double v = Double.parseDouble(value.trim());
		if (!(v > 0)) throw new IllegalArgumentException(SWEEP_SLOWDOWN_PROPERTY + " must be positive, got " + value);
		return v;
	}

	static double millisSince(final long start) {
		return (System.nanoTime() - start) / 1e6;
	}
}

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

import io.github.deblurnmf.nmf.Phases.Phase;
import io.github.deblurnmf.task.TaskMonitor;

/**
 * Solves A ≈ W·H for one rank. Every product goes through {@link DenseMatrix}, which runs it in
 * Java for small problems and as ND4J sgemm for large ones; the factors and everything of size
 * rank × (m or n) live in Java arrays, where the updates ({@link NmfUpdates}) are simple
 * vectorizable loops.
 * <p>
 * Layouts: W is column-major m × k (column j contiguous); H is row-major k × n, which is the same
 * memory as Hᵀ column-major n × k, so both factors are operands of the products without a copy.
 */
final class NmfSolver {

	/** Called after every iteration (0 = the initialization) with the current factors. */
	interface Listener {
		void iterationDone(int iteration, float[] w, float[] h, double frobenius);
	}

	private final DenseMatrix a;
	private final float[] aValues;
	private final int m, n, k;
	private final double normA2;
	private final NmfOptions options;
	private final TaskMonitor monitor;
	/** Where the time goes, or null. */
	private final Phases phases;

	/** {@code a} holds {@code aValues} (column-major m × n); {@code phases} may be null. */
	NmfSolver(final DenseMatrix a, final float[] aValues, final double normA2, final NmfOptions options, final TaskMonitor monitor,
		final Phases phases)
	{
		this.a = a;
		this.aValues = aValues;
		this.m = a.m;
		this.n = a.n;
		this.k = options.rank;
		this.normA2 = normA2;
		this.options = options;
		this.monitor = monitor;
		this.phases = phases;
	}

	private void lap(final Phase phase) {
		if (phases != null) phases.lap(phase);
	}

	/**
	 * Improves {@code w} and {@code h} in place and returns the error history; {@code start} is
	 * {@link System#nanoTime()} at the start of the factorization (initialization included).
	 */
	java.util.List<ErrorRecord> solve(final float[] w, final float[] h, final long start, final int firstIteration,
		final Listener listener)
	{
		if (phases != null) phases.restart();
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
		final boolean mu = options.algorithm == NmfAlgorithm.MU;
		final float[] updated = mu ? new float[Math.max(m, n) * k] : null;
		final float[][] rows = new float[k][Math.max(m, n)];
		final float[] wta = new float[n * k], aht = new float[m * k];
		final double[] reg = penalties();
		final double l1W = reg[0], l2W = reg[1], l1H = reg[2], l2H = reg[3];
		final StoppingRule stop = new StoppingRule(options.tolerance);

		a.times(h, k, aht);
		lap(Phase.PRODUCTS);
		double[] wtw = DenseMatrix.gram(w, m, k);
		double[] hht = DenseMatrix.gram(h, n, k);
		lap(Phase.GRAMS);
		double error = error(w, aht, hht, wtw, h);
		// The objective of the penalized problem, on the scale of the error: √(‖A − WH‖² + 2·penalty).
		double objective = Math.sqrt(error * error + 2 * (penalty(w, l1W, l2W) + penalty(h, l1H, l2H)));
		history.add(new ErrorRecord(firstIteration, error, error / normA, millisSince(start)));
		if (listener != null) listener.iterationDone(firstIteration, w, h, error);
		stop.converged(objective);
		lap(Phase.ERROR);

		final int innerW = NmfUpdates.innerSweeps(m, n, k), innerH = NmfUpdates.innerSweeps(n, m, k);
		// HALS with extrapolation (Ang and Gillis 2019, "HER"): each factor is updated from the other's
		// extrapolated point; a rise of the objective restarts from the plain iterates. MU stays
		// exactly the seed's algorithm.
		final boolean extrapolate = !mu;
		// Balancing leaves WH alone but not the penalties: with penalties they fix the scale themselves.
		final boolean balance = extrapolate && !options.regularized();
		final float[] wPlain = extrapolate ? w.clone() : null, hPlain = extrapolate ? h.clone() : null;
		final NmfUpdates.Extrapolation beta = new NmfUpdates.Extrapolation();
		// Extrapolated steps need not descend (β near 1 can throw the pair far off, after which the
		// stopping rule may end the run before it recovers): the best pair measured is kept.
		final float[] wBest = extrapolate ? w.clone() : null, hBest = extrapolate ? h.clone() : null;
		double best = objective;
		boolean returnsPlainH = false;
		for (int it = 1; it <= options.iterations; it++) {
			monitor.checkCanceled();
			// H ← argmin with W fixed
			a.transposeTimes(w, k, wta); // (WᵀA) row-major k × n
			lap(Phase.PRODUCTS);
			if (mu) NmfUpdates.multiplicative(h, wta, wtw, null, null, k, n, options.delta, l1H, l2H, 1, updated, scratch, rows);
			else NmfUpdates.hals(h, wta, ridge(wtw, l2H), k, n, innerH, l1H, scratch, rows);
			lap(Phase.UPDATES);
			if (extrapolate) NmfUpdates.extrapolate(h, hPlain, beta.beta());
			lap(Phase.EXTRAPOLATION);
			// W ← argmin with H fixed
			a.times(h, k, aht); // A·Hᵀ column-major m × k
			lap(Phase.PRODUCTS);
			hht = DenseMatrix.gram(h, n, k);
			lap(Phase.GRAMS);
			if (mu) NmfUpdates.multiplicative(w, aht, hht, null, null, k, m, options.delta, l1W, l2W, 1, updated, scratch, rows);
			else NmfUpdates.hals(w, aht, ridge(hht, l2W), k, m, innerW, l1W, scratch, rows);
			lap(Phase.UPDATES);
			wtw = DenseMatrix.gram(w, m, k);
			lap(Phase.GRAMS);

			final double previous = objective;
			error = error(w, aht, hht, wtw, h); // of the W just computed with the H it was computed from
			objective = Math.sqrt(error * error + 2 * (penalty(w, l1W, l2W) + penalty(h, l1H, l2H)));
			history.add(new ErrorRecord(firstIteration + it, error, error / normA, millisSince(start)));
			if (listener != null) listener.iterationDone(firstIteration + it, w, h, error);
			monitor.progress(it, options.iterations, String.format(java.util.Locale.ROOT,
				"NMF %s rank %d: iteration %d/%d, relative error %.5f", options.algorithm.key(), k, it, options.iterations, error / normA));
			// A new best cannot be a rise, so it is kept after the extrapolation and balancing below:
			// then as (wPlain, h), balanced.
			final boolean improved = extrapolate && objective < best;
			lap(Phase.ERROR);
			returnsPlainH = false;
			if (extrapolate) {
				if (objective > previous) { // restart from the plain iterates
					System.arraycopy(hPlain, 0, h, 0, h.length);
					System.arraycopy(w, 0, wPlain, 0, w.length);
					returnsPlainH = true;
					beta.restart();
					lap(Phase.EXTRAPOLATION);
				}
				else {
					beta.grow();
					NmfUpdates.extrapolate(w, wPlain, beta.beta());
					lap(Phase.EXTRAPOLATION);
					wtw = DenseMatrix.gram(w, m, k);
					lap(Phase.GRAMS);
				}
			}
			if (balance) {
				balance(w, h, wPlain, hPlain, wtw);
				lap(Phase.BALANCE);
			}
			if (improved) {
				best = objective;
				System.arraycopy(wPlain, 0, wBest, 0, w.length);
				System.arraycopy(h, 0, hBest, 0, h.length);
				lap(Phase.EXTRAPOLATION);
			}
			final boolean converged = stop.converged(objective);
			lap(Phase.ERROR);
			if (converged) break;
		}
		if (extrapolate) {
			// w holds the extrapolated W unless the last iteration restarted: return the plain W with
			// the H it was fitted to, whose error was recorded last. After a restart, h is the plain H
			// of the iteration but W was fitted to its extrapolated point: H is fitted to W once more
			// (a mismatched pair can be far worse), and the pair measured here. If an earlier pair
			// was better, that one, measured again, is the last record.
			System.arraycopy(wPlain, 0, w, 0, w.length);
			double exact = -1;
			if (returnsPlainH) {
				a.transposeTimes(w, k, wta);
				NmfUpdates.hals(h, wta, ridge(wtw, l2H), k, n, innerH, l1H, scratch, rows);
				exact = Math.sqrt(residual2(w, h));
				objective = Math.sqrt(exact * exact + 2 * (penalty(w, l1W, l2W) + penalty(h, l1H, l2H)));
			}
			if (best < objective) {
				System.arraycopy(wBest, 0, w, 0, w.length);
				System.arraycopy(hBest, 0, h, 0, h.length);
				exact = Math.sqrt(residual2(w, h));
			}
			if (balance) { // the pair returned, balanced by its own norms (the loop balances the extrapolated W)
				final double[][] scales = NmfUpdates.balanceScales(NmfUpdates.blockNorms2(w, k, m), NmfUpdates.blockNorms2(h, k, n));
				NmfUpdates.scaleBlocks(w, m, scales[0]);
				NmfUpdates.scaleBlocks(h, n, scales[1]);
			}
			if (exact >= 0) {
				final ErrorRecord last = history.remove(history.size() - 1);
				history.add(new ErrorRecord(last.iteration, exact, exact / normA, last.millis));
			}
			lap(Phase.ERROR);
		}
		return history;
	}

	/**
	 * Multiplicative updates for the β-divergences β < 2 (Févotte and Idier 2011), as scikit-learn's
	 * {@code _fit_multiplicative_update}: with R = A ∘ (WH)^(β−2) and S = (WH)^(β−1),
	 * H ← H ∘ ((WᵀR) / (WᵀS + l1 + l2·H))^γ, then W likewise with R·Hᵀ and S·Hᵀ. For KL, S = 1 and WᵀS
	 * is the column sums of W. WH is formed explicitly (m × n, one product per half-step), so each
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

		fit.evaluate(w, h);
		double objective = Math.sqrt(2 * (fit.divergence + penalty(w, l1W, l2W) + penalty(h, l1H, l2H)));
		history.add(fit.record(firstIteration, normA, start));
		if (listener != null) listener.iterationDone(firstIteration, w, h, fit.frobenius());
		stop.converged(objective);
		lap(Phase.ERROR);
		// Extrapolation with restarts as for HALS (Ang and Gillis 2019): each factor is updated from
		// the other's extrapolated point, and a rise of the objective restarts from the plain
		// iterates with a smaller β. The extrapolated point keeps at least half of each entry, so
		// that no entry is pushed to the zero that multiplicative updates could never leave.
		// Extrapolated steps need not descend: the best pair measured is kept and returned.
		final float[] wPlain = w.clone(), hPlain = h.clone(), wBest = w.clone(), hBest = h.clone();
		final NmfUpdates.Extrapolation beta = new NmfUpdates.Extrapolation();
		double best = objective;
		int it = 1;
		for (; it <= options.iterations; it++) {
			monitor.checkCanceled();
			// H ← H ∘ (WᵀR / WᵀS)^γ: (WᵀR) row-major k × n is (RᵀW) column-major n × k
			fit.r.transposeTimes(w, k, numH);
			if (is) fit.s.transposeTimes(w, k, denH);
			lap(Phase.PRODUCTS);
			if (!is) blockSums(w, m, sums);
			NmfUpdates.multiplicative(h, numH, null, denH, sums, k, n, options.delta, l1H, l2H, gamma, updated, scratch, rows);
			if (loss.beta <= 1) flushTiny(h); // scikit-learn: "necessary for stability with beta_loss < 1"
			lap(Phase.UPDATES);
			NmfUpdates.extrapolatePositive(h, hPlain, beta.beta());
			lap(Phase.EXTRAPOLATION);
			fit.evaluate(w, h);
			// W ← W ∘ (R·Hᵀ / S·Hᵀ)^γ
			fit.r.times(h, k, numW);
			if (is) fit.s.times(h, k, denW);
			lap(Phase.PRODUCTS);
			if (!is) blockSums(h, n, sums);
			NmfUpdates.multiplicative(w, numW, null, denW, sums, k, m, options.delta, l1W, l2W, gamma, updated, scratch, rows);
			if (loss.beta < 1) flushTiny(w);
			lap(Phase.UPDATES);
			fit.evaluate(w, h); // of the W just computed with the H it was computed from
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
			lap(Phase.ERROR);
			if (objective > previous) { // restart from the plain iterates
				System.arraycopy(hPlain, 0, h, 0, h.length);
				System.arraycopy(w, 0, wPlain, 0, w.length);
				beta.restart();
				lap(Phase.EXTRAPOLATION);
				fit.evaluate(w, h);
				objective = Math.sqrt(2 * (fit.divergence + penalty(w, l1W, l2W) + penalty(h, l1H, l2H)));
				if (last) { // the pair returned: measured
					history.remove(history.size() - 1);
					history.add(fit.record(firstIteration + it, normA, start));
				}
				lap(Phase.ERROR);
			}
			else if (!last) {
				beta.grow();
				NmfUpdates.extrapolatePositive(w, wPlain, beta.beta());
				lap(Phase.EXTRAPOLATION);
				fit.evaluate(w, h);
			}
			if (last) break;
		}
		// w is the plain W of the last iteration (not extrapolated after it), h the H it was fitted to;
		// if an earlier pair was better, that one, measured again, is the last record.
		if (best < objective) {
			System.arraycopy(wBest, 0, w, 0, w.length);
			System.arraycopy(hBest, 0, h, 0, h.length);
			fit.evaluate(w, h);
			final ErrorRecord last = history.remove(history.size() - 1);
			final ErrorRecord measured = fit.record(last.iteration, normA, start);
			history.add(measured);
			lap(Phase.ERROR);
		}
		return history;
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
	 * WH of given factors, the divergence and ‖A − WH‖² from it, and the matrices the next update
	 * needs: R = A ∘ (WH)^(β−2) and, for IS, S = (WH)^(β−1), as matrices on A's backend. A zero of
	 * WH counts as {@link #EPSILON}; entries of A at or below it are left out of the logarithms
	 * (0·log 0 = 0), as in scikit-learn's {@code _beta_divergence}.
	 */
	private final class Divergence {

		final DenseMatrix r, s;
		final float[] wh, rValues, sValues;
		final boolean is;
		double divergence, frobenius2;

		Divergence(final boolean is) {
			this.is = is;
			wh = new float[m * n];
			rValues = new float[m * n];
			sValues = is ? new float[m * n] : null;
			r = DenseMatrix.of(rValues, null, m, n, k, a.backend());
			s = is ? DenseMatrix.of(sValues, null, m, n, k, a.backend()) : null;
		}

		void evaluate(final float[] w, final float[] h) {
			a.outer(w, h, k, wh);
			lap(Phase.PRODUCTS);
			double d = 0, f2 = 0;
			for (int i = 0; i < wh.length; i++) {
				final float x = aValues[i], y = wh[i], safe = y == 0 ? EPSILON : y;
				final double diff = (double) x - y;
				f2 += diff * diff;
				final float ratio = x / safe;
				if (is) {
					final float inverse = 1 / safe;
					rValues[i] = ratio * inverse;
					sValues[i] = inverse;
					if (x > EPSILON) d += ratio - Math.log(ratio) - 1;
				}
				else {
					rValues[i] = ratio;
					d += y;
					if (x > EPSILON) d += x * Math.log(ratio) - x;
				}
			}
			divergence = d;
			frobenius2 = f2;
			lap(Phase.ERROR);
			r.set(rValues);
			if (is) s.set(sValues);
			lap(Phase.PRODUCTS);
		}

		double frobenius() {
			return Math.sqrt(frobenius2);
		}

		ErrorRecord record(final int iteration, final double normA, final long start) {
			return new ErrorRecord(iteration, frobenius(), frobenius() / normA, millisSince(start), options.loss, divergence);
		}
	}

	/** Puts every component on ‖W_j‖ = ‖H_j‖ ({@link NmfUpdates#balanceScales}), the plain iterates and WᵀW alike. */
	private void balance(final float[] w, final float[] h, final float[] wPlain, final float[] hPlain, final double[] wtw) {
		final double[][] scales = NmfUpdates.balanceScales(NmfUpdates.blockNorms2(w, k, m), NmfUpdates.blockNorms2(h, k, n));
		NmfUpdates.scaleBlocks(w, m, scales[0]);
		NmfUpdates.scaleBlocks(wPlain, m, scales[0]);
		NmfUpdates.scaleBlocks(h, n, scales[1]);
		NmfUpdates.scaleBlocks(hPlain, n, scales[1]);
		NmfUpdates.scaleGram(wtw, scales[0]);
	}

	/** ‖A − WH‖_F from the products the iteration already has ({@link NmfUpdates#error}). */
	private double error(final float[] w, final float[] aht, final double[] hht, final double[] wtw, final float[] h) {
		return NmfUpdates.error(w, aht, hht, wtw, normA2, () -> residual2(w, h));
	}

	/** W·H, when the error is measured on the residual itself. */
	private float[] wh;

	private double residual2(final float[] w, final float[] h) {
		if (wh == null) wh = new float[m * n];
		return NmfUpdates.residual2(a, aValues, w, h, k, wh);
	}

	static double millisSince(final long start) {
		return (System.nanoTime() - start) / 1e6;
	}
}

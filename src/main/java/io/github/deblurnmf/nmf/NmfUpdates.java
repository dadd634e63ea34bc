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

/**
 * The update formulas of the NMF solvers, once: {@link NmfSolver} (one machine), {@link DeepNmf}
 * and the distributed solver (src/spark) call these and keep only the bookkeeping of where A and
 * the factors live.
 * <p>
 * Layouts: a factor is k contiguous blocks of {@code len} values (W column-major m × k, its
 * columns; H row-major k × n, its rows); gram matrices are k × k doubles.
 */
final class NmfUpdates {

	private NmfUpdates() {}

	/** Inner HALS sweeps stop once a sweep changes the factor by less than this fraction of the first. */
	static final double INNER_STOP = 0.1;
	/**
	 * How much slower a Java sweep runs than sgemm per flop. Accelerated HALS (Gillis and Glineur
	 * 2012) repeats the cheap sweeps while they cost less than the big products; measured with
	 * NmfBenchmark on 2 cores (docs/performance.md, "NMF").
	 */
	static final double SWEEP_SLOWDOWN = 8;
	/** System property that overrides {@link #SWEEP_SLOWDOWN}, read per factorization (for NmfBenchmark). */
	static final String SWEEP_SLOWDOWN_PROPERTY = "deblurnmf.nmf.sweepSlowdown";

	/**
	 * The most inner sweeps on a factor of blocks of length {@code len} whose products with A have
	 * {@code other} as the remaining dimension: 1 + ⌊½(1 + other/k + other/len) / slowdown⌋, the
	 * number of sweeps that cost about one big product.
	 */
	static int innerSweeps(final int len, final int other, final int k) {
		return 1 + (int) (0.5 * (1 + (double) other / k + (double) other / len) / sweepSlowdown());
	}

	private static double sweepSlowdown() {
		final String value = System.getProperty(SWEEP_SLOWDOWN_PROPERTY);
		if (value == null || value.isBlank()) return SWEEP_SLOWDOWN;
		final double v = Double.parseDouble(value.trim());
		if (!(v > 0)) throw new IllegalArgumentException(SWEEP_SLOWDOWN_PROPERTY + " must be positive, got " + value);
		return v;
	}

	/** Whether a sweep that changed the factor by {@code change} (squared) ends the inner sweeps that began with {@code first}. */
	static boolean innerConverged(final double first, final double change) {
		return change <= INNER_STOP * INNER_STOP * first;
	}

	/**
	 * HALS sweeps over the k blocks of {@code x}: x_j ← max(0, x_j + (rhs_j − l1 − Σ_l gram_jl x_l) / gram_jj)
	 * (scikit-learn's coordinate descent; an L2 penalty is the caller's, added to the diagonal of
	 * {@code gram}). Repeated up to {@code maxSweeps} times while a sweep still moves x by a tenth
	 * of what the first one did ({@link #innerConverged}).
	 * <p>
	 * The blocks are copied into the separate arrays of {@code rows} first: HotSpot's C2 (17)
	 * vectorizes {@code tmp[i] -= g * row[i]} but not the same loop at an offset into one flat
	 * array, which runs several times slower (docs/performance.md, "NMF on a large matrix"). The
	 * arithmetic is the same.
	 */
	static void hals(final float[] x, final float[] rhs, final double[] gram, final int k, final int len, final int maxSweeps,
		final double l1, final float[] tmp, final float[][] rows)
	{
		for (int j = 0; j < k; j++) System.arraycopy(x, j * len, rows[j], 0, len);
		double first = -1;
		for (int sweep = 0; sweep < maxSweeps; sweep++) {
			final double change = halsSweep(rows, rhs, gram, k, len, (float) l1, tmp);
			if (first < 0) first = change;
			else if (innerConverged(first, change)) break;
		}
		for (int j = 0; j < k; j++) System.arraycopy(rows[j], 0, x, j * len, len);
	}

	/** {@link #hals} without a penalty. */
	static void hals(final float[] x, final float[] rhs, final double[] gram, final int k, final int len, final int maxSweeps,
		final float[] tmp, final float[][] rows)
	{
		hals(x, rhs, gram, k, len, maxSweeps, 0, tmp, rows);
	}

	/**
	 * Exactly {@code count} HALS sweeps without the inner stopping rule (the distributed solver
	 * applies it to the changes summed over all partitions); returns the squared change of each.
	 */
	static double[] sweeps(final float[] x, final float[] rhs, final double[] gram, final int k, final int len, final int count) {
		final float[][] rows = new float[k][len];
		final float[] tmp = new float[len];
		for (int j = 0; j < k; j++) System.arraycopy(x, j * len, rows[j], 0, len);
		final double[] changes = new double[count];
		for (int sweep = 0; sweep < count; sweep++) changes[sweep] = halsSweep(rows, rhs, gram, k, len, 0, tmp);
		for (int j = 0; j < k; j++) System.arraycopy(rows[j], 0, x, j * len, len);
		return changes;
	}

	/** How many of the sweeps whose changes are {@code changes} {@link #hals} would have run. */
	static int sweepsRun(final double[] changes) {
		for (int sweep = 1; sweep < changes.length; sweep++) if (innerConverged(changes[0], changes[sweep])) return sweep + 1;
		return changes.length;
	}

	/** One HALS sweep over the blocks {@code rows} (see {@link #hals}), in place; returns its squared change. */
	static double halsSweep(final float[][] rows, final float[] rhs, final double[] gram, final int k, final int len, final float shift,
		final float[] tmp)
	{
		double change = 0;
		for (int j = 0; j < k; j++) {
			final double d = gram[j * k + j];
			if (d <= 0) continue; // the other factor's block j is zero: x_j does not matter
			System.arraycopy(rhs, j * len, tmp, 0, len);
			if (shift != 0) for (int i = 0; i < len; i++) tmp[i] -= shift;
			accumulate(tmp, -1, gram, j * k, rows, k, len);
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
	 * sum[i] ← sum[i] + sign·Σ_l g_l·rows[l][i] with g_l = (float) gram[offset + l], the terms added
	 * one after the other in the order of l (as a loop over l would), four rows per pass over
	 * {@code sum}: a quarter of the loads and stores of {@code sum}, the same rounding.
	 */
	private static void accumulate(final float[] sum, final float sign, final double[] gram, final int offset, final float[][] rows,
		final int k, final int len)
	{
		int l = 0;
		for (; l + 3 < k; l += 4) {
			final float g0 = sign * (float) gram[offset + l], g1 = sign * (float) gram[offset + l + 1];
			final float g2 = sign * (float) gram[offset + l + 2], g3 = sign * (float) gram[offset + l + 3];
			final float[] r0 = rows[l], r1 = rows[l + 1], r2 = rows[l + 2], r3 = rows[l + 3];
			for (int i = 0; i < len; i++) sum[i] = (((sum[i] + g0 * r0[i]) + g1 * r1[i]) + g2 * r2[i]) + g3 * r3[i];
		}
		for (; l < k; l++) {
			final float g = sign * (float) gram[offset + l];
			final float[] row = rows[l];
			for (int i = 0; i < len; i++) sum[i] += g * row[i];
		}
	}

	/**
	 * The one multiplicative update of all losses (Lee–Seung; Févotte and Idier 2011):
	 * x ← x ∘ (num / (den + l1 + δ + l2·x))^γ, all blocks from the old x (copied to {@code rows},
	 * see {@link #hals}). The denominator is gram·x (Frobenius: WᵀW·H or W·HHᵀ) when {@code gram}
	 * is given, else {@code den} element by element (IS), else one value per block
	 * {@code blockDen} (KL: the sums of the other factor's components).
	 */
	static void multiplicative(final float[] x, final float[] num, final double[] gram, final float[] den, final double[] blockDen,
		final int k, final int len, final double delta, final double l1, final double l2, final double gamma, final float[] updated,
		final float[] sum, final float[][] rows)
	{
		final float shift = (float) l1 + (float) delta, ridge = (float) l2;
		for (int j = 0; j < k; j++) System.arraycopy(x, j * len, rows[j], 0, len);
		for (int j = 0; j < k; j++) {
			final int out = j * len;
			if (gram != null) {
				java.util.Arrays.fill(sum, 0, len, 0);
				accumulate(sum, 1, gram, j * k, rows, k, len);
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

	/** Lee–Seung for the Frobenius loss without penalties, allocating its scratch: x ← x ∘ num / (gram·x + δ). */
	static void multiplicative(final float[] x, final float[] num, final double[] gram, final int k, final int len, final double delta) {
		multiplicative(x, num, gram, null, null, k, len, delta, 0, 0, 1, new float[k * len], new float[len], new float[k][len]);
	}

	// -- Extrapolation (Ang and Gillis 2019, "HER") --

	/**
	 * The extrapolation weight β of Ang and Gillis (2019): each factor is updated from the other's
	 * extrapolated point Y = X + β (X − X_previous); β grows while the objective falls, and a rise
	 * restarts from the plain iterates with a smaller β, whose growth is then capped by the β that
	 * failed.
	 */
	static final class Extrapolation {
		/** β₀, its shrink on a restart, its growth, and the growth of its cap. */
		private static final double START = 0.5, SHRINK = 1.5, GROW = 1.05, MAX_GROW = 1.01;

		private double beta = START, max = 1;

		double beta() {
			return beta;
		}

		/** The objective rose: the caller restarts from the plain iterates. */
		void restart() {
			max = beta;
			beta /= SHRINK;
		}

		/** The objective did not rise: β grows, before the caller extrapolates with {@link #beta()}. */
		void grow() {
			beta = Math.min(max, beta * GROW);
			max = Math.min(1, max * MAX_GROW);
		}
	}

	/** x ← max(0, x + β (x − plain)) with plain ← the old x: the step from the last plain iterate, continued. */
	static void extrapolate(final float[] x, final float[] plain, final double beta) {
		final float b = (float) beta;
		for (int i = 0; i < x.length; i++) {
			final float current = x[i];
			final float y = current + b * (current - plain[i]);
			plain[i] = current;
			x[i] = y > 0 ? y : 0;
		}
	}

	/** x ← max(x/2, x + β (x − plain)) with plain ← the old x: extrapolation that keeps every positive entry positive. */
	static void extrapolatePositive(final float[] x, final float[] plain, final double beta) {
		final float b = (float) beta;
		for (int i = 0; i < x.length; i++) {
			final float current = x[i];
			final float y = current + b * (current - plain[i]);
			plain[i] = current;
			x[i] = Math.max(y, 0.5f * current);
		}
	}

	// -- Balancing --

	/**
	 * The scales that put each component j on ‖W_j‖ = ‖H_j‖ (W_j·sw, H_j·sh, sw·sh = 1: the product is
	 * unchanged), from the squared norms; where one factor of a component is zero, the other is put
	 * on unit norm (it can still revive the component). Returns {sw, sh}. HALS leaves the scale of
	 * a component free; unbalanced, it drifts until float round-off in one factor decides the other
	 * (a W column of 1e-7 under an H row of 1e14), and which way it drifts depends on the CPU's
	 * sgemm kernel.
	 */
	static double[][] balanceScales(final double[] normW2, final double[] normH2) {
		final int k = normW2.length;
		final double[] sw = new double[k], sh = new double[k];
		for (int j = 0; j < k; j++) {
			final double nw = Math.sqrt(normW2[j]), nh = Math.sqrt(normH2[j]);
			sw[j] = nw == 0 ? 1 : nh == 0 ? 1 / nw : Math.sqrt(nh / nw);
			sh[j] = nh == 0 ? 1 : nw == 0 ? 1 / nh : 1 / sw[j];
		}
		return new double[][] { sw, sh };
	}

	/** The squared norms of the k blocks of {@code x}. */
	static double[] blockNorms2(final float[] x, final int k, final int len) {
		final double[] out = new double[k];
		for (int j = 0; j < k; j++) {
			double s = 0;
			for (int i = j * len; i < (j + 1) * len; i++) s += (double) x[i] * x[i];
			out[j] = s;
		}
		return out;
	}

	/** Block j of {@code x} times {@code scale[j]}. */
	static void scaleBlocks(final float[] x, final int len, final double[] scale) {
		for (int j = 0; j < scale.length; j++) {
			if (scale[j] == 1) continue;
			final float f = (float) scale[j];
			for (int i = j * len; i < (j + 1) * len; i++) x[i] *= f;
		}
	}

	/** The gram matrix of a factor whose blocks were scaled by {@code scale}: gram_jl·s_j·s_l. */
	static void scaleGram(final double[] gram, final double[] scale) {
		final int k = scale.length;
		for (int j = 0; j < k; j++) {
			for (int l = 0; l < k; l++) gram[j * k + l] *= scale[j] * scale[l];
		}
	}

	// -- The error --

	/** {@link #error} measures the residual itself below ‖A − WH‖² = this fraction of ‖A‖² (a relative error of 0.1). */
	static final double FORMULA_LIMIT = 1e-2;

	/**
	 * ‖A − WH‖_F from the products the iteration already has: ‖A‖² − 2⟨W, AHᵀ⟩ + ⟨WᵀW, HHᵀ⟩, in
	 * double; {@code residual2} gives ‖A − WH‖²_F itself, asked when the fit is within
	 * {@link #FORMULA_LIMIT} of ‖A‖². The formula subtracts terms of the size of ‖A‖² computed from
	 * float products: its error is about 2⁻²⁴·‖A‖²/‖A − WH‖² relative, 6e-6 at that limit and 3e-4
	 * at a relative error of 1 % (DeepNmfTest's data), where it made the stopping rule and the
	 * restarts of the extrapolation follow round-off.
	 */
	static double error(final float[] w, final float[] aht, final double[] hht, final double[] wtw, final double normA2,
		final java.util.function.DoubleSupplier residual2)
	{
		double cross = 0;
		for (int i = 0; i < w.length; i++) cross += (double) w[i] * aht[i];
		double quad = 0;
		for (int i = 0; i < hht.length; i++) quad += hht[i] * wtw[i];
		final double e2 = normA2 - 2 * cross + quad;
		if (e2 > FORMULA_LIMIT * normA2) return Math.sqrt(e2);
		return Math.sqrt(residual2.getAsDouble());
	}

	/**
	 * ‖A − WH‖²_F from W·H (one product on A's backend, in float, into {@code wh}, m × n) summed in
	 * double: its round-off is that of W·H's entries, about 1e-7 of A's, not that of ‖A‖² as in
	 * {@link #error}'s formula. {@code values} are A's (column-major).
	 */
	static double residual2(final DenseMatrix a, final float[] values, final float[] w, final float[] h, final int k, final float[] wh) {
		a.outer(w, h, k, wh);
		double sum = 0;
		for (int i = 0; i < values.length; i++) {
			final double d = (double) values[i] - wh[i];
			sum += d * d;
		}
		return sum;
	}

	/** ‖A − WH‖²_F in double throughout, for H in double (deep NMF's chains); A column-major m × n, H row-major k × n. */
	static double residual2(final float[] a, final int m, final int n, final float[] w, final double[] h, final int k) {
		final double[][] columns = new double[k][m]; // W's columns in double, so that the axpys below vectorize
		for (int l = 0; l < k; l++) for (int i = 0; i < m; i++) columns[l][i] = w[l * m + i];
		final double[] column = new double[m];
		double sum = 0;
		for (int j = 0; j < n; j++) {
			java.util.Arrays.fill(column, 0);
			for (int l = 0; l < k; l++) {
				final double hlj = h[l * n + j];
				if (hlj == 0) continue;
				final double[] wl = columns[l];
				for (int i = 0; i < m; i++) column[i] += hlj * wl[i];
			}
			final int off = j * m;
			for (int i = 0; i < m; i++) {
				final double d = a[off + i] - column[i];
				sum += d * d;
			}
		}
		return sum;
	}

}

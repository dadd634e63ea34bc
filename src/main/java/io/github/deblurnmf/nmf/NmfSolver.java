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
		final java.util.List<ErrorRecord> history = new java.util.ArrayList<>();
		final double normA = Math.sqrt(normA2);
		final float[] scratch = new float[Math.max(m, n)];
		final float[] updated = options.algorithm == NmfAlgorithm.MU ? new float[Math.max(m, n) * k] : null;
		final float[][] rows = new float[k][Math.max(m, n)];
		final float[] wta = new float[n * k], aht = new float[m * k];

		upload(wNd, w);
		double[] wtw = gram(wNd);
		upload(hNd, h);
		double error = error(w, product(a, hNd, ahtNd, false, aht), gram(hNd), wtw, h);
		history.add(new ErrorRecord(firstIteration, error, error / normA, millisSince(start)));
		if (listener != null) listener.iterationDone(firstIteration, w, h, error);

		final double slowdown = sweepSlowdown();
		final int innerW = 1 + (int) (0.5 * (1 + (double) n / k + (double) n / m) / slowdown);
		final int innerH = 1 + (int) (0.5 * (1 + (double) m / k + (double) m / n) / slowdown);
		// HALS with extrapolation (Ang and Gillis 2019, "HER"): each factor is updated from the other's
		// extrapolated point Y = X + β (X − X_previous); β grows while the error falls, and a rise
		// restarts from the plain iterates with a smaller β. MU stays exactly the seed's algorithm.
		final boolean extrapolate = options.algorithm == NmfAlgorithm.HALS;
		final float[] wPlain = extrapolate ? w.clone() : null, hPlain = extrapolate ? h.clone() : null;
		double beta = BETA_START, betaMax = 1;
		boolean returnsPlainH = false;
		for (int it = 1; it <= options.iterations; it++) {
			monitor.checkCanceled();
			// H ← argmin with W fixed
			final float[] wtaT = product(a, wNd, wtaNd, true, wta); // (WᵀA) row-major k × n
			if (options.algorithm == NmfAlgorithm.MU) multiplicative(h, wtaT, wtw, n, updated, scratch, rows);
			else hals(h, wtaT, wtw, k, n, innerH, scratch, rows);
			if (extrapolate) extrapolateInPlace(h, hPlain, beta);
			upload(hNd, h);
			// W ← argmin with H fixed
			product(a, hNd, ahtNd, false, aht); // A·Hᵀ column-major m × k
			final double[] hht = gram(hNd);
			if (options.algorithm == NmfAlgorithm.MU) multiplicative(w, aht, hht, m, updated, scratch, rows);
			else hals(w, aht, hht, k, m, innerW, scratch, rows);
			upload(wNd, w);
			wtw = gram(wNd);

			final double previous = error;
			error = error(w, aht, hht, wtw, h); // of the W just computed with the H it was computed from
			history.add(new ErrorRecord(firstIteration + it, error, error / normA, millisSince(start)));
			if (listener != null) listener.iterationDone(firstIteration + it, w, h, error);
			monitor.progress(it, options.iterations, String.format(java.util.Locale.ROOT,
				"NMF %s rank %d: iteration %d/%d, relative error %.5f", options.algorithm.key(), k, it, options.iterations, error / normA));
			returnsPlainH = false;
			if (extrapolate) {
				if (error > previous) { // restart from the plain iterates
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
			if (extrapolate) {
				balance(w, h, wPlain, hPlain, wtw);
				upload(wNd, w);
			}
			if (error == 0 || options.tolerance > 0 && previous >= error && previous - error < options.tolerance * previous) break;
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
		double cross = 0;
		for (int i = 0; i < w.length; i++) cross += (double) w[i] * aht[i];
		double quad = 0;
		for (int i = 0; i < hht.length; i++) quad += hht[i] * wtw[i];
		final double e2 = normA2 - 2 * cross + quad;
		if (e2 > 1e-4 * normA2) return Math.sqrt(e2);
		return Math.sqrt(residual2(aValues, m, n, w, h, k));
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
		for (int j = 0; j < k; j++) System.arraycopy(x, j * len, rows[j], 0, len);
		double firstChange = -1;
		for (int sweep = 0; sweep < maxSweeps; sweep++) {
			double change = 0;
			for (int j = 0; j < k; j++) {
				final double d = gram[j * k + j];
				if (d <= 0) continue; // the other factor's block j is zero: x_j does not matter
				System.arraycopy(rhs, j * len, tmp, 0, len);
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
			if (firstChange < 0) firstChange = change;
			else if (change <= INNER_STOP * INNER_STOP * firstChange) break;
		}
		for (int j = 0; j < k; j++) System.arraycopy(rows[j], 0, x, j * len, len);
	}

	/** Lee–Seung: x ← x ∘ rhs / (gram·x + δ), all blocks from the old x (copied to {@code rows}, see {@link #hals}). */
	private void multiplicative(final float[] x, final float[] rhs, final double[] gram, final int len, final float[] updated,
		final float[] sum, final float[][] rows)
	{
		final float delta = (float) options.delta;
		for (int j = 0; j < k; j++) System.arraycopy(x, j * len, rows[j], 0, len);
		for (int j = 0; j < k; j++) {
			java.util.Arrays.fill(sum, 0, len, 0);
			for (int l = 0; l < k; l++) {
				final float g = (float) gram[j * k + l];
				if (g == 0) continue;
				final float[] row = rows[l];
				for (int i = 0; i < len; i++) sum[i] += g * row[i];
			}
			final int out = j * len;
			final float[] row = rows[j];
			for (int i = 0; i < len; i++) updated[out + i] = row[i] * rhs[out + i] / (sum[i] + delta);
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

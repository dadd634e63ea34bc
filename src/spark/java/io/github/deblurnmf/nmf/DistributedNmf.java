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

import io.github.deblurnmf.task.UserInputException;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Nmf#factorize} with A's columns (images) spread over Spark partitions: the same algorithm as
 * {@link NmfSolver}, step for step, with the same formulas ({@link NmfUpdates}) and products
 * ({@link DenseMatrix}); this class only decides where each step runs.
 * <ul>
 * <li>W (m × k) and WᵀW live on the driver and are broadcast every iteration.</li>
 * <li>H's columns live in the partition of their images ({@link HState}, a cached RDD, one new RDD per
 * iteration). Each partition computes (WᵀA_p), updates its H_p (MU, or HALS sweeps followed by the
 * elementwise extrapolation of Ang and Gillis), then A_p·H_pᵀ, H_pH_pᵀ and the squared row norms of H_p;
 * {@code treeAggregate} sums them on the driver: one pass over A per iteration, as on one machine.</li>
 * <li>The driver updates W from ΣA_pH_pᵀ and ΣH_pH_pᵀ, measures ‖A − WH‖ from the same sums
 * (‖A‖² is summed once, when the blocks load) and takes the decisions of the extrapolation (grow β,
 * or restart from the plain iterates) and of the balancing of W's and H's column scales; what they
 * mean for H (restart, scale) is broadcast and applied at the start of the next pass.</li>
 * </ul>
 * HALS's inner sweeps on H stop, as on one machine, when a sweep moved all of H by less than a tenth
 * of the first sweep: a first pass sweeps every partition's H_p the maximum number of times and sums
 * the changes per sweep, the driver applies the rule, and a second pass repeats that many sweeps (from
 * the cached WᵀA_p) and extrapolates; two jobs per iteration. What differs from one machine: only the
 * grouping of the float sums over images (per partition, then across), ~1e-7 relative per product.
 * Measured on the LFW faces, rank 8, 4 partitions: the same iterations, relative error equal to 5e-7
 * (HALS) and 1e-4 (MU, 60 iterations), W·H to 1e-5.
 * <p>
 * Failures: a failed task is rerun by Spark from the cached parent; a lost cached partition is
 * recomputed from its lineage (the input files, every iteration's broadcast parameters) or from the
 * last checkpoint, every {@link #CHECKPOINT_INTERVAL} iterations when a checkpoint folder is given.
 */
public final class DistributedNmf {

	/** Iterations between checkpoints of H's state (lineage and broadcasts kept in between). */
	public static final int CHECKPOINT_INTERVAL = 25;

	/** Progress of the driver: after every iteration (0 = the initialization). */
	public interface Progress {
		void iteration(int iteration, int iterations, double relative, double millis);
	}

	/**
	 * Test-only fault injection: the first task of iteration {@code iteration} that creates the file
	 * {@code marker} throws, once (Spark retries it).
	 */
	public static final class Fault implements Serializable {
		private static final long serialVersionUID = 1L;
		final String marker;
		final int iteration;

		public Fault(final String marker, final int iteration) {
			this.marker = marker;
			this.iteration = iteration;
		}

		void maybeFail(final int it) {
			if (it != iteration) return;
			try {
				if (new File(marker).createNewFile()) throw new IllegalStateException("Injected task failure (test) in iteration " + it);
			}
			catch (final IOException e) {
				throw new java.io.UncheckedIOException(e);
			}
		}
	}

	/** One partition of A: {@code count} columns from {@code offset}, column-major m × count. */
	public static final class Block implements Serializable {
		private static final long serialVersionUID = 1L;
		public final int index, offset, count, m;
		final float[] a;
		public final double norm2, sum;
		public final float max;
		private transient DenseMatrix dense;

		/** Checks the values (finite, non-negative) with image numbers counted from 1 over all of A. */
		public Block(final int index, final int offset, final int m, final float[] a) {
			this.index = index;
			this.offset = offset;
			this.m = m;
			this.count = a.length / m;
			this.a = a;
			double s2 = 0, s = 0;
			float largest = 0;
			for (int i = 0; i < a.length; i++) {
				final float v = a[i];
				largest = Math.max(largest, v);
				if (!Float.isFinite(v)) throw new UserInputException("Input has NaN or infinite values (image " + (1 + offset + i / m) + "); NMF needs finite values");
				if (v < 0) {
					throw new UserInputException("Input has negative values (" + v + " in image " + (1 + offset + i / m) +
						"); NMF needs non-negative data: subtract the minimum or clip it first");
				}
				s2 += (double) v * v;
				s += v;
			}
			norm2 = s2;
			sum = s;
			max = largest;
		}

		/** This block times {@code s} (itself for s = 1). */
		Block times(final double s) {
			if (s == 1) return this;
			final float[] scaled = new float[a.length];
			for (int i = 0; i < a.length; i++) scaled[i] = (float) (a[i] * s);
			return new Block(index, offset, m, scaled);
		}

		/** This block for the products with rank-k factors (on the backend {@link DenseMatrix} picks for its size). */
		DenseMatrix dense(final int k) {
			if (dense == null) dense = DenseMatrix.of(a, null, m, count, k, DenseMatrix.Backend.AUTO);
			return dense;
		}
	}

	/** H's columns of one partition (row-major k × count), their plain iterate and the best pair's; the pass's partial sums. */
	static final class HState implements Serializable {
		private static final long serialVersionUID = 1L;
		final int index, offset, count;
		final float[] h, hPlain, hBest;
		/** HALS, between its two passes: WᵀA_p (row-major k × count) and the change of every inner sweep. */
		float[] wta;
		double[] changes;
		transient float[] aht;
		transient double[] hht, hNorm2, hPlainNorm2;

		HState(final int index, final int offset, final int count, final float[] h, final float[] hPlain, final float[] hBest) {
			this.index = index;
			this.offset = offset;
			this.count = count;
			this.h = h;
			this.hPlain = hPlain;
			this.hBest = hBest;
		}
	}

	/** What one pass does to H, broadcast: the pending restart and rescaling, then the update from W. */
	static final class Step implements Serializable {
		private static final long serialVersionUID = 1L;
		int iteration, k, m, innerH, sweeps;
		/** HALS runs in two passes: 1 sweeps and records the changes, 2 repeats the number of sweeps the driver chose. */
		int phase;
		boolean update, hals, restart;
		/** HALS: the pair of the last iteration was the best so far; its H (before the restart and scale) is kept. */
		boolean keepBest;
		float[] w;
		double[] wtw, scale;
		double beta, delta;
		Fault fault;
	}

	/** The sums over partitions of one pass. */
	static final class Sums implements Serializable {
		private static final long serialVersionUID = 1L;
		final double[] aht, hht, hNorm2, hPlainNorm2;

		Sums(final int m, final int k) {
			aht = new double[m * k];
			hht = new double[k * k];
			hNorm2 = new double[k];
			hPlainNorm2 = new double[k];
		}

		Sums add(final HState s) {
			add(aht, s.aht);
			add(hht, s.hht);
			add(hNorm2, s.hNorm2);
			if (s.hPlainNorm2 != null) add(hPlainNorm2, s.hPlainNorm2);
			return this;
		}

		Sums add(final Sums o) {
			add(aht, o.aht);
			add(hht, o.hht);
			add(hNorm2, o.hNorm2);
			add(hPlainNorm2, o.hPlainNorm2);
			return this;
		}

		private static void add(final double[] to, final double[] x) {
			for (int i = 0; i < to.length; i++) to[i] += x[i];
		}

		private static void add(final double[] to, final float[] x) {
			for (int i = 0; i < to.length; i++) to[i] += x[i];
		}
	}

	private final JavaSparkContext sc;
	private final JavaRDD<Block> blocks;
	private final int m, n, k;
	private final NmfOptions options;
	private final Fault fault;
	private final Progress progress;
	private final String checkpointDir;
	private final List<Broadcast<?>> broadcasts = new ArrayList<>();

	private DistributedNmf(final JavaSparkContext sc, final JavaRDD<Block> blocks, final int m, final int n, final NmfOptions options,
		final Fault fault, final Progress progress, final String checkpointDir)
	{
		this.sc = sc;
		this.blocks = blocks;
		this.m = m;
		this.n = n;
		this.k = options.rank;
		this.options = options;
		this.fault = fault;
		this.progress = progress;
		this.checkpointDir = checkpointDir;
	}

	/**
	 * Factorizes the m × n matrix whose columns are {@code blocks} (cached by the caller, partitions in
	 * column order, one block each) with {@code options}.
	 *
	 * @param checkpointDir a folder for checkpoints of H's state (a Hadoop path), or null for none
	 * @param fault test-only fault injection, or null
	 */
	public static NmfResult factorize(final JavaSparkContext sc, final JavaRDD<Block> blocks, final int m, final int n,
		final NmfOptions options, final Fault fault, final Progress progress, final String checkpointDir)
	{
		// As Nmf.factorize: the solver sees A·s with its maximum on [1/4, 1), s a power of 4.
		final float max = blocks.map(b -> b.max).fold(0f, Math::max);
		final double s = Nmf.Matrix.unitScale(max);
		if (s == 1) return new DistributedNmf(sc, blocks, m, n, options, fault, progress, checkpointDir).solve();
		final JavaRDD<Block> scaled = blocks.map(b -> b.times(s)).persist(StorageLevel.MEMORY_ONLY());
		try {
			final NmfResult r = new DistributedNmf(sc, scaled, m, n, options.forDataScaledBy(s), fault, progress, checkpointDir).solve();
			final double root = Math.sqrt(s);
			return new NmfResult(r.w().div(root), r.h().div(root), Nmf.unscale(r.history(), s, options.loss));
		}
		finally {
			scaled.unpersist(false);
		}
	}

	private NmfResult solve() {
		final long start = System.nanoTime();
		Nmf.checkRank(k, m, n);
		final List<double[]> totals = blocks.map(b -> new double[] { b.norm2, b.sum, b.count }).collect();
		double normA2 = 0, sumA = 0;
		long columns = 0;
		for (final double[] t : totals) {
			normA2 += t[0];
			sumA += t[1];
			columns += (long) t[2];
		}
		UserInputException.require(columns == n, "Internal error: " + columns + " columns in the blocks, expected " + n);
		UserInputException.require(normA2 > 0, "Input is all zero: there is nothing to factorize");
		final double meanA = sumA / ((double) m * n);
		final NmfInitializer init = options.init == NmfInit.RANDOM ? NmfInitializer.random(m, n, meanA, options)
			: NmfInitializer.nndsvd(m, n, this::multiply, meanA, options);
		if (checkpointDir != null) sc.setCheckpointDir(checkpointDir);

		final float[] w = init.w;
		final boolean hals = options.algorithm == NmfAlgorithm.HALS;
		final List<int[]> layout = blocks.map(b -> new int[] { b.index, b.offset, b.count }).collect();
		final List<HState> initial = new ArrayList<>();
		for (final int[] l : layout) {
			final float[] hp = slice(init.h, l[1], l[2]);
			initial.add(new HState(l[0], l[1], l[2], hp, hals ? hp.clone() : null, hals ? hp.clone() : null));
		}
		JavaRDD<HState> state = sc.parallelize(initial, initial.size());

		final double normA = Math.sqrt(normA2);
		final List<ErrorRecord> history = new ArrayList<>();
		double[] wtw = DenseMatrix.gram(w, m, k);
		final Step first = step(0, w, wtw);
		first.update = false;
		JavaRDD<HState> current = pass(blocks, state, first);
		Sums sums = aggregate(current);
		double error = error(w, toFloat(sums.aht), sums.hht, wtw, normA2, current, w);
		history.add(new ErrorRecord(0, error, error / normA, NmfSolver.millisSince(start)));
		if (progress != null) progress.iteration(0, options.iterations, error / normA, NmfSolver.millisSince(start));
		state = current;

		final int innerW = NmfUpdates.innerSweeps(m, n, k), innerH = NmfUpdates.innerSweeps(n, m, k);
		final float[] wPlain = hals ? w.clone() : null;
		final NmfUpdates.Extrapolation beta = new NmfUpdates.Extrapolation();
		// As NmfSolver: the best pair measured is kept (W here, H in the partitions' state).
		final float[] wBest = hals ? w.clone() : null;
		double best = error;
		boolean returnsPlainH = false, restart = false, keepBest = false;
		double[] scale = null;
		final float[] tmp = new float[m];
		final float[][] rows = new float[k][m];
		final StoppingRule stop = new StoppingRule(options.tolerance);
		stop.converged(error);
		for (int it = 1; it <= options.iterations; it++) {
			final Step step = step(it, w, wtw);
			step.innerH = innerH;
			step.restart = restart;
			step.scale = scale;
			step.keepBest = keepBest;
			step.beta = beta.beta();
			final JavaRDD<HState> next;
			if (hals) {
				// HALS's inner sweeps on H stop on the change of all of H (as on one machine): the first pass
				// sweeps and sums the changes, the second repeats the number of sweeps that rule gives.
				step.phase = 1;
				final JavaRDD<HState> swept = pass(blocks, state, step);
				final double[] changes = swept.map(x -> x.changes).treeReduce((x, y) -> {
					final double[] z = x.clone();
					for (int i = 0; i < z.length; i++) z[i] += y[i];
					return z;
				}, 2);
				final Step second = step(it, w, wtw);
				second.phase = 2;
				second.beta = beta.beta();
				second.sweeps = NmfUpdates.sweepsRun(changes);
				next = pass(blocks, swept, second);
				next.persist(StorageLevel.MEMORY_ONLY());
				if (checkpointDir != null && it % CHECKPOINT_INTERVAL == 0) next.checkpoint();
				sums = aggregate(next);
				swept.unpersist(false);
			}
			else {
				next = pass(blocks, state, step);
				if (checkpointDir != null && it % CHECKPOINT_INTERVAL == 0) next.checkpoint();
				sums = aggregate(next);
			}
			state.unpersist(false);
			state = next;
			if (checkpointDir != null && it % CHECKPOINT_INTERVAL == 0) releaseBroadcasts();

			final float[] aht = toFloat(sums.aht);
			if (hals) NmfUpdates.hals(w, aht, sums.hht, k, m, innerW, tmp, rows);
			else NmfUpdates.multiplicative(w, aht, sums.hht, k, m, options.delta);
			wtw = DenseMatrix.gram(w, m, k);
			final double previous = error;
			error = error(w, aht, sums.hht, wtw, normA2, state, w);
			history.add(new ErrorRecord(it, error, error / normA, NmfSolver.millisSince(start)));
			if (progress != null) progress.iteration(it, options.iterations, error / normA, NmfSolver.millisSince(start));
			returnsPlainH = false;
			restart = false;
			scale = null;
			keepBest = hals && error < best;
			if (keepBest) {
				best = error;
				System.arraycopy(w, 0, wBest, 0, w.length);
			}
			if (hals) {
				final double[] hNorm2;
				if (error > previous) {
					restart = true;
					hNorm2 = sums.hPlainNorm2;
					System.arraycopy(w, 0, wPlain, 0, w.length);
					returnsPlainH = true;
					beta.restart();
				}
				else {
					hNorm2 = sums.hNorm2;
					beta.grow();
					NmfUpdates.extrapolate(w, wPlain, beta.beta());
					wtw = DenseMatrix.gram(w, m, k);
				}
				scale = balance(w, wPlain, hNorm2, wtw);
			}
			if (stop.converged(error)) break;
		}
		// Apply what the last iteration decided for H, and gather it. After a restart, H is fitted to
		// the plain W once more, as on one machine (W was fitted to the extrapolated H).
		final Step last = step(options.iterations + 1, w, wtw);
		last.update = hals && returnsPlainH;
		last.innerH = innerH;
		last.beta = 0;
		last.restart = restart;
		last.scale = scale;
		last.keepBest = keepBest;
		final JavaRDD<HState> finalState = pass(blocks, state, last);
		float[] h = gather(finalState, false);
		if (hals) {
			System.arraycopy(wPlain, 0, w, 0, w.length);
			double finalError = history.get(history.size() - 1).frobenius;
			boolean measure = false;
			if (returnsPlainH) {
				finalError = Math.sqrt(residual(finalState, w, false));
				measure = true;
			}
			if (best < finalError) {
				System.arraycopy(wBest, 0, w, 0, w.length);
				h = gather(finalState, true);
				finalError = Math.sqrt(residual(finalState, w, true));
				measure = true;
			}
			// As NmfSolver: the pair returned, balanced by its own norms.
			final double[][] scales = NmfUpdates.balanceScales(NmfUpdates.blockNorms2(w, k, m), NmfUpdates.blockNorms2(h, k, n));
			NmfUpdates.scaleBlocks(w, m, scales[0]);
			NmfUpdates.scaleBlocks(h, n, scales[1]);
			if (measure) {
				final ErrorRecord r = history.remove(history.size() - 1);
				history.add(new ErrorRecord(r.iteration, finalError, finalError / normA, r.millis));
			}
		}
		state.unpersist(false);
		finalState.unpersist(false);
		releaseBroadcasts();
		return new NmfResult(Nd4j.create(w, new long[] { m, k }, 'f'), Nd4j.create(h, new long[] { k, n }, 'c'), history);
	}

	private Step step(final int iteration, final float[] w, final double[] wtw) {
		final Step s = new Step();
		s.iteration = iteration;
		s.k = k;
		s.m = m;
		s.update = true;
		s.hals = options.algorithm == NmfAlgorithm.HALS;
		s.w = w.clone();
		s.wtw = wtw.clone();
		s.delta = options.delta;
		s.fault = fault;
		return s;
	}

	/** One pass over A: the new H state of every partition, with its partial sums; cached. */
	private JavaRDD<HState> pass(final JavaRDD<Block> a, final JavaRDD<HState> state, final Step step) {
		final Broadcast<Step> b = sc.broadcast(step);
		broadcasts.add(b);
		final JavaRDD<HState> next = a.zipPartitions(state, (blockIt, stateIt) -> {
			final Block block = blockIt.next();
			final HState s = stateIt.next();
			return Collections.singletonList(update(block, s, b.value())).iterator();
		});
		return next.persist(StorageLevel.MEMORY_ONLY());
	}

	private Sums aggregate(final JavaRDD<HState> next) {
		final int mm = m, kk = k;
		return next.treeAggregate(new Sums(mm, kk), Sums::add, Sums::add, 2);
	}

	private void releaseBroadcasts() {
		// All but the newest: the newest one's pass may still be recomputed from its cached parent.
		while (broadcasts.size() > 1) broadcasts.remove(0).destroy();
	}

	/** Runs on an executor: the pending restart and scale, then (if {@code update}) H's update, then the partial sums. */
	static HState update(final Block block, final HState s, final Step p) {
		if (p.fault != null) p.fault.maybeFail(p.iteration);
		final int k = p.k, cnt = s.count;
		final float[] h = s.h.clone();
		final float[] hp = s.hPlain == null ? null : s.hPlain.clone();
		final float[] best = p.keepBest ? s.h.clone() : s.hBest;
		if (p.restart) System.arraycopy(hp, 0, h, 0, h.length);
		if (p.scale != null) {
			NmfUpdates.scaleBlocks(h, cnt, p.scale);
			if (hp != null) NmfUpdates.scaleBlocks(hp, cnt, p.scale);
		}
		final DenseMatrix a = block.dense(k);
		if (p.update && p.hals && p.phase == 1) {
			final HState out = new HState(s.index, s.offset, cnt, h, hp, best);
			out.wta = a.transposeTimes(p.w, k, new float[cnt * k]);
			out.changes = NmfUpdates.sweeps(h.clone(), out.wta, p.wtw, k, cnt, p.innerH);
			return out;
		}
		if (p.update && p.hals && p.phase == 2) {
			NmfUpdates.sweeps(h, s.wta, p.wtw, k, cnt, p.sweeps);
			NmfUpdates.extrapolate(h, hp, p.beta);
		}
		else if (p.update) {
			final float[] wta = a.transposeTimes(p.w, k, new float[cnt * k]);
			if (p.hals) {
				NmfUpdates.hals(h, wta, p.wtw, k, cnt, p.innerH, new float[cnt], new float[k][cnt]);
				NmfUpdates.extrapolate(h, hp, p.beta);
			}
			else NmfUpdates.multiplicative(h, wta, p.wtw, k, cnt, p.delta);
		}
		final HState out = new HState(s.index, s.offset, cnt, h, hp, best);
		out.aht = a.times(h, k, new float[p.m * k]);
		out.hht = DenseMatrix.gram(h, cnt, k);
		out.hNorm2 = NmfUpdates.blockNorms2(h, k, cnt);
		out.hPlainNorm2 = hp == null ? new double[k] : NmfUpdates.blockNorms2(hp, k, cnt);
		return out;
	}

	/** H, or the best pair's H, gathered from the partitions. */
	private float[] gather(final JavaRDD<HState> state, final boolean best) {
		final float[] h = new float[k * n];
		for (final HState s : state.collect()) {
			final float[] part = best ? s.hBest : s.h;
			for (int j = 0; j < k; j++) System.arraycopy(part, j * s.count, h, j * n + s.offset, s.count);
		}
		return h;
	}

	/** ‖A − WH‖²_F (of the best pair's H when {@code best}), one pass over A ({@link NmfUpdates#residual2} per partition). */
	private double residual(final JavaRDD<HState> state, final float[] w, final boolean best) {
		final int mm = m, kk = k;
		final Broadcast<float[]> bw = sc.broadcast(w.clone());
		final double r = blocks.zipPartitions(state, (bi, si) -> {
			final Block b = bi.next();
			final HState s = si.next();
			return Collections.singletonList(NmfUpdates.residual2(b.dense(kk), b.a, bw.value(), best ? s.hBest : s.h, kk, new float[mm * b.count]))
				.iterator();
		}).reduce(Double::sum);
		bw.destroy();
		return r;
	}

	/** As NmfSolver's error: from the sums, or from the residual itself when the factorization is nearly exact. */
	private double error(final float[] w, final float[] aht, final double[] hht, final double[] wtw, final double normA2,
		final JavaRDD<HState> state, final float[] wNow)
	{
		return NmfUpdates.error(w, aht, hht, wtw, normA2, () -> residual(state, wNow, false));
	}

	/** NNDSVD's products with the distributed A: A·F summed over partitions, Aᵀ·F gathered by columns. */
	private double[] multiply(final float[] f, final int rows, final int cols, final boolean transpose) {
		final Broadcast<float[]> bf = sc.broadcast(f);
		final int mm = m, nn = n, kk = k;
		try {
			if (!transpose) {
				return blocks.map(b -> {
					final float[] part = new float[b.count * cols];
					for (int c = 0; c < cols; c++) System.arraycopy(bf.value(), c * nn + b.offset, part, c * b.count, b.count);
					final float[] out = b.dense(kk).times(part, cols, new float[mm * cols]);
					final double[] d = new double[out.length];
					for (int i = 0; i < d.length; i++) d[i] = out[i];
					return d;
				}).treeReduce((x, y) -> {
					for (int i = 0; i < x.length; i++) x[i] += y[i];
					return x;
				}, 2);
			}
			final double[] result = new double[nn * cols];
			final List<Object[]> parts = blocks.map(b -> new Object[] { b.offset, b.count, b.dense(kk).transposeTimes(bf.value(), cols, new float[b.count * cols]) })
				.collect();
			for (final Object[] part : parts) {
				final int offset = (Integer) part[0], count = (Integer) part[1];
				final float[] r = (float[]) part[2];
				for (int c = 0; c < cols; c++) {
					for (int i = 0; i < count; i++) result[c * nn + offset + i] = r[c * count + i];
				}
			}
			return result;
		}
		finally {
			bf.destroy();
		}
	}

	/** NmfSolver's balance for W and WᵀW ({@link NmfUpdates#balanceScales}); returns the factors for H's rows (applied on the executors). */
	private double[] balance(final float[] w, final float[] wPlain, final double[] hNorm2, final double[] wtw) {
		final double[][] scales = NmfUpdates.balanceScales(NmfUpdates.blockNorms2(w, k, m), hNorm2);
		NmfUpdates.scaleBlocks(w, m, scales[0]);
		NmfUpdates.scaleBlocks(wPlain, m, scales[0]);
		NmfUpdates.scaleGram(wtw, scales[0]);
		return scales[1];
	}

	/** Columns offset..offset+count of H (row-major k × n), row-major k × count. */
	private float[] slice(final float[] h, final int offset, final int count) {
		final float[] out = new float[k * count];
		for (int j = 0; j < k; j++) System.arraycopy(h, j * n + offset, out, j * count, count);
		return out;
	}

	private static float[] toFloat(final double[] x) {
		final float[] f = new float[x.length];
		for (int i = 0; i < x.length; i++) f[i] = (float) x[i];
		return f;
	}
}

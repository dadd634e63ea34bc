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

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Non-negative matrix factorization A ≈ W·H of a pixels × images matrix. */
public final class Nmf {

	private Nmf() {}

	/**
	 * Factorizes {@code a} (pixels × images, non-negative, finite, not all zero) with
	 * {@code options}; throws {@link UserInputException} for bad input before any work, and
	 * {@link io.github.deblurnmf.task.TaskCanceledException} when the monitor is canceled.
	 */
	public static NmfResult factorize(final INDArray a, final NmfOptions options, final TaskMonitor monitor) {
		return factorize(a, options, monitor, DenseMatrix.Backend.AUTO, null);
	}

	/** {@link #factorize(INDArray, NmfOptions, TaskMonitor)} on a given backend, the time per phase into {@code phases} (null: none). */
	static NmfResult factorize(final INDArray a, final NmfOptions options, final TaskMonitor monitor, final DenseMatrix.Backend backend,
		final Phases phases)
	{
		final long start = System.nanoTime();
		options.check();
		final Matrix original = Matrix.of(a);
		checkRank(options.rank, original.m, original.n);
		if (options.loss == NmfLoss.ITAKURA_SAITO) checkPositive(original.values, original.m);
		// The solvers work on A·s, its maximum on [1/4, 1): float sums of A at 1e18 overflow, the
		// fixed δ of the multiplicative updates dominates A at 1e-8. s is a power of 4, so that A·s
		// and √s are exact: the result is the same at any scale, in A's own units.
		final double s = Matrix.unitScale(original.values);
		final Matrix matrix = original.times(s);
		final NmfOptions scaled = options.forDataScaledBy(s);
		final DenseMatrix dense = matrix.dense(options.rank, backend);
		if (phases != null) phases.restart();
		final NmfInitializer init = NmfInitializer.create(dense, matrix.mean(), scaled);
		if (options.loss != NmfLoss.FROBENIUS) warmStart(matrix, dense, init, scaled, monitor);
		if (phases != null) phases.lap(Phases.Phase.INIT);
		final java.util.List<ErrorRecord> history = new NmfSolver(dense, matrix.values, matrix.norm2, scaled, monitor, phases)
			.solve(init.w, init.h, start, 0, null);
		final float root = (float) Math.sqrt(s);
		for (int i = 0; i < init.w.length; i++) init.w[i] /= root;
		for (int i = 0; i < init.h.length; i++) init.h[i] /= root;
		return new NmfResult(Nd4j.create(init.w, new long[] { matrix.m, options.rank }, 'f'),
			Nd4j.create(init.h, new long[] { options.rank, matrix.n }, 'c'), unscale(history, s, options.loss));
	}

	/** {@link #coefficients} stops once a sweep moves H by less than this fraction of what its first sweep did. */
	static final double COEFFICIENT_TOLERANCE = 1e-6;
	/** {@link #coefficients} runs at most this many sweeps. */
	static final int COEFFICIENT_SWEEPS = 10000;

	/**
	 * The coefficients of {@code a} (pixels × images, as for {@link #factorize}) on fixed bases {@code w}
	 * (pixels × rank, finite): H = argmin over H ≥ 0 of ‖A − W·H‖_F, rank × images. This codes new images
	 * with the bases of a factorization, e.g. held-out ones. HALS sweeps over the rows of H (the H-update
	 * of {@link NmfAlgorithm#HALS}, exact coordinate descent on this convex problem, which converges to its
	 * minimum) from H = 0, until a sweep moves H by less than {@value #COEFFICIENT_TOLERANCE} of what the
	 * first one did, or {@value #COEFFICIENT_SWEEPS} sweeps.
	 */
	public static INDArray coefficients(final INDArray w, final INDArray a, final TaskMonitor monitor) {
		final Matrix matrix = Matrix.of(a);
		UserInputException.require(w.rank() == 2 && w.rows() == matrix.m && w.columns() >= 1, "The bases must be a matrix of "
			+ matrix.m + " rows (one per pixel), got shape " + java.util.Arrays.toString(w.shape()));
		final int k = (int) w.columns();
		final float[] bases = new float[matrix.m * k];
		w.castTo(DataType.FLOAT).dup('f').data().asNioFloat().get(bases);
		for (final float v : bases) UserInputException.require(Float.isFinite(v), "The bases have NaN or infinite values");
		final float[] wta = matrix.dense(k, DenseMatrix.Backend.AUTO).transposeTimes(bases, k, new float[matrix.n * k]);
		final double[] gram = DenseMatrix.gram(bases, matrix.m, k);
		final float[][] rows = new float[k][matrix.n];
		final float[] tmp = new float[matrix.n];
		final double stop = COEFFICIENT_TOLERANCE * COEFFICIENT_TOLERANCE;
		double first = -1;
		for (int sweep = 0; sweep < COEFFICIENT_SWEEPS; sweep++) {
			if (sweep % 64 == 0) monitor.checkCanceled();
			final double change = NmfUpdates.halsSweep(rows, wta, gram, k, matrix.n, 0, tmp);
			if (first < 0) first = change;
			if (change <= stop * first) break;
		}
		final float[] h = new float[k * matrix.n];
		for (int j = 0; j < k; j++) System.arraycopy(rows[j], 0, h, j * matrix.n, matrix.n);
		return Nd4j.create(h, new long[] { k, matrix.n }, 'c');
	}

	/** The errors of a run on A·s in A's units. */
	static java.util.List<ErrorRecord> unscale(final java.util.List<ErrorRecord> history, final double s, final NmfLoss loss) {
		if (s == 1) return history;
		final double divergence = Math.pow(s, loss.beta);
		final java.util.List<ErrorRecord> out = new java.util.ArrayList<>(history.size());
		for (final ErrorRecord e : history) out.add(new ErrorRecord(e.iteration, e.frobenius / s, e.relative, e.millis, e.loss, e.divergence / divergence));
		return out;
	}

	/** The β-divergence runs start from at most this many HALS iterations (Frobenius, no penalty) on top of the initialization. */
	static final int WARM_START_ITERATIONS = 100;

	/**
	 * Improves the initialization for the β-divergences by a least-squares fit: multiplicative
	 * updates are slow from a raw NNDSVD start (scikit-learn's nndsvda included), and the
	 * Frobenius optimum is close to the KL and IS ones. Its exact zeros are filled as NNDSVD's are,
	 * since multiplicative updates could never move them. On the LFW faces at rank 16 this lowers
	 * the KL divergence after 500 iterations by 4 % (NmfLossTest).
	 */
	static void warmStart(final Matrix matrix, final DenseMatrix dense, final NmfInitializer init, final NmfOptions options,
		final TaskMonitor monitor)
	{
		final NmfOptions hals = new NmfOptions().rank(options.rank).iterations(WARM_START_ITERATIONS).seed(options.seed);
		new NmfSolver(dense, matrix.values, matrix.norm2, hals, monitor, null).solve(init.w, init.h, System.nanoTime(), 0, null);
		final java.util.SplittableRandom random = new java.util.SplittableRandom(options.seed);
		final double small = matrix.mean() / 100;
		for (int i = 0; i < init.w.length; i++) if (init.w[i] == 0) init.w[i] = (float) (small * random.nextDouble());
		for (int i = 0; i < init.h.length; i++) if (init.h[i] == 0) init.h[i] = (float) (small * random.nextDouble());
	}

	/** Throws unless 1 ≤ rank ≤ min(pixels, images). */
	public static void checkRank(final int rank, final long pixels, final long images) {
		checkRank("rank", rank, pixels, images);
	}

	/** {@link #checkRank(int, long, long)} for a rank given as {@code what} (e.g. the first of deep NMF's layers). */
	public static void checkRank(final String what, final int rank, final long pixels, final long images) {
		final long max = Math.min(pixels, images);
		UserInputException.require(rank >= 1 && rank <= max,
			what + " must be between 1 and min(pixels, images) = " + max + ", got " + rank);
	}

	/** Checks that every value is finite and non-negative and that not all are zero. */
	public static void checkValues(final float[] values, final long pixelsPerImage) {
		boolean nonZero = false;
		for (int i = 0; i < values.length; i++) {
			final float v = values[i];
			if (!Float.isFinite(v)) {
				throw new UserInputException("Input has NaN or infinite values (image " + (1 + i / pixelsPerImage) + "); NMF needs finite values");
			}
			if (v < 0) {
				throw new UserInputException("Input has negative values (" + v + " in image " + (1 + i / pixelsPerImage) +
					"); NMF needs non-negative data: subtract the minimum or clip it first");
			}
			nonZero |= v != 0;
		}
		UserInputException.require(nonZero, "Input is all zero: there is nothing to factorize");
	}

	/** Throws unless every value is above zero: the Itakura–Saito divergence is infinite at a zero. */
	public static void checkPositive(final float[] values, final long pixelsPerImage) {
		for (int i = 0; i < values.length; i++) {
			if (!(values[i] > 0)) {
				throw new UserInputException("loss=itakura-saito needs strictly positive data, but image " + (1 + i / pixelsPerImage) +
					" has a zero: add a small offset to the images or use loss=kullback-leibler");
			}
		}
	}

	/** A as the solver wants it: float, Fortran order, contiguous, its values checked and at hand. */
	static final class Matrix {

		/** The values off-heap, or null when only {@link #values} hold them (ND4J's products then copy them). */
		final INDArray a;
		final float[] values;
		final int m, n;
		final double norm2;

		private Matrix(final INDArray a, final float[] values, final int m, final int n) {
			this.a = a;
			this.values = values;
			this.m = m;
			this.n = n;
			double s = 0;
			for (final float v : values) s += (double) v * v;
			norm2 = s;
		}

		/** The values of a contiguous Fortran-order float array, checked. */
		private static Matrix checked(final INDArray a) {
			final float[] values = new float[(int) a.length()];
			a.data().asNioFloat().get(values); // in bulk: DataBuffer.asFloat() reads element by element
			checkValues(values, a.rows());
			return new Matrix(a, values, (int) a.rows(), (int) a.columns());
		}

		/**
		 * The power of 4 that puts the largest value on [1/4, 1). 1 for a maximum already there;
		 * beyond float's exponent range it is clamped.
		 */
		static double unitScale(final float[] values) {
			float max = 0;
			for (final float v : values) max = Math.max(max, v);
			return unitScale(max);
		}

		/** The same for the largest value {@code max}. */
		static double unitScale(final float max) {
			if (!(max > 0)) return 1;
			final int exponent = Math.getExponent(max) + 1; // max = f·2^exponent with f on [1/2, 1)
			final int even = exponent % 2 == 0 ? exponent : exponent + 1;
			return Math.scalb(1.0, -Math.max(-120, Math.min(120, even)));
		}

		/** This matrix times {@code s} (itself for s = 1). */
		Matrix times(final double s) {
			if (s == 1) return this;
			final float[] scaled = new float[values.length];
			final float f = (float) s;
			for (int i = 0; i < scaled.length; i++) scaled[i] = values[i] * f;
			return new Matrix(null, scaled, m, n);
		}

		static Matrix of(final INDArray a) {
			UserInputException.require(a.rank() == 2, "NMF needs a matrix, got shape " + java.util.Arrays.toString(a.shape()));
			UserInputException.require((long) a.rows() * a.columns() < Integer.MAX_VALUE, "Input too large for NMF: " + a.rows() + " × " + a.columns());
			INDArray f = a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.FLOAT);
			if (f.ordering() != 'f' || f.isView() || f.data().length() != f.length()) f = f.dup('f');
			return checked(f);
		}

		double mean() {
			return sum() / values.length;
		}

		/** This matrix for products with factors of rank {@code k}, on {@code backend}. */
		DenseMatrix dense(final int k, final DenseMatrix.Backend backend) {
			return DenseMatrix.of(values, a, m, n, k, backend);
		}

		private double sum() {
			double s = 0;
			for (final float v : values) s += v;
			return s;
		}
	}
}

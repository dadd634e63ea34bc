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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.deblurnmf.task.TaskCanceledException;
import io.github.deblurnmf.task.TaskMonitor;
import io.github.deblurnmf.task.UserInputException;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NmfTest {

	// The seed project's toy matrices.
	private static final double[][] A1 = { { 1, 0 }, { 0, 1 } };
	private static final double[][] A3 = { { 1, 2, 3 }, { 2, 4, 6 }, { 1, 0, 1 }, { 3, 4, 7 } }; // rank 2
	private static final double[][] A4 = { { 1, 0, 0, 2 }, { 0, 1, 0, 3 }, { 0, 0, 1, 4 }, { 1, 1, 1, 9 }, { 2, 0, 1, 8 } }; // rank 3: rows 4 and 5 mix rows 1–3

	private static NmfOptions mu(final int rank, final long seed) {
		return new NmfOptions().rank(rank).algorithm(NmfAlgorithm.MU).init(NmfInit.RANDOM).seed(seed).iterations(5000).tolerance(0);
	}

	/** ‖A − WH‖_F computed here, independently of the solver's own bookkeeping. */
	private static double residual(final INDArray a, final NmfResult r) {
		final double[] x = a.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup('c').data().asDouble();
		final double[] wh = r.w().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).mmul(r.h().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)).dup('c').data().asDouble();
		double s = 0;
		for (int i = 0; i < x.length; i++) s += (x[i] - wh[i]) * (x[i] - wh[i]);
		return Math.sqrt(s);
	}

	@Test
	void identityAtRankOneLeavesErrorOneForAnySeed() {
		for (final long seed : new long[] { 1, 42 }) {
			final INDArray a = Nd4j.createFromArray(A1).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
			final NmfResult r = Nmf.factorize(a, mu(1, seed), TaskMonitor.NONE);
			assertEquals(1.0, residual(a, r), 1e-3, "seed " + seed);
			assertEquals(1.0, r.last().frobenius, 1e-3);
		}
	}

	@Test
	void exactRanksReconstructAlmostExactly() {
		assertEquals(0, residual(matrix(A1), Nmf.factorize(matrix(A1), mu(2, 1), TaskMonitor.NONE)), 1e-2);
		assertEquals(0, residual(matrix(A3), Nmf.factorize(matrix(A3), mu(2, 1), TaskMonitor.NONE)), 1e-2);
		assertEquals(0, residual(matrix(A4), Nmf.factorize(matrix(A4), mu(3, 1), TaskMonitor.NONE)), 5e-2);
		for (final NmfAlgorithm algorithm : NmfAlgorithm.values()) {
			final NmfOptions o = new NmfOptions().rank(3).algorithm(algorithm).iterations(3000).tolerance(0);
			assertEquals(0, residual(matrix(A4), Nmf.factorize(matrix(A4), o, TaskMonitor.NONE)), 5e-2, algorithm.key());
		}
	}

	@Test
	void multiplicativeUpdatesNeverIncreaseTheError() {
		final INDArray a = randomNonNegative(60, 30, 7);
		final List<ErrorRecord> history = Nmf.factorize(a, mu(5, 3).iterations(300), TaskMonitor.NONE).history();
		assertEquals(301, history.size());
		for (int i = 1; i < history.size(); i++) {
			final double before = history.get(i - 1).frobenius, after = history.get(i).frobenius;
			assertTrue(after <= before * (1 + 1e-6), "iteration " + i + ": " + before + " -> " + after);
		}
		assertTrue(history.get(300).frobenius < 0.9 * history.get(0).frobenius);
	}

	@Test
	void halsRecoversKnownParts() {
		// 6 non-overlapping-ish parts on 20×20 images, 80 images mixing them with random weights.
		final int pixels = 400, parts = 6, images = 80;
		final Random random = new Random(5);
		final float[] w = new float[pixels * parts];
		for (int p = 0; p < parts; p++) {
			for (int i = 0; i < pixels; i++) if ((i / 20) / 4 == p || random.nextDouble() < 0.05) w[p * pixels + i] = 1 + random.nextFloat();
		}
		final float[] h = new float[parts * images];
		for (int i = 0; i < h.length; i++) h[i] = random.nextFloat();
		final INDArray a = Nd4j.create(w, new long[] { pixels, parts }, 'f').mmul(Nd4j.create(h, new long[] { parts, images }, 'c'));
		final NmfResult r = Nmf.factorize(a, new NmfOptions().rank(parts).iterations(2000).tolerance(1e-9), TaskMonitor.NONE);
		final double relative = residual(a, r) / a.norm2Number().doubleValue();
		assertTrue(relative < 1e-3, "relative error " + relative);
		assertEquals(relative, r.last().relative, 1e-4, "the recorded error is the real one");
		assertTrue(r.w().minNumber().doubleValue() >= 0 && r.h().minNumber().doubleValue() >= 0);
	}

	@Test
	void halsKeepsEachComponentBalanced() {
		// Random data at rank 20 of 50 leaves weak components, whose W column shrinks while the H row
		// grows without bound unless each iteration rebalances them (the factors of layer 1 of a deep NMF).
		final INDArray a = randomNonNegative(200, 50, 9);
		final NmfResult r = Nmf.factorize(a, new NmfOptions().rank(20).iterations(100).tolerance(0), TaskMonitor.NONE);
		for (int j = 0; j < 20; j++) {
			final double w = r.w().getColumn(j).norm2Number().doubleValue(), h = r.h().getRow(j).norm2Number().doubleValue();
			if (w == 0 || h == 0) assertEquals(1, w + h, 1e-4, "component " + j + ": the non-zero factor on unit norm");
			else assertEquals(w, h, 1e-4 * w, "component " + j);
		}
		assertEquals(residual(a, r), r.last().frobenius, 1e-3 * r.last().frobenius);
	}

	@Test
	void theResultDoesNotDependOnTheUnits() {
		// Unscaled, the solvers fail at these units: at 1e-8 the fixed δ of MU dominates the data (all-zero
		// result), at 1e18 float sums overflow (NaN), HALS fails at 1e±30. They see the data on [1/4, 1).
		final INDArray a = randomLowRank(60, 30, 3, 12).addi(randomNonNegative(60, 30, 13).muli(0.05));
		for (final NmfAlgorithm algorithm : NmfAlgorithm.values()) {
			final NmfOptions o = new NmfOptions().rank(3).algorithm(algorithm).iterations(200);
			final NmfResult one = Nmf.factorize(a, o, TaskMonitor.NONE);
			assertTrue(one.last().relative < 0.1, algorithm.key() + ": " + one.last().relative);
			for (final double scale : new double[] { 1e-30, 1e-8, 1e18, 1e30 }) {
				final NmfResult r = Nmf.factorize(a.mul(scale), o.copy(), TaskMonitor.NONE);
				final String what = algorithm.key() + " at " + scale;
				// Other factors than powers of 4 round differently, and 200 iterations amplify that a little.
				assertEquals(one.last().relative, r.last().relative, 0.01 * one.last().relative, what);
				final double real = a.mul(scale).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
					.sub(r.w().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).mmul(r.h().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)))
					.norm2Number().doubleValue();
				assertEquals(r.last().frobenius, real, 1e-3 * real, what + ": the recorded error is the real one, in the data's units");
			}
		}
		// A power-of-4 factor gives exactly the same factors, scaled.
		final NmfOptions hals = new NmfOptions().rank(3).iterations(50);
		final float[] w1 = Nmf.factorize(a, hals, TaskMonitor.NONE).w().data().asFloat();
		final float[] w16 = Nmf.factorize(a.mul(16), hals, TaskMonitor.NONE).w().data().asFloat();
		for (int i = 0; i < w1.length; i++) assertEquals(4 * w1[i], w16[i], 0f);
	}

	@Test
	void sameSeedSameNumbersOtherSeedOtherNumbers() {
		final INDArray a = randomNonNegative(50, 20, 3);
		for (final NmfInit init : NmfInit.values()) {
			final NmfOptions o = new NmfOptions().rank(4).init(init).iterations(20);
			final float[] first = Nmf.factorize(a, o, TaskMonitor.NONE).w().data().asFloat();
			assertArrayEquals(first, Nmf.factorize(a, o.copy(), TaskMonitor.NONE).w().data().asFloat());
		}
		final NmfOptions random = new NmfOptions().rank(4).init(NmfInit.RANDOM).iterations(5);
		final float[] one = Nmf.factorize(a, random, TaskMonitor.NONE).w().data().asFloat();
		final float[] two = Nmf.factorize(a, random.copy().seed(2), TaskMonitor.NONE).w().data().asFloat();
		assertTrue(!java.util.Arrays.equals(one, two));
	}

	@Test
	void nndsvdStartsCloserThanRandom() {
		final INDArray a = randomLowRank(200, 40, 5, 11);
		final double nndsvd = Nmf.factorize(a, new NmfOptions().rank(5).iterations(0), TaskMonitor.NONE).last().relative;
		final double random = Nmf.factorize(a, new NmfOptions().rank(5).init(NmfInit.RANDOM).iterations(0), TaskMonitor.NONE).last().relative;
		assertTrue(nndsvd < 0.5 * random, nndsvd + " vs " + random);
	}

	@Test
	void toleranceStopsEarly() {
		final INDArray a = randomLowRank(100, 30, 4, 2);
		final NmfResult r = Nmf.factorize(a, new NmfOptions().rank(4).iterations(5000).tolerance(1e-3), TaskMonitor.NONE);
		final List<ErrorRecord> h = r.history();
		assertTrue(h.size() < 5001);
		// the best error improved by less than 1e-3 over the last 10 iterations, and by more over the 10 ending one earlier
		final int end = h.size() - 1, window = StoppingRule.WINDOW;
		final double last = best(h, end), before = best(h, end - window), previous = best(h, end - 1), earlier = best(h, end - 1 - window);
		assertTrue(before - last < 1e-3 * before, before + " → " + last);
		assertTrue(earlier - previous >= 1e-3 * earlier, earlier + " → " + previous);
	}

	@Test
	void cancelStopsPromptly() {
		final INDArray a = randomNonNegative(100, 30, 1);
		final int[] calls = { 0 };
		final TaskMonitor cancelAfterThree = new TaskMonitor() {
			@Override
			public void progress(final long done, final long total, final String message) {
				calls[0]++;
			}

			@Override
			public boolean isCanceled() {
				return calls[0] >= 3;
			}
		};
		assertThrows(TaskCanceledException.class, () -> Nmf.factorize(a, new NmfOptions().rank(3).iterations(1000).tolerance(0), cancelAfterThree));
		assertEquals(3, calls[0]);
	}

	@Test
	void badInputIsRefused() {
		final INDArray ok = randomNonNegative(10, 5, 1);
		assertThrows(UserInputException.class, () -> Nmf.factorize(ok, new NmfOptions().rank(0), TaskMonitor.NONE));
		assertThrows(UserInputException.class, () -> Nmf.factorize(ok, new NmfOptions().rank(6), TaskMonitor.NONE));
		final INDArray negative = ok.dup();
		negative.putScalar(3, 2, -1);
		assertTrue(assertThrows(UserInputException.class, () -> Nmf.factorize(negative, new NmfOptions().rank(2), TaskMonitor.NONE))
			.getMessage().contains("negative"));
		final INDArray nan = ok.dup();
		nan.putScalar(1, 1, Float.NaN);
		assertTrue(assertThrows(UserInputException.class, () -> Nmf.factorize(nan, new NmfOptions().rank(2), TaskMonitor.NONE))
			.getMessage().contains("NaN"));
		final INDArray inf = ok.dup();
		inf.putScalar(1, 1, Float.POSITIVE_INFINITY);
		assertThrows(UserInputException.class, () -> Nmf.factorize(inf, new NmfOptions().rank(2), TaskMonitor.NONE));
		assertTrue(assertThrows(UserInputException.class, () -> Nmf.factorize(Nd4j.zeros(10, 5), new NmfOptions().rank(2), TaskMonitor.NONE))
			.getMessage().contains("all zero"));
	}

	/** Coefficients on fixed bases recover a sparse H0 from A = W·H0 exactly. */
	@Test
	void coefficientsRecoverKnownWeights() {
		final INDArray w = randomNonNegative(60, 6, 3);
		final INDArray h0 = randomNonNegative(6, 25, 4);
		// Zeros, where the non-negativity binds.
		for (int j = 0; j < 6; j++) for (int i = 0; i < 25; i++) if ((i + 2 * j) % 3 == 0) h0.putScalar(j, i, 0);
		final INDArray h = Nmf.coefficients(w, w.mmul(h0), TaskMonitor.NONE);
		assertArrayEquals(new long[] { 6, 25 }, h.shape());
		assertArrayEquals(h0.dup('c').data().asFloat(), h.dup('c').data().asFloat(), 1e-3f);
	}

	/**
	 * On data outside the cone of W the coefficients meet the optimality (KKT) conditions of non-negative
	 * least squares: the gradient Wᵀ(WH − A) vanishes where H > 0 and is ≥ 0 where H = 0, and some of H is 0.
	 */
	@Test
	void coefficientsAreTheNonNegativeLeastSquaresSolution() {
		final INDArray w = randomNonNegative(40, 8, 5).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
		final INDArray a = randomNonNegative(40, 30, 6).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
		final INDArray h = Nmf.coefficients(w, a, TaskMonitor.NONE).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
		final INDArray gradient = w.transpose().mmul(w.mmul(h).sub(a));
		final double scale = w.transpose().mmul(a).amaxNumber().doubleValue();
		int zeros = 0;
		for (int j = 0; j < 8; j++) {
			for (int i = 0; i < 30; i++) {
				final double g = gradient.getDouble(j, i) / scale, x = h.getDouble(j, i);
				assertTrue(x >= 0, "H negative at " + j + "," + i);
				if (x > 0) assertEquals(0, g, 1e-4, "gradient where H > 0 at " + j + "," + i);
				else {
					zeros++;
					assertTrue(g > -1e-4, "gradient " + g + " < 0 where H = 0 at " + j + "," + i);
				}
			}
		}
		assertTrue(zeros > 0, "no bound active: the test would not test non-negativity");
		// No worse than the H of the factorization that made these bases, on its own data.
		final INDArray faces = randomLowRank(50, 40, 10, 7).addi(randomNonNegative(50, 40, 8).muli(0.1));
		final NmfResult fit = Nmf.factorize(faces, new NmfOptions().rank(6), TaskMonitor.NONE);
		final INDArray coded = Nmf.coefficients(fit.w(), faces, TaskMonitor.NONE);
		assertTrue(residual(faces, new NmfResult(fit.w(), coded, List.of())) <= residual(faces, fit) * (1 + 1e-4));
		assertThrows(UserInputException.class, () -> Nmf.coefficients(Nd4j.ones(39, 8), a, TaskMonitor.NONE));
	}

	private static double best(final List<ErrorRecord> h, final int upTo) {
		double best = Double.POSITIVE_INFINITY;
		for (int i = 0; i <= upTo; i++) best = Math.min(best, h.get(i).frobenius);
		return best;
	}

	static INDArray matrix(final double[][] values) {
		return Nd4j.createFromArray(values).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
	}

	static INDArray randomNonNegative(final int m, final int n, final long seed) {
		final Random random = new Random(seed);
		final float[] v = new float[m * n];
		for (int i = 0; i < v.length; i++) v[i] = random.nextFloat();
		return Nd4j.create(v, new long[] { m, n }, 'f');
	}

	static INDArray randomLowRank(final int m, final int n, final int rank, final long seed) {
		return randomNonNegative(m, rank, seed).mmul(randomNonNegative(rank, n, seed + 1));
	}
}

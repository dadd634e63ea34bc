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

import io.github.deblurnmf.task.TaskMonitor;
import io.github.deblurnmf.task.UserInputException;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class DeepNmfTest {

	/** A = W1·W2·H exactly, all factors non-negative: 300 pixels, 12 → 4 parts, 60 images. */
	private static INDArray hierarchical() {
		return NmfTest.randomNonNegative(300, 12, 1).mmul(NmfTest.randomNonNegative(12, 4, 2)).mmul(NmfTest.randomNonNegative(4, 60, 3));
	}

	@Test
	void reconstructsHierarchicalDataAndStaysNonNegative() {
		final INDArray a = hierarchical();
		final DeepNmfResult r = DeepNmf.factorize(a, new int[] { 12, 4 }, new NmfOptions().iterations(300).tolerance(0), TaskMonitor.NONE);
		final double relative = a.sub(r.w().mmul(r.h())).norm2Number().doubleValue() / a.norm2Number().doubleValue();
		assertTrue(relative < 0.02, "relative error " + relative); // 300 iterations per phase reach about 1.1 %
		assertEquals(relative, r.last().relative, 1e-3, "the recorded error is the real one");
		for (final INDArray w : r.weights()) assertTrue(w.minNumber().doubleValue() >= 0);
		assertTrue(r.h().minNumber().doubleValue() >= 0);
		assertArrayEquals(new long[] { 300, 12 }, r.weights().get(0).shape());
		assertArrayEquals(new long[] { 12, 4 }, r.weights().get(1).shape());
		assertArrayEquals(new long[] { 4, 60 }, r.h().shape());
		assertEquals(2, r.layerBases().size());
		assertTrue(r.layerBases().get(1).equalsWithEps(r.weights().get(0).mmul(r.weights().get(1)), 1e-4));
	}

	@Test
	void fineTuningLowersTheErrorOfPretraining() {
		final INDArray a = NmfTest.randomNonNegative(200, 50, 9);
		final DeepNmfResult r = DeepNmf.factorize(a, new int[] { 20, 10, 5 }, new NmfOptions().iterations(100).tolerance(0), TaskMonitor.NONE);
		final List<ErrorRecord> h = r.history();
		// 3 layers × 101 records of pretraining, then up to 100 of fine-tuning, numbered without gaps.
		assertEquals(List.of(0, 101, 202, 303), r.phaseStarts());
		assertTrue(h.size() > 303 + 10 && h.size() <= 403, "records: " + h.size());
		for (int i = 0; i < h.size(); i++) assertEquals(i, h.get(i).iteration);
		// 100 per layer and those of fine-tuning; the second and third layers' initial records are no iterations
		assertEquals(300 + h.size() - 303, r.iterationsRun());
		final double pretrained = h.get(302).frobenius, tuned = h.get(h.size() - 1).frobenius;
		assertTrue(tuned < 0.99 * pretrained, pretrained + " -> " + tuned);
		final double real = a.sub(r.w().mmul(r.h())).norm2Number().doubleValue();
		assertEquals(real, tuned, 1e-3 * real);
		for (int i = 0; i < h.size() - 1; i++) assertTrue(h.get(i).millis <= h.get(i + 1).millis);
		for (final float v : r.h().data().asFloat()) assertTrue(Float.isFinite(v) && v >= 0);
	}

	@Test
	void noIterationsRunNoneInAnyPhase() {
		final INDArray a = NmfTest.randomNonNegative(200, 50, 9);
		final DeepNmfResult r = DeepNmf.factorize(a, new int[] { 20, 10, 5 }, new NmfOptions().iterations(0), TaskMonitor.NONE);
		assertEquals(0, r.iterationsRun());
		assertEquals(List.of(0, 1, 2, 3), r.phaseStarts(), "one record per layer, its initialization");
	}

	@Test
	void everyPhaseAfterTheFirstNeverIncreasesTheError() {
		// Layer 1 is HALS with extrapolation, which may rise and restart; the later layers and
		// fine-tuning are exact block and coordinate minimizations.
		final INDArray a = hierarchical().addi(NmfTest.randomNonNegative(300, 60, 4).muli(0.5));
		final DeepNmfResult r = DeepNmf.factorize(a, new int[] { 12, 6, 4 }, new NmfOptions().iterations(200).tolerance(0), TaskMonitor.NONE);
		final List<ErrorRecord> h = r.history();
		final List<Integer> starts = r.phaseStarts();
		for (int phase = 1; phase < starts.size(); phase++) {
			final int from = starts.get(phase), to = phase + 1 < starts.size() ? starts.get(phase + 1) : h.size();
			for (int i = from + 1; i < to; i++) {
				final double before = h.get(i - 1).frobenius, after = h.get(i).frobenius;
				assertTrue(after <= before * (1 + 1e-6), "phase " + phase + ", record " + i + ": " + before + " -> " + after);
			}
		}
		assertTrue(h.size() > starts.get(3) + 5, "fine-tuning ran");
	}

	@Test
	void endsCloseToPlainNmfOfTheLastRank() {
		// The final rank is 4, so plain rank-4 NMF bounds what deep NMF can reach; on data made as
		// W1·W2·H plus noise, fine-tuning brings the chain within 2 % of it.
		final INDArray a = hierarchical().addi(NmfTest.randomNonNegative(300, 60, 5).muli(0.3));
		final double plain = Nmf.factorize(a, new NmfOptions().rank(4), TaskMonitor.NONE).last().relative;
		final DeepNmfResult r = DeepNmf.factorize(a, new int[] { 12, 4 }, new NmfOptions(), TaskMonitor.NONE);
		assertTrue(r.last().relative <= 1.02 * plain, "deep " + r.last().relative + ", plain rank 4 " + plain);
		final double real = a.sub(r.w().mmul(r.h())).norm2Number().doubleValue() / a.norm2Number().doubleValue();
		assertEquals(real, r.last().relative, 1e-4);
	}

	@Test
	void sameSeedSameNumbers() {
		final INDArray a = NmfTest.randomNonNegative(120, 40, 6);
		final NmfOptions o = new NmfOptions().init(NmfInit.RANDOM).seed(3).iterations(50);
		final DeepNmfResult one = DeepNmf.factorize(a, new int[] { 10, 5 }, o, TaskMonitor.NONE);
		final DeepNmfResult two = DeepNmf.factorize(a, new int[] { 10, 5 }, o.copy(), TaskMonitor.NONE);
		assertArrayEquals(one.h().data().asFloat(), two.h().data().asFloat());
		assertArrayEquals(one.w().data().asFloat(), two.w().data().asFloat());
	}

	@Test
	void coordinateDescentSolvesTheMiddleFactorExactly() {
		// min ‖A − L·X·R‖ with A = L·X0·R: from any start, coordinate descent recovers L·X0·R.
		final int m = 30, p = 6, q = 3, n = 20;
		final double[] l = doubles(NmfTest.randomNonNegative(m, p, 21)), x0 = doubles(NmfTest.randomNonNegative(p, q, 22));
		final double[] r = doubles(NmfTest.randomNonNegative(q, n, 23));
		final double[] lx0r = DeepNmf.multiply(DeepNmf.multiply(l, m, p, x0, q), m, q, r, n);
		final double[] s = DeepNmf.transposeMultiply(l, m, p, l, p), t = DeepNmf.gram(r, q, n);
		final double[] mm = DeepNmf.multiplyTransposed(DeepNmf.transposeMultiply(l, m, p, lx0r, n), p, n, r, q);
		final double[] x = new double[p * q];
		java.util.Arrays.fill(x, 1);
		for (int i = 0; i < 300; i++) DeepNmf.coordinateDescent(x, p, q, s, t, mm);
		final double[] lxr = DeepNmf.multiply(DeepNmf.multiply(l, m, p, x, q), m, q, r, n);
		double diff = 0, norm = 0;
		for (int i = 0; i < lxr.length; i++) {
			diff += (lxr[i] - lx0r[i]) * (lxr[i] - lx0r[i]);
			norm += lx0r[i] * lx0r[i];
		}
		assertTrue(Math.sqrt(diff / norm) < 1e-6, "relative error " + Math.sqrt(diff / norm));
		for (final double v : x) assertTrue(v >= 0);
	}

	/** Row-major doubles of a matrix. */
	private static double[] doubles(final INDArray x) {
		return x.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup('c').data().asDouble();
	}

	@Test
	void layersMustDecrease() {
		assertArrayEquals(new int[] { 64, 32, 16 }, DeepNmf.parseLayers(" 64, 32,16 "));
		assertThrows(UserInputException.class, () -> DeepNmf.parseLayers("16,32"));
		assertThrows(UserInputException.class, () -> DeepNmf.parseLayers("16,16"));
		assertThrows(UserInputException.class, () -> DeepNmf.parseLayers("8,0"));
		assertThrows(UserInputException.class, () -> DeepNmf.parseLayers("8,x"));
		assertThrows(UserInputException.class, () -> DeepNmf.parseLayers("8,4,"), "a trailing comma, as 8,,4");
		assertThrows(UserInputException.class, () -> DeepNmf.factorize(NmfTest.randomNonNegative(10, 5, 1), new int[] { 6, 2 }, new NmfOptions(), TaskMonitor.NONE));
	}
}

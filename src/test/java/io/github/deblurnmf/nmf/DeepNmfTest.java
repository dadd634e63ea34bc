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
		// 3 layers × 101 records of pretraining, then 100 of fine-tuning, numbered without gaps.
		assertEquals(403, h.size());
		for (int i = 0; i < h.size(); i++) assertEquals(i, h.get(i).iteration);
		final double pretrained = h.get(302).frobenius, tuned = h.get(402).frobenius;
		assertTrue(tuned < pretrained, pretrained + " -> " + tuned);
		final double real = a.sub(r.w().mmul(r.h())).norm2Number().doubleValue();
		assertEquals(real, tuned, 1e-3 * real);
		for (int i = 0; i < h.size() - 1; i++) assertTrue(h.get(i).millis <= h.get(i + 1).millis);
	}

	@Test
	void layersMustDecrease() {
		assertArrayEquals(new int[] { 64, 32, 16 }, DeepNmf.parseLayers(" 64, 32,16 "));
		assertThrows(UserInputException.class, () -> DeepNmf.parseLayers("16,32"));
		assertThrows(UserInputException.class, () -> DeepNmf.parseLayers("16,16"));
		assertThrows(UserInputException.class, () -> DeepNmf.parseLayers("8,0"));
		assertThrows(UserInputException.class, () -> DeepNmf.parseLayers("8,x"));
		assertThrows(UserInputException.class, () -> DeepNmf.factorize(NmfTest.randomNonNegative(10, 5, 1), new int[] { 6, 2 }, new NmfOptions(), TaskMonitor.NONE));
	}
}

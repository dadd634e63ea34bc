package io.github.deblurnmf.nmf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.deblurnmf.task.TaskMonitor;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NmfResultTest {

	@Test
	void unitMaxBasesKeepTheProductAndMoveTheScaleIntoH() {
		final INDArray a = Nd4j.createFromArray(new float[][] { { 10, 0, 0, 20 }, { 0, 10, 0, 30 }, { 0, 0, 10, 40 }, { 10, 10, 10, 90 }, { 20, 0, 10, 80 } });
		final NmfResult raw = Nmf.factorize(a, new NmfOptions().rank(3).iterations(200), TaskMonitor.NONE);
		final NmfResult unit = raw.withUnitMaxBases();
		final float[][] w = raw.w().toFloatMatrix(), u = unit.w().toFloatMatrix();
		final float[][] h = raw.h().toFloatMatrix(), g = unit.h().toFloatMatrix();
		for (int j = 0; j < 3; j++) {
			float max = 0, unitMax = 0;
			for (int i = 0; i < w.length; i++) {
				max = Math.max(max, w[i][j]);
				unitMax = Math.max(unitMax, u[i][j]);
			}
			assertEquals(1f, unitMax, "basis " + j + " has maximum 1");
			for (int i = 0; i < w.length; i++) assertEquals(w[i][j] / max, u[i][j], 1e-7, "W[" + i + "][" + j + "]");
			for (int n = 0; n < h[j].length; n++) assertEquals(h[j][n] * max, g[j][n], 1e-6 * h[j][n] * max, "H[" + j + "][" + n + "]");
		}
		final float[][] before = raw.reconstruction().toFloatMatrix(), after = unit.reconstruction().toFloatMatrix();
		for (int i = 0; i < before.length; i++) assertArrayEquals(before[i], after[i], 1e-4f, "row " + i + " of W·H");
		assertEquals(raw.history(), unit.history());
	}

	@Test
	void anAllZeroBasisStaysAsItIs() {
		final INDArray w = Nd4j.createFromArray(new float[][] { { 0, 2 }, { 0, 4 } });
		final INDArray h = Nd4j.createFromArray(new float[][] { { 3, 5 }, { 1, 1 } });
		final NmfResult unit = new NmfResult(w, h, List.of()).withUnitMaxBases();
		assertArrayEquals(new float[][] { { 0, 0.5f }, { 0, 1 } }, unit.w().toFloatMatrix());
		assertArrayEquals(new float[][] { { 3, 5 }, { 4, 4 } }, unit.h().toFloatMatrix());
		assertArrayEquals(new float[][] { { 0, 0.5f }, { 0, 1 } }, NmfResult.unitMaxColumns(w).toFloatMatrix());
		assertEquals(DataType.FLOAT, unit.w().dataType());
	}
}

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

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.deblurnmf.nmf.DenseMatrix.Backend;
import io.github.deblurnmf.task.TaskMonitor;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The two backends of {@link DenseMatrix} against products computed here in double, and the solver on both. */
class DenseMatrixTest {

	private static float[] random(final int length, final Random random) {
		final float[] x = new float[length];
		for (int i = 0; i < length; i++) x[i] = random.nextFloat();
		return x;
	}

	/** A float result against its double value, to float round-off of sums of {@code scale} terms of about 1. */
	private static void assertClose(final double expected, final float actual, final double scale, final String what) {
		assertEquals(expected, actual, 1e-5 * scale, what);
	}

	@Test
	void productsOfBothBackendsMatchDoubleArithmetic() {
		final Random random = new Random(3);
		// Tall, wide (results shorter than the Java backend's dot-product threshold), tiny.
		for (final int[] shape : new int[][] { { 300, 70, 5 }, { 36, 900, 12 }, { 900, 20, 7 }, { 2, 2, 2 }, { 1, 1, 1 } }) {
			final int m = shape[0], n = shape[1], k = shape[2];
			final float[] a = random(m * n, random), f = random(m * k, random), g = random(n * k, random);
			for (final Backend backend : new Backend[] { Backend.JAVA, Backend.ND4J }) {
				final DenseMatrix matrix = DenseMatrix.of(a.clone(), null, m, n, k, backend);
				assertEquals(backend, matrix.backend());
				final String where = backend + " " + m + "×" + n + "×" + k;
				final float[] atf = matrix.transposeTimes(f, k, new float[n * k]);
				final float[] ag = matrix.times(g, k, new float[m * k]);
				final float[] wg = new float[m * n];
				matrix.outer(f, g, k, wg);
				for (int j = 0; j < k; j++) {
					for (int c = 0; c < n; c++) {
						double s = 0;
						for (int i = 0; i < m; i++) s += (double) a[c * m + i] * f[j * m + i];
						assertClose(s, atf[j * n + c], m, where + " Aᵀ·F");
					}
					for (int i = 0; i < m; i++) {
						double s = 0;
						for (int c = 0; c < n; c++) s += (double) a[c * m + i] * g[j * n + c];
						assertClose(s, ag[j * m + i], n, where + " A·G");
					}
				}
				for (int c = 0; c < n; c++) {
					for (int i = 0; i < m; i++) {
						double s = 0;
						for (int j = 0; j < k; j++) s += (double) f[j * m + i] * g[j * n + c];
						assertClose(s, wg[c * m + i], k, where + " W·Gᵀ");
					}
				}
				// New values, same shape: the products follow them.
				final float[] b = random(m * n, random);
				matrix.set(b);
				final float[] btf = matrix.transposeTimes(f, k, new float[n * k]);
				double s = 0;
				for (int i = 0; i < m; i++) s += (double) b[(n - 1) * m + i] * f[(k - 1) * m + i];
				assertClose(s, btf[(k - 1) * n + n - 1], m, where + " after set");
			}
		}
	}

	@Test
	void gramMatchesDoubleArithmeticOnEitherSideOfTheNd4jThreshold() {
		final Random random = new Random(4);
		for (final int[] shape : new int[][] { { 40, 3 }, { 5000, 12 }, { 700, 33 }, { 5000, 40 } }) {
			final int rows = shape[0], k = shape[1];
			final float[] f = random(rows * k, random);
			final double[] g = DenseMatrix.gram(f, rows, k);
			for (int j = 0; j < k; j++) {
				for (int l = 0; l < k; l++) {
					double s = 0;
					for (int i = 0; i < rows; i++) s += (double) f[j * rows + i] * f[l * rows + i];
					assertEquals(s, g[j * k + l], 1e-5 * rows, rows + "×" + k + " (" + j + ", " + l + ")");
				}
			}
		}
	}

	@Test
	void solverGivesTheSameFitOnBothBackends() {
		// The faces at rank 16: the same formulas on either backend, so the same errors to float
		// round-off and the same stopping point within a few iterations.
		final INDArray a = NmfLossTest.faces();
		for (final NmfAlgorithm algorithm : NmfAlgorithm.values()) {
			final NmfOptions o = new NmfOptions().rank(16).algorithm(algorithm);
			final List<ErrorRecord> java = Nmf.factorize(a, o, TaskMonitor.NONE, Backend.JAVA, null).history();
			final List<ErrorRecord> nd4j = Nmf.factorize(a, o, TaskMonitor.NONE, Backend.ND4J, null).history();
			for (final int at : new int[] { 0, 1, 10, 50 }) {
				assertEquals(nd4j.get(at).relative, java.get(at).relative, 1e-4 * nd4j.get(at).relative, algorithm + " iteration " + at);
			}
			final ErrorRecord lastJava = java.get(java.size() - 1), lastNd4j = nd4j.get(nd4j.size() - 1);
			assertEquals(lastNd4j.relative, lastJava.relative, 1e-3 * lastNd4j.relative, algorithm.key());
			assertTrue(Math.abs(lastJava.iteration - lastNd4j.iteration) <= 0.1 * lastNd4j.iteration,
				algorithm + " stopped at " + lastJava.iteration + " (java) and " + lastNd4j.iteration + " (nd4j)");
		}
		// AUTO: Java for the faces, ND4J for the benchmark's 4096 × 2000 at rank 64.
		assertEquals(Backend.JAVA, DenseMatrix.choose(625, 100, 16, Backend.AUTO));
		assertEquals(Backend.ND4J, DenseMatrix.choose(4096, 2000, 64, Backend.AUTO));
		assertEquals(Backend.JAVA, DenseMatrix.of(new float[6], null, 3, 2, 1, Backend.AUTO).backend());
	}
}

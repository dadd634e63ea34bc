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
 * Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations. Used on the
 * (rank + oversampling)² Gram matrix of a randomized SVD, where its simplicity beats calling LAPACK.
 */
final class SymmetricEigen {

	/** Eigenvalues, largest first. */
	final double[] values;
	/** Eigenvectors as columns, row-major n × n: vectors[i * n + j] is entry i of vector j. */
	final double[] vectors;

	SymmetricEigen(final double[] symmetric, final int n) {
		final double[] s = symmetric.clone();
		final double[] v = new double[n * n];
		for (int i = 0; i < n; i++) v[i * n + i] = 1;
		for (int sweep = 0; sweep < 100; sweep++) {
			double off = 0, diag = 0;
			for (int p = 0; p < n; p++) {
				diag += s[p * n + p] * s[p * n + p];
				for (int q = p + 1; q < n; q++) off += s[p * n + q] * s[p * n + q];
			}
			if (off <= 1e-30 * diag || off == 0) break;
			for (int p = 0; p < n; p++) {
				for (int q = p + 1; q < n; q++) {
					final double apq = s[p * n + q];
					if (apq == 0) continue;
					final double theta = (s[q * n + q] - s[p * n + p]) / (2 * apq);
					final double t = Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
					final double c = 1 / Math.sqrt(t * t + 1), sn = t * c;
					for (int r = 0; r < n; r++) { // columns p, q of S
						final double sp = s[r * n + p], sq = s[r * n + q];
						s[r * n + p] = c * sp - sn * sq;
						s[r * n + q] = sn * sp + c * sq;
					}
					for (int r = 0; r < n; r++) { // rows p, q of S
						final double sp = s[p * n + r], sq = s[q * n + r];
						s[p * n + r] = c * sp - sn * sq;
						s[q * n + r] = sn * sp + c * sq;
					}
					for (int r = 0; r < n; r++) {
						final double vp = v[r * n + p], vq = v[r * n + q];
						v[r * n + p] = c * vp - sn * vq;
						v[r * n + q] = sn * vp + c * vq;
					}
				}
			}
		}
		final Integer[] order = new Integer[n];
		for (int i = 0; i < n; i++) order[i] = i;
		java.util.Arrays.sort(order, (x, y) -> Double.compare(s[y * n + y], s[x * n + x]));
		values = new double[n];
		vectors = new double[n * n];
		for (int j = 0; j < n; j++) {
			values[j] = s[order[j] * n + order[j]];
			for (int i = 0; i < n; i++) vectors[i * n + j] = v[i * n + order[j]];
		}
	}
}

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

import java.util.HashMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fixed m × n float matrix (column-major) and every product the NMF solvers take: with the
 * matrix, Aᵀ·F and A·G for thin factors; of the factors, FᵀF and W·Gᵀ. The solvers hold their
 * factors in Java arrays and call only these, so the same formulas run on either backend:
 * <ul>
 * <li>{@link Backend#ND4J}: sgemm into preallocated off-heap arrays, factors copied in and out in
 * bulk. Fast on large products (≈ 200 GFLOP/s on 2 cores), but each call costs 20–80 µs of
 * overhead, which dominates below a few million multiply–adds.</li>
 * <li>{@link Backend#JAVA}: plain loops over separate row arrays (A's columns, and its rows for
 * Aᵀ·F), every inner loop an axpy {@code out[i] += s·x[i]} that HotSpot vectorizes: 5–16 GFLOP/s
 * on one core, no per-call cost. It keeps A twice (both orientations), hence small matrices only.</li>
 * </ul>
 * {@link Backend#AUTO} picks Java when a product with a rank-k factor is at most
 * {@link #JAVA_MAX_WORK} multiply–adds.
 */
abstract class DenseMatrix {

	/** Which code multiplies. */
	enum Backend { AUTO, JAVA, ND4J }

	/**
	 * The largest m·n·k that {@link Backend#AUTO} gives to Java: around it the two backends are within a
	 * factor 2 of each other, below it Java wins by ND4J's per-call cost and copies, above it sgemm wins
	 * (NmfSmallBenchmark; docs/performance.md, "NMF on small problems").
	 */
	static final long JAVA_MAX_WORK = 1L << 23;
	/** The largest rows·k² of a {@link #gram} in Java, but for long thin factors. */
	static final long JAVA_MAX_GRAM_WORK = 1L << 22;

	final int m, n;

	DenseMatrix(final int m, final int n) {
		this.m = m;
		this.n = n;
	}

	/**
	 * The matrix of {@code values} (column-major m × n; kept, not copied, by the Java backend) for
	 * products with factors of rank about {@code k}. {@code nd} may give the same values already
	 * off-heap (Fortran order, contiguous) to spare ND4J a copy; null otherwise.
	 */
	static DenseMatrix of(final float[] values, final INDArray nd, final int m, final int n, final int k, final Backend backend) {
		return choose(m, n, k, backend) == Backend.JAVA ? new JavaMatrix(values, m, n)
			: new Nd4jMatrix(nd != null ? nd : Nd4j.create(values, new long[] { m, n }, 'f'), m, n);
	}

	/** The backend {@code backend} means for an m × n matrix and rank-k factors: {@link Backend#AUTO} resolved. */
	static Backend choose(final int m, final int n, final int k, final Backend backend) {
		if (backend != Backend.AUTO) return backend;
		return (long) m * n * Math.max(1, k) <= JAVA_MAX_WORK ? Backend.JAVA : Backend.ND4J;
	}

	/** Which backend this is. */
	abstract Backend backend();

	/** Aᵀ·F for F column-major m × k; {@code out} column-major n × k (= row-major k × n), returned. */
	abstract float[] transposeTimes(float[] f, int k, float[] out);

	/** A·G for G column-major n × k (= row-major k × n, as H); {@code out} column-major m × k, returned. */
	abstract float[] times(float[] g, int k, float[] out);

	/** New values of the same shape (column-major); the Java backend keeps the array. */
	abstract void set(float[] values);

	/**
	 * FᵀF for F column-major rows × k, k × k in double. In Java for thin or short factors: by
	 * {@link #dots} when F is long and thin, else row by row ({@code G_j += F_ij·F_i}, in double);
	 * by ND4J's sgemm (in float) when both k and rows·k² are large, where it is faster. A function
	 * of the factor alone, so that a solver without A at hand (the distributed one's driver)
	 * computes it the same way.
	 */
	static double[] gram(final float[] f, final int rows, final int k) {
		if (rows >= 1024 && k <= 32) return dots((j, from, length, to) -> System.arraycopy(f, j * rows + from, to, 0, length), k, null, k, rows);
		if ((long) rows * k * k <= JAVA_MAX_GRAM_WORK) return rowGram(f, rows, k);
		final INDArray[] buffers = Nd4jMatrix.gramBuffers(rows, k);
		buffers[0].data().asNioFloat().put(f, 0, rows * k);
		final float[] g = Nd4jMatrix.multiply(buffers[0], true, buffers[0], buffers[1], new float[k * k]);
		final double[] out = new double[g.length];
		for (int i = 0; i < g.length; i++) out[i] = g[i];
		return out;
	}

	/** FᵀF as Σ_i F_iᵀF_i over the rows F_i, in double: one axpy per entry of F (its upper triangle). */
	private static double[] rowGram(final float[] f, final int rows, final int k) {
		final double[][] g = new double[k][k];
		final double[] row = new double[k];
		for (int i = 0; i < rows; i++) {
			for (int j = 0; j < k; j++) row[j] = f[j * rows + i];
			for (int j = 0; j < k; j++) {
				final double s = row[j];
				if (s == 0) continue;
				final double[] gj = g[j];
				for (int l = j; l < k; l++) gj[l] += s * row[l];
			}
		}
		final double[] out = new double[k * k];
		for (int j = 0; j < k; j++) {
			for (int l = j; l < k; l++) {
				out[j * k + l] = g[j][l];
				out[l * k + j] = g[j][l];
			}
		}
		return out;
	}

	/** Where {@link #dots} reads its vectors: {@code length} values of vector j from index {@code from} into {@code to}. */
	interface Vectors {
		void copy(int j, int from, int length, float[] to);
	}

	/**
	 * All dot products x_j·y_l of p vectors x and q vectors y of one length, row-major p × q in
	 * double; y = null means y = x (a gram matrix: only l ≥ j is computed). The vectors are read in
	 * chunks into arrays at offset 0, and each pair accumulates {@code acc[i] += a[i]·b[i]} over the
	 * chunk, a loop HotSpot vectorizes (a plain dot product is a reduction it does not); the
	 * float lanes are summed in double at the end. Fast when the length is large and p·q small:
	 * gram matrices of thin factors, and products whose result is short.
	 */
	static double[] dots(final Vectors x, final int p, final Vectors y, final int q, final int length) {
		final boolean gram = y == null;
		final int pairs = gram ? p * (p + 1) / 2 : p * q;
		// Chunks of 64–512 values, smaller when there are many pairs (the accumulators stay in cache).
		final int chunk = Math.min(Math.max(64, Math.min(512, 16 * Integer.highestOneBit(Math.max(1, 32768 / pairs)))), (length + 15) & ~15);
		final float[][] xs = new float[p][chunk], ys = gram ? xs : new float[q][chunk];
		final float[][] acc = new float[pairs][chunk];
		for (int from = 0; from < length; from += chunk) {
			final int len = Math.min(chunk, length - from);
			for (int j = 0; j < p; j++) {
				x.copy(j, from, len, xs[j]);
				if (len < chunk) java.util.Arrays.fill(xs[j], len, chunk, 0);
			}
			if (!gram) {
				for (int l = 0; l < q; l++) {
					y.copy(l, from, len, ys[l]);
					if (len < chunk) java.util.Arrays.fill(ys[l], len, chunk, 0);
				}
			}
			int pair = 0;
			for (int j = 0; j < p; j++) {
				final float[] a = xs[j];
				for (int l = gram ? j : 0; l < q; l++) {
					final float[] b = ys[l], s = acc[pair++];
					for (int i = 0; i < chunk; i++) s[i] += a[i] * b[i];
				}
			}
		}
		final double[] out = new double[p * q];
		int pair = 0;
		for (int j = 0; j < p; j++) {
			for (int l = gram ? j : 0; l < q; l++) {
				double sum = 0;
				for (final float v : acc[pair++]) sum += v;
				out[j * q + l] = sum;
				if (gram) out[l * q + j] = sum;
			}
		}
		return out;
	}

	/** W·Gᵀ for W column-major m × k and G column-major n × k (= row-major k × n, as H): column-major m × n into {@code out}. */
	abstract void outer(float[] w, float[] g, int k, float[] out);

	// -- Java --

	private static final class JavaMatrix extends DenseMatrix {

		/**
		 * Results shorter than this are computed as dot products ({@link #dots}); longer ones as sums
		 * of axpys {@code out[i] += s·x[i]}, whose loops are then long enough to vectorize well.
		 */
		private static final int SHORT = 64;
		/** A's columns, and its rows (Aᵀ's columns): every loop below runs over one of them. */
		private final float[][] columns, rows;
		private float[] scratch = new float[0];
		private float[][] factorRows = new float[0][];

		JavaMatrix(final float[] values, final int m, final int n) {
			super(m, n);
			columns = new float[n][m];
			rows = new float[m][n];
			set(values);
		}

		@Override
		Backend backend() {
			return Backend.JAVA;
		}

		@Override
		void set(final float[] values) {
			for (int c = 0; c < n; c++) {
				final float[] column = columns[c];
				System.arraycopy(values, c * m, column, 0, m);
				for (int i = 0; i < m; i++) rows[i][c] = column[i];
			}
		}

		@Override
		float[] transposeTimes(final float[] f, final int k, final float[] out) {
			if (n < SHORT) { // out[c, j] = (column c of A)·F_j
				final double[] d = dots((c, from, length, to) -> System.arraycopy(columns[c], from, to, 0, length), n,
					(j, from, length, to) -> System.arraycopy(f, j * m + from, to, 0, length), k, m);
				for (int c = 0; c < n; c++) for (int j = 0; j < k; j++) out[j * n + c] = (float) d[c * k + j];
				return out;
			}
			// Column j of the result, Aᵀ·F_j = Σ_i F_ij · (row i of A).
			final float[] sum = scratch(n);
			for (int j = 0; j < k; j++) {
				java.util.Arrays.fill(sum, 0, n, 0);
				final int off = j * m;
				for (int i = 0; i < m; i++) {
					final float s = f[off + i];
					if (s != 0) axpy(sum, s, rows[i], n);
				}
				System.arraycopy(sum, 0, out, j * n, n);
			}
			return out;
		}

		@Override
		float[] times(final float[] g, final int k, final float[] out) {
			if (m < SHORT) { // out[i, j] = (row i of A)·G_j
				final double[] d = dots((i, from, length, to) -> System.arraycopy(rows[i], from, to, 0, length), m,
					(j, from, length, to) -> System.arraycopy(g, j * n + from, to, 0, length), k, n);
				for (int i = 0; i < m; i++) for (int j = 0; j < k; j++) out[j * m + i] = (float) d[i * k + j];
				return out;
			}
			// Column j of the result, A·G_j = Σ_c G_cj · (column c of A).
			final float[] sum = scratch(m);
			for (int j = 0; j < k; j++) {
				java.util.Arrays.fill(sum, 0, m, 0);
				final int off = j * n;
				for (int c = 0; c < n; c++) {
					final float s = g[off + c];
					if (s != 0) axpy(sum, s, columns[c], m);
				}
				System.arraycopy(sum, 0, out, j * m, m);
			}
			return out;
		}

		@Override
		void outer(final float[] w, final float[] g, final int k, final float[] out) {
			final float[][] x = factorRows(w, m, k);
			final float[] sum = scratch(m);
			for (int c = 0; c < n; c++) {
				java.util.Arrays.fill(sum, 0, m, 0);
				for (int j = 0; j < k; j++) {
					final float s = g[j * n + c];
					if (s != 0) axpy(sum, s, x[j], m);
				}
				System.arraycopy(sum, 0, out, c * m, m);
			}
		}

		/** The k columns of a column-major rows × k factor as separate arrays (reused). */
		private float[][] factorRows(final float[] f, final int rows, final int k) {
			if (factorRows.length < k || k > 0 && factorRows[0].length < rows) factorRows = new float[k][rows];
			for (int j = 0; j < k; j++) System.arraycopy(f, j * rows, factorRows[j], 0, rows);
			return factorRows;
		}

		private float[] scratch(final int length) {
			if (scratch.length < length) scratch = new float[length];
			return scratch;
		}

		/** sum[i] += s·x[i]: both arrays at offset 0, so that C2 vectorizes it. */
		private static void axpy(final float[] sum, final float s, final float[] x, final int length) {
			for (int i = 0; i < length; i++) sum[i] += s * x[i];
		}

	}

	// -- ND4J --

	private static final class Nd4jMatrix extends DenseMatrix {

		/** The last shapes {@link DenseMatrix#gram} used on this thread: their factor and result arrays. */
		private static final ThreadLocal<Map<Long, INDArray[]>> GRAM_BUFFERS = ThreadLocal.withInitial(HashMap::new);

		static INDArray[] gramBuffers(final int rows, final int k) {
			final Map<Long, INDArray[]> cache = GRAM_BUFFERS.get();
			final long key = ((long) rows << 32) | k;
			INDArray[] b = cache.get(key);
			if (b == null) {
				if (cache.size() >= 4) cache.clear(); // W's and H's shapes alternate; a new run brings new ones
				b = new INDArray[] { Nd4j.createUninitialized(DataType.FLOAT, new long[] { rows, k }, 'f'),
					Nd4j.createUninitialized(DataType.FLOAT, new long[] { k, k }, 'f') };
				cache.put(key, b);
			}
			return b;
		}

		private final INDArray a;
		/** Preallocated off-heap arrays by shape (rows, columns), Fortran order. */
		private final Map<Long, INDArray[]> buffers = new HashMap<>();

		Nd4jMatrix(final INDArray a, final int m, final int n) {
			super(m, n);
			this.a = a;
		}

		@Override
		Backend backend() {
			return Backend.ND4J;
		}

		@Override
		void set(final float[] values) {
			a.data().asNioFloat().put(values, 0, m * n);
		}

		@Override
		float[] transposeTimes(final float[] f, final int k, final float[] out) {
			return multiply(a, true, upload(f, m, k, 0), buffer(n, k, 1), out);
		}

		@Override
		float[] times(final float[] g, final int k, final float[] out) {
			return multiply(a, false, upload(g, n, k, 0), buffer(m, k, 1), out);
		}

		@Override
		void outer(final float[] w, final float[] g, final int k, final float[] out) {
			final INDArray wNd = upload(w, m, k, 0), gNd = upload(g, n, k, 1), result = buffer(m, n, 2);
			Nd4j.gemm(wNd, gNd, result, false, true, 1.0, 0.0);
			result.data().asNioFloat().get(out, 0, m * n);
		}

		/**
		 * x·factor (or xᵀ·factor) into {@code result}, then copied into {@code out}. Both copies go
		 * through the NIO view in bulk: {@code DataBuffer.asFloat()} allocates, and
		 * {@code setData(float[])} writes element by element (docs/performance.md, "NMF").
		 */
		private static float[] multiply(final INDArray x, final boolean transpose, final INDArray factor, final INDArray result, final float[] out) {
			Nd4j.gemm(x, factor, result, transpose, false, 1.0, 0.0);
			result.data().asNioFloat().get(out, 0, (int) result.length());
			return out;
		}

		private INDArray upload(final float[] values, final int rows, final int cols, final int slot) {
			final INDArray target = buffer(rows, cols, slot);
			target.data().asNioFloat().put(values, 0, rows * cols);
			return target;
		}

		/** The preallocated rows × cols array number {@code slot} (so that two operands of one shape do not share memory). */
		private INDArray buffer(final int rows, final int cols, final int slot) {
			final INDArray[] arrays = buffers.computeIfAbsent(((long) rows << 32) | cols, key -> new INDArray[3]);
			if (arrays[slot] == null) arrays[slot] = Nd4j.createUninitialized(DataType.FLOAT, new long[] { rows, cols }, 'f');
			return arrays[slot];
		}
	}
}

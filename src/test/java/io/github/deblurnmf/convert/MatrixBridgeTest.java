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
package io.github.deblurnmf.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class MatrixBridgeTest {

	private static final int X = 7;
	private static final int Y = 5;
	private static final int C = 2;
	private static final int N = 3;

	/** A value that differs for every (x, y, c, n) used here, so a wrong layout cannot go unnoticed. */
	private static float value(final int x, final int y, final int c, final int n) {
		return x + 10 * y + 100 * c + 1000 * n + 0.5f;
	}

	/** (X, Y, C, N) filled through a RandomAccess from {@link #value}, independently of any flat order. */
	private static ArrayImg<FloatType, FloatArray> fourDimensionalStack() {
		final ArrayImg<FloatType, FloatArray> img = ArrayImgs.floats(X, Y, C, N);
		final RandomAccess<FloatType> access = img.randomAccess();
		for (int n = 0; n < N; n++)
			for (int c = 0; c < C; c++)
				for (int y = 0; y < Y; y++)
					for (int x = 0; x < X; x++) {
						access.setPositionAndGet(x, y, c, n).set(value(x, y, c, n));
					}
		return img;
	}

	@Test
	void toMatrixPutsPixelXYOfSliceJIntoRowXPlusXTimesYOfColumnJ() {
		final ArrayImg<FloatType, FloatArray> img = ArrayImgs.floats(X, Y, N);
		final RandomAccess<FloatType> access = img.randomAccess();
		for (int n = 0; n < N; n++)
			for (int y = 0; y < Y; y++)
				for (int x = 0; x < X; x++) {
					access.setPositionAndGet(x, y, n).set(value(x, y, 0, n));
				}

		final INDArray a = MatrixBridge.toMatrix(img);

		assertArrayEquals(new long[] { X * Y, N }, a.shape());
		assertEquals(DataType.FLOAT, a.dataType());
		assertEquals('f', a.ordering());
		for (int n = 0; n < N; n++)
			for (int y = 0; y < Y; y++)
				for (int x = 0; x < X; x++) {
					assertEquals(value(x, y, 0, n), a.getFloat(x + X * y, n), "pixel " + x + "," + y + " of slice " + n);
				}
	}

	@Test
	void toMatrixFlattensChannelsAfterXAndY() {
		final INDArray a = MatrixBridge.toMatrix(fourDimensionalStack());

		assertArrayEquals(new long[] { X * Y * C, N }, a.shape());
		for (int n = 0; n < N; n++)
			for (int c = 0; c < C; c++)
				for (int y = 0; y < Y; y++)
					for (int x = 0; x < X; x++) {
						assertEquals(value(x, y, c, n), a.getFloat(x + X * y + X * Y * c, n));
					}
	}

	@Test
	void toMatrixAcceptsAnIntervalThatDoesNotStartAtZero() {
		final RandomAccessibleInterval<FloatType> shifted = Views.translate(fourDimensionalStack(), 3, -2, 1, 5);

		final INDArray a = MatrixBridge.toMatrix(shifted);

		assertEquals(value(4, 2, 1, 2), a.getFloat(4 + X * 2 + X * Y, 2));
	}

	@Test
	void toStackPutsColumnJIntoSliceJ() {
		final float[][] rows = new float[X * Y * C][N];
		for (int p = 0; p < rows.length; p++)
			for (int n = 0; n < N; n++) {
				rows[p][n] = p * 0.25f - n;
			}
		final INDArray a = Nd4j.create(rows);

		final Img<FloatType> stack = MatrixBridge.toStack(a, X, Y, C);

		assertArrayEquals(new long[] { X, Y, C, N }, stack.dimensionsAsLongArray());
		final RandomAccess<FloatType> access = stack.randomAccess();
		for (int n = 0; n < N; n++)
			for (int c = 0; c < C; c++)
				for (int y = 0; y < Y; y++)
					for (int x = 0; x < X; x++) {
						assertEquals(rows[x + X * y + X * Y * c][n], access.setPositionAndGet(x, y, c, n).get());
					}
	}

	@Test
	void toStackInvertsToMatrix() {
		final ArrayImg<FloatType, FloatArray> img = fourDimensionalStack();

		final Img<FloatType> back = MatrixBridge.toStack(MatrixBridge.toMatrix(img), X, Y, C);

		assertArrayEquals(img.dimensionsAsLongArray(), back.dimensionsAsLongArray());
		assertArrayEquals(img.update(null).getCurrentStorageArray(), FlatFloats.copy(back, 1));
	}

	@Test
	void toStackReadsCOrderFOrderTransposedAndSubMatrixViewsAlike() {
		final INDArray expected = MatrixBridge.toMatrix(fourDimensionalStack());
		final float[] expectedValues = fourDimensionalStack().update(null).getCurrentStorageArray();

		assertArrayEquals(expectedValues, FlatFloats.copy(MatrixBridge.toStack(expected.dup('c'), X, Y, C), 1));
		assertArrayEquals(expectedValues, FlatFloats.copy(MatrixBridge.toStack(expected.dup('f'), X, Y, C), 1));
		// A transposed view has swapped strides over the same buffer.
		final INDArray transposedTwice = expected.transpose().dup('c').transpose();
		assertArrayEquals(expectedValues, FlatFloats.copy(MatrixBridge.toStack(transposedTwice, X, Y, C), 1));
		assertArrayEquals(expectedValues, FlatFloats.copy(MatrixBridge.toStack(expected.castTo(DataType.DOUBLE), X, Y, C), 1));

		// A view of columns 1..2 starts at an offset into the parent's buffer.
		final INDArray lastTwoColumns = expected.get(NDArrayIndex.all(), NDArrayIndex.interval(1, N));
		final Img<FloatType> lastTwo = MatrixBridge.toStack(lastTwoColumns, X, Y, C);
		assertArrayEquals(new long[] { X, Y, C, 2 }, lastTwo.dimensionsAsLongArray());
		assertEquals(value(6, 4, 1, 1), lastTwo.randomAccess().setPositionAndGet(6, 4, 1, 0).get());
		assertEquals(value(0, 1, 0, 2), lastTwo.randomAccess().setPositionAndGet(0, 1, 0, 1).get());
		final INDArray rowsView = expected.get(NDArrayIndex.interval(X * Y, 2 * X * Y), NDArrayIndex.all());
		assertEquals(value(3, 2, 1, 2), MatrixBridge.toStack(rowsView, X, Y).randomAccess().setPositionAndGet(3, 2, 2).get());
	}

	@Test
	void toStackRejectsSliceDimensionsThatDoNotMatchTheRows() {
		final INDArray a = Nd4j.zeros(DataType.FLOAT, X * Y, N);

		assertThrows(IllegalArgumentException.class, () -> MatrixBridge.toStack(a, X, Y, 2));
		assertThrows(IllegalArgumentException.class, () -> MatrixBridge.toStack(a, Y, Y));
		assertThrows(IllegalArgumentException.class, () -> MatrixBridge.toStack(Nd4j.zeros(DataType.FLOAT, X, Y, N), X, Y));
	}
}

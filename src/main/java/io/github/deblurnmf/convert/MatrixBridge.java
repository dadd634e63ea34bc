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

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * Conversion between ImgLib2 stacks and ND4J matrices of one column per slice. The last dimension
 * of a stack is the slice index N; the leading dimensions, flattened with X fastest, then Y, then
 * C, give the pixel index P. So a stack (X, Y, C, N) is the P &times; N matrix with
 * P = X Y C and A[x + X y + X Y c, n] = stack(x, y, c, n).
 */
public final class MatrixBridge {

	private MatrixBridge() {}

	/**
	 * Copies {@code stack} into a new float32 matrix of P &times; N, one column per slice. The
	 * matrix is in Fortran ('f') order, so each column is one contiguous block of memory.
	 */
	public static INDArray toMatrix(final RandomAccessibleInterval<? extends RealType<?>> stack) {
		if (stack.numDimensions() < 2) {
			throw new IllegalArgumentException("A stack needs at least 2 dimensions, the last being the slice, got " + Arrays.toString(stack.dimensionsAsLongArray()));
		}
		final long slices = stack.dimension(stack.numDimensions() - 1);
		final long pixels = FlatFloats.numElements(stack) / slices;
		// The flat order of the stack is the column-major order of the P x N matrix.
		return Nd4j.create(FlatFloats.copy(stack, 1), new long[] { pixels, slices }, 'f');
	}

	/**
	 * Copies {@code matrix}, P &times; N, into a new stack of dimensions {@code sliceDims} + [N]:
	 * column n becomes slice n, its values laid out with dimension 0 fastest. For example
	 * {@code toStack(a, X, Y, C)} gives (X, Y, C, N). Any data type, order and view is accepted;
	 * values become float.
	 *
	 * @throws IllegalArgumentException if the matrix is not 2-D or P is not the product of {@code sliceDims}
	 */
	public static Img<FloatType> toStack(final INDArray matrix, final long... sliceDims) {
		if (matrix.rank() != 2) {
			throw new IllegalArgumentException("Expected a matrix of one column per slice, got shape " + Arrays.toString(matrix.shape()));
		}
		for (final long dim : sliceDims) {
			if (dim < 1) throw new IllegalArgumentException("Slice dimensions must be positive, got " + Arrays.toString(sliceDims));
		}
		final long pixels = matrix.rows();
		final long slices = matrix.columns();
		if (slices < 1) throw new IllegalArgumentException("The matrix has no columns");
		if (FlatFloats.product(sliceDims) != pixels) {
			throw new IllegalArgumentException("A matrix of " + pixels + " rows does not fit slices of " + Arrays.toString(sliceDims) + " pixels");
		}
		// dup('f') both resolves views (offsets, strides, transposes) and makes columns contiguous,
		// so the buffer is exactly the stack in flat order; castTo first avoids a double-sized copy.
		final INDArray columnMajor = matrix.castTo(DataType.FLOAT).dup('f');
		final float[] values = columnMajor.data().asFloat();
		if (values.length != pixels * slices) {
			throw new IllegalStateException("ND4J buffer of " + values.length + " floats for a " + pixels + " x " + slices + " matrix");
		}
		final long[] dims = Arrays.copyOf(sliceDims, sliceDims.length + 1);
		dims[sliceDims.length] = slices;
		return ArrayImgs.floats(values, dims);
	}
}

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

import net.imglib2.Interval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/** Copies between images and flat Java arrays in flat order: dimension 0 fastest, then 1, and so on. */
final class FlatFloats {

	private FlatFloats() {}

	/** The values of {@code img} in flat order, each divided by {@code divisor}. */
	static float[] copy(final RandomAccessibleInterval<? extends RealType<?>> img, final double divisor) {
		final float[] values = new float[arrayLength(img)];
		int i = 0;
		// Views.flatIterable, not img itself: an Img (e.g. a CellImg) may iterate in another order.
		for (final RealType<?> value : Views.flatIterable(img)) {
			values[i++] = (float) (value.getRealDouble() / divisor);
		}
		return values;
	}

	/** The number of elements of {@code interval}, checked to fit a Java array. */
	static int arrayLength(final Interval interval) {
		final long size = numElements(interval);
		if (size > Integer.MAX_VALUE - 8) {
			throw new IllegalArgumentException("Image too large for one Java array: " + size + " elements");
		}
		return (int) size;
	}

	/** The product of the dimensions of {@code interval}, failing on overflow. */
	static long numElements(final Interval interval) {
		return product(interval.dimensionsAsLongArray());
	}

	/** The product of {@code dims}, failing on overflow. */
	static long product(final long... dims) {
		long product = 1;
		for (final long dim : dims) product = Math.multiplyExact(product, dim);
		return product;
	}
}

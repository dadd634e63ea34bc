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
package io.github.deblurnmf.deblur;

/**
 * Something that turns an image into a deblurred image of the same size: a network, or a tile of
 * work inside {@link TiledDeblur}. Images are channel-planar float arrays (channel c, row y,
 * column x at {@code c·width·height + y·width + x}) on [0, 1]. An operator returns a new array and keeps no reference to
 * {@code image}, which the caller may fill with the next tile.
 */
@FunctionalInterface
public interface PlaneOperator {

	float[] apply(float[] image, int width, int height);

	/**
	 * {@link #apply(float[], int, int)} written into {@code out}, which has room for the result (as many values as
	 * {@code image}). An operator that writes there directly spares a tiled image a new large array per tile, each one a
	 * "humongous" object for the garbage collector (docs/performance.md).
	 */
	default void apply(final float[] image, final int width, final int height, final float[] out) {
		final float[] result = apply(image, width, height);
		System.arraycopy(result, 0, out, 0, result.length);
	}

	/**
	 * The side multiple at which this operator sees an image as it is: a network pads other sides by reflection up to the
	 * next multiple of its poolings, and then meets the image's edge inside its input, where it was never trained to, and
	 * spoils a band along it ({@link TiledDeblur} cuts its tiles to this multiple instead). 1: any side.
	 */
	default int sideMultiple() {
		return 1;
	}

	/** {@code operator} with the side multiple {@code sideMultiple}. */
	static PlaneOperator withSideMultiple(final int sideMultiple, final PlaneOperator operator) {
		return new PlaneOperator() {

			@Override
			public float[] apply(final float[] image, final int width, final int height) {
				return operator.apply(image, width, height);
			}

			@Override
			public void apply(final float[] image, final int width, final int height, final float[] out) {
				operator.apply(image, width, height, out);
			}

			@Override
			public int sideMultiple() {
				return sideMultiple;
			}
		};
	}
}

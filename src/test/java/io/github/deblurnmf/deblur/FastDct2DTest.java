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

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.jtransforms.dct.DoubleDCT_2D;
import org.junit.jupiter.api.Test;

/** {@link FastDct2D} against the DCT-II's definition, JTransforms' 2-D DCT, and its own inverse. */
class FastDct2DTest {

	private static double[] random(final int length, final long seed) {
		final Random random = new Random(seed);
		final double[] values = new double[length];
		for (int i = 0; i < length; i++) values[i] = random.nextDouble() - 0.3;
		return values;
	}

	/** The orthonormal DCT-II by its sum, row-major {@code kx + ky·width}. */
	private static double[] direct(final double[] plane, final int width, final int height) {
		final double[] out = new double[plane.length];
		for (int ky = 0; ky < height; ky++)
			for (int kx = 0; kx < width; kx++) {
				double sum = 0;
				for (int y = 0; y < height; y++)
					for (int x = 0; x < width; x++)
						sum += plane[x + y * width] * Math.cos(Math.PI * (2 * x + 1) * kx / (2.0 * width)) * Math.cos(Math.PI * (2 * y + 1)
							* ky / (2.0 * height));
				out[kx + ky * width] = sum * Math.sqrt((kx == 0 ? 1.0 : 2.0) / width) * Math.sqrt((ky == 0 ? 1.0 : 2.0) / height);
			}
		return out;
	}

	private static void assertTransform(final double[] expected, final int width, final int height, final double tolerance) {
		final double[] plane = random(width * height, 31L * width + height);
		final double[] spectrum = plane.clone();
		final FastDct2D dct = new FastDct2D(width, height);
		dct.forward(spectrum);
		for (int i = 0; i < plane.length; i++)
			assertEquals(expected[i], spectrum[i], tolerance, width + "x" + height + " at " + i % width + "," + i / width);
		dct.inverse(spectrum);
		for (int i = 0; i < plane.length; i++) assertEquals(plane[i], spectrum[i], tolerance, width + "x" + height + " inverse at " + i);
	}

	@Test
	void smallPlanesOfEvenAndOddSidesMatchTheDefinition() {
		for (final int[] size : new int[][] { { 2, 2 }, { 3, 2 }, { 2, 5 }, { 6, 4 }, { 5, 8 }, { 7, 9 }, { 12, 10 } }) {
			final int width = size[0], height = size[1];
			assertTransform(direct(random(width * height, 31L * width + height), width, height), width, height, 1e-12);
		}
	}

	@Test
	void aTileMatchesJTransforms() {
		for (final int[] size : new int[][] { { 544, 544 }, { 544, 130 }, { 97, 544 } }) {
			final int width = size[0], height = size[1];
			final double[] expected = random(width * height, 31L * width + height);
			new DoubleDCT_2D(height, width).forward(expected, true);
			assertTransform(expected, width, height, 1e-11);
		}
	}
}

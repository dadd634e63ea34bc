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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class DihedralTest {

	@Test
	void eightDistinctSymmetriesOfASquare() {
		final int size = 3, channels = 2;
		final float[] image = new float[channels * size * size];
		for (int i = 0; i < image.length; i++) image[i] = i;
		final Set<List<Float>> seen = new HashSet<>();
		for (int k = 0; k < Dihedral.COUNT; k++) {
			final float[] t = Dihedral.apply(image, channels, size, k);
			final List<Float> list = new java.util.ArrayList<>();
			for (final float v : t) list.add(v);
			seen.add(list);
			// Channel 1 moves exactly like channel 0.
			for (int p = 0; p < size * size; p++) assertEquals(t[p] + 9, t[9 + p]);
		}
		assertEquals(8, seen.size());
		assertArrayEquals(image, Dihedral.apply(image, channels, size, 0));
		// One quarter turn: the top-left corner goes to the top-right.
		final float[] turned = Dihedral.apply(java.util.Arrays.copyOf(image, 9), 1, size, 1);
		assertEquals(image[0], turned[2]);
		// The mirror: the top-left corner goes to the top-right, the middle row stays a row.
		final float[] mirrored = Dihedral.apply(java.util.Arrays.copyOf(image, 9), 1, size, 4);
		assertArrayEquals(new float[] { 2, 1, 0, 5, 4, 3, 8, 7, 6 }, mirrored);
	}

	@Test
	void aQuarterTurnOfARectangleSwapsItsSides() {
		// 3 wide, 2 high:  0 1 2 / 3 4 5. A quarter turn clockwise (as on the square) gives 2 wide, 3 high:
		// 3 0 / 4 1 / 5 2.
		final float[] image = { 0, 1, 2, 3, 4, 5 };
		assertEquals(2, Dihedral.width(3, 2, 1));
		assertArrayEquals(new float[] { 3, 0, 4, 1, 5, 2 }, Dihedral.apply(image, 1, 3, 2, 1));
		// Half a turn: 5 4 3 / 2 1 0; the mirror then a quarter turn: mirror 2 1 0 / 5 4 3, turned 5 2 / 4 1 / 3 0.
		assertArrayEquals(new float[] { 5, 4, 3, 2, 1, 0 }, Dihedral.apply(image, 1, 3, 2, 2));
		assertArrayEquals(new float[] { 5, 2, 4, 1, 3, 0 }, Dihedral.apply(image, 1, 3, 2, 5));
	}

	@Test
	void eachTransformIsUndoneByItsInverse() {
		final int width = 5, height = 3, channels = 2;
		final float[] image = new float[channels * width * height];
		for (int i = 0; i < image.length; i++) image[i] = i * 0.5f;
		for (int k = 0; k < Dihedral.COUNT; k++) {
			final float[] t = Dihedral.apply(image, channels, width, height, k);
			final int w = Dihedral.width(width, height, k), h = Dihedral.width(height, width, k);
			if (k > 0) assertNotEquals(java.util.Arrays.toString(image), java.util.Arrays.toString(t), "transform " + k);
			assertArrayEquals(image, Dihedral.apply(t, channels, w, h, Dihedral.inverse(k)), "transform " + k);
		}
	}

	@Test
	void averagingLeavesASymmetricOperatorAloneAndSymmetrizesAnother() {
		final int width = 6, height = 4;
		final float[] image = new float[width * height];
		for (int i = 0; i < image.length; i++) image[i] = (i * 7 % 11) / 11f;
		// Doubling commutes with every symmetry.
		final PlaneOperator doubling = (in, w, h) -> {
			final float[] out = in.clone();
			for (int i = 0; i < out.length; i++) out[i] *= 2;
			return out;
		};
		final float[] doubled = Dihedral.averaged(doubling, 1).apply(image, width, height);
		for (int i = 0; i < image.length; i++) assertEquals(2 * image[i], doubled[i], 1e-6);
		// "Copy the left neighbour" does not: averaged over the 8 symmetries an interior pixel becomes
		// (its 4 neighbours' sum) / 4, exactly, for the 8 transforms shift each of the 4 directions twice.
		final PlaneOperator leftNeighbour = (in, w, h) -> {
			final float[] out = new float[in.length];
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) out[y * w + x] = in[y * w + Math.max(0, x - 1)];
			return out;
		};
		final float[] averaged = Dihedral.averaged(leftNeighbour, 1).apply(image, width, height);
		final int x = 2, y = 1, p = y * width + x;
		assertEquals((image[p - 1] + image[p + 1] + image[p - width] + image[p + width]) / 4, averaged[p], 1e-6);
	}
}

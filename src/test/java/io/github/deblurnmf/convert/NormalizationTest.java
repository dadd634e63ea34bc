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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.FloatProcessor;
import io.github.deblurnmf.task.UserInputException;

import org.junit.jupiter.api.Test;

class NormalizationTest {

	@Test
	void bitDepthsScaleByTheirFullRange() {
		assertEquals(1, Normalization.of(8, null).toUnit(255), 0);
		assertEquals(1, Normalization.of(24, null).toUnit(255), 0);
		assertEquals(1, Normalization.of(16, null).toUnit(65535), 0);
		assertEquals(200, Normalization.of(8, null).fromUnit(200 / 255.0), 1e-9);
	}

	@Test
	void aFloatPlaneMapsFromItsOwnRangeAndBack() {
		final float[] plane = { -40, 0, 100, 255 };
		final Normalization n = Normalization.of(32, plane);
		assertEquals(0, n.toUnit(-40), 0);
		assertEquals(1, n.toUnit(255), 1e-12);
		for (final float v : plane) assertEquals(v, n.fromUnit(n.toUnit(v)), 1e-9);
	}

	@Test
	void aConstantFloatPlaneMapsToTheMiddleAndBack() {
		final Normalization n = Normalization.of(32, new float[] { 1000, 1000 });
		assertEquals(0.5, n.toUnit(1000), 0);
		assertEquals(1000, n.fromUnit(0.5), 0);
	}

	@Test
	void rangesOfPartsMergeToThePlanesNormalization() {
		final float[] plane = { 3, -7.5f, 12, 0.25f, 40, -2 };
		final double[] top = Normalization.range(plane, 0, 3), bottom = Normalization.range(plane, 3, 3);
		assertEquals(-7.5, top[0], 0);
		assertEquals(40, bottom[1], 0);
		final Normalization whole = Normalization.of(32, plane);
		final Normalization merged = Normalization.of(32, Math.min(top[0], bottom[0]), Math.max(top[1], bottom[1]));
		for (final float v : plane) assertEquals(whole.toUnit(v), merged.toUnit(v), 0);
		assertEquals(0, merged.toUnit(-7.5), 0);
		assertEquals(1, merged.toUnit(40), 0);
		// No values: the identity, as for an empty plane.
		final double[] none = Normalization.range(plane, 2, 0);
		assertEquals(5, Normalization.of(32, none[0], none[1]).toUnit(5), 0);
	}

	@Test
	void finiteValuesNamesTheFirstBadPixel() {
		final FloatProcessor fp = new FloatProcessor(4, 3);
		FiniteValues.require(new ImagePlus("ok", fp), "input");
		fp.setf(2, 1, Float.NaN);
		final UserInputException e = assertThrows(UserInputException.class, () -> FiniteValues.require(new ImagePlus("bad", fp), "reference"));
		assertTrue(e.getMessage().startsWith("reference bad has NaN or infinite values (NaN at x=2, y=1)"), e.getMessage());
		// A band of rows from row 100 on names the pixel's row in the whole image.
		final UserInputException band = assertThrows(UserInputException.class, () -> FiniteValues.require(new ImagePlus("bad", fp), "input", 100));
		assertTrue(band.getMessage().startsWith("input bad has NaN or infinite values (NaN at x=2, y=101)"), band.getMessage());
	}
}

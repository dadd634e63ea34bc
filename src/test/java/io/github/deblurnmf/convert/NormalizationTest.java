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
	void finiteValuesNamesTheFirstBadPixel() {
		final FloatProcessor fp = new FloatProcessor(4, 3);
		FiniteValues.require(new ImagePlus("ok", fp), "input");
		fp.setf(2, 1, Float.NaN);
		final UserInputException e = assertThrows(UserInputException.class, () -> FiniteValues.require(new ImagePlus("bad", fp), "reference"));
		assertTrue(e.getMessage().startsWith("reference bad has NaN or infinite values (NaN at x=2, y=1)"), e.getMessage());
	}
}

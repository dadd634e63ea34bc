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
package io.github.deblurnmf.metrics;

import static io.github.deblurnmf.metrics.MetricsReference.integer;
import static io.github.deblurnmf.metrics.MetricsReference.numbers;
import static io.github.deblurnmf.metrics.MetricsReference.pixels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * {@link GaussianFilter} against {@code scipy.ndimage.gaussian_filter(sigma=1.5, truncate=3.5,
 * mode='reflect')}, the filter of scikit-image's SSIM. The SSIM mean leaves the border out, so only
 * these tests see the boundary mode, which the SSIM gradient needs up to the edges.
 */
class ImageMetricsGaussianFilterTest {

	@Test
	void ssimFilterHasElevenNormalizedTaps() {
		final GaussianFilter filter = GaussianFilter.forSsim();
		assertEquals(5, filter.radius());
		final double[] weights = filter.weights();
		assertEquals(11, weights.length);
		assertEquals(1.0, Arrays.stream(weights).sum(), 1e-15);
		assertEquals(weights[0], weights[10], 0);
	}

	@Test
	void tinyPlaneMatchesScipyReflectMode() {
		// 4 x 3 is smaller than the 11-tap kernel: the reflection repeats across the plane.
		final int width = integer("ramp.width");
		final int height = integer("ramp.height");
		final double[] filtered = new double[width * height];
		GaussianFilter.forSsim().filter(numbers("ramp.input"), width, height, filtered);
		assertArrayEquals(numbers("ramp.gaussian"), filtered, 1e-12);
	}

	@Test
	void photoMatchesScipyUpToTheEdges() {
		final int width = integer("coffee.width");
		final int height = integer("coffee.height");
		final float[] expected = pixels("coffee_reference_gaussian", width, height);
		final float[] filtered = new float[width * height];
		final GaussianFilter filter = GaussianFilter.forSsim();
		filter.filter(pixels("coffee_reference", width, height), width, height, filtered);
		// scipy's float64 result was stored as float32: allow that rounding and no more.
		assertArrayEquals(expected, filtered, 1e-7f);
		// Reused instance, in place.
		final float[] again = pixels("coffee_reference", width, height);
		filter.filter(again, width, height, again);
		assertArrayEquals(filtered, again, 0f);
	}

	@Test
	void reflectIndexIsHalfSampleSymmetric() {
		// d c b a | a b c d | d c b a
		final int[] expected = { 3, 2, 1, 0, 0, 1, 2, 3, 3, 2, 1, 0, 0 };
		for (int i = 0; i < expected.length; i++)
			assertEquals(expected[i], GaussianFilter.reflect(i - 4, 4), "index " + (i - 4));
		assertEquals(0, GaussianFilter.reflect(-7, 1));
	}

	@Test
	void windowOfTwentyHasTwentyOneCentredTaps() {
		final GaussianFilter filter = GaussianFilter.forWindow(20, 3);
		assertEquals(10, filter.radius());
		final double[] w = filter.weights();
		assertEquals(21, w.length);
		// exp(-x²/18) normalized: the centre over the sum of all 21 taps.
		double sum = 0;
		for (int x = -10; x <= 10; x++) sum += Math.exp(-x * x / 18.0);
		assertEquals(1 / sum, w[10], 1e-15);
		assertEquals(Math.exp(-100 / 18.0) / sum, w[0], 1e-15);
		assertEquals(w[0], w[20], 0);
		assertEquals(3, GaussianFilter.forWindow(7, 3).radius());
	}
}

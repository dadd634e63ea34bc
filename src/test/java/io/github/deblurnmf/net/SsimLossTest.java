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
package io.github.deblurnmf.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.deblurnmf.metrics.ImageMetrics;

import java.util.Random;

import org.junit.jupiter.api.Test;

class SsimLossTest {

	private static double[] random(final Random random, final int n) {
		final double[] values = new double[n];
		for (int i = 0; i < n; i++)
			values[i] = random.nextDouble();
		return values;
	}

	private static float[] toFloat(final double[] values) {
		final float[] result = new float[values.length];
		for (int i = 0; i < values.length; i++)
			result[i] = (float) values[i];
		return result;
	}

	/** Central finite differences on a random 16×16 pair (and a non-square 17×13 one, for the edges). */
	@Test
	void gradientMatchesFiniteDifferences() {
		final int[][] sizes = { { 16, 16 }, { 17, 13 } };
		for (final int[] size : sizes) {
			final int width = size[0];
			final int height = size[1];
			final Random random = new Random(42);
			final double[] y = random(random, width * height);
			final double[] x = new double[width * height];
			for (int i = 0; i < x.length; i++)
				x[i] = 0.6 * y[i] + 0.4 * random.nextDouble();
			final SsimLoss loss = new SsimLoss(0.7);
			final double[] gradient = new double[x.length];
			loss.lossAndGradient(x, y, width, height, gradient);
			final double h = 1e-6;
			double maxError = 0;
			double maxGradient = 0;
			for (int i = 0; i < x.length; i++) {
				final double saved = x[i];
				x[i] = saved + h;
				final double plus = loss.lossAndGradient(x, y, width, height, null);
				x[i] = saved - h;
				final double minus = loss.lossAndGradient(x, y, width, height, null);
				x[i] = saved;
				final double numeric = (plus - minus) / (2 * h);
				maxError = Math.max(maxError, Math.abs(numeric - gradient[i]));
				maxGradient = Math.max(maxGradient, Math.abs(numeric));
			}
			assertTrue(maxError / maxGradient < 1e-4, "relative error " + maxError / maxGradient + " at " + width
				+ "x" + height);
		}
	}

	@Test
	void lossIsOneMinusImageMetricsSsimAndNoMseForEqualImages() {
		final Random random = new Random(3);
		final int width = 24;
		final int height = 20;
		final double[] y = random(random, width * height);
		final double[] x = random(random, width * height);
		final SsimLoss ssimOnly = new SsimLoss(1);
		final double expectedSsim = ImageMetrics.ssim(toFloat(y), toFloat(x), width, height);
		final float[] xf = toFloat(x);
		final float[] yf = toFloat(y);
		final double[] xd = new double[xf.length];
		final double[] yd = new double[yf.length];
		for (int i = 0; i < xf.length; i++) {
			xd[i] = xf[i];
			yd[i] = yf[i];
		}
		final double mse = ImageMetrics.mse(yf, xf);
		assertEquals(mse + 1 - expectedSsim, ssimOnly.lossAndGradient(xd, yd, width, height, null), 1e-12);
		assertEquals(0, ssimOnly.lossAndGradient(yd, yd, width, height, null), 1e-12);
		assertEquals(mse, new SsimLoss(0).lossAndGradient(xd, yd, width, height, null), 1e-15);
		final double[] gradient = new double[xd.length];
		ssimOnly.lossAndGradient(yd, yd, width, height, gradient);
		for (final double g : gradient)
			assertEquals(0, g, 1e-9);
	}
}

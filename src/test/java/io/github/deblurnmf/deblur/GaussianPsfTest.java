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
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;

import io.github.deblurnmf.metrics.GaussianFilter;
import io.github.deblurnmf.task.UserInputException;

class GaussianPsfTest {

	@Test
	void defaultPsfIsThe21TapWindowOfTheDatasetBlurSummingToOneAndSymmetric() {
		final GaussianPsf psf = GaussianPsf.of(GaussianPsf.DEFAULT_SIGMA);
		assertEquals(10, psf.radius());
		assertEquals(21, psf.size());
		final double[] weights = GaussianFilter.forWindow(20, 3).weights();
		assertArrayEquals(weights, psf.weights(), 0);
		final double[] kernel = psf.kernel2d();
		double sum = 0;
		for (int y = 0; y < 21; y++) {
			for (int x = 0; x < 21; x++) {
				final double value = kernel[x + y * 21];
				sum += value;
				assertEquals(weights[x] * weights[y], value, 0);
				assertEquals(value, kernel[(20 - x) + y * 21], 1e-15, "mirror in x");
				assertEquals(value, kernel[x + (20 - y) * 21], 1e-15, "mirror in y");
				assertEquals(value, kernel[y + x * 21], 1e-15, "transpose");
			}
		}
		assertEquals(1, sum, 1e-12);
	}

	@Test
	void badSigmaOrKernelIsUserInputError() {
		assertThrows(UserInputException.class, () -> GaussianPsf.of(0));
		assertThrows(UserInputException.class, () -> GaussianPsf.of(Double.NaN));
		assertThrows(UserInputException.class, () -> GaussianPsf.of(0, 3));
	}

	/**
	 * The frequency-domain blur is exactly the dataset's reflected-edge blur, also for odd and prime sizes
	 * and for planes smaller than the PSF (where the reflection repeats).
	 */
	@Test
	void frequencyDomainBlurEqualsTheDatasetBlurForAnySize() {
		final GaussianPsf psf = GaussianPsf.of(20, 3);
		final int[][] sizes = { { 96, 80 }, { 37, 53 }, { 5, 3 }, { 1, 7 }, { 13, 1 }, { 1, 1 }, { 2, 2 } };
		final Random random = new Random(3);
		for (final int[] size : sizes) {
			final int width = size[0], height = size[1];
			final float[] image = new float[width * height];
			for (int i = 0; i < image.length; i++)
				image[i] = random.nextFloat();
			final float[] expected = SyntheticImages.blur(image, width, height, 20, 3);
			final double[] plane = PlaneConvolution.toDouble(image, width, height);
			new ReflectedConvolution(psf, width, height).blur(plane);
			for (int i = 0; i < plane.length; i++)
				assertEquals(expected[i], plane[i], 1e-6, width + "x" + height + " at " + i);
		}
	}
}

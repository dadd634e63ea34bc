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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import io.github.deblurnmf.metrics.ImageMetrics;
import io.github.deblurnmf.task.UserInputException;

class MeasuredPsfTest {

	/** An asymmetric kernel, 5 wide and 3 high, most of its weight right of and below its middle. */
	private static final float[] SKEWED = { 0, 1, 1, 2, 0, 0, 2, 6, 9, 3, 0, 0, 3, 5, 4 };

	private static double[] randomPlane(final int width, final int height, final long seed) {
		final Random random = new Random(seed);
		final double[] plane = new double[width * height];
		for (int i = 0; i < plane.length; i++)
			plane[i] = random.nextDouble();
		return plane;
	}

	/** Index {@code i} of a line of {@code n} samples continued by reflection (half-sample symmetric). */
	private static int reflect(final int i, final int n) {
		final int m = Math.floorMod(i, 2 * n);
		return m < n ? m : 2 * n - 1 - m;
	}

	/** {@code out(x, y) = Σ k(u, v) · in(x − u + cx, y − v + cy)}, the edges reflected: the blur by definition. */
	private static double[] directBlur(final double[] image, final int width, final int height, final MeasuredPsf psf) {
		final double[] kernel = psf.kernel(), out = new double[image.length];
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				double sum = 0;
				for (int v = 0; v < psf.height(); v++)
					for (int u = 0; u < psf.width(); u++)
						sum += kernel[u + v * psf.width()] * image[reflect(x - u + psf.centerX(), width) + reflect(y - v + psf.centerY(), height) * width];
				out[x + y * width] = sum;
			}
		return out;
	}

	@Test
	void blurIsTheReflectedConvolutionWithAnAsymmetricKernel() {
		final MeasuredPsf psf = MeasuredPsf.of(SKEWED, 5, 3);
		// Centroid of SKEWED: x = 99/36 → 3, y = 44/36 → 1.
		assertEquals(3, psf.centerX());
		assertEquals(1, psf.centerY());
		// The last two planes are smaller than the kernel: it wraps more than once around the mirrored period.
		for (final int[] size : new int[][] { { 11, 7 }, { 3, 2 }, { 1, 6 }, { 2, 1 } }) {
			final int width = size[0], height = size[1];
			final double[] image = randomPlane(width, height, 7), blurred = image.clone();
			psf.on(width, height).blur(blurred);
			final double[] expected = directBlur(image, width, height, psf);
			for (int i = 0; i < image.length; i++)
				assertEquals(expected[i], blurred[i], 1e-12, width + "x" + height + " pixel " + i);
		}
	}

	@Test
	void correlateIsTheAdjointOfBlur() {
		final int width = 12, height = 9;
		final PlaneConvolution convolution = MeasuredPsf.of(SKEWED, 5, 3).on(width, height);
		final double[] a = randomPlane(width, height, 1), b = randomPlane(width, height, 2);
		final double[] blurredA = a.clone(), correlatedB = b.clone();
		convolution.blur(blurredA);
		convolution.correlate(correlatedB);
		double left = 0, right = 0;
		for (int i = 0; i < a.length; i++) {
			left += blurredA[i] * b[i];
			right += a[i] * correlatedB[i];
		}
		assertEquals(left, right, 1e-12 * Math.abs(left));
		// Not the correlation of the mirrored plane: that is not the adjoint for a kernel that is not symmetric.
		final double[] flipped = b.clone();
		MeasuredPsf.of(flippedSkewed(), 5, 3).on(width, height).blur(flipped);
		double differs = 0;
		for (int i = 0; i < b.length; i++)
			differs = Math.max(differs, Math.abs(flipped[i] - correlatedB[i]));
		assertTrue(differs > 1e-3, "differs by " + differs);
	}

	private static float[] flippedSkewed() {
		final float[] flipped = new float[SKEWED.length];
		for (int i = 0; i < SKEWED.length; i++)
			flipped[i] = SKEWED[SKEWED.length - 1 - i];
		return flipped;
	}

	@Test
	void aGaussianMeasuredIsDeconvolvedAsTheGaussianPsf() {
		final GaussianPsf gaussian = GaussianPsf.of(12, 1.5);
		final double[] kernel = gaussian.kernel2d();
		final float[] values = new float[kernel.length];
		for (int i = 0; i < kernel.length; i++)
			values[i] = (float) kernel[i];
		final MeasuredPsf measured = MeasuredPsf.of(values, gaussian.size(), gaussian.size());
		assertEquals(gaussian.radius(), measured.centerX());
		assertEquals(gaussian.radius(), measured.centerY());
		final int width = SyntheticImages.WIDTH, height = SyntheticImages.HEIGHT;
		final float[] blurred = SyntheticImages.blur(SyntheticImages.sharp(), width, height, 12, 1.5);
		assertClose(new WienerDeconvolution(gaussian, 1e-3).deconvolve(blurred, width, height),
			new WienerDeconvolution(measured, 1e-3).deconvolve(blurred, width, height), 1e-5);
		assertClose(new RichardsonLucy(gaussian, 10).deconvolve(blurred, width, height),
			new RichardsonLucy(measured, 10).deconvolve(blurred, width, height), 1e-5);
	}

	private static void assertClose(final float[] expected, final float[] actual, final double tolerance) {
		for (int i = 0; i < expected.length; i++)
			assertEquals(expected[i], actual[i], tolerance, "pixel " + i);
	}

	@Test
	void aPointAnywhereInItsImageIsTheIdentity() {
		final float[] point = new float[9 * 9];
		point[6 + 2 * 9] = 40;
		final MeasuredPsf psf = MeasuredPsf.of(point, 9, 9);
		assertEquals(6, psf.centerX());
		assertEquals(2, psf.centerY());
		final double[] image = randomPlane(10, 8, 3), blurred = image.clone();
		psf.on(10, 8).blur(blurred);
		for (int i = 0; i < image.length; i++)
			assertEquals(image[i], blurred[i], 1e-12);
	}

	@Test
	void wienerWithTheMeasuredPsfUndoesAMotionBlurThatAGaussianCannot() {
		// A horizontal motion of 9 pixels, all to one side of the point's place.
		final float[] motion = new float[9];
		java.util.Arrays.fill(motion, 1);
		final MeasuredPsf psf = MeasuredPsf.of(motion, 9, 1);
		final int width = SyntheticImages.WIDTH, height = SyntheticImages.HEIGHT;
		final float[] sharp = SyntheticImages.sharp();
		final double[] blurredPlane = new double[sharp.length];
		for (int i = 0; i < sharp.length; i++)
			blurredPlane[i] = sharp[i];
		psf.on(width, height).blur(blurredPlane);
		final float[] blurred = PlaneConvolution.toFloat(blurredPlane);
		final double before = ImageMetrics.psnr(sharp, blurred);
		final double measured = ImageMetrics.psnr(sharp, new WienerDeconvolution(psf, 1e-4).deconvolve(blurred, width, height));
		final double richardsonLucy = ImageMetrics.psnr(sharp, new RichardsonLucy(psf, 50).deconvolve(blurred, width, height));
		final double gaussian = ImageMetrics.psnr(sharp, new WienerDeconvolution(GaussianPsf.of(8, 2.6), 1e-3).deconvolve(blurred, width, height));
		assertTrue(measured > before + 10, "Wiener with the PSF: " + measured + " dB, blurred " + before);
		assertTrue(richardsonLucy > before + 3, "Richardson-Lucy with the PSF: " + richardsonLucy + " dB, blurred " + before);
		assertTrue(measured > gaussian + 10, "Wiener with the PSF: " + measured + " dB, with a Gaussian " + gaussian);
	}

	@Test
	void refusesWhatIsNotAPsf() {
		final UserInputException negative = assertThrows(UserInputException.class, () -> MeasuredPsf.of(new float[] { 1, -0.5f, 1, 1 }, 2, 2));
		assertTrue(negative.getMessage().contains("-0.5 at (1, 0)"), negative.getMessage());
		assertThrows(UserInputException.class, () -> MeasuredPsf.of(new float[] { 1, Float.NaN }, 2, 1));
		final UserInputException zero = assertThrows(UserInputException.class, () -> MeasuredPsf.of(new float[4], 2, 2));
		assertTrue(zero.getMessage().contains("all 0"), zero.getMessage());
	}
}

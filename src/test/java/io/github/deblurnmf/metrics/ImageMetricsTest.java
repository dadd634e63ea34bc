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
import static io.github.deblurnmf.metrics.MetricsReference.number;
import static io.github.deblurnmf.metrics.MetricsReference.pixels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.deblurnmf.task.UserInputException;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ImageMetrics} against numbers computed by scikit-image 0.19.3 ({@code make_reference.py}).
 * Tolerances: MSE to 1e-6 relative; PSNR (dB) and SSIM to 1e-6 absolute.
 */
class ImageMetricsTest {

	private static final double TOLERANCE = 1e-6;

	/** A test image pair: reference and degraded (blur plus noise) versions of one crop. */
	private static final class Pair {

		final int width;
		final int height;
		final float[] reference;
		final float[] degraded;

		Pair(final String name) {
			width = integer(name + ".width");
			height = integer(name + ".height");
			reference = pixels(name + "_reference", width, height);
			degraded = pixels(name + "_degraded", width, height);
		}

		Img<FloatType> referenceImg() {
			return ArrayImgs.floats(reference, width, height);
		}

		Img<FloatType> degradedImg() {
			return ArrayImgs.floats(degraded, width, height);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "camera", "astronaut", "coffee" })
	void planeMetricsMatchScikitImage(final String name) {
		final Pair pair = new Pair(name);
		assertRelative(number(name + ".mse"), ImageMetrics.mse(pair.reference, pair.degraded), name + " MSE");
		assertEquals(number(name + ".psnr"), ImageMetrics.psnr(pair.reference, pair.degraded), TOLERANCE,
			name + " PSNR");
		assertEquals(number(name + ".ssim"), ImageMetrics.ssim(pair.reference, pair.degraded, pair.width,
			pair.height), TOLERANCE, name + " SSIM");
	}

	@ParameterizedTest
	@ValueSource(strings = { "camera", "astronaut", "coffee" })
	void imgLib2MetricsMatchScikitImage(final String name) {
		final Pair pair = new Pair(name);
		assertRelative(number(name + ".mse"), ImageMetrics.mse(pair.referenceImg(), pair.degradedImg()),
			name + " MSE");
		assertEquals(number(name + ".psnr"), ImageMetrics.psnr(pair.referenceImg(), pair.degradedImg()), TOLERANCE,
			name + " PSNR");
		assertEquals(number(name + ".ssim"), ImageMetrics.ssim(pair.referenceImg(), pair.degradedImg()), TOLERANCE,
			name + " SSIM");
	}

	@Test
	void stackMetricsMatchScikitImage() {
		final Pair camera = new Pair("camera");
		final Pair astronaut = new Pair("astronaut");
		final Img<FloatType> referenceStack = stack(camera.width, camera.height, camera.reference,
			astronaut.reference);
		final Img<FloatType> degradedStack = stack(camera.width, camera.height, camera.degraded, astronaut.degraded);

		assertRelative(number("stack.mse"), ImageMetrics.mse(referenceStack, degradedStack), "stack MSE");
		assertEquals(number("stack.psnr"), ImageMetrics.psnr(referenceStack, degradedStack), TOLERANCE,
			"stack PSNR");
		final double stackSsim = ImageMetrics.ssim(referenceStack, degradedStack);
		assertEquals(number("stack.ssim"), stackSsim, TOLERANCE, "stack SSIM");
		// The mean over slices, both of scikit-image's slice numbers and of our own.
		assertEquals((number("camera.ssim") + number("astronaut.ssim")) / 2, stackSsim, TOLERANCE);
		final double meanOfSlices = (ImageMetrics.ssim(camera.reference, camera.degraded, camera.width,
			camera.height) + ImageMetrics.ssim(astronaut.reference, astronaut.degraded, astronaut.width,
				astronaut.height)) / 2;
		assertEquals(meanOfSlices, stackSsim, 1e-12);
		// The stack's PSNR comes from the MSE over all pixels, not from the mean of the slices' PSNR.
		final double meanOfSlicePsnr = (number("camera.psnr") + number("astronaut.psnr")) / 2;
		assertTrue(Math.abs(meanOfSlicePsnr - ImageMetrics.psnr(referenceStack, degradedStack)) > 1e-3);
	}

	@Test
	void dimensionsBeyondTwoAreFlattenedIntoSlices() {
		final Pair camera = new Pair("camera");
		final Pair astronaut = new Pair("astronaut");
		final float[] reference = concatenate(camera.reference, astronaut.reference);
		final float[] degraded = concatenate(camera.degraded, astronaut.degraded);
		// X, Y, channel 1, time 2: the same two slices as a 3-D stack.
		final Img<FloatType> reference4d = ArrayImgs.floats(reference, camera.width, camera.height, 1, 2);
		final Img<FloatType> degraded4d = ArrayImgs.floats(degraded, camera.width, camera.height, 1, 2);
		assertEquals(number("stack.ssim"), ImageMetrics.ssim(reference4d, degraded4d), TOLERANCE);
		assertRelative(number("stack.mse"), ImageMetrics.mse(reference4d, degraded4d), "4-D MSE");
	}

	@Test
	void identicalImagesHaveSsimOneAndInfinitePsnr() {
		final Pair coffee = new Pair("coffee");
		final float[] copy = coffee.degraded.clone();
		assertEquals(1.0, ImageMetrics.ssim(coffee.degraded, copy, coffee.width, coffee.height), 1e-12);
		assertEquals(0.0, ImageMetrics.mse(coffee.degraded, copy));
		assertEquals(Double.POSITIVE_INFINITY, ImageMetrics.psnr(coffee.degraded, copy));
		assertEquals(1.0, ImageMetrics.ssim(coffee.degradedImg(), coffee.degradedImg()), 1e-12);
		assertEquals(Double.POSITIVE_INFINITY, ImageMetrics.psnr(coffee.degradedImg(), coffee.degradedImg()));
	}

	@Test
	void ssimIsSymmetric() {
		final Pair camera = new Pair("camera");
		final double forward = ImageMetrics.ssim(camera.reference, camera.degraded, camera.width, camera.height);
		final double backward = ImageMetrics.ssim(camera.degraded, camera.reference, camera.width, camera.height);
		assertEquals(forward, backward, 1e-15);
		assertTrue(forward < 0.9, "a degraded image should not look identical");
	}

	@Test
	void mismatchedSizesAreRejectedNamingBothSizes() {
		final Pair camera = new Pair("camera");
		final Pair coffee = new Pair("coffee");
		final UserInputException imgError = assertThrows(UserInputException.class,
			() -> ImageMetrics.ssim(camera.referenceImg(), coffee.degradedImg()));
		assertTrue(imgError.getMessage().contains("64x48") && imgError.getMessage().contains("37x29"),
			imgError.getMessage());
		assertThrows(UserInputException.class, () -> ImageMetrics.mse(camera.referenceImg(), coffee.degradedImg()));
		assertThrows(UserInputException.class, () -> ImageMetrics.psnr(camera.referenceImg(), coffee.degradedImg()));
		// Same pixel count, different shape.
		assertThrows(UserInputException.class, () -> ImageMetrics.mse(ArrayImgs.floats(64, 48),
			ArrayImgs.floats(48, 64)));
		final UserInputException planeError = assertThrows(UserInputException.class,
			() -> ImageMetrics.mse(camera.reference, coffee.degraded));
		assertTrue(planeError.getMessage().contains("3072") && planeError.getMessage().contains("1073"),
			planeError.getMessage());
		assertThrows(UserInputException.class, () -> ImageMetrics.ssim(camera.reference, coffee.degraded, 64, 48));
	}

	@Test
	void imagesSmallerThanTheWindowAreRejected() {
		assertThrows(UserInputException.class, () -> ImageMetrics.ssim(new float[10 * 20], new float[10 * 20], 10,
			20));
		assertThrows(UserInputException.class, () -> ImageMetrics.ssim(ArrayImgs.floats(20, 10), ArrayImgs.floats(20,
			10)));
		assertEquals(1.0, ImageMetrics.ssim(ArrayImgs.floats(11, 11), ArrayImgs.floats(11, 11)), 1e-12);
	}

	private static Img<FloatType> stack(final int width, final int height, final float[]... slices) {
		return ArrayImgs.floats(concatenate(slices), width, height, slices.length);
	}

	private static float[] concatenate(final float[]... slices) {
		int length = 0;
		for (final float[] slice : slices)
			length += slice.length;
		final float[] all = new float[length];
		int start = 0;
		for (final float[] slice : slices) {
			System.arraycopy(slice, 0, all, start, slice.length);
			start += slice.length;
		}
		return all;
	}

	private static void assertRelative(final double expected, final double actual, final String what) {
		assertEquals(expected, actual, TOLERANCE * Math.abs(expected), what);
	}
}

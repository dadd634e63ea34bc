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
package io.github.deblurnmf.command;

import static io.github.deblurnmf.command.CommandRuns.floatStack;
import static io.github.deblurnmf.command.CommandRuns.quoted;
import static io.github.deblurnmf.command.CommandRuns.succeeds;
import static io.github.deblurnmf.command.CommandRuns.writeTiff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ShortProcessor;
import io.github.deblurnmf.metrics.ImageMetrics;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compare Images through the headless runner, against {@link ImageMetrics} on arrays built here. */
class CompareImagesCommandTest {

	private static final String COMPARE = "Compare Images";
	/** SSIM needs at least its 11×11 window; width and height differ to catch swapped axes. */
	private static final int WIDTH = 16, HEIGHT = 13;

	@TempDir
	Path tmp;

	/** 8-bit gray values: a ramp, plus noise of {@code noise} gray levels when {@code noise > 0}. */
	private static int[] grays(final long seed, final double noise) {
		final Random random = new Random(seed);
		final int[] values = new int[WIDTH * HEIGHT];
		for (int i = 0; i < values.length; i++) {
			values[i] = (int) Math.max(0, Math.min(255, Math.round(20 + 10 * (i % WIDTH) + noise * random.nextGaussian())));
		}
		return values;
	}

	private static ImagePlus bytes(final int[]... planes) {
		final ImageStack stack = new ImageStack(WIDTH, HEIGHT);
		for (final int[] plane : planes) {
			final ByteProcessor ip = new ByteProcessor(WIDTH, HEIGHT);
			for (int i = 0; i < plane.length; i++) ip.set(i, plane[i]);
			stack.addSlice(null, ip);
		}
		return new ImagePlus("8-bit", stack);
	}

	private static float[] scaled(final int[] values, final double max) {
		final float[] scaled = new float[values.length];
		for (int i = 0; i < values.length; i++) scaled[i] = (float) (values[i] / max);
		return scaled;
	}

	private Map<String, String> compare(final ImagePlus reference, final ImagePlus input) {
		final Path referenceFile = writeTiff(reference, tmp.resolve("reference.tif"));
		final Path inputFile = writeTiff(input, tmp.resolve("input.tif"));
		return succeeds(COMPARE, "reference=" + quoted(referenceFile) + ", input=" + quoted(inputFile)).values();
	}

	@Test
	void printsPsnrSsimAndMseAsImageMetricsComputesThemOnTheUnitScale() {
		final int[] clean = grays(1, 0), noisy = grays(2, 12);
		final Map<String, String> printed = compare(bytes(clean), bytes(noisy));
		assertEquals(Set.of("psnr", "ssim", "mse"), printed.keySet());

		final float[] reference = scaled(clean, 255), image = scaled(noisy, 255);
		final double mse = ImageMetrics.mse(reference, image);
		assertTrue(mse > 1e-4, "the images differ: " + mse);
		assertEquals(mse, Double.parseDouble(printed.get("mse")), 1e-6 * mse);
		assertEquals(10 * Math.log10(1 / mse), Double.parseDouble(printed.get("psnr")), 1e-5);
		assertEquals(ImageMetrics.ssim(reference, image, WIDTH, HEIGHT), Double.parseDouble(printed.get("ssim")), 1e-6);
	}

	@Test
	void identicalImagesHaveNoErrorAndPerfectSimilarity() {
		final ImagePlus image = bytes(grays(3, 30));
		assertEquals(Map.of("psnr", "Infinity", "ssim", "1.0", "mse", "0.0"), compare(image, image));
	}

	@Test
	void eightBitImageEqualsItsFloatCopyDividedBy255() {
		final int[] values = grays(4, 40);
		assertEquals("0.0", compare(bytes(values), floatStack(WIDTH, HEIGHT, scaled(values, 255))).get("mse"));
	}

	@Test
	void sixteenBitImageEqualsItsFloatCopyDividedBy65535() {
		final Random random = new Random(5);
		final int[] values = new int[WIDTH * HEIGHT];
		final ShortProcessor ip = new ShortProcessor(WIDTH, HEIGHT);
		for (int i = 0; i < values.length; i++) ip.set(i, values[i] = random.nextInt(65536));
		assertEquals("0.0", compare(new ImagePlus("16-bit", ip), floatStack(WIDTH, HEIGHT, scaled(values, 65535))).get("mse"));
	}

	@Test
	void stacksAverageTheSsimOfTheirSlicesAndTheMseOfAllPixels() {
		final int[] clean1 = grays(6, 0), clean2 = grays(7, 50), noisy1 = grays(8, 5), noisy2 = grays(9, 60);
		final Map<String, String> printed = compare(bytes(clean1, clean2), bytes(noisy1, noisy2));

		final float[] r1 = scaled(clean1, 255), r2 = scaled(clean2, 255), i1 = scaled(noisy1, 255), i2 = scaled(noisy2, 255);
		final double ssim = (ImageMetrics.ssim(r1, i1, WIDTH, HEIGHT) + ImageMetrics.ssim(r2, i2, WIDTH, HEIGHT)) / 2;
		final double mse = (ImageMetrics.mse(r1, i1) + ImageMetrics.mse(r2, i2)) / 2;
		assertEquals(ssim, Double.parseDouble(printed.get("ssim")), 1e-6);
		assertEquals(mse, Double.parseDouble(printed.get("mse")), 1e-6 * mse);
	}

	/** Deblur Image's and NMF Denoise's outputs of 8-bit images: 32-bit in the input's units, compared in those units. */
	@Test
	void floatCopyInGrayLevelsIsComparedInTheEightBitImagesUnits() {
		final int[] clean = grays(10, 0), noisy = grays(11, 12);
		final float[] levels = scaled(noisy, 1);
		final Map<String, String> floatInput = compare(bytes(clean), floatStack(WIDTH, HEIGHT, levels));
		final Map<String, String> bothBytes = compare(bytes(clean), bytes(noisy));
		assertEquals(Double.parseDouble(bothBytes.get("mse")), Double.parseDouble(floatInput.get("mse")), 1e-9);
		assertEquals(Double.parseDouble(bothBytes.get("psnr")), Double.parseDouble(floatInput.get("psnr")), 1e-6);
		assertTrue(Double.parseDouble(floatInput.get("psnr")) > 20, "about 27 dB, not below 0: " + floatInput);
		// and as the reference
		final Map<String, String> floatReference = compare(floatStack(WIDTH, HEIGHT, scaled(clean, 1)), bytes(noisy));
		assertEquals(Double.parseDouble(bothBytes.get("mse")), Double.parseDouble(floatReference.get("mse")), 1e-9);
	}

	/** Two 32-bit images stay as they are, whatever their range. */
	@Test
	void twoFloatImagesAreTakenAsTheyAre() {
		final int[] clean = grays(12, 0), noisy = grays(13, 12);
		final Map<String, String> printed = compare(floatStack(WIDTH, HEIGHT, scaled(clean, 1)), floatStack(WIDTH, HEIGHT, scaled(noisy, 1)));
		assertEquals(ImageMetrics.mse(scaled(clean, 1), scaled(noisy, 1)), Double.parseDouble(printed.get("mse")), 1e-6 * Double.parseDouble(
			printed.get("mse")));
	}
}

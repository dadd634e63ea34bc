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

import static io.github.deblurnmf.command.CommandRuns.assertNotCreated;
import static io.github.deblurnmf.command.CommandRuns.fails;
import static io.github.deblurnmf.command.CommandRuns.floatStack;
import static io.github.deblurnmf.command.CommandRuns.lines;
import static io.github.deblurnmf.command.CommandRuns.plane;
import static io.github.deblurnmf.command.CommandRuns.quoted;
import static io.github.deblurnmf.command.CommandRuns.readTiff;
import static io.github.deblurnmf.command.CommandRuns.succeeds;
import static io.github.deblurnmf.command.CommandRuns.writeTiff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import io.github.deblurnmf.metrics.ImageMetrics;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NMF Denoise through the headless runner. */
class NmfDenoiseCommandTest {

	private static final String DENOISE = "NMF Denoise";
	/** At least 11×11: SSIM, printed with a reference, needs its 11×11 window. */
	private static final int WIDTH = 12, HEIGHT = 11, SLICES = 12;

	@TempDir
	Path tmp;

	/** A rank-2 non-negative stack: every slice a mix of the same two random patterns, values about 0.2 to 0.8. */
	private static float[][] lowRank() {
		final Random random = new Random(1);
		final float[][] patterns = new float[2][WIDTH * HEIGHT];
		for (final float[] pattern : patterns) for (int i = 0; i < pattern.length; i++) pattern[i] = random.nextFloat();
		final float[][] planes = new float[SLICES][WIDTH * HEIGHT];
		for (final float[] plane : planes) {
			final float a = 0.2f + 0.4f * random.nextFloat(), b = 0.4f - a / 2;
			for (int i = 0; i < plane.length; i++) plane[i] = 0.2f + a * patterns[0][i] + b * patterns[1][i];
		}
		return planes;
	}

	/** {@code clean} plus Gaussian noise of standard deviation 0.05, clipped at 0. */
	private static float[][] noisy(final float[][] clean) {
		final Random random = new Random(2);
		final float[][] planes = new float[clean.length][];
		for (int n = 0; n < clean.length; n++) {
			planes[n] = clean[n].clone();
			for (int i = 0; i < planes[n].length; i++) planes[n][i] = Math.max(0, planes[n][i] + 0.05f * (float) random.nextGaussian());
		}
		return planes;
	}

	private static float[] concat(final float[][] planes) {
		final float[] all = new float[planes.length * planes[0].length];
		for (int n = 0; n < planes.length; n++) System.arraycopy(planes[n], 0, all, n * planes[n].length, planes[n].length);
		return all;
	}

	private static float[] allPlanes(final ImagePlus image) {
		final float[][] planes = new float[image.getStackSize()][];
		for (int n = 0; n < planes.length; n++) planes[n] = plane(image, n + 1);
		return concat(planes);
	}

	@Test
	void stackModeAtAGivenRankImprovesThePsnr() {
		final float[][] clean = lowRank(), noisy = noisy(clean);
		final Path reference = writeTiff(floatStack(WIDTH, HEIGHT, clean), tmp.resolve("clean.tif"));
		final Path input = writeTiff(floatStack(WIDTH, HEIGHT, noisy), tmp.resolve("noisy.tif"));
		final Path out = tmp.resolve("out");
		final CommandRuns.Result result = succeeds(DENOISE,
			"input=" + quoted(input) + ", reference=" + quoted(reference) + ", rank=2, iterations=100, outputdir=" + quoted(out));

		final ImagePlus denoised = readTiff(out.resolve("denoised.tif"));
		assertEquals(List.of(WIDTH, HEIGHT, SLICES, 32), List.of(denoised.getWidth(), denoised.getHeight(), denoised.getStackSize(), denoised.getBitDepth()));
		assertFalse(out.resolve("rank_sweep.csv").toFile().exists(), "no sweep when the rank is given");
		assertEquals(2, result.number("rank_used"));

		final double psnrInput = ImageMetrics.psnr(concat(clean), concat(noisy));
		final double psnr = ImageMetrics.psnr(concat(clean), allPlanes(denoised));
		assertEquals(psnrInput, result.number("psnr_input"), 1e-6);
		assertEquals(psnr, result.number("psnr"), 1e-6);
		assertTrue(psnr > psnrInput + 3, "PSNR " + psnrInput + " -> " + psnr);
		assertTrue(result.values().containsKey("ssim"), result.toString());
	}

	@Test
	void rankZeroChoosesTheRankAndWritesTheSweep() {
		final Path input = writeTiff(floatStack(WIDTH, HEIGHT, noisy(lowRank())), tmp.resolve("noisy.tif"));
		final Path out = tmp.resolve("out");
		final CommandRuns.Result result = succeeds(DENOISE, "input=" + quoted(input) + ", rank=0, iterations=60, outputdir=" + quoted(out));

		final List<String> sweep = lines(out.resolve("rank_sweep.csv"));
		assertEquals("rank,estimated_rmse,fitted_rmse,noise,chosen", sweep.get(0));
		assertTrue(sweep.size() > 2, "several ranks tried: " + sweep);
		final List<String> chosen = sweep.stream().skip(1).filter(line -> line.endsWith(",true")).collect(Collectors.toList());
		assertEquals(1, chosen.size(), sweep.toString());
		assertTrue(sweep.stream().skip(1).allMatch(line -> line.endsWith(",true") || line.endsWith(",false")), sweep.toString());
		assertEquals(Integer.parseInt(chosen.get(0).split(",")[0]), result.number("rank_used"));
		assertEquals(SLICES, readTiff(out.resolve("denoised.tif")).getStackSize());
		assertFalse(result.values().containsKey("psnr"), "no PSNR without a reference: " + result);
	}

	@Test
	void autoModeTakesTheStackForALowRankStack() {
		final float[][] clean = lowRank(), noisy = noisy(clean);
		final Path reference = writeTiff(floatStack(WIDTH, HEIGHT, clean), tmp.resolve("clean.tif"));
		final Path input = writeTiff(floatStack(WIDTH, HEIGHT, noisy), tmp.resolve("noisy.tif"));
		final CommandRuns.Result result = succeeds(DENOISE,
			"input=" + quoted(input) + ", reference=" + quoted(reference) + ", outputdir=" + quoted(tmp.resolve("out")));
		assertEquals("stack", result.values().get("mode_used"), result.toString());
		assertTrue(result.number("psnr") > result.number("psnr_input") + 3, result.toString());
	}

	@Test
	void patchesModeDenoisesASingleImage() {
		final int size = 16;
		final Random random = new Random(5);
		final float[] clean = new float[size * size], noisy = new float[size * size];
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				clean[y * size + x] = 0.2f + 0.6f * x / size;
				noisy[y * size + x] = Math.max(0, clean[y * size + x] + 0.05f * (float) random.nextGaussian());
			}
		}
		final Path reference = writeTiff(floatStack(size, size, clean), tmp.resolve("clean.tif"));
		final Path input = writeTiff(floatStack(size, size, noisy), tmp.resolve("noisy.tif"));
		final Path out = tmp.resolve("out");
		final CommandRuns.Result result = succeeds(DENOISE, "input=" + quoted(input) + ", reference=" + quoted(reference) +
			", mode=patches, patch=4, rank=2, iterations=60, outputdir=" + quoted(out));

		final ImagePlus denoised = readTiff(out.resolve("denoised.tif"));
		assertEquals(List.of(size, size, 1), List.of(denoised.getWidth(), denoised.getHeight(), denoised.getStackSize()));
		assertEquals(ImageMetrics.psnr(clean, plane(denoised, 1)), result.number("psnr"), 1e-6);
		assertEquals(ImageMetrics.psnr(clean, noisy), result.number("psnr_input"), 1e-6);
	}

	@Test
	void stackModeOnASingleImageSuggestsPatches() {
		final Path input = writeTiff(floatStack(WIDTH, HEIGHT, lowRank()[0]), tmp.resolve("one.tif"));
		final Path out = tmp.resolve("out");
		fails(DENOISE, "input=" + quoted(input) + ", mode=stack, rank=1, outputdir=" + quoted(out), "at least 2 images", "mode=patches");
		assertNotCreated(out);
	}

	/** A negative value is named by its slice (not by the patch it falls in), and fewer than 1 iteration is refused. */
	@Test
	void negativeValuesNameTheSliceAndZeroIterationsAreRefused() {
		final float[][] clean = lowRank();
		clean[2][5] = -0.5f;
		final Path input = writeTiff(floatStack(WIDTH, HEIGHT, clean), tmp.resolve("negative.tif"));
		final Path out = tmp.resolve("out");
		fails(DENOISE, "input=" + quoted(input) + ", outputdir=" + quoted(out), "negative values", "in image 3)");
		final Path positive = writeTiff(floatStack(WIDTH, HEIGHT, lowRank()), tmp.resolve("positive.tif"));
		fails(DENOISE, "input=" + quoted(positive) + ", iterations=0, outputdir=" + quoted(out), "iterations must be at least 1");
		assertNotCreated(out);
	}

	@Test
	void referenceOfAnotherSizeFails() {
		final float[][] clean = lowRank();
		final Path input = writeTiff(floatStack(WIDTH, HEIGHT, clean), tmp.resolve("input.tif"));
		final Path reference = writeTiff(floatStack(WIDTH, HEIGHT, clean[0], clean[1]), tmp.resolve("reference.tif"));
		final Path out = tmp.resolve("out");
		fails(DENOISE, "input=" + quoted(input) + ", reference=" + quoted(reference) + ", rank=2, outputdir=" + quoted(out),
			"reference is 12×11×2", "input is 12×11×12");
		assertNotCreated(out);
	}

	@Test
	void referenceSmallerThanTheSsimWindowFailsBeforeAnyWork() {
		final float[] small = new float[10 * 10 * 3];
		for (int i = 0; i < small.length; i++) small[i] = 0.1f + (i % 7) * 0.1f;
		final Path input = writeTiff(floatStack(10, 10, java.util.Arrays.copyOfRange(small, 0, 100), java.util.Arrays.copyOfRange(small, 100, 200),
			java.util.Arrays.copyOfRange(small, 200, 300)), tmp.resolve("small.tif"));
		final Path out = tmp.resolve("out");
		fails(DENOISE, "input=" + quoted(input) + ", reference=" + quoted(input) + ", rank=1, outputdir=" + quoted(out), "at least 11×11", "10×10");
		assertNotCreated(out);
	}

	@Test
	void badLossSettingsFailBeforeAnyWork() {
		final float[][] clean = lowRank();
		final Path input = writeTiff(floatStack(WIDTH, HEIGHT, clean), tmp.resolve("input.tif"));
		final Path out = tmp.resolve("out");
		fails(DENOISE, "input=" + quoted(input) + ", rank=2, alphah=-0.5, outputdir=" + quoted(out), "alphah must be 0 or more");
		fails(DENOISE, "input=" + quoted(input) + ", rank=2, loss=itakura-saito, outputdir=" + quoted(out), "needs algorithm=mu");
		final float[][] withZero = clean.clone();
		withZero[1] = clean[1].clone();
		withZero[1][5] = 0;
		final Path zero = writeTiff(floatStack(WIDTH, HEIGHT, withZero), tmp.resolve("zero.tif"));
		fails(DENOISE, "input=" + quoted(zero) + ", rank=2, algorithm=mu, loss=itakura-saito, outputdir=" + quoted(out), "strictly positive", "image 2");
		assertNotCreated(out);
	}

	@Test
	void kullbackLeiblerDenoisesAStack() {
		final float[][] clean = lowRank();
		final Path input = writeTiff(floatStack(WIDTH, HEIGHT, clean), tmp.resolve("input.tif"));
		final Path out = tmp.resolve("out");
		final CommandRuns.Result result = succeeds(DENOISE, "input=" + quoted(input) + ", mode=stack, algorithm=mu, loss=kullback-leibler, outputdir=" + quoted(out));
		assertTrue(result.number("rank_used") >= 1);
		assertTrue(java.nio.file.Files.exists(out.resolve("denoised.tif")));
	}
}

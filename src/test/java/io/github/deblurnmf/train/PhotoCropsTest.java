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
package io.github.deblurnmf.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.deblurnmf.deblur.PsfFirstStage;
import io.github.deblurnmf.metrics.GaussianFilter;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhotoCropsTest {

	@TempDir
	Path tmp;

	/** A 600×500 "photo": a flat left half (sky) and a textured right half. */
	private Path photos() throws IOException {
		final BufferedImage image = new BufferedImage(600, 500, BufferedImage.TYPE_INT_RGB);
		final Random random = new Random(1);
		for (int y = 0; y < 500; y++)
			for (int x = 0; x < 600; x++) {
				final int v = x < 300 ? 128 : (int) (128 + 100 * Math.sin(x * 0.3) * Math.cos(y * 0.2) + 20 * random.nextGaussian());
				final int g = Math.max(0, Math.min(255, v));
				image.setRGB(x, y, g << 16 | g << 8 | g);
			}
		Files.createDirectories(tmp.resolve("photos/sub"));
		ImageIO.write(image, "png", tmp.resolve("photos/sub/a.png").toFile());
		return tmp.resolve("photos");
	}

	@Test
	void cropsAreDeterministicTexturedQuantizedAndBlurredWithoutBorders() throws IOException {
		final PhotoCrops crops = PhotoCrops.read(photos());
		assertEquals(1, crops.count());
		assertEquals(0.3, crops.megapixels(), 1e-9);
		for (int n = 0; n < 10; n++) {
			final PhotoCrops.Pair pair = crops.crop(new Random(n), 48, 1, 5, 0.02);
			final PhotoCrops.Pair again = crops.crop(new Random(n), 48, 1, 5, 0.02);
			assertArrayEquals(pair.blurred, again.blurred, 0f);
			assertArrayEquals(pair.sharp, again.sharp, 0f);
			assertTrue(pair.sigma >= 1 && pair.sigma <= 5);
			assertEquals(48 * 48, pair.sharp.length);
			assertTrue(PhotoCrops.std(pair.sharp) >= PhotoCrops.MIN_STD, "flat crop " + n);
			for (final float v : pair.blurred) assertEquals(Math.round(v * 255), v * 255, 1e-3, "8 bits");
		}
	}

	@Test
	void aCleanShareLeavesThatShareOfCropsNoiseless() throws IOException {
		final PhotoCrops crops = PhotoCrops.read(photos());
		int noiseless = 0;
		for (int n = 0; n < 40; n++) {
			assertArrayEquals(crops.crop(new Random(n), 32, 1, 5, 0.02).blurred, crops.crop(new Random(n), 32, 1, 5, 0.02, 0).blurred, 0f);
			final float[] all = crops.crop(new Random(n), 32, 1, 5, 0.02, 1).blurred;
			assertArrayEquals(crops.crop(new Random(n), 32, 1, 5, 0, 1).blurred, all, 0f, "clean = 1: never noise");
			final float[] half = crops.crop(new Random(n), 32, 1, 5, 0.02, 0.5).blurred;
			if (java.util.Arrays.equals(half, crops.crop(new Random(n), 32, 1, 5, 0, 0.5).blurred)) noiseless++;
		}
		assertTrue(noiseless >= 10 && noiseless <= 30, noiseless + " of 40 noiseless at clean = 0.5");
	}

	@Test
	void validBlurEqualsTheFullBlurInside() {
		final int size = 20;
		final double sigma = 2.3;
		final int window = PsfFirstStage.windowFor(sigma), m = window / 2, side = size + 2 * m;
		final Random random = new Random(2);
		final float[] big = new float[side * side];
		for (int i = 0; i < big.length; i++) big[i] = random.nextFloat();
		final float[] valid = PhotoCrops.blurValid(big, side, PsfFirstStage.psf(sigma, 0).weights(), size);
		final float[] full = new float[big.length];
		GaussianFilter.forWindow(window, sigma).filter(big, side, side, full);
		assertArrayEquals(PhotoCrops.center(full, side, m, size), valid, 1e-5f);
	}

	/**
	 * A horizontal ramp of slope 1/255 per pixel of the half-size photo: a crop at scale r of the original has slope
	 * (1/255)·(½ / r) per pixel (area averaging keeps a ramp a ramp), along x or y after the flip/turn.
	 */
	@Test
	void theSmallestScaleBoundsTheCropsScale() throws IOException {
		final BufferedImage image = new BufferedImage(512, 512, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < 512; y++)
			for (int x = 0; x < 512; x++) {
				final int g = x / 2;
				image.setRGB(x, y, g << 16 | g << 8 | g);
			}
		Files.createDirectories(tmp.resolve("ramp"));
		ImageIO.write(image, "png", tmp.resolve("ramp/ramp.png").toFile());
		final PhotoCrops crops = PhotoCrops.read(tmp.resolve("ramp"));
		double steepest = 0;
		for (int n = 0; n < 20; n++) steepest = Math.max(steepest, slope(crops.crop(new Random(n), 40, 1, 2, 0).sharp, 40));
		assertTrue(steepest > 1.5 / 255, "default scales reach below 1/3 of the original: slope " + steepest * 255 + "/255");
		assertEquals(PhotoCrops.MIN_SCALE, crops.minScale());
		crops.minScale(PhotoCrops.MAX_SCALE);
		for (int n = 0; n < 20; n++) assertEquals(1 / 255.0, slope(crops.crop(new Random(n), 40, 1, 2, 0).sharp, 40), 1e-5, "crop " + n);
		assertThrows(IllegalArgumentException.class, () -> crops.minScale(0.2));
		assertThrows(IllegalArgumentException.class, () -> crops.minScale(0.6));
	}

	@Test
	void readGrayTakesLumaAndBinsWholeBlocks() throws IOException {
		// 5×3 colours: binning 2 keeps the two whole 2×2 blocks of the first two rows and drops the last column and row.
		final BufferedImage image = new BufferedImage(5, 3, BufferedImage.TYPE_INT_RGB);
		final int[][] rgb = new int[3][5];
		for (int y = 0; y < 3; y++)
			for (int x = 0; x < 5; x++) {
				rgb[y][x] = (40 * x + 10) << 16 | (60 * y + 5) << 8 | (17 * x * y + 3);
				image.setRGB(x, y, rgb[y][x]);
			}
		Files.createDirectories(tmp.resolve("colour"));
		ImageIO.write(image, "png", tmp.resolve("colour/c.png").toFile());
		final double[][] luma = new double[3][5];
		for (int y = 0; y < 3; y++)
			for (int x = 0; x < 5; x++)
				luma[y][x] = (0.299 * (rgb[y][x] >> 16 & 255) + 0.587 * (rgb[y][x] >> 8 & 255) + 0.114 * (rgb[y][x] & 255)) / 255;

		final PhotoCrops.Photo full = PhotoCrops.readGray(tmp.resolve("colour"), 1).get(0);
		assertEquals(5, full.width);
		assertEquals(3, full.height);
		for (int y = 0; y < 3; y++)
			for (int x = 0; x < 5; x++) assertEquals(luma[y][x], full.pixels[x + 5 * y], 1e-6, "(" + x + ", " + y + ")");

		final PhotoCrops.Photo half = PhotoCrops.readGray(tmp.resolve("colour"), 2).get(0);
		assertEquals(2, half.width);
		assertEquals(1, half.height);
		for (int x = 0; x < 2; x++)
			assertEquals((luma[0][2 * x] + luma[0][2 * x + 1] + luma[1][2 * x] + luma[1][2 * x + 1]) / 4, half.pixels[x], 1e-6);
		assertEquals("c.png", half.name);
	}

	/** The mean absolute difference between neighbours along the steeper axis. */
	private static double slope(final float[] plane, final int side) {
		double dx = 0, dy = 0;
		for (int y = 0; y + 1 < side; y++)
			for (int x = 0; x + 1 < side; x++) {
				dx += Math.abs(plane[x + 1 + y * side] - plane[x + y * side]);
				dy += Math.abs(plane[x + (y + 1) * side] - plane[x + y * side]);
			}
		return Math.max(dx, dy) / ((side - 1) * (side - 1));
	}
}

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
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.deblurnmf.metrics.GaussianFilter;
import io.github.deblurnmf.metrics.ImageMetrics;
import io.github.deblurnmf.task.TaskMonitor;
import io.github.deblurnmf.task.UserInputException;

import java.util.Random;

import org.junit.jupiter.api.Test;

class TiledDeblurTest {

	private static float[] randomImage(final int length, final long seed) {
		final Random random = new Random(seed);
		final float[] image = new float[length];
		for (int i = 0; i < length; i++) image[i] = random.nextFloat();
		return image;
	}

	/** A local operator like a network's: each output pixel depends on a window, edges reflected per tile. */
	private static PlaneOperator sharpen(final int channels) {
		return (image, w, h) -> {
			final GaussianFilter blur = new GaussianFilter(2, 3);
			final float[] out = new float[image.length];
			final float[] plane = new float[w * h], blurred = new float[w * h];
			for (int c = 0; c < channels; c++) {
				System.arraycopy(image, c * w * h, plane, 0, w * h);
				blur.filter(plane, w, h, blurred);
				for (int i = 0; i < w * h; i++) out[c * w * h + i] = 2 * plane[i] - blurred[i];
			}
			return out;
		};
	}

	/**
	 * For an operator of side multiple 8 every tile's sides are multiples of 8 where the image allows it (a side below 8 is
	 * one tile of that side), the last tile is flush with each edge, and the blend of an identity is the image itself.
	 */
	@Test
	void tilesAreCutToTheOperatorsSideMultiple() {
		final java.util.Set<String> sizes = new java.util.TreeSet<>();
		final PlaneOperator identity = PlaneOperator.withSideMultiple(8, (image, width, height) -> {
			sizes.add(width + "x" + height);
			return image.clone();
		});
		final TiledDeblur tiles = new TiledDeblur(identity, 1, 0, 32);
		assertArrayEquals(new int[] { 0, 2 }, tiles.starts(130));
		assertEquals(128, tiles.side(130));
		assertArrayEquals(new int[] { 0, 1 }, tiles.starts(545));
		assertArrayEquals(new int[] { 0, 512, 1024, 1536, 2048, 2560, 3072, 3552 }, tiles.starts(4096), "544 is a multiple already");
		assertArrayEquals(new int[] { 0 }, tiles.starts(5));
		assertArrayEquals(new int[] { 0, 4 }, tiles.starts(20), "tiles of 16, the overlap cut to 7");
		assertEquals(16, new TiledDeblur(identity, 1, 17, 4).side(120), "tile=17 is 16");
		assertArrayEquals(new int[] { 0, 12, 24, 36, 48, 60, 72, 84, 96, 104 }, new TiledDeblur(identity, 1, 17, 4).starts(120), "steps of 16 - 4");
		for (final int[] size : new int[][] { { 130, 61 }, { 5, 20 }, { 545, 9 } }) {
			sizes.clear();
			final float[] image = randomImage(size[0] * size[1], size[0]);
			assertArrayEquals(image, tiles.apply(image, size[0], size[1], TaskMonitor.NONE), 1e-6f, size[0] + "x" + size[1]);
			assertEquals(java.util.Set.of(tiles.side(size[0]) + "x" + tiles.side(size[1])), sizes, size[0] + "x" + size[1]);
		}
	}

	@Test
	void theAutomaticTileStepsBy512() {
		final TiledDeblur tiles = new TiledDeblur((image, w, h) -> image, 1, 0, 32);
		assertEquals(544, tiles.tile());
		assertArrayEquals(new int[] { 0, 480 }, tiles.starts(1024));
		assertArrayEquals(new int[] { 0, 512, 1024, 1536, 2048, 2560, 3072, 3552 }, tiles.starts(4096));
		assertEquals(576, new TiledDeblur((image, w, h) -> image, 1, 0, 64).tile());
	}

	@Test
	void identityStaysExact() {
		final float[] image = randomImage(2 * 150 * 97, 1);
		final float[] out = new TiledDeblur((im, w, h) -> im.clone(), 2, 64, 16).apply(image, 150, 97, TaskMonitor.NONE);
		assertArrayEquals(image, out, 1e-6f);
	}

	@Test
	void tiledEqualsUntiledWithoutSeams() {
		final int w = 230, h = 170;
		final float[] image = randomImage(w * h, 2);
		final float[] whole = sharpen(1).apply(image, w, h);
		final float[] tiled = new TiledDeblur(sharpen(1), 1, 96, 32).apply(image, w, h, TaskMonitor.NONE);
		final double psnr = ImageMetrics.psnr(whole, tiled);
		assertTrue(psnr >= 45, "tiled vs untiled: " + psnr + " dB");
		// Without overlap the tile edges show: blending is what removes them.
		final double seams = ImageMetrics.psnr(whole, new TiledDeblur(sharpen(1), 1, 96, 0).apply(image, w, h, TaskMonitor.NONE));
		assertTrue(seams < psnr - 10, "no overlap: " + seams + " dB, overlap 32: " + psnr + " dB");
	}

	@Test
	void channelsStayApart() {
		final int w = 120, h = 90;
		final float[] image = randomImage(3 * w * h, 3);
		final float[] whole = sharpen(3).apply(image, w, h);
		final float[] tiled = new TiledDeblur(sharpen(3), 3, 64, 24).apply(image, w, h, TaskMonitor.NONE);
		assertTrue(ImageMetrics.psnr(whole, tiled) >= 45);
	}

	@Test
	void tilesCoverTheImageWithTheLastOneFlush() {
		final TiledDeblur tiles = new TiledDeblur((im, w, h) -> im, 1, 100, 20);
		assertArrayEquals(new int[] { 0 }, tiles.starts(100));
		assertArrayEquals(new int[] { 0, 80, 150 }, tiles.starts(250));
		assertArrayEquals(new int[] { 0, 80, 160, 240 }, tiles.starts(340));
	}

	@Test
	void outOfMemoryFallsBackToSmallerTiles() {
		final int[] calls = { 0 };
		final PlaneOperator picky = (image, w, h) -> {
			calls[0]++;
			if (w > 128 || h > 128) throw new OutOfMemoryError("simulated");
			return image.clone();
		};
		final float[] image = randomImage(300 * 200, 4);
		final TiledDeblur tiles = new TiledDeblur(picky, 1, 512, 32);
		assertArrayEquals(image, tiles.apply(image, 300, 200, TaskMonitor.NONE), 1e-6f);
		assertEquals(128, tiles.tile());
	}

	/** Rows [from, to) of a channel-planar image {@code w} wide. */
	static float[] rows(final float[] image, final int channels, final int w, final int from, final int to) {
		final int h = image.length / (channels * w);
		final float[] band = new float[channels * (to - from) * w];
		for (int c = 0; c < channels; c++) System.arraycopy(image, (c * h + from) * w, band, c * (to - from) * w, (to - from) * w);
		return band;
	}

	@Test
	void bandsComputedApartEqualTheWholeImageBitForBit() {
		final int w = 230, h = 410, channels = 2, maxRows = 150;
		final float[] image = randomImage(channels * w * h, 5);
		final TiledDeblur tiles = new TiledDeblur(sharpen(channels), channels, 64, 16);
		final float[] whole = tiles.apply(image, w, h, TaskMonitor.NONE);
		final int[] bounds = tiles.bands(h, maxRows);
		assertTrue(bounds.length >= 4, "at least 3 bands: " + java.util.Arrays.toString(bounds));
		assertEquals(0, bounds[0]);
		assertEquals(h, bounds[bounds.length - 1]);
		final float[] joined = new float[image.length];
		for (int b = 0; b + 1 < bounds.length; b++) {
			final int r0 = bounds[b], r1 = bounds[b + 1];
			assertTrue(r0 < r1, java.util.Arrays.toString(bounds));
			final int[] in = tiles.inputRows(r0, r1, h);
			assertTrue(in[0] <= r0 && in[1] >= r1 && in[1] - in[0] <= maxRows, r0 + "-" + r1 + " reads " + in[0] + "-" + in[1]);
			final float[] out = tiles.applyRows(rows(image, channels, w, in[0], in[1]), w, h, in[0], r0, r1, TaskMonitor.NONE);
			for (int c = 0; c < channels; c++) System.arraycopy(out, c * (r1 - r0) * w, joined, (c * h + r0) * w, (r1 - r0) * w);
		}
		assertArrayEquals(whole, joined);
	}

	@Test
	void aBandNeedsTheRowsOfEveryTileReachingIntoIt() {
		final int w = 100, h = 300;
		final TiledDeblur tiles = new TiledDeblur(sharpen(1), 1, 64, 16); // tile rows start at 0, 48, 96, …, 236
		assertArrayEquals(new int[] { 48, 160 }, tiles.inputRows(96, 144, h));
		assertArrayEquals(new int[] { 0, 64 }, tiles.inputRows(0, 1, h));
		assertArrayEquals(new int[] { 192, 300 }, tiles.inputRows(250, 300, h));
		final float[] image = randomImage(w * h, 6);
		// One row short of what the tiles read is refused, not silently padded.
		assertThrows(IllegalArgumentException.class, () -> tiles.applyRows(rows(image, 1, w, 49, 160), w, h, 49, 96, 144, TaskMonitor.NONE));
		// Rows outside the band's input do not matter.
		final float[] spoiled = image.clone();
		for (int i = 0; i < 48 * w; i++) spoiled[i] = Float.NaN;
		for (int i = 160 * w; i < h * w; i++) spoiled[i] = Float.NaN;
		final float[] band = tiles.applyRows(spoiled, w, h, 0, 96, 144, TaskMonitor.NONE);
		assertArrayEquals(rows(tiles.apply(image, w, h, TaskMonitor.NONE), 1, w, 96, 144), band);
	}

	@Test
	void anImageThatFitsIsOneBand() {
		final TiledDeblur tiles = new TiledDeblur(sharpen(1), 1, 64, 16);
		assertArrayEquals(new int[] { 0, 100 }, tiles.bands(100, 1000));
		assertArrayEquals(new int[] { 0, 48, 96, 144, 192, 236, 300 }, tiles.bands(300, 10));
	}

	@Test
	void badSettingsAreRefused() {
		assertThrows(UserInputException.class, () -> new TiledDeblur((im, w, h) -> im, 1, 8, 0));
		assertThrows(UserInputException.class, () -> new TiledDeblur((im, w, h) -> im, 1, 64, 32));
		assertThrows(UserInputException.class, () -> new TiledDeblur((im, w, h) -> im, 1, 64, -1));
	}
}

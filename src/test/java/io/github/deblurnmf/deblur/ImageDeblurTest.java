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
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.deblurnmf.convert.Normalization;
import io.github.deblurnmf.task.TaskMonitor;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** Deblur Image's per-image work: bands of rows fit together, channels keep their units, classical methods see whole planes. */
class ImageDeblurTest {

	@Test
	void aClassicalMethodSeesEachChannelsWholePlaneOnTheBitDepthsScale() {
		final int w = 7, h = 5, channels = 3;
		final float[] image = new float[channels * w * h];
		for (int i = 0; i < image.length; i++) image[i] = i % 256;
		final int[] calls = { 0 };
		// Squares its input: the result tells on which scale it ran (255 × (v/255)² is not v²).
		final PlaneOperator square = (plane, pw, ph) -> {
			assertEquals(w, pw);
			assertEquals(h, ph);
			calls[0]++;
			final float[] out = new float[plane.length];
			for (int i = 0; i < plane.length; i++) out[i] = plane[i] * plane[i];
			return out;
		};
		final float[] out = ImageDeblur.whole(square, 255).apply(image, w, h, channels, TaskMonitor.NONE);
		assertEquals(channels, calls[0], "one call per channel");
		for (int i = 0; i < image.length; i++) assertEquals(image[i] * image[i] / 255, out[i], 1e-3, "pixel " + i);
		assertEquals(1f, image[1], "the input is not changed");
	}

	@Test
	void aNetworkSeesTheUnitScaleAndItsOutputReturnsToTheImagesUnits() {
		final int w = 20, h = 12;
		final float[] image = new float[w * h];
		for (int i = 0; i < image.length; i++) image[i] = 1000 + 10 * (i % 50);
		final float[] seen = { Float.MAX_VALUE, -Float.MAX_VALUE };
		final PlaneOperator identity = (plane, pw, ph) -> {
			for (final float v : plane) {
				seen[0] = Math.min(seen[0], v);
				seen[1] = Math.max(seen[1], v);
			}
			return plane.clone();
		};
		final float[] out = ImageDeblur.tiled(identity, 1, 16, 4, 16).apply(image, w, h, 1, TaskMonitor.NONE);
		assertEquals(1000 / 65535.0, seen[0], 1e-6, "16-bit: divided by 65535");
		assertEquals(1490 / 65535.0, seen[1], 1e-6);
		assertArrayEquals(image, out, 1e-2f);
	}

	@Test
	void bandsOfAFloatPlaneDeblurredApartWithThePlanesRangesEqualTheWholePlane() {
		final int w = 90, h = 200, channels = 2;
		final Random random = new Random(7);
		final float[] plane = new float[channels * w * h];
		for (int i = 0; i < plane.length; i++) plane[i] = (i < w * h ? 1000 : -3) + (i < w * h ? 500 : 2) * random.nextFloat();
		// A non-linear, position-dependent operator on one channel: a tile's output depends on its whole content.
		final PlaneOperator op = (image, tw, th) -> {
			final float[] out = new float[image.length];
			double mean = 0;
			for (final float v : image) mean += v;
			mean /= image.length;
			for (int i = 0; i < image.length; i++) out[i] = (float) (image[i] * image[i] - mean + 0.01 * (i % tw));
			return out;
		};
		final TiledDeblur tiles = new TiledDeblur(op, 1, 40, 8);
		final float[] whole = ImageDeblur.deblurRows(tiles, 1, plane.clone(), ImageDeblur.normalizations(32, plane, channels), w, h, 0, 0, h,
			io.github.deblurnmf.task.TaskMonitor.NONE);
		final int[] bounds = tiles.bands(h, 80);
		assertTrue(bounds.length >= 4, java.util.Arrays.toString(bounds));
		final float[] joined = new float[whole.length];
		for (int b = 0; b + 1 < bounds.length; b++) {
			final int r0 = bounds[b], r1 = bounds[b + 1];
			final int[] in = tiles.inputRows(r0, r1, h);
			final float[] band = new float[channels * (in[1] - in[0]) * w];
			for (int c = 0; c < channels; c++) System.arraycopy(plane, (c * h + in[0]) * w, band, c * (in[1] - in[0]) * w, (in[1] - in[0]) * w);
			// The band alone has a narrower range than the plane: the plane's normalization is what makes them fit.
			final Normalization[] own = ImageDeblur.normalizations(32, band, channels);
			assertTrue(own[0].toUnit(1000) != ImageDeblur.normalizations(32, plane, channels)[0].toUnit(1000));
			final float[] out = ImageDeblur.deblurRows(tiles, 1, band, ImageDeblur.normalizations(32, plane, channels), w, h, in[0], r0, r1,
				io.github.deblurnmf.task.TaskMonitor.NONE);
			for (int c = 0; c < channels; c++) System.arraycopy(out, c * (r1 - r0) * w, joined, (c * h + r0) * w, (r1 - r0) * w);
		}
		assertArrayEquals(whole, joined);
		for (int i = 0; i < 10; i++) assertTrue(Math.abs(whole[i]) > 10, "in the plane's units, not [0, 1]: " + whole[i]);
	}
}

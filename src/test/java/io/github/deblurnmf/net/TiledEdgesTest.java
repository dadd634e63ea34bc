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

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.deblurnmf.deblur.ImageDeblur;
import io.github.deblurnmf.deblur.PlaneOperator;
import io.github.deblurnmf.task.TaskMonitor;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/**
 * The shipped model through Deblur Image's tiling on an image whose sides are not multiples of the network's 8: the
 * pixels along the bottom and right edges change no more than the others. Padded by reflection to 136 instead, the
 * network meets the image's edge 6 pixels inside its input, and on this image (large smooth shading, where the
 * reflection's kink is strongest) changed them by up to 112 grey levels against 17 inside.
 */
class TiledEdgesTest {

	private static final int SIDE = 130, BAND = 8;

	@Test
	void edgesOfASideThatIsNotAMultipleChangeNoMoreThanTheRest() throws IOException {
		final float[] image = new float[SIDE * SIDE];
		for (int y = 0; y < SIDE; y++)
			for (int x = 0; x < SIDE; x++) image[y * SIDE + x] = Math.round(128 + 100 * Math.sin(0.1 * x) * Math.cos(0.13 * y));
		final PlaneOperator network = DeblurNetwork.loadDefault().operator(3, 0, false);
		final float[] deblurred = ImageDeblur.tiled(network, 1, 0, 32, 8).apply(image, SIDE, SIDE, 1, TaskMonitor.NONE);
		final double band = largestChange(deblurred, image, true), inside = largestChange(deblurred, image, false);
		assertTrue(inside > 5, "the network deblurs: " + inside);
		assertTrue(band < inside + 5, "within " + BAND + " pixels of the bottom and right edges " + band + ", inside " + inside);
	}

	/** The largest |image − reference| within {@value #BAND} pixels of the bottom or right edge, or more than that from every edge. */
	private static double largestChange(final float[] image, final float[] reference, final boolean band) {
		double largest = 0;
		for (int y = 0; y < SIDE; y++) {
			for (int x = 0; x < SIDE; x++) {
				final boolean inBand = y >= SIDE - BAND || x >= SIDE - BAND;
				final boolean inside = y >= BAND && x >= BAND && !inBand;
				if (band ? inBand : inside) largest = Math.max(largest, Math.abs(image[y * SIDE + x] - reference[y * SIDE + x]));
			}
		}
		return largest;
	}
}

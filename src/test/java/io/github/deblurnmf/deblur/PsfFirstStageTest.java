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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class PsfFirstStageTest {

	@Test
	void windowCoversFourSigma() {
		assertEquals(8, PsfFirstStage.windowFor(1.0));
		assertEquals(12, PsfFirstStage.windowFor(1.5));
		assertEquals(24, PsfFirstStage.windowFor(3.0));
		assertEquals(40, PsfFirstStage.windowFor(5.0));
		assertEquals(13, PsfFirstStage.psf(3.0, 0).radius() + 1);
		assertEquals(10, PsfFirstStage.psf(3.0, 20).radius());
	}

	/**
	 * The Wiener plane against a direct computation: the plane reflected into a 2W×2H periodic image, its
	 * DFT summed term by term, times H/(H²+K) with H the DFT of the centred PSF on that grid (K = 0 at
	 * frequency 0), transformed back term by term, the top-left W×H kept; likewise the detail plane with its K.
	 */
	@Test
	void wienerPlaneMatchesADirectDft() {
		final int width = 7, height = 5;
		final double sigma = 1.3, nsr = 0.01;
		final Random random = new Random(3);
		final float[] image = new float[width * height];
		for (int i = 0; i < image.length; i++) image[i] = random.nextFloat();
		final double detailNsr = 1e-4;
		final PsfFirstStage stage = new PsfFirstStage(PsfFirstStage.psf(sigma, 0), nsr, true, new double[] { detailNsr });
		final float[] planes = stage.inputs(image, width, height);
		assertEquals(4 * width * height, planes.length);
		assertEquals(4, stage.planes());
		final double[] wiener = directWiener(image, width, height, stage.psf(), nsr);
		final double[] detail = directWiener(image, width, height, stage.psf(), detailNsr);
		final int plane = width * height;
		for (int i = 0; i < plane; i++) {
			assertEquals(wiener[i], planes[i], 1e-5, "wiener at " + i);
			assertEquals(image[i], planes[plane + i], 0, "blurred plane");
			assertEquals(sigma / 5, planes[2 * plane + i], 1e-7, "sigma plane");
			// K = 1e-4 amplifies more than 1e-2: the tolerance scales with the values
			assertEquals(detail[i], planes[3 * plane + i], 1e-5 * Math.max(1, Math.abs(detail[i])), "detail plane at " + i);
		}
		double difference = 0;
		for (int i = 0; i < plane; i++) difference = Math.max(difference, Math.abs(wiener[i] - detail[i]));
		assertTrue(difference > 0.01, "the detail plane differs from the first: " + difference);
		assertEquals(2, new PsfFirstStage(PsfFirstStage.psf(sigma, 0), nsr, false).planes());
	}

	/**
	 * One stage used image after image, as a tiled image uses it (its transforms and filters kept between calls, its planes
	 * written into one array): each result is that of the direct computation for that image, also after a change of size.
	 */
	@Test
	void aStageKeptForManyImagesGivesEachItsOwnPlanes() {
		final double sigma = 1.1, nsr = 0.02, detailNsr = 1e-3;
		final PsfFirstStage stage = new PsfFirstStage(PsfFirstStage.psf(sigma, 0), nsr, false, new double[] { detailNsr });
		final Random random = new Random(5);
		final int[][] sizes = { { 6, 4 }, { 6, 4 }, { 5, 7 }, { 6, 4 } };
		float[] planes = new float[0];
		for (final int[] size : sizes) {
			final int width = size[0], height = size[1], plane = width * height;
			final float[] image = new float[plane];
			for (int i = 0; i < plane; i++) image[i] = random.nextFloat();
			if (planes.length != 3 * plane) planes = new float[3 * plane];
			stage.inputs(image, width, height, planes);
			final double[] wiener = directWiener(image, width, height, stage.psf(), nsr);
			final double[] detail = directWiener(image, width, height, stage.psf(), detailNsr);
			for (int i = 0; i < plane; i++) {
				assertEquals(wiener[i], planes[i], 1e-5, width + "x" + height + " wiener at " + i);
				assertEquals(image[i], planes[plane + i], 0, "blurred plane");
				assertEquals(detail[i], planes[2 * plane + i], 1e-5 * Math.max(1, Math.abs(detail[i])), "detail plane at " + i);
			}
		}
	}

	private static double[] directWiener(final float[] image, final int width, final int height, final GaussianPsf psfOf,
		final double nsr)
	{
		final int pw = 2 * width, ph = 2 * height;
		final double[] big = new double[pw * ph];
		for (int y = 0; y < ph; y++)
			for (int x = 0; x < pw; x++)
				big[x + y * pw] = image[reflect(x, width) + reflect(y, height) * width];
		final double[] w = psfOf.weights();
		final int r = psfOf.radius();
		final double[] psf = new double[pw * ph]; // centred at the origin, wrapped
		for (int dy = -r; dy <= r; dy++)
			for (int dx = -r; dx <= r; dx++)
				psf[Math.floorMod(dx, pw) + Math.floorMod(dy, ph) * pw] += w[dx + r] * w[dy + r];
		final double[][] bigF = dft(big, pw, ph, -1), psfF = dft(psf, pw, ph, -1);
		final double[] re = new double[pw * ph], im = new double[pw * ph];
		for (int i = 0; i < pw * ph; i++) {
			final double h = psfF[0][i]; // real: the PSF is even
			assertEquals(0, psfF[1][i], 1e-12);
			final double filter = h / (h * h + (i == 0 ? 0 : nsr));
			re[i] = bigF[0][i] * filter;
			im[i] = bigF[1][i] * filter;
		}
		final double[] back = inverse(re, im, pw, ph);
		final double[] result = new double[width * height];
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++)
				result[x + y * width] = back[x + y * pw];
		return result;
	}

	private static int reflect(final int i, final int n) {
		return i < n ? i : 2 * n - 1 - i;
	}

	private static double[][] dft(final double[] values, final int w, final int h, final int sign) {
		final double[] re = new double[w * h], im = new double[w * h];
		for (int v = 0; v < h; v++)
			for (int u = 0; u < w; u++)
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++) {
						final double angle = sign * 2 * Math.PI * ((double) u * x / w + (double) v * y / h);
						re[u + v * w] += values[x + y * w] * Math.cos(angle);
						im[u + v * w] += values[x + y * w] * Math.sin(angle);
					}
		return new double[][] { re, im };
	}

	private static double[] inverse(final double[] re, final double[] im, final int w, final int h) {
		final double[] out = new double[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				double sum = 0;
				for (int v = 0; v < h; v++)
					for (int u = 0; u < w; u++) {
						final double angle = 2 * Math.PI * ((double) u * x / w + (double) v * y / h);
						sum += re[u + v * w] * Math.cos(angle) - im[u + v * w] * Math.sin(angle);
					}
				out[x + y * w] = sum / (w * h);
			}
		return out;
	}
}

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
package io.github.deblurnmf.nmf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.deblurnmf.metrics.ImageMetrics;
import io.github.deblurnmf.task.TaskMonitor;
import io.github.deblurnmf.task.UserInputException;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NmfDenoiserTest {

	/** Rank-4 non-negative data plus Gaussian noise of std 0.05 (clipped at 0). */
	private static INDArray noisy(final INDArray clean, final long seed) {
		final Random random = new Random(seed);
		final float[] v = clean.dup('f').data().asFloat();
		for (int i = 0; i < v.length; i++) v[i] = Math.max(0, v[i] + 0.05f * (float) random.nextGaussian());
		return Nd4j.create(v, clean.shape(), 'f');
	}

	private static double rmse(final INDArray a, final INDArray b) {
		return a.distance2(b) / Math.sqrt(a.length());
	}

	@Test
	void steinsEstimateFindsTheTrueRank() {
		final INDArray clean = NmfTest.randomLowRank(400, 60, 4, 3).divi(4);
		final NmfDenoiser.RankSweep sweep = NmfDenoiser.chooseRank(noisy(clean, 1), 0.05, new NmfOptions(), TaskMonitor.NONE);
		assertEquals(4, sweep.best(), "estimated errors " + sweep.estimated + " fitted " + sweep.fitted + " for ranks " + sweep.ranks);
		// The fitted error keeps falling past the true rank; the estimated one does not. The sweep
		// skips the ranks the singular values show cannot win: rank 6, fitted alone, indeed loses.
		final int i4 = sweep.ranks.indexOf(4);
		final float[] values = noisy(clean, 1).dup('f').data().asFloat();
		final NmfDenoiser.RankSweep six = NmfDenoiser.sweep(NmfDenoiser.Layout.stack(400, 60), values, 0.05, new NmfOptions(), TaskMonitor.NONE, 6,
			Double.POSITIVE_INFINITY);
		assertEquals(List.of(6), six.ranks);
		assertTrue(six.fitted.get(0) < sweep.fitted.get(i4));
		assertTrue(six.estimated.get(0) > sweep.estimated.get(i4));
		// At the true rank, the estimate is the real error of the fit against the clean data.
		final INDArray fit = Nmf.factorize(noisy(clean, 1), new NmfOptions().rank(4).iterations(200), TaskMonitor.NONE).reconstruction();
		assertEquals(rmse(clean, fit), sweep.estimated.get(i4), 0.15 * rmse(clean, fit));
		assertEquals("rank,estimated_rmse,fitted_rmse,noise,chosen", sweep.toCsv().get(0));
		assertTrue(sweep.toCsv().get(1 + i4).endsWith(",true"));
	}

	@Test
	void stackBoundsAreBelowEveryFitAndSkipHopelessRanks() {
		final INDArray clean = NmfTest.randomLowRank(400, 60, 4, 3).divi(4);
		final float[] values = noisy(clean, 2).dup('f').data().asFloat();
		final NmfDenoiser.Layout layout = NmfDenoiser.Layout.stack(400, 60);
		final double[] bounds = layout.residualBounds(values);
		final NmfDenoiser.RankSweep all = NmfDenoiser.sweep(layout, values, 0.05, new NmfOptions(), TaskMonitor.NONE, 0, Double.POSITIVE_INFINITY);
		for (int i = 0; i < all.ranks.size(); i++) {
			final int r = all.ranks.get(i);
			final double fitted2 = all.fitted.get(i) * all.fitted.get(i) * values.length;
			assertTrue(bounds[r] <= fitted2 * (1 + 1e-6), "rank " + r + ": bound " + bounds[r] + ", fit " + fitted2);
			assertTrue(bounds[r] > 0.5 * fitted2, "rank " + r + ": the bound is the SVD's residual, close to NMF's here");
		}
		// Another mode's estimate below anything a stack fit can reach: no rank is fitted.
		assertTrue(NmfDenoiser.sweep(layout, values, 0.05, new NmfOptions(), TaskMonitor.NONE, 0, 1e-3).ranks.isEmpty());
		// One just above the best: the best rank is still found.
		final NmfDenoiser.RankSweep bounded = NmfDenoiser.sweep(layout, values, 0.05, new NmfOptions(), TaskMonitor.NONE, 0,
			all.bestEstimated() * 1.001);
		assertEquals(all.best(), bounded.best());
		assertTrue(bounded.ranks.size() < all.ranks.size(), "ranks fitted: " + bounded.ranks + " of " + all.ranks);
	}

	/** Smooth images with random phases: not low-rank as a stack, low-rank in small patches. */
	private static float[][] smoothImages(final int w, final int h, final int images, final long seed) {
		final Random random = new Random(seed);
		final float[][] planes = new float[images][w * h];
		for (final float[] plane : planes) {
			final double px = 2 * Math.PI * random.nextDouble(), py = 2 * Math.PI * random.nextDouble(), f = 0.15 + 0.15 * random.nextDouble();
			for (int y = 0; y < h; y++) {
				for (int x = 0; x < w; x++) plane[y * w + x] = (float) (0.5 + 0.2 * Math.sin(f * x + px) + 0.2 * Math.cos(f * y + py));
			}
		}
		return planes;
	}

	@Test
	void autoModePoolsThePatchesOfAStackOfDifferentImages() {
		final int w = 24, h = 24, images = 20;
		final float[][] clean = smoothImages(w, h, images, 3);
		final Random random = new Random(4);
		final float[] cleanAll = new float[w * h * images], noisyAll = new float[cleanAll.length];
		for (int n = 0; n < images; n++) {
			for (int i = 0; i < w * h; i++) {
				cleanAll[n * w * h + i] = clean[n][i];
				noisyAll[n * w * h + i] = (float) Math.max(0, clean[n][i] + 0.08 * random.nextGaussian());
			}
		}
		final NmfDenoiser.Result r = NmfDenoiser.denoise(noisyAll, w, h, 1, images, NmfDenoiser.Mode.AUTO, 0, 6, new NmfOptions(), TaskMonitor.NONE);
		assertEquals(NmfDenoiser.Mode.POOLED, r.mode);
		final double before = ImageMetrics.psnr(cleanAll, noisyAll), after = ImageMetrics.psnr(cleanAll, r.values);
		assertTrue(after > before + 6, before + " -> " + after + " dB at rank " + r.rank);
		assertEquals(0.08, r.noise, 0.01);
		assertTrue(r.warning == null, r.warning);
		// As a stack the same images are far from low-rank: the stack mode says so.
		final NmfDenoiser.Result stack = NmfDenoiser.denoise(noisyAll, w, h, 1, images, NmfDenoiser.Mode.STACK, 0, 6, new NmfOptions(), TaskMonitor.NONE);
		assertTrue(ImageMetrics.psnr(cleanAll, stack.values) < after - 2);
	}

	@Test
	void noiseLevelOfWhiteNoiseOnASmoothImage() {
		final int w = 64, h = 48;
		final Random random = new Random(8);
		final float[] image = new float[w * h * 2];
		for (int p = 0; p < 2; p++) {
			for (int y = 0; y < h; y++) {
				for (int x = 0; x < w; x++) {
					image[(p * h + y) * w + x] = (float) (0.5 + 0.3 * Math.sin(x / 7.0 + p) * Math.cos(y / 5.0) + 0.04 * random.nextGaussian());
				}
			}
		}
		assertEquals(0.04, NmfDenoiser.noiseLevel(image, w, h, 2, 6), 0.004);
		assertEquals(0, NmfDenoiser.noiseLevel(new float[4], 2, 2, 1, 6));
	}

	@Test
	void lowRankReconstructionRemovesNoise() {
		final INDArray clean = NmfTest.randomLowRank(400, 60, 4, 3).divi(4);
		final INDArray noisy = noisy(clean, 2);
		final INDArray denoised = Nmf.factorize(noisy, new NmfOptions().rank(4), TaskMonitor.NONE).reconstruction();
		final double before = rmse(clean, noisy), after = rmse(clean, denoised);
		assertTrue(after < 0.5 * before, before + " -> " + after);
	}

	@Test
	void patchesAverageBackToTheImage() {
		final int w = 13, h = 9, c = 2;
		final float[] image = new float[w * h * c];
		final Random random = new Random(4);
		for (int i = 0; i < image.length; i++) image[i] = random.nextFloat();
		for (final int stride : new int[] { 1, 2, 3 }) {
			final INDArray p = NmfDenoiser.patches(image, w, h, c, 4, stride);
			assertEquals(4 * 4 * c, p.rows());
			assertArrayEquals(image, NmfDenoiser.averagePatches(p, w, h, c, 4, stride), 1e-6f, "stride " + stride);
		}
		// Column 1 at stride 1 is the window at (1, 0); its first row is pixel (1, 0) of channel 0,
		// its last is pixel (4, 3) of channel 1.
		final INDArray p = NmfDenoiser.patches(image, w, h, c, 4, 1);
		assertEquals(image[1], p.getFloat(0, 1));
		assertEquals(image[w * h + 3 * w + 4], p.getFloat(31, 1));
		assertEquals((13 - 3) * (9 - 3), p.columns());
	}

	@Test
	void strideBoundsTheNumberOfPatches() {
		assertEquals(1, NmfDenoiser.stride(100, 100, 8, 1_000_000));
		final int s = NmfDenoiser.stride(1000, 1000, 8, 100_000);
		assertTrue(s > 1);
		final int count = ((1000 - 8) / s + 2) * ((1000 - 8) / s + 2);
		assertTrue(count <= 100_000 + 2 * 1000, "count " + count);
	}

	@Test
	void sweepSamplesColumnsReproducibly() {
		final INDArray a = NmfTest.randomNonNegative(5, 50, 1);
		assertTrue(a == NmfDenoiser.sampleColumns(a, 50, 1));
		final INDArray sample = NmfDenoiser.sampleColumns(a, 10, 7);
		assertEquals(10, sample.columns());
		assertEquals(sample, NmfDenoiser.sampleColumns(a, 10, 7));
		// Every sampled column is a column of A, each at most once, in A's order.
		int previous = -1;
		for (int c = 0; c < 10; c++) {
			int found = -1;
			for (int j = 0; j < 50; j++) if (a.getColumn(j).equals(sample.getColumn(c))) found = j;
			assertTrue(found > previous, "column " + c);
			previous = found;
		}
	}

	@Test
	void patchLargerThanImageIsRefused() {
		assertThrows(UserInputException.class, () -> NmfDenoiser.patches(new float[25], 5, 5, 1, 8, 1));
	}
}

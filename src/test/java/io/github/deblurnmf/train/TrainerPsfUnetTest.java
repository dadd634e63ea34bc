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
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.ColorProcessor;
import io.github.deblurnmf.blur.BlurredDatasetCreator;
import io.github.deblurnmf.blur.DatasetParameters;
import io.github.deblurnmf.io.ImageSources;
import io.github.deblurnmf.metrics.ImageMetrics;
import io.github.deblurnmf.net.Architecture;
import io.github.deblurnmf.net.DeblurNetwork;
import io.github.deblurnmf.task.TaskMonitor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Train Deblur AE's psf-unet: trained from a dataset folder with the dataset's own PSF. */
class TrainerPsfUnetTest {

	@TempDir
	Path tmp;

	private static Trainer.Options options(final Path dataset, final Path model) {
		final Trainer.Options o = new Trainer.Options();
		o.dataset = dataset;
		o.model = model;
		o.architecture = Architecture.PSF_UNET;
		o.epochs = 12;
		o.batch = 1;
		o.learningRate = 1e-3;
		o.validation = 0.17;
		o.baseWidth = 0;
		o.seed = 3;
		return o;
	}

	/**
	 * 3 × 2 gray tiles of 32×32 from an image of random rectangles (sharp edges, where Wiener rings and the
	 * network has something to correct), blurred with kernel 12, σ 2.
	 */
	private static Path rectangles(final Path folder) throws IOException {
		final int size = 32, width = 3 * size, height = 2 * size;
		final Random random = new Random(11);
		final byte[] pixels = new byte[width * height];
		java.util.Arrays.fill(pixels, (byte) 80);
		for (int k = 0; k < 40; k++) {
			final int x0 = random.nextInt(width - 4), y0 = random.nextInt(height - 4);
			final int x1 = Math.min(width, x0 + 3 + random.nextInt(16)), y1 = Math.min(height, y0 + 3 + random.nextInt(16));
			final byte value = (byte) (20 + random.nextInt(216));
			for (int y = y0; y < y1; y++) for (int x = x0; x < x1; x++) pixels[y * width + x] = value;
		}
		new BlurredDatasetCreator(new DatasetParameters("rectangles", size, 12, 2.0, 0.0, true, 1)).create(ImageSources.of(new ImagePlus(
			"rectangles", new ij.process.ByteProcessor(width, height, pixels))), folder, false, TaskMonitor.NONE, w -> {});
		return folder;
	}

	@Test
	void learnsACorrectionOfTheWienerOutputWithTheDatasetsPsf() throws IOException {
		final Path dataset = rectangles(tmp.resolve("data"));
		final DatasetParameters parameters = TrainingData.describe(dataset);
		final Trainer trainer = Trainer.prepare(options(dataset, tmp.resolve("m.zip")));
		final Trainer.Result result = trainer.train(TaskMonitor.NONE, h -> {});
		final List<EpochRecord> history = result.history;

		assertEquals(12, history.size());
		assertTrue(history.get(11).trainLoss < 0.9 * history.get(0).trainLoss, "L1 loss " + history.get(0).trainLoss + " -> " + history.get(11)
			.trainLoss);

		final DeblurNetwork model = DeblurNetwork.load(result.model);
		assertEquals(Architecture.PSF_UNET, model.architecture());
		assertEquals(1, model.channels());
		assertEquals(24, model.baseWidth(), "basewidth=0: the psf-unet's default");
		assertEquals(parameters.sigma, model.psfInput().sigmaMin);
		assertEquals(parameters.sigma, model.psfInput().sigmaMax);
		assertArrayEquals(new double[] { 1e-3, 1e-4 }, model.psfInput().detailNoiseToSignal(), 0, "the shipped model's detail planes");
		assertTrue(String.valueOf(model.metadata().get("loss")).startsWith("L1"));

		// The untrained network is the Wiener first stage with the dataset's PSF (kernel 12, σ 2): the trained
		// one must do better on the validation pairs than that first stage does.
		final TrainingData data = TrainingData.load(dataset, parameters, TaskMonitor.NONE);
		double trained = 0, wiener = 0;
		for (final int i : trainer.validationIndices()) {
			final float[] blurred = data.inputs[i], sharp = data.targets[i];
			trained += ImageMetrics.mse(sharp, model.predict(blurred, data.size, data.size, parameters.sigma, parameters.kernel));
			final float[] first = model.psfInput().firstStage(parameters.sigma, parameters.kernel).deconvolve(blurred, data.size, data.size);
			for (int p = 0; p < first.length; p++) first[p] = Math.min(1, Math.max(0, first[p]));
			wiener += ImageMetrics.mse(sharp, first);
		}
		assertTrue(trained < wiener, "validation MSE " + trained + " vs the Wiener first stage's " + wiener);
		final double psnr = 10 * Math.log10(trainer.validationIndices().length / trained);
		assertEquals(psnr, result.best.validationPsnr, 0.05, "the trainer's validation PSNR is the network's on the validation pairs");
	}

	@Test
	void anRgbDatasetTrainsAGrayNetworkOnEachColourPlane() throws IOException {
		final int size = 32, width = 2 * size, height = 2 * size;
		final Random random = new Random(5);
		final int[] pixels = new int[width * height];
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				final int r = (int) (127 + 100 * Math.sin(x * 0.3)), g = (int) (127 + 100 * Math.cos(y * 0.2)), b = random.nextInt(256);
				pixels[y * width + x] = (r << 16) | (g << 8) | b;
			}
		}
		final DatasetParameters made = new DatasetParameters("rgb", size, 6, 1.0, 0.0, false, 1);
		final Path dataset = tmp.resolve("rgb");
		new BlurredDatasetCreator(made).create(ImageSources.of(new ImagePlus("rgb", new ColorProcessor(width, height, pixels))), dataset, false,
			TaskMonitor.NONE, w -> {});
		final Trainer.Options o = options(dataset, tmp.resolve("rgb.zip"));
		o.epochs = 2;
		o.validation = 0.25;
		final Trainer trainer = Trainer.prepare(o);
		assertEquals(3, trainer.dataset().channels());
		final Trainer.Result result = trainer.train(TaskMonitor.NONE, h -> {});
		final DeblurNetwork model = DeblurNetwork.load(result.model);
		assertEquals(1, model.channels());
		assertTrue(Double.isFinite(result.best.validationPsnr));
		assertEquals(Map.of("channels", 3), Map.of("channels", ((Map<?, ?>) model.metadata().get("dataset")).get("channels")));
	}
}

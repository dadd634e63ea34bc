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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.deblurnmf.deblur.PsfFirstStage;
import io.github.deblurnmf.metrics.GaussianFilter;
import io.github.deblurnmf.task.UserInputException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PsfUnetTest {

	private static final int SIZE = 32;

	@TempDir
	Path folder;

	/**
	 * Targets of a few random rectangles (sharp edges, where Wiener rings), each blurred (reflected edges)
	 * by the Gaussian of its sigma.
	 */
	private static float[][][] pairs(final double[] sigmas, final long seed) {
		final Random random = new Random(seed);
		final float[][] inputs = new float[sigmas.length][], targets = new float[sigmas.length][];
		for (int n = 0; n < sigmas.length; n++) {
			final float[] target = new float[SIZE * SIZE];
			java.util.Arrays.fill(target, 0.3f);
			for (int k = 0; k < 8; k++) {
				final int x0 = random.nextInt(SIZE - 4), y0 = random.nextInt(SIZE - 4);
				final int x1 = x0 + 2 + random.nextInt(SIZE - x0 - 2), y1 = y0 + 2 + random.nextInt(SIZE - y0 - 2);
				final float value = random.nextFloat();
				for (int y = y0; y < y1; y++) for (int x = x0; x < x1; x++) target[x + y * SIZE] = value;
			}
			final float[] input = new float[target.length];
			GaussianFilter.forWindow(PsfFirstStage.windowFor(sigmas[n]), sigmas[n]).filter(target, SIZE, SIZE, input);
			inputs[n] = input;
			targets[n] = target;
		}
		return new float[][][] { inputs, targets };
	}

	@Test
	void untrainedNetworkReturnsTheWienerOutput() {
		final DeblurNetwork network = DeblurNetwork.createPsfUnet(DeblurNetwork.PsfInput.defaults(), 1, 1e-3, 100);
		final float[] image = pairs(new double[] { 2 }, 5)[0][0];
		final float[] wiener = DeblurNetwork.PsfInput.defaults().firstStage(2, 0).deconvolve(image, SIZE, SIZE);
		final float[] predicted = network.predict(image, SIZE, SIZE, 2, 0);
		for (int i = 0; i < wiener.length; i++) assertEquals(Math.min(1, Math.max(0, wiener[i])), predicted[i], 1e-6);
		assertThrows(UserInputException.class, () -> network.predict(image, SIZE, SIZE));
	}

	@Test
	void fewStepsLowerTheLoss() {
		for (final boolean sigmaPlane : new boolean[] { false, true }) {
			final DeblurNetwork network = DeblurNetwork.createPsfUnet(new DeblurNetwork.PsfInput(3e-3, sigmaPlane, 1, 5), 5,
				1e-3, 1000);
			final double[] sigmas = { 1, 2, 3, 1 };
			final float[][][] data = pairs(sigmas, 1);
			final double first = network.fit(data[0], data[1], sigmas, SIZE, SIZE);
			// The loss is the mean absolute error per pixel, before the step.
			double own = 0;
			for (int n = 0; n < sigmas.length; n++) {
				final float[] wiener = network.psfInput().firstStage(sigmas[n], 0).deconvolve(data[0][n], SIZE, SIZE);
				for (int i = 0; i < wiener.length; i++) own += Math.abs(wiener[i] - data[1][n][i]);
			}
			assertEquals(own / (sigmas.length * SIZE * SIZE), first, 1e-5);
			// Adam's first steps overshoot; the zero-initialized output layer makes the start slow.
			double best = first;
			for (int step = 0; step < 59; step++) best = Math.min(best, network.fit(data[0], data[1], sigmas, SIZE, SIZE));
			assertTrue(best < 0.9 * first, "sigma plane " + sigmaPlane + ": loss " + first + " -> " + best);
			assertEquals(60, network.steps());
		}
	}

	@Test
	void saveThenLoadGivesIdenticalPredictionsAndMetadata() throws IOException {
		final DeblurNetwork network = DeblurNetwork.createPsfUnet(new DeblurNetwork.PsfInput(0.01, true, 1.5, 4.5), 3,
			1e-3, 50);
		final double[] sigmas = { 1.5, 3 };
		final float[][][] data = pairs(sigmas, 2);
		for (int step = 0; step < 3; step++) network.fit(data[0], data[1], sigmas, SIZE, SIZE);
		final Path zip = folder.resolve("psf.zip");
		network.save(zip, Map.of("tool", "test"));
		final DeblurNetwork loaded = DeblurNetwork.load(zip);
		assertEquals(Architecture.PSF_UNET, loaded.architecture());
		assertTrue(loaded.usesPsf());
		assertEquals(0.01, loaded.psfInput().noiseToSignal);
		assertTrue(loaded.psfInput().sigmaPlane);
		assertEquals(1.5, loaded.psfInput().sigmaMin);
		assertEquals(4.5, loaded.psfInput().sigmaMax);
		assertEquals(3, loaded.steps());
		assertEquals(network.learningRate(), loaded.learningRate(), 1e-12);
		assertEquals("test", loaded.metadata().get("tool"));
		final float[] image = data[0][1];
		// any size: 30x27 is padded to 32x32 inside
		final float[] part = new float[30 * 27];
		for (int y = 0; y < 27; y++) System.arraycopy(image, y * SIZE, part, y * 30, 30);
		assertArrayEquals(network.predict(part, 30, 27, 3, 0), loaded.predict(part, 30, 27, 3, 0), 0f);
		assertArrayEquals(network.predict(image, SIZE, SIZE, 2.2, 20), loaded.predict(image, SIZE, SIZE, 2.2, 20), 0f);
		final Map<?, ?> layout = (Map<?, ?>) ModelZip.read(zip).get("network");
		assertEquals("[24, 32, 64, 128]", String.valueOf(layout.get("levelWidths")));
		assertEquals(false, layout.get("spaceToDepth"));
		assertEquals(0, ((Number) layout.get("headWidth")).intValue());
	}

	@Test
	void theLossIsTheMeanAbsoluteOrSquaredErrorPerPixel() throws IOException {
		final double[] sigmas = { 1.5, 4 };
		final float[][][] data = pairs(sigmas, 7);
		double absolute = 0, squared = 0;
		for (int n = 0; n < sigmas.length; n++) {
			// untrained, the network's output is its Wiener plane (the correction's last layer starts at zero)
			final float[] wiener = DeblurNetwork.PsfInput.defaults().firstStage(sigmas[n], 0).deconvolve(data[0][n], SIZE, SIZE);
			for (int i = 0; i < wiener.length; i++) {
				final double error = wiener[i] - data[1][n][i];
				absolute += Math.abs(error) / (sigmas.length * wiener.length);
				squared += error * error / (sigmas.length * wiener.length);
			}
		}
		final DeblurNetwork l1 = DeblurNetwork.createPsfUnet(DeblurNetwork.PsfInput.defaults(), 2, 1e-3, 100, new int[] { 4, 4 }, false, 0);
		assertEquals(DeblurNetwork.L1_LOSS, l1.pixelLoss());
		assertEquals(absolute, l1.fit(data[0], data[1], sigmas, SIZE, SIZE), 1e-6 * absolute);
		final DeblurNetwork mse = DeblurNetwork.createPsfUnet(DeblurNetwork.PsfInput.defaults(), 2, 1e-3, 100, new int[] { 4, 4 }, false, 0);
		mse.setPixelLoss(DeblurNetwork.MSE_LOSS);
		final double first = mse.fit(data[0], data[1], sigmas, SIZE, SIZE);
		assertEquals(squared, first, 1e-5 * squared);
		double best = first;
		for (int step = 0; step < 40; step++) best = Math.min(best, mse.fit(data[0], data[1], sigmas, SIZE, SIZE));
		// a network this narrow learns slowly: 0.01112 -> 0.01059 when written
		assertTrue(best < 0.98 * first, "loss " + first + " -> " + best);
		final Path zip = folder.resolve("mse.zip");
		mse.save(zip, Map.of());
		assertEquals(DeblurNetwork.MSE_LOSS, DeblurNetwork.load(zip).pixelLoss());
		assertThrows(IllegalArgumentException.class, () -> mse.setPixelLoss("ssim"));
	}

	@Test
	void aNetworkOnTwoByTwoBlocksStartsAtWienerLearnsAndRoundTrips() throws IOException {
		for (final int head : new int[] { 0, 8 }) {
			final DeblurNetwork network = DeblurNetwork.createPsfUnet(DeblurNetwork.PsfInput.defaults(), 5, 1e-3, 1000, new int[] { 16, 16,
				32 }, true, head);
			final double[] sigmas = { 1, 2, 3, 1 };
			final float[][][] data = pairs(sigmas, 1);
			final float[] wiener = network.psfInput().firstStage(2, 0).deconvolve(data[0][1], SIZE, SIZE);
			final float[] untrained = network.predict(data[0][1], SIZE, SIZE, 2, 0);
			for (int i = 0; i < wiener.length; i++) assertEquals(Math.min(1, Math.max(0, wiener[i])), untrained[i], 1e-6);
			final double first = network.fit(data[0], data[1], sigmas, SIZE, SIZE);
			double best = first;
			for (int step = 0; step < 59; step++) best = Math.min(best, network.fit(data[0], data[1], sigmas, SIZE, SIZE));
			assertTrue(best < 0.9 * first, "head " + head + ": loss " + first + " -> " + best);
			final float[] trained = network.predict(data[0][1], SIZE, SIZE, 2, 0);
			assertTrue(java.util.stream.IntStream.range(0, trained.length).anyMatch(i -> Math.abs(trained[i] - untrained[i]) > 1e-3),
				"head " + head + ": the correction stayed zero");

			final Path zip = folder.resolve("blocks" + head + ".zip");
			network.save(zip, Map.of());
			final DeblurNetwork loaded = DeblurNetwork.load(zip);
			final float[] part = new float[30 * 27];
			for (int y = 0; y < 27; y++) System.arraycopy(data[0][1], y * SIZE, part, y * 30, 30);
			assertArrayEquals(network.predict(part, 30, 27, 2, 0), loaded.predict(part, 30, 27, 2, 0), 0f);
			assertEquals(network.learningRate(), loaded.learningRate(), 1e-12);
			final Map<?, ?> layout = (Map<?, ?>) ModelZip.read(zip).get("network");
			assertEquals("[16, 16, 32]", String.valueOf(layout.get("levelWidths")));
			assertEquals(true, layout.get("spaceToDepth"));
			assertEquals(head, ((Number) layout.get("headWidth")).intValue());
		}

		// Sides are padded to multiples of 8: three halvings at most.
		assertThrows(IllegalArgumentException.class, () -> DeblurNetwork.createPsfUnet(DeblurNetwork.PsfInput.defaults(), 5, 1e-3, 10,
			new int[] { 16, 16, 32, 64 }, true, 0));
		assertThrows(IllegalArgumentException.class, () -> DeblurNetwork.createPsfUnet(DeblurNetwork.PsfInput.defaults(), 5, 1e-3, 10,
			new int[] { 8, 8, 8, 8, 8 }, false, 0));
		assertThrows(IllegalArgumentException.class, () -> DeblurNetwork.createPsfUnet(DeblurNetwork.PsfInput.defaults(), 5, 1e-3, 10,
			new int[] { 16, 16, 32 }, false, 8));
	}

	@Test
	void resumingContinuesExactly() throws IOException {
		final double[] sigmas = { 1, 3, 5 };
		final float[][][] data = pairs(sigmas, 4);
		final DeblurNetwork straight = DeblurNetwork.createPsfUnet(DeblurNetwork.PsfInput.defaults(), 5, 2e-3, 6);
		final DeblurNetwork first = DeblurNetwork.createPsfUnet(DeblurNetwork.PsfInput.defaults(), 5, 2e-3, 6);
		for (int step = 0; step < 3; step++) {
			straight.fit(data[0], data[1], sigmas, SIZE, SIZE);
			first.fit(data[0], data[1], sigmas, SIZE, SIZE);
		}
		final Path zip = folder.resolve("resume.zip");
		first.save(zip, Map.of());
		final DeblurNetwork resumed = DeblurNetwork.load(zip);
		assertEquals(straight.learningRate(), resumed.learningRate(), 1e-15);
		for (int step = 0; step < 3; step++) {
			assertEquals(straight.fit(data[0], data[1], sigmas, SIZE, SIZE), resumed.fit(data[0], data[1], sigmas, SIZE,
				SIZE), 1e-6, "step " + step);
		}
		assertArrayEquals(straight.predict(data[0][0], SIZE, SIZE, 1, 0), resumed.predict(data[0][0], SIZE, SIZE, 1, 0),
			1e-5f);
		// the cosine schedule ends at 1 % of the initial rate
		assertEquals(2e-5, resumed.learningRate(), 1e-12);
	}

	@Test
	void aNewDecayGoesOnFromTheCurrentStepAndSurvivesASave() throws IOException {
		final double[] sigmas = { 2, 4 };
		final float[][][] data = pairs(sigmas, 6);
		final DeblurNetwork network = DeblurNetwork.createPsfUnet(DeblurNetwork.PsfInput.defaults(), 5, 1e-3, 1000);
		for (int step = 0; step < 2; step++) network.fit(data[0], data[1], sigmas, SIZE, SIZE);
		final double now = network.learningRate();
		assertEquals(1e-5 + (1e-3 - 1e-5) * 0.5 * (1 + Math.cos(Math.PI * 2 / 1000)), now, 1e-12);
		network.setCosineDecay(now, 1e-5, 6);
		assertEquals(now, network.learningRate(), 1e-15);
		network.fit(data[0], data[1], sigmas, SIZE, SIZE);
		// step 3 of a decay from step 2 to step 6: a quarter of the way
		assertEquals(1e-5 + (now - 1e-5) * 0.5 * (1 + Math.cos(Math.PI / 4)), network.learningRate(), 1e-12);
		final Path zip = folder.resolve("decay.zip");
		network.save(zip, Map.of());
		final DeblurNetwork loaded = DeblurNetwork.load(zip);
		assertEquals(network.learningRate(), loaded.learningRate(), 1e-15);
		for (int step = 0; step < 3; step++) {
			assertEquals(network.fit(data[0], data[1], sigmas, SIZE, SIZE), loaded.fit(data[0], data[1], sigmas, SIZE, SIZE), 1e-6);
		}
		assertEquals(1e-5, loaded.learningRate(), 1e-15);
		assertThrows(IllegalArgumentException.class, () -> loaded.setCosineDecay(1e-4, 1e-5, 6));
	}

	@Test
	void detailPlanesAndWiderLevelsStartFromTheWeightsOfANetworkWithout() throws IOException {
		final double[] sigmas = { 1.5, 3, 4 };
		final float[][][] data = pairs(sigmas, 7);
		final DeblurNetwork source = DeblurNetwork.createPsfUnet(DeblurNetwork.PsfInput.defaults(), 3, 1e-3, 100, 8);
		for (int step = 0; step < 4; step++) source.fit(data[0], data[1], sigmas, SIZE, SIZE);
		final float[] image = data[0][1];
		final float[] before = source.predict(image, SIZE, SIZE, 3, 0);
		final float[] wienerOnly = source.psfInput().firstStage(3, 0).deconvolve(image, SIZE, SIZE);
		double moved = 0;
		for (int i = 0; i < before.length; i++) moved = Math.max(moved, Math.abs(before[i] - Math.min(1, Math.max(0, wienerOnly[i]))));
		assertTrue(moved > 1e-4, "the source's correction is not zero: " + moved);

		final DeblurNetwork.PsfInput input = source.psfInput().withDetails(1e-3, 1e-4);
		assertEquals(4, input.planes());
		final DeblurNetwork widened = DeblurNetwork.createPsfUnet(input, 9, 1e-3, 100, 8);
		widened.copyWeightsFrom(source);
		assertArrayEquals(before, widened.predict(image, SIZE, SIZE, 3, 0), 1e-6f);
		assertEquals(source.parameterCount() + 2 * 8 * 9, widened.parameterCount());

		// training reaches the new planes, and a save keeps them
		for (int step = 0; step < 2; step++) widened.fit(data[0], data[1], sigmas, SIZE, SIZE);
		final org.nd4j.linalg.api.ndarray.INDArray first = widened.graph().getLayer("enc0a").getParam("W");
		assertTrue(first.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 4))
			.amaxNumber().doubleValue() > 0, "the detail planes' weights moved");
		final Path zip = folder.resolve("details.zip");
		widened.save(zip, Map.of());
		final DeblurNetwork loaded = DeblurNetwork.load(zip);
		assertArrayEquals(new double[] { 1e-3, 1e-4 }, loaded.psfInput().detailNoiseToSignal(), 0);
		assertEquals(List.of("wiener", "blurred", "wiener nsr 0.001", "wiener nsr 1.0E-4"), loaded.psfInput().describe().get("inputs"));
		assertArrayEquals(widened.predict(image, SIZE, SIZE, 2.5, 0), loaded.predict(image, SIZE, SIZE, 2.5, 0), 0f);

		// Wider levels as well (8, 11, 21, 43 -> 12, 16, 32, 64 channels): the same function, skip connections included.
		final DeblurNetwork wider = DeblurNetwork.createPsfUnet(input, 9, 1e-3, 100, 12);
		wider.copyWeightsFrom(source);
		assertArrayEquals(before, wider.predict(image, SIZE, SIZE, 3, 0), 1e-6f);
		final DeblurNetwork firstLevel = DeblurNetwork.createPsfUnet(input, 9, 1e-3, 100, new int[] { 16, 11, 21, 43 }, false, 0);
		firstLevel.copyWeightsFrom(source);
		assertArrayEquals(before, firstLevel.predict(image, SIZE, SIZE, 3, 0), 1e-6f);
		for (int step = 0; step < 2; step++) firstLevel.fit(data[0], data[1], sigmas, SIZE, SIZE);
		final org.nd4j.linalg.api.ndarray.INDArray merged = firstLevel.graph().getLayer("dec0a").getParam("W");
		assertEquals(32, merged.size(1), "up-sampled and skip channels, 16 each");
		assertTrue(merged.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 8), org.nd4j.linalg.indexing.NDArrayIndex.interval(24, 32))
			.amaxNumber().doubleValue() > 0, "the new skip channels' weights moved");
		final DeblurNetwork narrower = DeblurNetwork.createPsfUnet(input, 9, 1e-3, 100, 6);
		assertThrows(IllegalArgumentException.class, () -> narrower.copyWeightsFrom(source));
	}

	@Test
	void thePsfUnetIsMadeWithItsPsfInputOnly() {
		assertThrows(IllegalArgumentException.class, () -> DeblurNetwork.create(Architecture.PSF_UNET, 1, 1, 1e-3));
		assertArrayEquals(new int[] { 24, 32, 64, 128 }, DeblurNetwork.psfUnetWidths(24));
		assertArrayEquals(new int[] { 12, 16, 32, 64 }, DeblurNetwork.psfUnetWidths(12));
		assertEquals(null, DeblurNetwork.PsfInput.defaults().outsideRange(5));
		assertTrue(DeblurNetwork.PsfInput.defaults().outsideRange(5.5).contains("outside the range this model was trained for (1 to 5)"));
		assertTrue(DeblurNetwork.PsfInput.defaults().outsideRange(0.5) != null);
		assertEquals(Architecture.PSF_UNET, Architecture.fromLabel("PSF-UNet"));
		assertEquals(List.of("wiener", "blurred"), DeblurNetwork.PsfInput.defaults().describe().get("inputs"));
	}
}

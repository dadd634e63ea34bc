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

import io.github.deblurnmf.metrics.GaussianFilter;
import io.github.deblurnmf.task.UserInputException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeblurNetworkTest {

	private static final int SIZE = 32;

	@TempDir
	Path folder;

	/** {@code count} smooth random 32×32 targets and their Gaussian-blurred inputs. */
	private static float[][][] pairs(final int count, final long seed) {
		final Random random = new Random(seed);
		final GaussianFilter smooth = new GaussianFilter(1.0, 3);
		final GaussianFilter blur = new GaussianFilter(2.0, 3);
		final float[][] inputs = new float[count][];
		final float[][] targets = new float[count][];
		for (int n = 0; n < count; n++) {
			final float[] target = new float[SIZE * SIZE];
			for (int i = 0; i < target.length; i++)
				target[i] = random.nextFloat();
			smooth.filter(target, SIZE, SIZE, target);
			final float[] input = new float[target.length];
			blur.filter(target, SIZE, SIZE, input);
			inputs[n] = input;
			targets[n] = target;
		}
		return new float[][][] { inputs, targets };
	}

	@Test
	void fewStepsLowerTheLoss() {
		final float[][][] data = pairs(4, 1);
		for (final Architecture architecture : List.of(Architecture.AUTOENCODER, Architecture.UNET)) {
			final DeblurNetwork network = DeblurNetwork.create(architecture, 1, 3, 0.01, 0.1, 4);
			final double first = network.fit(data[0], data[1], SIZE, SIZE);
			double last = first;
			for (int step = 0; step < 15; step++)
				last = network.fit(data[0], data[1], SIZE, SIZE);
			assertTrue(Double.isFinite(first) && last < first, architecture + ": loss " + first + " -> " + last);
		}
	}

	/**
	 * The oneDNN helpers (on for new networks) are a pure speed-up: the same weights train and predict as with
	 * DL4J's own im2col convolutions, within float tolerance. After training the two agree less closely: Adam's
	 * first steps are about lr·g/|g|, so a weight whose gradient is near zero steps by up to ±lr on the sign of
	 * a rounding difference (on an AMD EPYC, 19 of 49217 autoencoder weights ended up to 0.0102 apart), and the
	 * predictions are compared against how far the steps moved them.
	 */
	@Test
	void oneDnnHelpersChangeNothingButSpeed() throws IOException {
		final float[][][] data = pairs(4, 5);
		for (final Architecture architecture : List.of(Architecture.AUTOENCODER, Architecture.UNET)) {
			final DeblurNetwork helped = DeblurNetwork.create(architecture, 1, 7, 0.01, 0.1, 4);
			helped.fit(data[0], data[1], SIZE, SIZE);
			final Path zip = folder.resolve(architecture + "-helpers.zip");
			helped.save(zip, Map.of());
			final String setting = System.getProperty(Backend.HELPERS_DISABLE_PROPERTY);
			final DeblurNetwork plain;
			System.setProperty(Backend.HELPERS_DISABLE_PROPERTY, "true");
			try {
				plain = DeblurNetwork.load(zip);
			}
			finally {
				System.setProperty(Backend.HELPERS_DISABLE_PROPERTY, setting);
			}
			final DeblurNetwork reloaded = DeblurNetwork.load(zip);
			final float[] untrained = reloaded.predict(data[0][0], SIZE, SIZE);
			assertArrayEquals(plain.predict(data[0][0], SIZE, SIZE), untrained, 1e-5f, architecture + " forward");
			for (int step = 0; step < 3; step++) {
				final double a = reloaded.fit(data[0], data[1], SIZE, SIZE);
				final double b = plain.fit(data[0], data[1], SIZE, SIZE);
				assertEquals(b, a, 1e-5 * Math.max(1, Math.abs(b)), architecture + " step " + step);
			}
			final float[] trained = reloaded.predict(data[0][0], SIZE, SIZE);
			final double moved = maxDifference(untrained, trained);
			assertTrue(moved > 0.01, architecture + " moved by " + moved);
			final double apart = maxDifference(plain.predict(data[0][0], SIZE, SIZE), trained);
			assertTrue(apart < 0.05 * moved, architecture + " trained predictions " + apart + " apart, moved by " + moved);
		}
	}

	private static double maxDifference(final float[] a, final float[] b) {
		double max = 0;
		for (int i = 0; i < a.length; i++)
			max = Math.max(max, Math.abs(a[i] - b[i]));
		return max;
	}

	@Test
	void saveThenLoadGivesIdenticalPredictions() throws IOException {
		final float[][][] data = pairs(2, 2);
		for (final Architecture architecture : List.of(Architecture.AUTOENCODER, Architecture.UNET)) {
			final DeblurNetwork network = DeblurNetwork.create(architecture, 1, 5, 0.01, 0.1, 2);
			network.fit(data[0], data[1], SIZE, SIZE);
			final Map<String, Object> metadata = new LinkedHashMap<>();
			metadata.put("epochs", 1);
			metadata.put("trainLoss", List.of(0.5, 0.25));
			final Path zip = folder.resolve(architecture + ".zip");
			network.save(zip, metadata);
			final DeblurNetwork loaded = DeblurNetwork.load(zip);
			assertEquals(architecture, loaded.architecture());
			assertEquals(1, loaded.channels());
			assertEquals(2, loaded.baseWidth());
			assertEquals(1, ((Number) loaded.metadata().get("epochs")).intValue());
			assertEquals(List.of(0.5, 0.25), loaded.metadata().get("trainLoss"));
			// An odd size: predict pads by reflection and crops.
			final int width = 37;
			final int height = 21;
			final float[] image = new float[width * height];
			for (int i = 0; i < image.length; i++)
				image[i] = (i % 17) / 17f;
			final float[] before = network.predict(image, width, height);
			assertEquals(image.length, before.length);
			assertArrayEquals(before, loaded.predict(image, width, height));
			// The loaded network keeps training (Adam's state was saved).
			assertTrue(Double.isFinite(loaded.fit(data[0], data[1], SIZE, SIZE)));
		}
	}

	@Test
	void foreignOrBrokenFilesGiveAClearError() throws IOException {
		final Path notZip = folder.resolve("text.zip");
		Files.writeString(notZip, "not a zip at all");
		final UserInputException notZipError = assertThrows(UserInputException.class, () -> DeblurNetwork.load(
			notZip));
		assertTrue(notZipError.getMessage().contains("not a zip"), notZipError.getMessage());

		final Path otherZip = folder.resolve("other.zip");
		try (OutputStream file = Files.newOutputStream(otherZip); ZipOutputStream zip = new ZipOutputStream(file)) {
			zip.putNextEntry(new ZipEntry("hello.txt"));
			zip.write(new byte[] { 1, 2, 3 });
			zip.closeEntry();
		}
		final UserInputException otherError = assertThrows(UserInputException.class, () -> DeblurNetwork.load(
			otherZip));
		assertTrue(otherError.getMessage().startsWith("Not a Deblur NMF model"), otherError.getMessage());

		// Our metadata but no network inside.
		final Path hollow = folder.resolve("hollow.zip");
		try (OutputStream file = Files.newOutputStream(hollow); ZipOutputStream zip = new ZipOutputStream(file)) {
			zip.putNextEntry(new ZipEntry(ModelZip.METADATA_ENTRY));
			zip.write(("{\"format\":\"deblurnmf-network\",\"version\":1,\"network\":{\"architecture\":\"unet\","
				+ "\"channels\":1,\"baseWidth\":2},\"metadata\":{}}").getBytes("UTF-8"));
			zip.closeEntry();
		}
		final UserInputException hollowError = assertThrows(UserInputException.class, () -> DeblurNetwork.load(
			hollow));
		assertTrue(hollowError.getMessage().startsWith("Corrupt model zip"), hollowError.getMessage());
		assertTrue(!hollowError.getMessage().contains("\n"));
	}

	@Test
	void untrainedUnetReturnsItsInput() {
		final DeblurNetwork network = DeblurNetwork.create(Architecture.UNET, 1, 9, 0.001, 0.1, 2);
		final float[] image = pairs(1, 4)[0][0];
		assertArrayEquals(image, network.predict(image, SIZE, SIZE), 1e-7f);
		// Any size, through the reflection padding.
		final float[] odd = new float[23 * 19];
		for (int i = 0; i < odd.length; i++)
			odd[i] = (i * 7 % 11) / 11f;
		assertArrayEquals(odd, network.predict(odd, 23, 19), 1e-7f);
	}

	/**
	 * Each output channel comes from its own input plane. The U-Net's correction layer gets weights that
	 * treat the channels differently (a bias per channel, and red takes a share of blue's right-hand
	 * neighbour), so that a layout mix-up between the planes and the network's tensor shows even when it
	 * undoes itself on the way out; the expectation is computed here from DL4J's convolution, a
	 * cross-correlation with zero padding ("Same" mode, 3×3).
	 */
	@Test
	void rgbImagesKeepTheirChannelPlanes() {
		final int width = 16, height = 16, plane = width * height;
		final DeblurNetwork network = DeblurNetwork.create(Architecture.UNET, 3, 9, 0.001, 0.1, 2);
		final org.deeplearning4j.nn.api.Layer correction = network.graph().getLayer("correction");
		final org.nd4j.linalg.api.ndarray.INDArray weights = correction.getParam("W");
		final long inputs = weights.size(1);
		// The correction sees [up-sampled features, the 3 input planes]: the input planes are its last inputs.
		final long blueIn = inputs - 1;
		final float share = 0.5f;
		weights.putScalar(new long[] { 0, blueIn, 1, 2 }, share);
		final float[] bias = { 0.05f, -0.2f, 0.1f };
		for (int c = 0; c < 3; c++) correction.getParam("b").putScalar(c, bias[c]);
		// Three different ramps: red along x, green along y, blue along the diagonal.
		final float[] image = new float[3 * plane];
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				image[y * width + x] = 0.1f + 0.03f * x;
				image[plane + y * width + x] = 0.3f + 0.04f * y;
				image[2 * plane + y * width + x] = 0.2f + 0.01f * (x + 2 * y);
			}
		}
		final float[] expected = new float[3 * plane];
		for (int c = 0; c < 3; c++) {
			for (int y = 0; y < height; y++) {
				for (int x = 0; x < width; x++) {
					float value = image[c * plane + y * width + x] + bias[c];
					if (c == 0 && x + 1 < width) value += share * image[2 * plane + y * width + x + 1];
					expected[c * plane + y * width + x] = Math.min(1f, Math.max(0f, value));
				}
			}
		}
		final float[] output = network.predict(image, width, height);
		assertArrayEquals(expected, output, 1e-5f);
		// Not the identity: every channel moved.
		for (int c = 0; c < 3; c++) assertTrue(Math.abs(output[c * plane + 17] - image[c * plane + 17]) > 0.04, "channel " + c);
	}

	/**
	 * The code of {@link DeblurNetwork#createAutoencoder} has the channels asked for, 1 × 1 for a 32 × 32 image;
	 * only the code layer and the first decoder layer change, and a saved network says the same after loading.
	 */
	@Test
	void autoencoderCodeHasTheChannelsAsked() throws IOException {
		final int base = 4, code = 8;
		final DeblurNetwork seedLike = DeblurNetwork.create(Architecture.AUTOENCODER, 1, 3, 0.01, 0, base);
		final DeblurNetwork narrow = DeblurNetwork.createAutoencoder(1, 3, 0.01, 0, base, code);
		assertEquals(16 * base, seedLike.codeChannels());
		assertEquals(code, narrow.codeChannels());
		assertEquals(0, DeblurNetwork.create(Architecture.UNET, 1, 3, 0.01, 0, base).codeChannels());
		// down4 (8·base → code, k3) and up3 (code → 8·base, k3), weights and biases.
		final long wide = 16 * base, before = 8 * base;
		final long difference = 9 * before * wide + wide + 9 * wide * before + before - (9 * before * code + code + 9 * code
			* before + before);
		assertEquals(difference, seedLike.parameterCount() - narrow.parameterCount());
		final float[][][] data = pairs(2, 4);
		final org.nd4j.linalg.api.ndarray.INDArray input = org.nd4j.linalg.factory.Nd4j.create(data[1][0], new long[] { 1, 1,
			SIZE, SIZE }, 'c');
		assertArrayEquals(new long[] { 1, code, 1, 1 }, narrow.graph().feedForward(input, false).get("down4").shape());
		final double first = narrow.fit(data[1], data[1], SIZE, SIZE);
		double last = first;
		for (int step = 0; step < 10; step++) last = narrow.fit(data[1], data[1], SIZE, SIZE);
		assertTrue(last < first, "loss " + first + " -> " + last);
		final Path zip = folder.resolve("code8.zip");
		narrow.save(zip, Map.of());
		final DeblurNetwork loaded = DeblurNetwork.load(zip);
		assertEquals(code, loaded.codeChannels());
		assertArrayEquals(narrow.predict(data[1][1], SIZE, SIZE), loaded.predict(data[1][1], SIZE, SIZE));
		assertThrows(IllegalArgumentException.class, () -> DeblurNetwork.createAutoencoder(1, 3, 0.01, 0, base, 0));
	}

	/** Padding repeats the edge pixel (scipy's reflect), and predict pads an odd-sized image just so. */
	@Test
	void reflectPaddingIsWhatPredictDoes() {
		// Two planes of 3 × 2: a b c / d e f, and the same + 10.
		final float[] planes = { 1, 2, 3, 4, 5, 6, 11, 12, 13, 14, 15, 16 };
		final float[] padded = DeblurNetwork.reflectPadded(planes, 2, 3, 2, 5, 4);
		assertArrayEquals(new float[] { 1, 2, 3, 3, 2, 4, 5, 6, 6, 5, 4, 5, 6, 6, 5, 1, 2, 3, 3, 2, 11, 12, 13, 13, 12, 14, 15,
			16, 16, 15, 14, 15, 16, 16, 15, 11, 12, 13, 13, 12 }, padded);
		assertThrows(IllegalArgumentException.class, () -> DeblurNetwork.reflectPadded(planes, 2, 3, 2, 2, 4));

		final DeblurNetwork network = DeblurNetwork.createAutoencoder(1, 6, 0.01, 0, 2, 4);
		final int side = 25;
		final float[] face = new float[side * side];
		for (int i = 0; i < face.length; i++) face[i] = 0.2f + 0.6f * ((i * 7919) % 101) / 101f;
		final float[] whole = network.predict(DeblurNetwork.reflectPadded(face, 1, side, side, SIZE, SIZE), SIZE, SIZE);
		final float[] cropped = new float[side * side];
		for (int y = 0; y < side; y++) System.arraycopy(whole, y * SIZE, cropped, y * side, side);
		assertArrayEquals(cropped, network.predict(face, side, side));
	}

	@Test
	void backendIsDescribed() {
		final String backend = Backend.describe();
		assertTrue(backend.contains("CPU"), backend);
	}
}

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
package io.github.deblurnmf.blur;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.plugin.filter.GaussianBlur;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import io.github.deblurnmf.io.ImageSources;
import io.github.deblurnmf.task.TaskCanceledException;
import io.github.deblurnmf.task.TaskMonitor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blur, the tiling, the scaling and the noise of the dataset creator, on small images. */
class BlurredDatasetCreatorTest {

	@TempDir
	Path tmp;

	// -- Lookup tables --

	/** A display LUT (Image > Lookup Tables > Red) colors gray data on screen only: the values stay; a palette is converted. */
	@Test
	void aPseudoColorTableKeepsTheValuesAndAPaletteIsTakenAsItsColors() {
		final ByteProcessor gray = new ByteProcessor(8, 4);
		for (int i = 0; i < 32; i++) gray.set(i, 8 * i);
		final ByteProcessor red = (ByteProcessor) gray.duplicate();
		red.setLut(ij.process.LUT.createLutFromColor(java.awt.Color.red));
		assertArrayEquals(BlurredDatasetCreator.unitChannel(gray, 0, true), BlurredDatasetCreator.unitChannel(red, 0, true), 1e-12);
		final byte[] r = new byte[256], g = new byte[256], b = new byte[256];
		final Random random = new Random(2);
		random.nextBytes(r);
		random.nextBytes(g);
		random.nextBytes(b);
		final ByteProcessor palette = (ByteProcessor) gray.duplicate();
		palette.setLut(new ij.process.LUT(r, g, b));
		final double[] luma = BlurredDatasetCreator.unitChannel(palette, 0, true);
		final int index = palette.get(5);
		assertEquals((0.299 * (r[index] & 0xff) + 0.587 * (g[index] & 0xff) + 0.114 * (b[index] & 0xff)) / 255, luma[5], 1e-6);
	}

	// -- Blur --

	/** The documented kernel, computed here on its own: taps -⌊k/2⌋..⌊k/2⌋, exp(-t²/2σ²), sum 1. */
	private static double[] taps(final int kernel, final double sigma) {
		final int r = kernel / 2;
		final double[] w = new double[2 * r + 1];
		double sum = 0;
		for (int t = -r; t <= r; t++) sum += w[t + r] = Math.exp(-t * t / (2 * sigma * sigma));
		for (int i = 0; i < w.length; i++) w[i] /= sum;
		return w;
	}

	/** Half-sample symmetric reflection, by walking: ... c b a | a b c ... | c b a ... */
	private static int mirror(int i, final int n) {
		while (i < 0 || i >= n) i = i < 0 ? -1 - i : 2 * n - 1 - i;
		return i;
	}

	/** Direct 2-D convolution with the outer product of the taps, edges reflected. */
	static double[] naiveBlur(final double[] plane, final int width, final int height, final int kernel, final double sigma) {
		final double[] w = taps(kernel, sigma);
		final int r = w.length / 2;
		final double[] out = new double[plane.length];
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				double sum = 0;
				for (int dy = -r; dy <= r; dy++) {
					for (int dx = -r; dx <= r; dx++) {
						sum += w[dy + r] * w[dx + r] * plane[mirror(y + dy, height) * width + mirror(x + dx, width)];
					}
				}
				out[y * width + x] = sum;
			}
		}
		return out;
	}

	private static double[] randomPlane(final int n, final long seed) {
		final Random random = new Random(seed);
		final double[] plane = new double[n];
		for (int i = 0; i < n; i++) plane[i] = random.nextDouble();
		return plane;
	}

	@Test
	void blurIsTheDocumentedTwoDimensionalConvolution() {
		final int width = 23, height = 17;
		final double[] plane = randomPlane(width * height, 3);
		// The seed's 20 (21 taps, longer than the image is high), an odd 7, and a 1-tap kernel.
		for (final int[] k : new int[][] { { 20, 30 }, { 7, 12 }, { 1, 10 } }) {
			final double sigma = k[1] / 10.0;
			assertArrayEquals(naiveBlur(plane, width, height, k[0], sigma), BlurredDatasetCreator.blur(plane, width, height, k[0], sigma), 1e-5,
				"kernel " + k[0] + ", sigma " + sigma);
		}
		assertEquals(21, new DatasetParameters("", 160, 20, 3, 0, true, 1).taps());
		assertEquals(7, new DatasetParameters("", 160, 7, 3, 0, true, 1).taps());
	}

	/**
	 * ImageJ's GaussianBlur (accuracy 0.0002) reaches 14 pixels at σ = 3 and smooths its kernel's
	 * tail; with a window of 8σ (24: ±12 px) or more the two agree inside the image (15 px from the
	 * edges) to 1e-5 of full scale (measured: 8.5e-6 at 24, 2.3e-6 at 30), well below one 8-bit level.
	 */
	@Test
	void wideWindowMatchesImageJGaussianBlurInside() {
		final int width = 64, height = 56, border = 15;
		final double sigma = 3;
		final double[] plane = randomPlane(width * height, 5);
		final float[] floats = new float[plane.length];
		for (int i = 0; i < plane.length; i++) floats[i] = (float) plane[i];
		final FloatProcessor fp = new FloatProcessor(width, height, floats);
		new GaussianBlur().blurGaussian(fp, sigma, sigma, 0.0002);
		for (final int kernel : new int[] { 24, 30 }) {
			final double[] ours = BlurredDatasetCreator.blur(plane, width, height, kernel, sigma);
			double worst = 0;
			for (int y = border; y < height - border; y++) {
				for (int x = border; x < width - border; x++) worst = Math.max(worst, Math.abs(ours[y * width + x] - fp.getf(x, y)));
			}
			assertTrue(worst < 1e-5, "kernel " + kernel + ": largest difference " + worst);
		}
	}

	// -- Tiling --

	@Test
	void tilesAreCutOnACentredGrid() {
		assertArrayEquals(new int[] { 15, 175 }, BlurredDatasetCreator.tileStarts(350, 160));
		assertArrayEquals(new int[] { 5 }, BlurredDatasetCreator.tileStarts(170, 160));
		assertArrayEquals(new int[] { 0 }, BlurredDatasetCreator.tileStarts(160, 160));
		assertArrayEquals(new int[] { 0 }, BlurredDatasetCreator.tileStarts(161, 160));
		assertArrayEquals(new int[0], BlurredDatasetCreator.tileStarts(100, 160));
	}

	private static ByteProcessor randomBytes(final int width, final int height, final long seed) {
		final Random random = new Random(seed);
		final byte[] pixels = new byte[width * height];
		random.nextBytes(pixels);
		return new ByteProcessor(width, height, pixels);
	}

	private static Path save(final ImageProcessor ip, final Path file) {
		assertTrue(new FileSaver(new ImagePlus(file.getFileName().toString(), ip)).saveAsTiff(file.toString()));
		return file;
	}

	private static ImageProcessor read(final Path file) {
		final ImagePlus image = IJ.openImage(file.toString());
		assertTrue(image != null, "cannot read " + file);
		return image.getProcessor();
	}

	/** A 350×170 image gives 2 tiles at (15, 5) and (175, 5), the whole image blurred; a 100×100 is skipped. */
	@Test
	void wholeImageIsBlurredThenTiled() throws IOException {
		final Path in = Files.createDirectory(tmp.resolve("in"));
		final ByteProcessor big = randomBytes(350, 170, 7);
		save(big, in.resolve("a.tif"));
		save(randomBytes(100, 100, 8), in.resolve("b.tif"));
		final List<String> warnings = new ArrayList<>();
		final BlurredDatasetCreator.Result result = new BlurredDatasetCreator(new DatasetParameters(in.toString(), 160, 20, 3, 0, true, 1))
			.create(ImageSources.resolve(in.toString()), tmp.resolve("out"), false, TaskMonitor.NONE, warnings::add);
		assertEquals(2, result.pairs());
		assertEquals(1, result.skipped());
		assertEquals(1, warnings.size());
		assertTrue(warnings.get(0).contains("b.tif"), warnings.toString());

		final double[] unit = new double[350 * 170];
		for (int i = 0; i < unit.length; i++) unit[i] = big.get(i) / 255.0;
		final double[] blurred = naiveBlur(unit, 350, 170, 20, 3);
		final int[] xs = { 15, 175 };
		for (int t = 0; t < 2; t++) {
			final DatasetParameters.Tile tile = result.dataset.tiles.get(t);
			assertEquals(t + 1, tile.number);
			assertEquals("a.tif", tile.source);
			assertEquals(xs[t], tile.x);
			assertEquals(5, tile.y);
			final ImageProcessor sharp = read(result.folder.resolve(tile.sharp()));
			final ImageProcessor blur = read(result.folder.resolve(tile.blurred()));
			assertEquals(8, sharp.getBitDepth());
			assertEquals(8, blur.getBitDepth());
			assertEquals(160, blur.getWidth());
			assertEquals(160, blur.getHeight());
			for (int y = 0; y < 160; y++) {
				for (int x = 0; x < 160; x++) {
					assertEquals(big.get(xs[t] + x, 5 + y), sharp.get(x, y));
					assertEquals(blurred[(5 + y) * 350 + xs[t] + x] * 255, blur.get(x, y), 0.5 + 1e-9, "blurred at " + x + "," + y);
				}
			}
		}
	}

	// -- Scaling --

	@Test
	void pixelsAreScaledToTheUnitRange() {
		final double[][] rgbGray = BlurredDatasetCreator.unitChannels(new ColorProcessor(1, 1, new int[] { 0xff0a6432 }), true);
		assertEquals((0.299 * 10 + 0.587 * 100 + 0.114 * 50) / 255, rgbGray[0][0], 1e-12);
		final double[][] rgb = BlurredDatasetCreator.unitChannels(new ColorProcessor(1, 1, new int[] { 0xff0a6432 }), false);
		assertArrayEquals(new double[] { 10 / 255.0, 100 / 255.0, 50 / 255.0 }, new double[] { rgb[0][0], rgb[1][0], rgb[2][0] }, 1e-12);
		assertEquals(65535 / 65535.0, BlurredDatasetCreator.unitChannels(new ShortProcessor(1, 1, new short[] { -1 }, null), true)[0][0], 1e-12);
		assertArrayEquals(new double[] { 0, 0.25, 1 },
			BlurredDatasetCreator.unitChannels(new FloatProcessor(3, 1, new float[] { -2, -1, 2 }), true)[0], 1e-12);
	}

	// -- Noise and reproducibility --

	private BlurredDatasetCreator.Result make(final Path in, final String out, final double noise, final long seed) throws IOException {
		return new BlurredDatasetCreator(new DatasetParameters(in.toString(), 16, 6, 1.5, noise, true, seed))
			.create(ImageSources.resolve(in.toString()), tmp.resolve(out), false, TaskMonitor.NONE, w -> {});
	}

	private static List<Path> files(final Path dir) throws IOException {
		try (Stream<Path> walk = Files.walk(dir)) {
			return walk.filter(Files::isRegularFile).map(dir::relativize).sorted().collect(Collectors.toList());
		}
	}

	@Test
	void sameSeedGivesIdenticalFilesAndAnotherSeedOtherNoise() throws IOException {
		final Path in = Files.createDirectory(tmp.resolve("in"));
		save(randomBytes(40, 36, 1), in.resolve("a.tif"));
		final Path a = make(in, "a", 0.1, 1).folder, b = make(in, "b", 0.1, 1).folder, c = make(in, "c", 0.1, 2).folder;
		final List<Path> names = files(a);
		assertEquals(9, names.size(), names.toString()); // 2×2 tiles: 4 sharp, 4 blurred, dataset.json
		assertEquals(names, files(b));
		for (final Path name : names) assertArrayEquals(Files.readAllBytes(a.resolve(name)), Files.readAllBytes(b.resolve(name)), name.toString());
		assertArrayEquals(Files.readAllBytes(a.resolve("sharp/0001.tif")), Files.readAllBytes(c.resolve("sharp/0001.tif")));
		assertFalse(java.util.Arrays.equals(Files.readAllBytes(a.resolve("blurred/0001.tif")), Files.readAllBytes(c.resolve("blurred/0001.tif"))),
			"another seed gives other noise");
	}

	@Test
	void noiseHasTheRequestedStandardDeviation() throws IOException {
		final Path in = Files.createDirectory(tmp.resolve("in"));
		final ByteProcessor flat = new ByteProcessor(64, 64);
		flat.setValue(128);
		flat.fill();
		save(flat, in.resolve("flat.tif"));
		final Path out = new BlurredDatasetCreator(new DatasetParameters(in.toString(), 64, 20, 3, 0.05, true, 1))
			.create(ImageSources.resolve(in.toString()), tmp.resolve("out"), false, TaskMonitor.NONE, w -> {}).folder;
		final ImageProcessor noisy = read(out.resolve("blurred/0001.tif"));
		double sum = 0, sum2 = 0;
		final int n = 64 * 64;
		for (int i = 0; i < n; i++) {
			final double v = noisy.get(i) / 255.0;
			sum += v;
			sum2 += v * v;
		}
		final double mean = sum / n, std = Math.sqrt(sum2 / n - mean * mean);
		assertEquals(128 / 255.0, mean, 0.003);
		assertEquals(0.05, std, 0.05 * 0.05, "std within 5 %");
	}

	// -- Cancel --

	@Test
	void cancelLeavesNoOutputAndNoTemporaryFolder() throws IOException {
		final Path in = Files.createDirectory(tmp.resolve("in"));
		save(randomBytes(20, 20, 1), in.resolve("a.tif"));
		save(randomBytes(20, 20, 2), in.resolve("b.tif"));
		final int[] images = { 0 };
		final TaskMonitor afterFirst = new TaskMonitor() {

			@Override
			public void progress(final long done, final long total, final String message) {
				if (done >= 1) images[0]++;
			}

			@Override
			public boolean isCanceled() {
				return images[0] > 0;
			}
		};
		final Path out = tmp.resolve("sub").resolve("out");
		assertThrows(TaskCanceledException.class, () -> new BlurredDatasetCreator(new DatasetParameters(in.toString(), 16, 6, 1, 0, true, 1))
			.create(ImageSources.resolve(in.toString()), out, false, afterFirst, w -> {}));
		assertEquals(1, images[0], "canceled after the first image");
		assertFalse(Files.exists(out.getParent()), "neither the output nor the parent created for it is left");
		try (Stream<Path> list = Files.list(tmp)) {
			assertEquals(List.of(in), list.collect(Collectors.toList()));
		}
	}

	@Test
	void aConstantFloatImageGivesAConstantMidGrayTileAndNanIsRefused() throws IOException {
		final FloatProcessor constant = new FloatProcessor(40, 40);
		constant.set(1000);
		final BlurredDatasetCreator creator = new BlurredDatasetCreator(new io.github.deblurnmf.blur.DatasetParameters("c", 32, 6, 1.0, 0.0, true, 1));
		creator.create(ImageSources.of(new ImagePlus("constant", constant)), tmp.resolve("constant"), false, TaskMonitor.NONE, w -> {});
		final ImagePlus sharp = IJ.openImage(tmp.resolve("constant/sharp/0001.tif").toString());
		final ImagePlus blurred = IJ.openImage(tmp.resolve("constant/blurred/0001.tif").toString());
		for (int i = 0; i < 32 * 32; i++) {
			assertEquals(128, sharp.getProcessor().get(i));
			// 0.5 blurred by weights that sum to 1 in floating point: 127.5 ± 1e-13, which rounds either way.
			assertEquals(blurred.getProcessor().get(0), blurred.getProcessor().get(i));
			assertEquals(128, blurred.getProcessor().get(i), 1);
		}
		final FloatProcessor nan = new FloatProcessor(40, 40);
		nan.setf(7, 3, Float.NaN);
		final io.github.deblurnmf.task.UserInputException e = assertThrows(io.github.deblurnmf.task.UserInputException.class,
			() -> creator.create(ImageSources.of(new ImagePlus("nan", nan)), tmp.resolve("nan"), false, TaskMonitor.NONE, w -> {}));
		assertTrue(e.getMessage().startsWith("input nan has NaN or infinite values (NaN at x=7, y=3)"), e.getMessage());
		assertFalse(Files.exists(tmp.resolve("nan")));
	}
}

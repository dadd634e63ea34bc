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
package io.github.deblurnmf.command;

import static io.github.deblurnmf.command.CommandRuns.assertNotCreated;
import static io.github.deblurnmf.command.CommandRuns.fails;
import static io.github.deblurnmf.command.CommandRuns.floatStack;
import static io.github.deblurnmf.command.CommandRuns.plane;
import static io.github.deblurnmf.command.CommandRuns.quoted;
import static io.github.deblurnmf.command.CommandRuns.readTiff;
import static io.github.deblurnmf.command.CommandRuns.succeeds;
import static io.github.deblurnmf.command.CommandRuns.writeTiff;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import io.github.deblurnmf.metrics.GaussianFilter;
import io.github.deblurnmf.convert.Normalization;
import io.github.deblurnmf.metrics.ImageMetrics;
import io.github.deblurnmf.net.Architecture;
import io.github.deblurnmf.net.DeblurNetwork;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deblur Image through the headless runner. */
class DeblurImageCommandTest {

	private static final String DEBLUR = "Deblur Image";
	private static final int W = 64, H = 48;

	@TempDir
	Path tmp;

	/** Sharp bars and a disk on [0.1, 0.9]. */
	private static float[] sharp() {
		final float[] image = new float[W * H];
		for (int y = 0; y < H; y++) {
			for (int x = 0; x < W; x++) {
				final boolean bar = (x / 6) % 2 == 0 && y > 8 && y < 40;
				final boolean disk = (x - 45) * (x - 45) + (y - 24) * (y - 24) < 100;
				image[y * W + x] = bar || disk ? 0.9f : 0.1f;
			}
		}
		return image;
	}

	/** {@code image} blurred as Create Blurred Dataset blurs (window 20, sigma 3, reflected edges). */
	private static float[] blurred(final float[] image) {
		final float[] out = new float[image.length];
		GaussianFilter.forWindow(20, 3).filter(image, W, H, out);
		return out;
	}

	@Test
	void wienerAndRichardsonLucyRaiseThePsnrAndKeepTheSize() {
		final Path sharp = writeTiff(floatStack(W, H, sharp()), tmp.resolve("sharp.tif"));
		final Path input = writeTiff(floatStack(W, H, blurred(sharp())), tmp.resolve("blurred.tif"));
		for (final String method : new String[] { "wiener", "richardson-lucy" }) {
			final Path out = tmp.resolve(method);
			final CommandRuns.Result r = succeeds(DEBLUR, "input=" + quoted(input) + ", method=" + method + ", reference=" + quoted(sharp) +
				", outputdir=" + quoted(out));
			final float[] result = plane(readTiff(out.resolve("deblurred.tif")), 1);
			assertEquals(W * H, result.length);
			// The printed figures are the ones of the written image.
			assertEquals(ImageMetrics.psnr(sharp(), result), r.number("psnr"), 1e-4, method);
			assertEquals(ImageMetrics.psnr(sharp(), blurred(sharp())), r.number("psnr_input"), 1e-4, method);
			assertTrue(r.number("psnr") > r.number("psnr_input") + 1, method + ": " + r);
			assertTrue(r.number("seconds") > 0, r.toString());
			// 64 × 48 pixels: a speed would measure the start-up, so none is printed.
			assertFalse(r.values().containsKey("megapixels_per_second"), r.toString());
		}
	}

	/**
	 * An 8-bit input against a 32-bit reference in gray levels (e.g. a sharp image that went through a 32-bit step): the same
	 * figures as against the reference in 8 bits, not those of a reference on [0, 255] taken as [0, 1].
	 */
	@Test
	void aFloatReferenceInGrayLevelsIsComparedInTheInputsUnits() {
		final ImageStack sharp8 = new ImageStack(W, H), blurred8 = new ImageStack(W, H);
		final ByteProcessor s = new ByteProcessor(W, H), b = new ByteProcessor(W, H);
		final float[] sharp = sharp(), blurred = blurred(sharp), levels = new float[W * H];
		for (int i = 0; i < W * H; i++) {
			s.set(i, Math.round(255 * sharp[i]));
			b.set(i, Math.round(255 * blurred[i]));
			levels[i] = s.get(i);
		}
		sharp8.addSlice(s);
		blurred8.addSlice(b);
		final Path input = writeTiff(new ImagePlus("blurred", blurred8), tmp.resolve("blurred8.tif"));
		final Path bytes = writeTiff(new ImagePlus("sharp", sharp8), tmp.resolve("sharp8.tif"));
		final Path floats = writeTiff(floatStack(W, H, levels), tmp.resolve("sharp32.tif"));
		final CommandRuns.Result against8 = succeeds(DEBLUR, "input=" + quoted(input) + ", method=wiener, reference=" + quoted(bytes)
			+ ", outputdir=" + quoted(tmp.resolve("a")));
		final CommandRuns.Result against32 = succeeds(DEBLUR, "input=" + quoted(input) + ", method=wiener, reference=" + quoted(floats)
			+ ", outputdir=" + quoted(tmp.resolve("b")));
		assertTrue(against8.number("psnr") > against8.number("psnr_input") + 1, against8.toString());
		for (final String figure : new String[] { "psnr", "ssim", "psnr_input", "ssim_input" })
			assertEquals(against8.number(figure), against32.number(figure), 1e-6, figure);
	}

	/** Even with overwrite, a run does not replace the file it reads: the input would be lost. */
	@Test
	void anInputIsNotOverwrittenByItsOwnOutput() throws Exception {
		final Path dir = java.nio.file.Files.createDirectories(tmp.resolve("photos"));
		final Path input = writeTiff(floatStack(W, H, blurred(sharp())), dir.resolve("deblurred.tif"));
		final byte[] before = java.nio.file.Files.readAllBytes(input);
		fails(DEBLUR, "input=" + quoted(input) + ", method=wiener, overwrite=true, outputdir=" + quoted(dir), "is an input of this run");
		assertArrayEquals(before, java.nio.file.Files.readAllBytes(input));
		succeeds(DEBLUR, "input=" + quoted(input) + ", method=wiener, overwrite=true, outputdir=" + quoted(tmp.resolve("elsewhere")));
	}

	/** Options that a run would silently ignore or that deblur nothing are named in a warning. */
	@Test
	void ignoredTtaAndASingleTapKernelAreWarnedAbout() {
		final Path input = writeTiff(floatStack(W, H, blurred(sharp())), tmp.resolve("blurred.tif"));
		final CommandRuns.Result tta = succeeds(DEBLUR, "input=" + quoted(input) + ", method=wiener, tta=true, outputdir=" + quoted(tmp.resolve("tta")));
		assertTrue(tta.err.contains("WARN") && tta.err.contains("tta is for method=network; wiener is ignoring it"), tta.toString());
		final CommandRuns.Result tap = succeeds(DEBLUR, "input=" + quoted(input) + ", method=wiener, kernel=1, outputdir=" + quoted(tmp.resolve("tap")));
		assertTrue(tap.err.contains("kernel 1 is a single tap"), tap.toString());
		final CommandRuns.Result plain = succeeds(DEBLUR, "input=" + quoted(input) + ", method=wiener, outputdir=" + quoted(tmp.resolve("plain")));
		assertFalse(plain.err.contains("tta is for") || plain.err.contains("single tap"), plain.toString());
	}

	@Test
	void aMeasuredPsfReplacesTheGaussianForWienerAndRichardsonLucy() {
		// The PSF of sigma 3, window 20, as an image: the same deblurring as sigma=3, kernel=20.
		final double[] kernel = io.github.deblurnmf.deblur.GaussianPsf.of(20, 3).kernel2d();
		final float[] values = new float[kernel.length];
		for (int i = 0; i < kernel.length; i++) values[i] = (float) (1000 * kernel[i]);
		final Path psf = writeTiff(floatStack(21, 21, values), tmp.resolve("bead.tif"));
		final Path input = writeTiff(floatStack(W, H, blurred(sharp())), tmp.resolve("blurred.tif"));
		for (final String method : new String[] { "wiener", "richardson-lucy" }) {
			final String common = "input=" + quoted(input) + ", method=" + method;
			final CommandRuns.Result measured = succeeds(DEBLUR, common + ", psf=" + quoted(psf) + ", outputdir=" + quoted(tmp.resolve(method + "-psf")));
			succeeds(DEBLUR, common + ", sigma=3, kernel=20, outputdir=" + quoted(tmp.resolve(method + "-gaussian")));
			assertTrue(measured.toString().contains("a measured PSF, 21×21, centre (10, 10)"), measured.toString());
			assertArrayEquals(plane(readTiff(tmp.resolve(method + "-gaussian/deblurred.tif")), 1),
				plane(readTiff(tmp.resolve(method + "-psf/deblurred.tif")), 1), 1e-4f, method);
		}
		final Path stack = writeTiff(floatStack(21, 21, values, values), tmp.resolve("stack.tif"));
		fails(DEBLUR, "input=" + quoted(input) + ", method=wiener, psf=" + quoted(stack) + ", outputdir=" + quoted(tmp.resolve("stack")),
			"psf must be one gray plane");
		fails(DEBLUR, "input=" + quoted(input) + ", psf=" + quoted(psf) + ", outputdir=" + quoted(tmp.resolve("network")),
			"psf is for method wiener or richardson-lucy");
	}

	@Test
	void theSpeedIsPrintedFromOneMegapixelOn() {
		final int side = 1024;
		final float[] pixels = new float[side * side];
		for (int i = 0; i < pixels.length; i++) pixels[i] = (i % side / 8 + i / side / 8) % 2 == 0 ? 0.2f : 0.8f;
		final Path input = writeTiff(floatStack(side, side, pixels), tmp.resolve("large.tif"));
		final CommandRuns.Result r = succeeds(DEBLUR, "input=" + quoted(input) + ", method=wiener, outputdir=" + quoted(tmp.resolve("large")));
		assertEquals(side * side / 1e6 / r.number("seconds"), r.number("megapixels_per_second"), 1e-3 * r.number("megapixels_per_second"), r.toString());
	}

	@Test
	void theDefaultWindowCoversFourSigma() {
		final Path input = writeTiff(floatStack(W, H, blurred(sharp())), tmp.resolve("blurred.tif"));
		final String common = "input=" + quoted(input) + ", method=wiener, sigma=5";
		succeeds(DEBLUR, common + ", outputdir=" + quoted(tmp.resolve("default")));
		succeeds(DEBLUR, common + ", kernel=40, outputdir=" + quoted(tmp.resolve("k40")));
		succeeds(DEBLUR, common + ", kernel=20, outputdir=" + quoted(tmp.resolve("k20")));
		final float[] byDefault = plane(readTiff(tmp.resolve("default").resolve("deblurred.tif")), 1);
		assertArrayEquals(plane(readTiff(tmp.resolve("k40").resolve("deblurred.tif")), 1), byDefault, 0f, "2·ceil(4·5) = 40");
		assertFalse(java.util.Arrays.equals(plane(readTiff(tmp.resolve("k20").resolve("deblurred.tif")), 1), byDefault));
	}

	@Test
	void aPsfAwareModelIsToldSigmaAndKernel() throws Exception {
		// An untrained psf-unet returns its first stage: Wiener with the PSF of the command's sigma and kernel.
		final Path model = tmp.resolve("psf.zip");
		final DeblurNetwork.PsfInput psf = DeblurNetwork.PsfInput.defaults();
		DeblurNetwork.createPsfUnet(psf, 1, 1e-3, 10).save(model, Map.of());
		final float[] blurred = blurred(sharp());
		final Path input = writeTiff(floatStack(W, H, blurred), tmp.resolve("blurred.tif"));
		for (final double sigma : new double[] { 3, 1.5 }) {
			final Path out = tmp.resolve("out" + sigma);
			succeeds(DEBLUR, "input=" + quoted(input) + ", model=" + quoted(model) + ", sigma=" + sigma + ", kernel=16, outputdir=" + quoted(out));
			// 32-bit input: the network sees the plane on its own minimum-maximum, and its output goes back unclipped.
			final Normalization unit = Normalization.of(32, blurred);
			final float[] scaled = blurred.clone();
			unit.toUnit(scaled, 0, scaled.length);
			final float[] expected = psf.firstStage(sigma, 16).deconvolve(scaled, W, H);
			unit.fromUnit(expected, 0, expected.length);
			assertArrayEquals(expected, plane(readTiff(out.resolve("deblurred.tif")), 1), 1e-5f, "sigma " + sigma);
		}
	}

	/**
	 * A deblurred 32-bit image may go beyond the blurred one's minimum and maximum, which are its [0, 1]: its output is
	 * not clipped there, as an 8-bit one's is to 0–255. Here the first stage of an untrained psf-unet overshoots a step.
	 */
	@Test
	void aFloatImageIsNotClippedToItsOwnRange() throws Exception {
		final Path model = tmp.resolve("psf.zip");
		DeblurNetwork.createPsfUnet(DeblurNetwork.PsfInput.defaults(), 1, 1e-3, 10).save(model, Map.of());
		final float[] step = new float[W * H];
		for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) step[y * W + x] = x < W / 2 ? 10 : 110;
		final float[] blurred = blurred(step);
		final Path input = writeTiff(floatStack(W, H, blurred), tmp.resolve("step.tif"));
		succeeds(DEBLUR, "input=" + quoted(input) + ", model=" + quoted(model) + ", outputdir=" + quoted(tmp.resolve("out")));
		final float[] result = plane(readTiff(tmp.resolve("out/deblurred.tif")), 1);
		double inputMax = -Double.MAX_VALUE, inputMin = Double.MAX_VALUE, max = -Double.MAX_VALUE, min = Double.MAX_VALUE;
		for (int i = 0; i < result.length; i++) {
			inputMax = Math.max(inputMax, blurred[i]);
			inputMin = Math.min(inputMin, blurred[i]);
			max = Math.max(max, result[i]);
			min = Math.min(min, result[i]);
		}
		assertTrue(max > inputMax + 1 && min < inputMin - 1, "deblurred " + min + ".." + max + ", blurred " + inputMin + ".." + inputMax);
	}

	@Test
	void untrainedUnetGivesBackTheInputInItsUnits() throws Exception {
		// An untrained U-Net is the identity (zero correction): what comes out must be the 8-bit input
		// again, which checks the scaling to [0, 1] and back and the tiling of a stack slice by slice.
		final Path model = tmp.resolve("identity.zip");
		DeblurNetwork.create(Architecture.UNET, 1, 1, 1e-3, 0.1, 4).save(model, Map.of("test", true));
		final ImageStack stack = new ImageStack(150, 70);
		for (int n = 0; n < 2; n++) {
			final ByteProcessor bp = new ByteProcessor(150, 70);
			for (int i = 0; i < 150 * 70; i++) bp.set(i, (i * 7 + n * 31) % 256);
			stack.addSlice(bp);
		}
		final Path input = writeTiff(new ImagePlus("bytes", stack), tmp.resolve("bytes.tif"));
		succeeds(DEBLUR, "input=" + quoted(input) + ", model=" + quoted(model) + ", tile=64, overlap=16, outputdir=" + quoted(tmp.resolve("out")));
		final ImagePlus result = readTiff(tmp.resolve("out/deblurred.tif"));
		assertEquals(2, result.getStackSize());
		for (int n = 1; n <= 2; n++) {
			final float[] expected = new float[150 * 70];
			for (int i = 0; i < expected.length; i++) expected[i] = (i * 7 + (n - 1) * 31) % 256;
			assertArrayEquals(expected, plane(result, n), 1e-3f, "slice " + n);
		}
	}

	@Test
	void aFloatImageComesBackInItsOwnUnits() throws Exception {
		// 32-bit on 0–255 with negative values: the network sees it on [0, 1] (Normalization, as the
		// dataset's tiles) and its output goes back to these units, not clipped to [0, 1].
		final Path model = tmp.resolve("identity.zip");
		DeblurNetwork.create(Architecture.UNET, 1, 1, 1e-3, 0.1, 4).save(model, Map.of("test", true));
		final float[] values = new float[96 * 64];
		for (int i = 0; i < values.length; i++) values[i] = (i * 13) % 300 - 40;
		final Path input = writeTiff(floatStack(96, 64, values), tmp.resolve("float.tif"));
		succeeds(DEBLUR, "input=" + quoted(input) + ", model=" + quoted(model) + ", outputdir=" + quoted(tmp.resolve("out")));
		assertArrayEquals(values, plane(readTiff(tmp.resolve("out/deblurred.tif")), 1), 1e-2f);
	}

	@Test
	void aFiveDimensionalHyperstackKeepsItsChannelsSlicesAndFrames() {
		final ImageStack stack = new ImageStack(24, 20);
		for (int p = 0; p < 2 * 3 * 4; p++) {
			final ByteProcessor bp = new ByteProcessor(24, 20);
			for (int i = 0; i < 24 * 20; i++) bp.set(i, (i + 11 * p) % 200);
			stack.addSlice(bp);
		}
		final ImagePlus hyper = new ImagePlus("hyper", stack);
		hyper.setDimensions(2, 3, 4);
		hyper.setOpenAsHyperStack(true);
		final Path input = writeTiff(hyper, tmp.resolve("hyper.tif"));
		succeeds(DEBLUR, "input=" + quoted(input) + ", method=wiener, outputdir=" + quoted(tmp.resolve("out")));
		final ImagePlus result = readTiff(tmp.resolve("out/deblurred.tif"));
		assertArrayEquals(new int[] { 24, 20, 2, 3, 4 }, result.getDimensions());
	}

	@Test
	void nanAndInfinityAreRefusedByEveryMethodAlike() {
		final float[] values = sharp();
		values[5] = Float.NaN;
		final Path nan = writeTiff(floatStack(W, H, values), tmp.resolve("nan.tif"));
		values[5] = Float.POSITIVE_INFINITY;
		final Path inf = writeTiff(floatStack(W, H, values), tmp.resolve("inf.tif"));
		for (final String method : new String[] { "network", "wiener", "richardson-lucy" }) {
			assertEquals("ERROR: Deblur Image: input nan.tif has NaN or infinite values (NaN at x=5, y=0); the commands need finite pixel values"
				+ " (replace them first, e.g. Process > Math > Remove NaNs)", fails(DEBLUR, "input=" + quoted(nan) + ", method=" + method + ", outputdir="
				+ quoted(tmp.resolve("out"))));
			fails(DEBLUR, "input=" + quoted(inf) + ", method=" + method + ", outputdir=" + quoted(tmp.resolve("out")), "Infinity at x=5");
			assertNotCreated(tmp.resolve("out"));
		}
	}

	@Test
	void wienerNeedsAPositiveNumberAsNsr() {
		final Path input = writeTiff(floatStack(W, H, blurred(sharp())), tmp.resolve("blurred.tif"));
		fails(DEBLUR, "input=" + quoted(input) + ", method=wiener, nsr=0, outputdir=" + quoted(tmp.resolve("out")), "nsr", "must be positive");
		fails(DEBLUR, "input=" + quoted(input) + ", method=wiener, nsr=NaN, outputdir=" + quoted(tmp.resolve("out")), "nsr", "must be a number");
		assertNotCreated(tmp.resolve("out"));
	}

	@Test
	void badModelsAreRefusedBeforeAnyOutput() throws Exception {
		final Path input = writeTiff(floatStack(W, H, sharp()), tmp.resolve("in.tif"));
		final Path out = tmp.resolve("out");
		fails(DEBLUR, "input=" + quoted(input) + ", model=" + quoted(tmp.resolve("missing.zip")) + ", outputdir=" + quoted(out), "model file not found");
		final Path text = java.nio.file.Files.writeString(tmp.resolve("text.zip"), "not a zip");
		fails(DEBLUR, "input=" + quoted(input) + ", model=" + quoted(text) + ", outputdir=" + quoted(out));
		final Path rgbModel = tmp.resolve("rgb.zip");
		DeblurNetwork.create(Architecture.UNET, 3, 1, 1e-3, 0.1, 4).save(rgbModel, Map.of());
		fails(DEBLUR, "input=" + quoted(input) + ", model=" + quoted(rgbModel) + ", outputdir=" + quoted(out), "3 channels", "has 1");
		fails(DEBLUR, "input=" + quoted(input) + ", method=wiener, reference=" + quoted(writeTiff(floatStack(W, H - 1, new float[W * (H - 1)]),
			tmp.resolve("small.tif"))) + ", outputdir=" + quoted(out), "reference is");
		assertNotCreated(out);
	}

	/**
	 * A "dead leaves" image: disks of random gray levels and sizes (radius 2–32, most of them small) dropped
	 * onto each other until the plane is covered, 8-bit. Edges at every scale and orientation, as in photos,
	 * but no training photo: the shipped model's test image.
	 */
	private static ImagePlus deadLeaves(final int width, final int height, final long seed) {
		final Random random = new Random(seed);
		final ByteProcessor leaves = new ByteProcessor(width, height);
		final boolean[] covered = new boolean[width * height];
		int uncovered = covered.length;
		while (uncovered > 0) {
			final double radius = 2 + 30 * Math.pow(random.nextDouble(), 3);
			final double cx = random.nextDouble() * width, cy = random.nextDouble() * height;
			final int gray = 20 + random.nextInt(216);
			for (int y = 0; y < height; y++) {
				for (int x = 0; x < width; x++) {
					final int i = y * width + x;
					if (!covered[i] && (x - cx) * (x - cx) + (y - cy) * (y - cy) < radius * radius) {
						covered[i] = true;
						uncovered--;
						leaves.set(i, gray);
					}
				}
			}
		}
		return new ImagePlus("leaves", leaves);
	}

	@Test
	void theShippedModelDeblursAnImageItWasNotTrainedOn() throws Exception {
		// The blur the shipped model is made for (window 20, sigma 3, noise 0.01 on [0, 1]) on a synthetic image
		// that is in none of the training photos. Whichever model is shipped, it must clearly beat the blurred
		// input, and do at least as well as Wiener deconvolution with the known PSF.
		final Path sharp = writeTiff(deadLeaves(128, 128, 1), tmp.resolve("leaves.tif"));
		final Path blurred = io.github.deblurnmf.io.Samples.writeNoisy(io.github.deblurnmf.io.Samples.blurred(readTiff(sharp), 20, 3, "blurred"),
			0.01 * 255, 1, tmp.resolve("blurred.tif"));
		final String common = "input=" + quoted(blurred) + ", reference=" + quoted(sharp) + ", kernel=20";
		final CommandRuns.Result network = succeeds(DEBLUR, common + ", outputdir=" + quoted(tmp.resolve("network")));
		final CommandRuns.Result wiener = succeeds(DEBLUR, common + ", method=wiener, outputdir=" + quoted(tmp.resolve("wiener")));
		final String figures = "network: " + network.values() + "\nwiener: " + wiener.values();
		assertTrue(network.number("psnr") > network.number("psnr_input") + 2, figures);
		assertTrue(network.number("ssim") > network.number("ssim_input") + 0.1, figures);
		assertTrue(network.number("psnr") >= wiener.number("psnr") && network.number("ssim") >= wiener.number("ssim"), figures);
		// The printed figures are the written image's.
		final float[] reference = plane(readTiff(sharp), 1), result = plane(readTiff(tmp.resolve("network/deblurred.tif")), 1);
		for (int i = 0; i < reference.length; i++) {
			reference[i] /= 255;
			result[i] /= 255;
		}
		assertEquals(ImageMetrics.psnr(reference, result), network.number("psnr"), 1e-4);
	}

	@Test
	void anRgbInputWithAGrayReferenceIsRefusedBeforeAnyWork() {
		final int[] pixels = new int[W * H];
		for (int i = 0; i < pixels.length; i++) pixels[i] = 0xff000000 | (i % 200) << 16 | (i % 150) << 8 | i % 100;
		final Path rgb = writeTiff(new ImagePlus("rgb", new ij.process.ColorProcessor(W, H, pixels)), tmp.resolve("rgb.tif"));
		final Path gray = writeTiff(floatStack(W, H, sharp()), tmp.resolve("gray.tif"));
		final Path out = tmp.resolve("out");
		final CommandRuns.Result result = CommandRuns.run(DEBLUR, "input=" + quoted(rgb) + ", method=wiener, reference=" + quoted(gray) + ", outputdir=" + quoted(out));
		assertEquals(1, result.exit, result.toString());
		assertEquals(1, result.errorLines().size(), result.toString());
		assertTrue(result.errorLines().get(0).contains("reference has 1 channel") && result.errorLines().get(0).contains("input has 3"), result.toString());
		assertFalse(result.err.matches("(?s).*Deblur Image: [0-9.]+ s.*"), "no deblurring was done: " + result.err);
		assertNotCreated(out);
	}

	@Test
	void anOutputNameThatIsAFolderIsRefusedEvenWithOverwrite() throws Exception {
		final Path input = writeTiff(floatStack(W, H, blurred(sharp())), tmp.resolve("in.tif"));
		final Path folder = java.nio.file.Files.createDirectories(tmp.resolve("out/deblurred.tif"));
		java.nio.file.Files.write(folder.resolve("mine.txt"), java.util.List.of("mine"));
		fails(DEBLUR, "input=" + quoted(input) + ", method=wiener, outputdir=" + quoted(tmp.resolve("out")) + ", overwrite=true", "is a folder", folder.toString());
		assertEquals(java.util.List.of("mine"), java.nio.file.Files.readAllLines(folder.resolve("mine.txt")));
	}
}

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
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import io.github.deblurnmf.metrics.GaussianFilter;
import io.github.deblurnmf.metrics.ImageMetrics;
import io.github.deblurnmf.net.Architecture;
import io.github.deblurnmf.net.DeblurNetwork;

import java.nio.file.Path;
import java.util.Map;

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
			assertTrue(r.number("megapixels_per_second") > 0);
		}
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
			final float[] expected = psf.firstStage(sigma, 16).deconvolve(blurred, W, H);
			for (int i = 0; i < expected.length; i++) expected[i] = Math.min(1, Math.max(0, expected[i]));
			assertArrayEquals(expected, plane(readTiff(out.resolve("deblurred.tif")), 1), 1e-5f, "sigma " + sigma);
		}
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

	@Test
	void theShippedModelDeblursTheCameraSample() throws Exception {
		// The default model (models/deblur-default.zip, in the jar) on the shipped camera crop blurred
		// as its training data was: it must clearly beat the blurred input.
		final Path camera = io.github.deblurnmf.io.Samples.extract(io.github.deblurnmf.io.Samples.CAMERA, tmp.resolve("camera.tif"));
		final Path blurred = io.github.deblurnmf.io.Samples.writeBlurred(readTiff(camera), 20, 3, tmp.resolve("blurred.tif"));
		final CommandRuns.Result r = succeeds(DEBLUR, "input=" + quoted(blurred) + ", reference=" + quoted(camera) + ", outputdir=" + quoted(tmp.resolve("out")));
		assertTrue(r.number("psnr") > r.number("psnr_input") + 2, r.toString());
		assertTrue(r.number("ssim") > r.number("ssim_input"), r.toString());
	}
}

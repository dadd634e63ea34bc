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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import io.github.deblurnmf.blur.DatasetParameters;
import io.github.deblurnmf.metrics.ImageMetrics;
import io.github.deblurnmf.net.DeblurNetwork;
import io.github.deblurnmf.train.Trainer;
import io.github.deblurnmf.train.TrainingDatasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;
import org.scijava.prefs.PrefService;

/**
 * Each command run as a script or another plugin runs it: through SciJava's {@link CommandService} with
 * the pre- and postprocessors (service injection, initializers, input checks, prefs), inputs as objects,
 * outputs read from the module. Small inputs; each result is checked against numbers worked out here.
 */
class CommandServiceTest {

	private static final List<Class<? extends Command>> COMMANDS = List.of(CompareImagesCommand.class, CreateBlurredDatasetCommand.class,
		DeblurImageCommand.class, NmfDecomposeCommand.class, NmfDenoiseCommand.class, TrainDeblurAeCommand.class);

	private static Context context;
	private static CommandService commands;

	@TempDir
	Path tmp;

	@BeforeAll
	static void createContext() {
		context = new Context();
		commands = context.service(CommandService.class);
	}

	@AfterAll
	static void disposeContext() {
		context.dispose();
	}

	/** With processing on, SciJava remembers non-default inputs as prefs and fills unset inputs from them. */
	@BeforeEach
	@AfterEach
	void forgetRememberedInputs() {
		for (final Class<? extends Command> command : COMMANDS) context.service(PrefService.class).clear(command);
	}

	/**
	 * Headless, as here, an input that a run leaves out keeps its default, not the value an earlier run left in the
	 * prefs (which SciJava's own loading, checked first, does read).
	 */
	@Test
	void headlessRunsKeepDefaultsOverRememberedInputs() throws Exception {
		context.service(PrefService.class).put(NmfDecomposeCommand.class, "iterations", "7");
		context.service(PrefService.class).put(NmfDecomposeCommand.class, "overwrite", "true");
		final ModuleService modules = context.service(ModuleService.class);
		final Module probe = modules.createModule(commands.getCommand(NmfDecomposeCommand.class));
		modules.loadInputs(probe);
		assertEquals(7, probe.getInput("iterations"), "the remembered value is where SciJava loads it from");
		assertEquals(false, probe.getInput("overwrite"), "overwrite is never remembered");
		final Random random = new Random(3);
		final List<float[]> slices = new ArrayList<>();
		for (int j = 0; j < 4; j++) {
			final float[] slice = new float[64];
			for (int p = 0; p < slice.length; p++) slice[p] = random.nextFloat();
			slices.add(slice);
		}
		final CommandModule module = run(NmfDecomposeCommand.class, "input", floatStack(8, 8, slices), "rank", 2, "tolerance", 0.0);
		assertEquals(500, number(module, "iterations_run"), "the default iterations, not the remembered 7");
	}

	private static CommandModule run(final Class<? extends Command> command, final Object... inputs) throws Exception {
		final CommandModule module = commands.run(command, true, inputs).get();
		assertFalse(module.isCanceled(), command.getSimpleName() + ": " + module.getCancelReason());
		return module;
	}

	private static double number(final CommandModule module, final String name) {
		final Object value = module.getOutput(name);
		assertNotNull(value, name + " not set");
		return ((Number) value).doubleValue();
	}

	// -- Independent references --

	/** PSNR (peak 1) from the mean squared difference, summed here in double. */
	private static double psnr(final float[] reference, final float[] image) {
		double squares = 0;
		for (int i = 0; i < reference.length; i++) squares += ((double) image[i] - reference[i]) * ((double) image[i] - reference[i]);
		return 10 * Math.log10(1 / (squares / reference.length));
	}

	/**
	 * The plane blurred as the contract says Create Blurred Dataset blurs: a separable Gaussian of {@code sigma}
	 * with taps −⌊kernel/2⌋ … ⌊kernel/2⌋ normalized to sum 1, edges reflected with the edge sample repeated.
	 */
	private static double[] gaussianBlur(final double[] plane, final int width, final int height, final int kernel, final double sigma) {
		final int radius = kernel / 2;
		final double[] taps = new double[2 * radius + 1];
		double sum = 0;
		for (int k = -radius; k <= radius; k++) sum += taps[k + radius] = Math.exp(-k * k / (2 * sigma * sigma));
		for (int k = 0; k < taps.length; k++) taps[k] /= sum;
		final double[] alongY = new double[plane.length], out = new double[plane.length];
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++)
				for (int k = -radius; k <= radius; k++) alongY[y * width + x] += taps[k + radius] * plane[reflect(y + k, height) * width + x];
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++)
				for (int k = -radius; k <= radius; k++) out[y * width + x] += taps[k + radius] * alongY[y * width + reflect(x + k, width)];
		return out;
	}

	/** d c b a | a b c d | d c b a. */
	private static int reflect(final int i, final int n) {
		final int period = 2 * n;
		final int m = ((i % period) + period) % period;
		return m < n ? m : period - 1 - m;
	}

	private static float[] floats(final double[] values) {
		final float[] f = new float[values.length];
		for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
		return f;
	}

	private static ImagePlus floatStack(final int width, final int height, final List<float[]> planes) {
		final ImageStack stack = new ImageStack(width, height);
		for (final float[] plane : planes) stack.addSlice(new FloatProcessor(width, height, plane.clone()));
		return new ImagePlus("stack", stack);
	}

	private static float[] plane(final ImagePlus image, final int n) {
		return (float[]) image.getStack().getProcessor(n).convertToFloat().getPixels();
	}

	// -- One test per command --

	@Test
	void compareImages() throws Exception {
		final int w = 40, h = 30;
		final ByteProcessor reference = new ByteProcessor(w, h), input = new ByteProcessor(w, h);
		int changed = 0;
		for (int i = 0; i < w * h; i++) {
			reference.set(i, (i % w * 7 + i / w * 13) % 200 + 20);
			final boolean change = (i % w + i / w) % 4 == 0;
			input.set(i, reference.get(i) + (change ? 12 : 0));
			if (change) changed++;
		}
		final CommandModule module = run(CompareImagesCommand.class, "reference", new ImagePlus("reference", reference), "input",
			new ImagePlus("input", input));
		// 8-bit images are compared on [0, 1]: a quarter of the pixels off by 12/255.
		final double mse = changed * (12 / 255.0) * (12 / 255.0) / (w * h);
		// (The images are scaled in float: 1e-7 relative.)
		assertEquals(mse, number(module, "mse"), 1e-6 * mse);
		assertEquals(10 * Math.log10(1 / mse), number(module, "psnr"), 1e-5);
		final float[] r = new float[w * h], x = new float[w * h];
		for (int i = 0; i < r.length; i++) {
			r[i] = reference.get(i) / 255f;
			x[i] = input.get(i) / 255f;
		}
		// SSIM as ImageMetrics computes it, which ImageMetricsTest checks against scikit-image.
		assertEquals(ImageMetrics.ssim(r, x, w, h), number(module, "ssim"), 1e-9);
		assertTrue(number(module, "ssim") < 0.99, "the change is seen");
	}

	@Test
	void createBlurredDataset() throws Exception {
		final int w = 64, h = 40, size = 32, kernel = 6;
		final double sigma = 1.5;
		final ByteProcessor image = new ByteProcessor(w, h);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) image.set(x, y, (x / 5 + y / 7) % 2 == 0 ? 40 : 210);
		final Path file = tmp.resolve("checks.tif");
		assertTrue(new FileSaver(new ImagePlus("checks", image)).saveAsTiff(file.toString()));
		final Path output = tmp.resolve("dataset");
		final CommandModule module = run(CreateBlurredDatasetCommand.class, "input", file.toString(), "output", output.toFile(), "size", size,
			"kernel", kernel, "sigma", sigma, "noise", 0.0, "seed", 3L);
		// 64×40 holds two 32×32 tiles, on a grid centred in the image: x 0 and 32, y 4.
		assertEquals(2, number(module, "pairs"));
		assertEquals(0, number(module, "skipped"));
		final double[] unit = new double[w * h];
		for (int i = 0; i < unit.length; i++) unit[i] = image.get(i) / 255.0;
		final double[] blurred = gaussianBlur(unit, w, h, kernel, sigma);
		final DatasetParameters dataset = DatasetParameters.read(output);
		assertEquals(2, dataset.tiles.size());
		for (int t = 0; t < 2; t++) {
			final DatasetParameters.Tile tile = dataset.tiles.get(t);
			assertEquals(List.of(32 * t, 4), List.of(tile.x, tile.y));
			final ImagePlus sharpTile = IJ.openImage(output.resolve(tile.sharp()).toString());
			final ImagePlus blurredTile = IJ.openImage(output.resolve(tile.blurred()).toString());
			assertEquals(8, blurredTile.getBitDepth());
			for (int y = 0; y < size; y++) {
				for (int x = 0; x < size; x++) {
					final int source = (tile.y + y) * w + tile.x + x;
					assertEquals(image.get(source), sharpTile.getProcessor().get(x, y), "sharp " + t + " at " + x + "," + y);
					// The blurred image as a whole (not the tile), rounded to 8 bits.
					assertEquals(blurred[source] * 255, blurredTile.getProcessor().get(x, y), 0.5 + 1e-6, "blurred " + t + " at " + x + "," + y);
				}
			}
		}
	}

	@Test
	void deblurImage() throws Exception {
		final int w = 48, h = 40;
		final double[] sharp = new double[w * h];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				final boolean bar = (x / 6) % 2 == 0 && y > 6 && y < 32;
				final boolean disk = (x - 34) * (x - 34) + (y - 20) * (y - 20) < 80;
				sharp[y * w + x] = bar || disk ? 0.9 : 0.1;
			}
		}
		final float[] blurred = floats(gaussianBlur(sharp, w, h, 20, 3));
		final float[] reference = floats(sharp);
		final CommandModule module = run(DeblurImageCommand.class, "input", floatStack(w, h, List.of(blurred)), "method", "wiener", "sigma", 3.0,
			"kernel", 20, "reference", floatStack(w, h, List.of(reference)));
		final ImagePlus deblurred = (ImagePlus) module.getOutput("deblurred");
		assertNotNull(deblurred, "no outputdir: the image is an output");
		assertArrayEquals(new int[] { w, h, 1, 1, 1 }, deblurred.getDimensions());
		final float[] result = plane(deblurred, 1);
		assertEquals(psnr(reference, blurred), number(module, "psnr_input"), 1e-6);
		assertEquals(psnr(reference, result), number(module, "psnr"), 1e-6);
		assertTrue(number(module, "psnr") > number(module, "psnr_input") + 2, module.getOutputs().toString());
		// A deconvolution: blurred again, the result comes back close to the input.
		final double[] reblurred = gaussianBlur(toDoubles(result), w, h, 20, 3);
		double residual = 0, change = 0;
		for (int i = 0; i < result.length; i++) {
			residual += (reblurred[i] - blurred[i]) * (reblurred[i] - blurred[i]);
			change += ((double) result[i] - blurred[i]) * ((double) result[i] - blurred[i]);
		}
		assertTrue(residual < 0.01 * change, "re-blurred residual " + residual + " against the change " + change);
	}

	private static double[] toDoubles(final float[] values) {
		final double[] d = new double[values.length];
		for (int i = 0; i < d.length; i++) d[i] = values[i];
		return d;
	}

	@Test
	void nmfDecompose() throws Exception {
		// A = W0·H0 + E: 64 pixels (8×8 slices) × 5 slices, W0 and H0 non-negative of rank 2, E small and positive.
		final int w = 8, h = 8, n = 5, pixels = w * h;
		final Random random = new Random(11);
		final double[][] w0 = new double[pixels][2], h0 = new double[2][n];
		for (final double[] row : w0) for (int k = 0; k < 2; k++) row[k] = random.nextDouble();
		for (final double[] row : h0) for (int j = 0; j < n; j++) row[j] = 0.2 + random.nextDouble();
		final List<float[]> slices = new ArrayList<>();
		double normA = 0, normE = 0;
		for (int j = 0; j < n; j++) {
			final float[] slice = new float[pixels];
			for (int p = 0; p < pixels; p++) {
				final double e = 0.02 * random.nextDouble();
				slice[p] = (float) (w0[p][0] * h0[0][j] + w0[p][1] * h0[1][j] + e);
				normA += slice[p] * (double) slice[p];
				normE += e * e;
			}
			slices.add(slice);
		}
		final CommandModule module = run(NmfDecomposeCommand.class, "input", floatStack(w, h, slices), "rank", 2, "iterations", 300, "tolerance",
			0.0);
		assertEquals(300, number(module, "iterations_run"), "tolerance 0 runs every iteration");
		final ImagePlus bases = (ImagePlus) module.getOutput("bases"), reconstruction = (ImagePlus) module.getOutput("reconstruction");
		assertArrayEquals(new int[] { w, h, 1, 2, 1 }, new int[] { bases.getWidth(), bases.getHeight(), bases.getNChannels(), bases.getStackSize(), 1 });
		for (int k = 1; k <= 2; k++) for (final float v : plane(bases, k)) assertTrue(v >= 0, "bases are non-negative");
		assertEquals(n, reconstruction.getStackSize());
		double residual = 0;
		for (int j = 0; j < n; j++) {
			final float[] r = plane(reconstruction, j + 1), a = slices.get(j);
			for (int p = 0; p < pixels; p++) residual += ((double) a[p] - r[p]) * ((double) a[p] - r[p]);
		}
		// The reported errors are those of the returned reconstruction, ...
		assertEquals(Math.sqrt(residual), number(module, "frobenius"), 1e-4 * Math.sqrt(residual));
		assertEquals(Math.sqrt(residual / normA), number(module, "relative"), 1e-4 * Math.sqrt(residual / normA));
		// ... which fits at least as well as the rank-2 factorization A was made from (to 1 %).
		assertTrue(number(module, "relative") <= 1.01 * Math.sqrt(normE / normA), number(module, "relative") + " vs " + Math.sqrt(normE / normA));
	}

	@Test
	void nmfDenoise() throws Exception {
		// Eight noisy copies of one image: the rank-1 NMF across the stack averages out the noise.
		final int w = 16, h = 16, n = 8;
		final float[] clean = new float[w * h];
		for (int i = 0; i < clean.length; i++) clean[i] = (float) (0.55 + 0.25 * Math.sin(i % w / 2.5) * Math.cos(i / w / 3.0));
		final Random random = new Random(5);
		final List<float[]> noisy = new ArrayList<>(), references = new ArrayList<>();
		final float[] mean = new float[clean.length];
		for (int j = 0; j < n; j++) {
			final float[] slice = new float[clean.length];
			for (int i = 0; i < slice.length; i++) {
				slice[i] = (float) (clean[i] + 0.04 * random.nextGaussian());
				mean[i] += slice[i] / n;
			}
			noisy.add(slice);
			references.add(clean);
		}
		final CommandModule module = run(NmfDenoiseCommand.class, "input", floatStack(w, h, noisy), "rank", 1, "mode", "stack", "iterations", 200,
			"reference", floatStack(w, h, references));
		assertEquals(1, number(module, "rank_used"));
		assertEquals("stack", module.getOutput("mode_used"));
		final ImagePlus denoised = (ImagePlus) module.getOutput("denoised");
		assertEquals(n, denoised.getStackSize());
		final float[] allClean = new float[n * clean.length], allNoisy = new float[allClean.length], allDenoised = new float[allClean.length];
		for (int j = 0; j < n; j++) {
			System.arraycopy(clean, 0, allClean, j * clean.length, clean.length);
			System.arraycopy(noisy.get(j), 0, allNoisy, j * clean.length, clean.length);
			System.arraycopy(plane(denoised, j + 1), 0, allDenoised, j * clean.length, clean.length);
		}
		// 32-bit images are compared as they are; a stack's PSNR comes from the MSE over all its pixels.
		final double inputPsnr = psnr(allClean, allNoisy), outputPsnr = psnr(allClean, allDenoised);
		assertEquals(inputPsnr, number(module, "psnr_input"), 1e-6);
		assertEquals(outputPsnr, number(module, "psnr"), 1e-6);
		// Within 1 dB of the plain mean of the copies (about 9 dB above the input: √8 times less noise).
		final double meanPsnr = psnr(clean, mean);
		assertTrue(meanPsnr > inputPsnr + 8, meanPsnr + " vs " + inputPsnr);
		assertTrue(outputPsnr > meanPsnr - 1, outputPsnr + " vs the mean's " + meanPsnr);
	}

	@Test
	void trainDeblurAe() throws Exception {
		final Path dataset = TrainingDatasets.make(tmp.resolve("data"), 3, 2);
		final Path model = tmp.resolve("out/model.zip");
		final CommandModule module = run(TrainDeblurAeCommand.class, "dataset", dataset.toFile(), "model", model.toFile(), "epochs", 1, "batch", 4,
			"validation", 0.34, "basewidth", 4, "learningrate", 0.01, "seed", 2L);
		assertEquals(1, number(module, "epochs_run"));
		assertEquals(1, number(module, "best_epoch"));
		assertEquals(1, number(module, "steps"), "4 training pairs in one batch");
		// One step of all 4 training pairs: the loss of the blurred tiles (an untrained U-Net returns its input).
		final double loss = TrainDeblurAeCommandTest.blurredTilesLoss(dataset, model, 0.1);
		assertEquals(loss, number(module, "train_loss"), 1e-6 * loss);
		assertTrue(Files.isRegularFile(Trainer.csvPath(model)));
		final Map<String, Object> metadata = DeblurNetwork.load(model).metadata();
		assertEquals(number(module, "validation_psnr"), ((Number) ((Map<?, ?>) metadata.get("best")).get("validationPsnr")).doubleValue(), 0.0);
	}
}

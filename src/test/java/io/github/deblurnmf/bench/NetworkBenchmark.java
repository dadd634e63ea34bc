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
package io.github.deblurnmf.bench;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ImageProcessor;
import io.github.deblurnmf.deblur.Dihedral;
import io.github.deblurnmf.deblur.GaussianPsf;
import io.github.deblurnmf.headless.HeadlessRunner;
import io.github.deblurnmf.io.Samples;
import io.github.deblurnmf.net.Architecture;
import io.github.deblurnmf.net.Backend;
import io.github.deblurnmf.net.DeblurNetwork;
import io.github.deblurnmf.net.SsimLossFunction;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The speed figures of issue 5, side by side in one run: seconds per training step of
 * {@link DeblurNetwork} for each architecture with and without the SSIM term (random data: the
 * speed does not depend on the values; the configurations take turns, one step each per round, each
 * round starting with the next one, so that a change in machine load hits all alike), the SSIM loss alone, and Deblur Image's megapixels
 * per second on a large image with the default model, in a separate JVM with a 2 GB heap. Not a
 * unit test; the command is in docs/performance.md.
 * <p>
 * Arguments {@code key=value}: {@code architectures=autoencoder,unet}, {@code ssim=0,0.1} (SSIM
 * weights), {@code batch=64}, {@code size=160}, {@code channels=1}, {@code width=16} (base width),
 * {@code rounds=7} (timed steps per configuration, after two warm-up steps each), {@code deblur=4096}
 * (side of the Deblur Image test image; 0 skips it), {@code heap=2g} (its JVM's heap), {@code tile=0} (Deblur Image's
 * tile; 0 = its default), {@code psfwidths=} (comma-separated first-level widths of {@code psf-unet}s: for each, the
 * median training step of batch {@code psfbatch=16} crops of {@code psfsize=96} and Deblur Image with an untrained model of
 * that width, saved to a temporary zip: the speed does not depend on the weights), {@code psflayouts=} (the same for psf-unets
 * with the shipped input and the level widths given, dash-separated, e.g. {@code 24-32-64}; a leading {@code b} puts the first
 * level on 2×2 blocks, e.g. {@code b48-64-128}, and {@code h} a full-resolution head, e.g. {@code b48-64-128h16};
 * {@code architectures=} empty skips the
 * seed's networks). Prints {@code key=value} lines; {@code *.seconds_per_step} is the median.
 * </p>
 */
public final class NetworkBenchmark {

	private NetworkBenchmark() {}

	public static void main(final String[] args) throws IOException, InterruptedException {
		final Map<String, String> defaults = new LinkedHashMap<>();
		defaults.put("architectures", "autoencoder,unet");
		defaults.put("ssim", "0,0.1");
		defaults.put("batch", "64");
		defaults.put("size", "160");
		defaults.put("channels", "1");
		defaults.put("width", "16");
		defaults.put("rounds", "7");
		defaults.put("deblur", "4096");
		defaults.put("heap", "2g");
		defaults.put("tile", "0");
		defaults.put("psfwidths", "");
		defaults.put("psflayouts", "");
		defaults.put("psfbatch", "16");
		defaults.put("psfsize", "96");
		final Map<String, String> options = BenchmarkArgs.parse(args, defaults);
		final int batch = Integer.parseInt(options.get("batch"));
		final int size = Integer.parseInt(options.get("size"));
		final int channels = Integer.parseInt(options.get("channels"));
		final int width = Integer.parseInt(options.get("width"));
		final int rounds = Integer.parseInt(options.get("rounds"));
		final int deblurSide = Integer.parseInt(options.get("deblur"));
		System.out.println("backend=" + Backend.describe());
		System.out.println("batch=" + batch + " size=" + size + " channels=" + channels + " width=" + width + " rounds=" + rounds);

		final Random random = new Random(1);
		final float[][] inputs = new float[batch][channels * size * size];
		final float[][] targets = new float[batch][channels * size * size];
		for (int n = 0; n < batch; n++) {
			for (int i = 0; i < inputs[n].length; i++) {
				inputs[n][i] = random.nextFloat();
				targets[n][i] = random.nextFloat();
			}
		}
		timeSsimLoss(inputs, targets, size, channels);
		timeBatchPreparation(inputs, targets, size, channels);

		final List<String> keys = new ArrayList<>();
		final List<DeblurNetwork> networks = new ArrayList<>();
		for (final String name : options.get("architectures").split(",")) {
			if (name.isEmpty()) continue;
			final Architecture architecture = Architecture.fromLabel(name);
			for (final String weightText : options.get("ssim").split(",")) {
				final double weight = Double.parseDouble(weightText);
				final DeblurNetwork network = DeblurNetwork.create(architecture, channels, 1, 1e-3, weight, width);
				final String key = architecture.label() + ".ssim" + weight;
				System.out.println(key + ".parameters=" + network.parameterCount());
				// Warm-up: workspaces, oneDNN primitives, the JIT (the first steps run up to 1.5x slower).
				for (int step = 0; step < 2; step++) network.fit(inputs, targets, size, size);
				keys.add(key);
				networks.add(network);
			}
		}
		final double[][] seconds = new double[keys.size()][rounds];
		for (int round = 0; round < rounds; round++) {
			// Each round starts with the next configuration, so that none always comes first.
			for (int turn = 0; turn < keys.size(); turn++) {
				final int c = (turn + round) % keys.size();
				final long start = System.nanoTime();
				networks.get(c).fit(inputs, targets, size, size);
				seconds[c][round] = (System.nanoTime() - start) / 1e9;
			}
		}
		for (int c = 0; c < keys.size(); c++) printSteps(keys.get(c), seconds[c], "");
		summarize(keys, seconds);
		final int tile = Integer.parseInt(options.get("tile"));
		if (deblurSide > 0) timeDeblurImage("deblur_image", null, deblurSide, options.get("heap"), tile);
		final List<String> psfKeys = new ArrayList<>();
		final List<DeblurNetwork> psfNetworks = new ArrayList<>();
		for (final String text : options.get("psfwidths").split(",")) {
			if (text.isEmpty()) continue;
			final int psfWidth = Integer.parseInt(text);
			psfKeys.add("psf_unet.w" + psfWidth);
			psfNetworks.add(DeblurNetwork.createPsfUnet(DeblurNetwork.PsfInput.defaults(), 1, 1e-3, 1000, psfWidth));
		}
		for (final String text : options.get("psflayouts").split(",")) {
			if (text.isEmpty()) continue;
			final boolean blocks = text.startsWith("b");
			final String[] parts = text.substring(blocks ? 1 : 0).split("h");
			final int[] widths = Arrays.stream(parts[0].split("-")).mapToInt(Integer::parseInt).toArray();
			psfKeys.add("psf_unet." + text);
			psfNetworks.add(DeblurNetwork.createPsfUnet(DeblurNetwork.PsfInput.shipped(1, 5), 1, 1e-3, 1000, widths, blocks, parts.length > 1
				? Integer.parseInt(parts[1]) : 0));
		}
		for (int n = 0; n < psfNetworks.size(); n++) {
			final String key = psfKeys.get(n);
			final DeblurNetwork network = psfNetworks.get(n);
			System.out.println(key + ".parameters=" + network.parameterCount());
			timePsfSteps(key, network, Integer.parseInt(options.get("psfbatch")), Integer.parseInt(options.get("psfsize")), rounds);
			if (deblurSide > 0) {
				final Path zip = Files.createTempFile("psf-unet", ".zip");
				network.save(zip, Map.of("tool", "NetworkBenchmark"));
				try {
					timeDeblurImage(key + ".deblur_image", zip, deblurSide, options.get("heap"), tile);
				}
				finally {
					Files.deleteIfExists(zip);
				}
			}
		}
	}

	/** The median of {@code rounds} psf-unet training steps on random crops (after two warm-up steps). */
	private static void timePsfSteps(final String key, final DeblurNetwork network, final int batch, final int size, final int rounds) {
		final Random random = new Random(3);
		final float[][] blurred = new float[batch][size * size], sharp = new float[batch][size * size];
		final double[] sigmas = new double[batch];
		for (int n = 0; n < batch; n++) {
			for (int i = 0; i < size * size; i++) {
				blurred[n][i] = random.nextFloat();
				sharp[n][i] = random.nextFloat();
			}
			sigmas[n] = 1 + 4 * random.nextDouble();
		}
		for (int step = 0; step < 2; step++) network.fit(blurred, sharp, sigmas, size, size);
		final double[] seconds = new double[rounds];
		for (int r = 0; r < rounds; r++) {
			final long start = System.nanoTime();
			network.fit(blurred, sharp, sigmas, size, size);
			seconds[r] = (System.nanoTime() - start) / 1e9;
		}
		printSteps(key, seconds, " (batch " + batch + ", " + size + "x" + size + ")");
	}

	/** The seconds of each timed step and their median. */
	private static void printSteps(final String key, final double[] seconds, final String note) {
		System.out.println(key + ".steps=" + Arrays.toString(round3(seconds)));
		final double[] sorted = seconds.clone();
		Arrays.sort(sorted);
		System.out.println(key + ".seconds_per_step=" + format(sorted[sorted.length / 2]) + note);
	}

	/**
	 * The loss alone as a training step calls it: the gradient (forward and hand-derived backward), then
	 * the score of the same activations (taken from the gradient's evaluation); and a score alone.
	 */
	private static void timeSsimLoss(final float[][] inputs, final float[][] targets, final int size, final int channels) {
		final int plane = channels * size * size;
		final float[] flat = new float[inputs.length * plane];
		final float[] flatTarget = new float[flat.length];
		for (int n = 0; n < inputs.length; n++) {
			System.arraycopy(inputs[n], 0, flat, n * plane, plane);
			System.arraycopy(targets[n], 0, flatTarget, n * plane, plane);
		}
		final long[] shape = { (long) inputs.length * size * size, channels };
		final INDArray pre = Nd4j.create(flat, shape, 'c');
		final INDArray labels = Nd4j.create(flatTarget, shape, 'c');
		final IActivation sigmoid = Activation.SIGMOID.getActivationFunction();
		for (final double weight : new double[] { 0.1, 0 }) {
			final SsimLossFunction loss = new SsimLossFunction(weight);
			loss.setPlaneSize(size, size);
			loss.computeGradientAndScore(labels, pre, sigmoid, null, false); // warm-up (JIT)
			final SsimLossFunction fresh = new SsimLossFunction(weight);
			fresh.setPlaneSize(size, size);
			final long start = System.nanoTime();
			fresh.computeScore(labels, pre, sigmoid, null, false);
			final long scored = System.nanoTime();
			loss.computeGradient(labels, pre, sigmoid, null);
			loss.computeScore(labels, pre, sigmoid, null, false);
			final long end = System.nanoTime();
			final String key = weight > 0 ? "loss_mse_ssim" : "loss_mse";
			System.out.println(key + ".score_alone_seconds=" + format((scored - start) / 1e9));
			System.out.println(key + ".step_seconds=" + format((end - scored) / 1e9));
		}
	}

	/**
	 * What the trainer does on its own thread before each step: a random flip/rotation of every pair
	 * (the rest, copying the batch into the network's array, is inside the timed steps). Measured to
	 * decide whether preparing batches ahead on another thread would pay.
	 */
	private static void timeBatchPreparation(final float[][] inputs, final float[][] targets, final int size, final int channels) {
		final Random random = new Random(2);
		final double[] seconds = new double[5];
		for (int r = 0; r < seconds.length; r++) {
			final long start = System.nanoTime();
			for (int n = 0; n < inputs.length; n++) {
				final int k = random.nextInt(Dihedral.COUNT);
				Dihedral.apply(inputs[n], channels, size, k);
				Dihedral.apply(targets[n], channels, size, k);
			}
			seconds[r] = (System.nanoTime() - start) / 1e9;
		}
		Arrays.sort(seconds);
		System.out.println("batch_preparation.seconds=" + format(seconds[seconds.length / 2]));
	}

	/**
	 * The SSIM term's share of a step and the U-Net's step over the autoencoder's, each taken per round
	 * (the two steps ran one after the other) and then the median over the rounds: pairing cancels most
	 * of the drift in machine load, which moved single steps by ±20 % here.
	 */
	private static void summarize(final List<String> keys, final double[][] seconds) {
		final double[] autoencoder = seconds(keys, seconds, "autoencoder.ssim0.1");
		for (final String architecture : List.of("autoencoder", "unet")) {
			final double[] with = seconds(keys, seconds, architecture + ".ssim0.1"), without = seconds(keys, seconds, architecture + ".ssim0.0");
			if (with != null && without != null) {
				System.out.println(architecture + ".ssim_share=" + format(pairedMedian(with, without, (w, o) -> (w - o) / w)));
			}
		}
		final double[] unet = seconds(keys, seconds, "unet.ssim0.1");
		if (unet != null && autoencoder != null) {
			System.out.println("unet_over_autoencoder=" + format(pairedMedian(unet, autoencoder, (u, a) -> u / a)));
		}
	}

	private static double[] seconds(final List<String> keys, final double[][] seconds, final String key) {
		final int index = keys.indexOf(key);
		return index < 0 ? null : seconds[index];
	}

	private static double pairedMedian(final double[] a, final double[] b, final java.util.function.DoubleBinaryOperator f) {
		final double[] values = new double[a.length];
		for (int r = 0; r < a.length; r++) values[r] = f.applyAsDouble(a[r], b[r]);
		Arrays.sort(values);
		return values[values.length / 2];
	}

	/**
	 * Deblur Image with {@code model} (null: the default model) on a {@code side}² 8-bit image (the camera sample, blurred
	 * as the training data and tiled with mirroring), run by the headless runner in a new JVM with
	 * the given heap; prints the command's own figure and the whole run's, JVM start and files included, under {@code key}.
	 */
	private static void timeDeblurImage(final String key, final Path model, final int side, final String heap, final int tile)
		throws IOException, InterruptedException
	{
		final Path dir = Files.createTempDirectory("deblur-benchmark");
		final Path input = dir.resolve("blurred_" + side + ".tif");
		final ImagePlus camera = Samples.open(Samples.CAMERA);
		final ImageProcessor sample = Samples.blurred(camera, GaussianPsf.DEFAULT_KERNEL, GaussianPsf.DEFAULT_SIGMA, "tile").getProcessor();
		final ImageProcessor big = sample.createProcessor(side, side);
		final int w = sample.getWidth(), h = sample.getHeight();
		for (int y = 0; y < side; y += h) {
			for (int x = 0; x < side; x += w) {
				final ImageProcessor mirrored = sample.duplicate();
				if ((x / w) % 2 == 1) mirrored.flipHorizontal();
				if ((y / h) % 2 == 1) mirrored.flipVertical();
				big.insert(mirrored, x, y);
			}
		}
		if (!new FileSaver(new ImagePlus("blurred", big)).saveAsTiff(input.toString())) throw new IOException("Cannot write " + input);
		final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		final ProcessBuilder builder = new ProcessBuilder(java, "-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
			HeadlessRunner.class.getName(), "--run", "Deblur Image", "input='" + input + "',outputdir='" + dir.resolve("out") + "',tile=" + tile
				+ (model == null ? "" : ",model='" + model + "'"));
		builder.redirectError(ProcessBuilder.Redirect.INHERIT);
		final long start = System.nanoTime();
		final Process process = builder.start();
		String figure = null;
		try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line; (line = out.readLine()) != null;) {
				if (line.startsWith("megapixels_per_second=")) figure = line.substring(line.indexOf('=') + 1);
			}
		}
		final int code = process.waitFor();
		final double wall = (System.nanoTime() - start) / 1e9;
		if (code != 0) throw new IOException("Deblur Image failed with exit code " + code);
		final double megapixels = (double) side * side / 1e6;
		System.out.println(key + ".side=" + side + " " + key + ".heap=" + heap + " " + key + ".tile=" + tile);
		System.out.println(key + ".megapixels_per_second=" + format(Double.parseDouble(figure)));
		System.out.println(key + ".whole_run_seconds=" + format(wall) + " " + key + ".whole_run_megapixels_per_second=" + format(megapixels / wall));
		deleteRecursively(dir.toFile());
	}

	private static void deleteRecursively(final File file) {
		final File[] children = file.listFiles();
		if (children != null) for (final File child : children) deleteRecursively(child);
		file.delete();
	}

	private static double[] round3(final double[] values) {
		final double[] rounded = new double[values.length];
		for (int i = 0; i < values.length; i++) rounded[i] = Math.round(values[i] * 1000) / 1000.0;
		return rounded;
	}

	private static String format(final double value) {
		return String.format(Locale.ROOT, "%.3f", value);
	}
}

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
import ij.gui.Plot;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import io.github.deblurnmf.io.ImageFiles;
import io.github.deblurnmf.io.Samples;
import io.github.deblurnmf.metrics.ImageMetrics;
import io.github.deblurnmf.net.DeblurNetwork;
import io.github.deblurnmf.nmf.Nmf;
import io.github.deblurnmf.nmf.NmfAlgorithm;
import io.github.deblurnmf.nmf.NmfOptions;
import io.github.deblurnmf.nmf.NmfResult;
import io.github.deblurnmf.task.TaskMonitor;

import java.awt.Color;
import java.awt.Font;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.imageio.ImageIO;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;

/**
 * NMF against a convolutional autoencoder on the LFW faces (issue 10; not a unit test). The faces (8-bit / 255)
 * are split once: shuffled by {@code Collections.shuffle(order, new Random(seed))}, the first {@code train}
 * train, the rest are held out. Every method sees the training faces only; all reconstructions are clipped to
 * [0, 1]; relative error ‖A − Â‖_F / ‖A‖_F and PSNR 10·log10(1 / MSE) over all pixels of a set.
 * <ul>
 * <li><b>NMF</b> (MU and HALS, NMF Decompose's defaults: NNDSVD, at most 500 iterations, tolerance 1e-4) of the
 * pixels × training-faces matrix at each rank r; held-out faces coded on the fixed W by {@link Nmf#coefficients}
 * (non-negative least squares, the same for both algorithms). Code size r.</li>
 * <li><b>Autoencoder</b>: the plugin's plain autoencoder ({@link DeblurNetwork#createAutoencoder}, base width
 * {@code basewidth}, the code layer's channels = the code size), trained by {@link DeblurNetwork#fit} on
 * sharp→sharp pairs (input = target = the face, padded to 32 × 32 by {@link DeblurNetwork#reflectPadded}, as
 * predict pads), MSE loss (SSIM weight 0, as NMF's Frobenius), Adam, {@code epochs} epochs of shuffled batches of
 * {@code batch}, no augmentation. Reconstruction = {@link DeblurNetwork#predict} of the 25 × 25 face. A 32 × 32
 * input has a 1 × 1 code: code size = code channels.</li>
 * <li><b>PCA</b> (a reference, not part of the plugin): the training mean plus the r leading principal
 * components of the training faces, the best rank-r affine code of the training set; r = 0 is the mean face.</li>
 * </ul>
 * Arguments ({@code key=value}): {@code input} ({@code sample} = the shipped lfw_faces_25px.tif, or a path to an
 * 8-bit stack), {@code out} (docs/figures), {@code train} (80), {@code seed} (1: the split), {@code aeseeds}
 * (1,2: the autoencoders' initializations, one network per seed and code size), {@code ranks} (4,8,16,32,64),
 * {@code codes} (4,8,16,32,64,256), {@code epochs} (200), {@code batch} (16), {@code learningrate} (0.001),
 * {@code basewidth} (16), {@code evalevery} (25), {@code shown} (16: the code size of the montage). Writes
 * {@code faces_nmf_ae.csv}, {@code faces_ae_training.csv} (train and held-out PSNR during training),
 * {@code faces_nmf_ae_plot.png}, {@code faces_nmf_ae_time.png}, {@code faces_ae_training.png} and
 * {@code faces_nmf_ae.png}, and prints the Markdown tables of docs/nmf-reports.md. Times, wall-clock and CPU
 * seconds of the JVM (the tables and the time figure show CPU seconds, which a shared machine's load changes
 * less), follow one untimed warm-up run of each method, on the threads ND4J is given (OMP_NUM_THREADS).
 */
public final class FacesNmfVsAutoencoderReport {

	private FacesNmfVsAutoencoderReport() {}

	/** One method at one code size. */
	private static final class Row {

		final String method;
		final int code;
		/** The autoencoder's initialization seed, 0 for the others (deterministic). */
		final long seed;
		final long parameters;
		final double trainError, trainPsnr, testError, testPsnr, fitSeconds, fitCpuSeconds, testSeconds;
		/** How much the reconstructions of the training faces differ from each other ({@link #spread}); 0 for a constant output. */
		final double trainSpread;
		final int steps;
		final float[][] trainOut, testOut;

		Row(final String method, final int code, final long seed, final long parameters, final Faces faces, final float[][] trainOut,
			final float[][] testOut, final int steps, final double[] fit, final double testSeconds)
		{
			this.method = method;
			this.code = code;
			this.seed = seed;
			this.parameters = parameters;
			this.trainOut = trainOut;
			this.testOut = testOut;
			trainError = relativeError(faces.train, trainOut);
			trainPsnr = psnr(faces.train, trainOut);
			trainSpread = spread(trainOut);
			testError = relativeError(faces.test, testOut);
			testPsnr = psnr(faces.test, testOut);
			this.steps = steps;
			this.fitSeconds = fit[0];
			this.fitCpuSeconds = fit[1];
			this.testSeconds = testSeconds;
		}

		String csv() {
			return String.format(Locale.ROOT, "%s,%d,%s,%d,%.5f,%.3f,%.5f,%.3f,%.4f,%d,%.3f,%.3f,%.4f", method, code, seed == 0 ? "" : String.valueOf(
				seed), parameters, trainError, trainPsnr, testError, testPsnr, trainSpread, steps, fitSeconds, fitCpuSeconds, testSeconds);
		}
	}

	/** The split faces, each {@code width · height} values on [0, 1]. */
	private static final class Faces {

		final int width, height;
		final int[] trainIndex, testIndex;
		final float[][] train, test;

		Faces(final ImagePlus stack, final int trainCount, final long seed) {
			width = stack.getWidth();
			height = stack.getHeight();
			final int n = stack.getStackSize();
			if (stack.getBitDepth() != 8) throw new IllegalArgumentException("The faces must be an 8-bit stack, got " + stack.getBitDepth() + "-bit");
			if (trainCount < 1 || trainCount >= n) throw new IllegalArgumentException("train must be 1 … " + (n - 1) + ", got " + trainCount);
			final List<Integer> order = IntStream.range(0, n).boxed().collect(Collectors.toList());
			Collections.shuffle(order, new Random(seed));
			trainIndex = order.subList(0, trainCount).stream().mapToInt(Integer::intValue).sorted().toArray();
			testIndex = order.subList(trainCount, n).stream().mapToInt(Integer::intValue).sorted().toArray();
			train = read(stack, trainIndex);
			test = read(stack, testIndex);
		}

		private static float[][] read(final ImagePlus stack, final int[] indices) {
			final float[][] out = new float[indices.length][];
			for (int i = 0; i < indices.length; i++) {
				final byte[] pixels = (byte[]) stack.getStack().getPixels(indices[i] + 1);
				out[i] = new float[pixels.length];
				for (int p = 0; p < pixels.length; p++) out[i][p] = (pixels[p] & 0xff) / 255f;
			}
			return out;
		}
	}

	public static void main(final String[] args) throws IOException {
		final Map<String, String> defaults = new LinkedHashMap<>();
		defaults.put("input", "sample");
		defaults.put("out", "docs/figures");
		defaults.put("train", "80");
		defaults.put("seed", "1");
		defaults.put("aeseeds", "1,2");
		defaults.put("ranks", "4,8,16,32,64");
		defaults.put("codes", "4,8,16,32,64,256");
		defaults.put("epochs", "200");
		defaults.put("batch", "16");
		defaults.put("learningrate", "0.001");
		defaults.put("basewidth", "16");
		defaults.put("evalevery", "25");
		defaults.put("shown", "16");
		final Map<String, String> a = BenchmarkArgs.parse(args, defaults);
		final Clock total = new Clock();
		final ImagePlus stack = "sample".equals(a.get("input")) ? Samples.open(Samples.FACES) : ImageFiles.open(new File(a.get("input")));
		final long seed = Long.parseLong(a.get("seed"));
		final Faces faces = new Faces(stack, Integer.parseInt(a.get("train")), seed);
		final int[] ranks = ints(a.get("ranks")), codes = ints(a.get("codes"));
		final long[] aeSeeds = Arrays.stream(ints(a.get("aeseeds"))).asLongStream().toArray();
		final int shown = Integer.parseInt(a.get("shown"));
		System.out.println(io.github.deblurnmf.net.Backend.describe());
		System.out.println("faces " + faces.width + "x" + faces.height + ": " + faces.train.length + " train, " + faces.test.length + " held out "
			+ Arrays.toString(faces.testIndex) + String.format(Locale.ROOT, "; spread of the training faces %.4f", spread(faces.train)));

		warmUp(faces, a);
		final List<Row> rows = new ArrayList<>();
		final Map<String, NmfResult> shownBases = new LinkedHashMap<>();
		rows.addAll(pca(faces, ranks));
		for (final NmfAlgorithm algorithm : new NmfAlgorithm[] { NmfAlgorithm.MU, NmfAlgorithm.HALS }) {
			for (final int rank : ranks) {
				final NmfResult[] result = new NmfResult[1];
				rows.add(nmf(faces, algorithm, rank, result));
				if (rank == shown) shownBases.put(algorithm.key().toUpperCase(Locale.ROOT), result[0]);
			}
		}
		final List<String> curve = new ArrayList<>();
		curve.add("code_size,seed,epoch,train_psnr,test_psnr,fit_wall_seconds");
		for (final int code : codes) for (final long aeSeed : aeSeeds) rows.add(autoencoder(faces, code, aeSeed, a, curve));

		final File out = new File(a.get("out"));
		out.mkdirs();
		final List<String> csv = new ArrayList<>();
		csv.add("method,code_size,seed,parameters,train_relative_error,train_psnr,test_relative_error,test_psnr,train_spread,iterations_or_steps,"
			+ "fit_seconds,fit_cpu_seconds,test_seconds");
		for (final Row row : rows) csv.add(row.csv());
		Files.write(new File(out, "faces_nmf_ae.csv").toPath(), csv, StandardCharsets.UTF_8);
		Files.write(new File(out, "faces_ae_training.csv").toPath(), curve, StandardCharsets.UTF_8);
		final String about = faces.train.length + " train / " + faces.test.length + " held-out LFW faces " + faces.width + "×" + faces.height
			+ "; AE " + a.get("epochs") + " epochs, batch " + a.get("batch") + ", base width " + a.get("basewidth") + ", seeds " + a.get("aeseeds");
		writePng(errorPlots(rows, about), new File(out, "faces_nmf_ae_plot.png"));
		writePng(timePlot(rows, about), new File(out, "faces_nmf_ae_time.png"));
		System.out.println(table(rows, codes, ranks, true));
		System.out.println(table(rows, codes, ranks, false));
		writePng(trainingPlot(curve, codes, about), new File(out, "faces_ae_training.png"));
		writePng(montage(faces, rows, shownBases, shown), new File(out, "faces_nmf_ae.png"));
		final double[] seconds = total.lap();
		System.out.printf(Locale.ROOT, "total_seconds=%.1f total_cpu_seconds=%.1f%nwrote=%s%n", seconds[0], seconds[1], out);
	}

	// -- Methods --

	/**
	 * One untimed run of each kind first, so that the times below do not include class loading, JIT
	 * compilation and ND4J's start (which otherwise land on whichever fit comes first).
	 */
	private static void warmUp(final Faces faces, final Map<String, String> a) {
		pca(faces, new int[] { 4 });
		for (final NmfAlgorithm algorithm : NmfAlgorithm.values()) nmf(faces, algorithm, 4, new NmfResult[1]);
		final DeblurNetwork network = DeblurNetwork.createAutoencoder(1, 99, 1e-3, 0, Integer.parseInt(a.get("basewidth")), 4);
		final float[][] images = new float[Math.min(faces.train.length, Integer.parseInt(a.get("batch")))][];
		for (int i = 0; i < images.length; i++) images[i] = DeblurNetwork.reflectPadded(faces.train[i], 1, faces.width, faces.height, 32, 32);
		for (int step = 0; step < 5; step++) network.fit(images, images, 32, 32);
		predict(network, faces, faces.test);
		System.out.println("(warm-up done)");
	}

	/** The mean face (r = 0) and mean + r principal components, by the eigenvectors of the training faces' gram matrix. */
	private static List<Row> pca(final Faces faces, final int[] ranks) {
		final Clock setupClock = new Clock();
		final int pixels = faces.width * faces.height, n = faces.train.length;
		final INDArray a = columns(faces.train).castTo(DataType.DOUBLE);
		final INDArray mean = a.mean(1).reshape(pixels, 1);
		final INDArray centred = a.subColumnVector(mean);
		final INDArray vectors = centred.transpose().mmul(centred).dup('f');
		final INDArray values = Eigen.symmetricGeneralizedEigenvalues(vectors, true); // ascending; vectors overwritten
		final int max = Math.min(n - 1, Arrays.stream(ranks).max().orElse(0));
		final INDArray components = Nd4j.zeros(DataType.DOUBLE, pixels, max);
		for (int j = 0; j < max; j++) {
			final int source = n - 1 - j;
			components.putColumn(j, centred.mmul(vectors.getColumn(source).reshape(n, 1)).divi(Math.sqrt(values.getDouble(source))));
		}
		final double[] setup = setupClock.lap();
		final List<Row> rows = new ArrayList<>();
		final int[] withMean = IntStream.concat(IntStream.of(0), Arrays.stream(ranks)).filter(r -> r <= max).toArray();
		for (final int r : withMean) {
			final Clock clock = new Clock();
			final float[][] train = pcaCode(components, r, mean, faces.train);
			final double[] fit = clock.lap();
			fit[0] += setup[0];
			fit[1] += setup[1];
			final long coded = System.nanoTime();
			final float[][] test = pcaCode(components, r, mean, faces.test);
			rows.add(new Row(r == 0 ? "mean" : "pca", r, 0, (long) pixels * (r + 1), faces, train, test, 0, fit, (System.nanoTime() - coded) / 1e9));
		}
		return rows;
	}

	private static float[][] pcaCode(final INDArray components, final int r, final INDArray mean, final float[][] images) {
		final INDArray centred = columns(images).castTo(DataType.DOUBLE).subColumnVector(mean);
		INDArray back = mean.repeat(1, images.length);
		if (r > 0) {
			final INDArray u = components.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, r));
			back = back.add(u.mmul(u.transpose().mmul(centred)));
		}
		return images(back, images.length);
	}

	private static Row nmf(final Faces faces, final NmfAlgorithm algorithm, final int rank, final NmfResult[] keep) {
		final INDArray a = columns(faces.train), test = columns(faces.test);
		final Clock clock = new Clock();
		final NmfResult result = Nmf.factorize(a, new NmfOptions().rank(rank).algorithm(algorithm), TaskMonitor.NONE);
		final double[] fit = clock.lap();
		final float[][] train = images(result.reconstruction(), faces.train.length);
		final long coded = System.nanoTime();
		final INDArray h = Nmf.coefficients(result.w(), test, TaskMonitor.NONE);
		final float[][] held = images(result.w().mmul(h), faces.test.length);
		final double testSeconds = (System.nanoTime() - coded) / 1e9;
		keep[0] = result;
		final Row row = new Row(algorithm.key(), rank, 0, result.w().length(), faces, train, held, result.history().size() - 1, fit, testSeconds);
		System.out.println(row.csv());
		return row;
	}

	private static Row autoencoder(final Faces faces, final int code, final long seed, final Map<String, String> a, final List<String> curve) {
		final int epochs = Integer.parseInt(a.get("epochs")), batch = Integer.parseInt(a.get("batch")), every = Integer.parseInt(a.get("evalevery"));
		final DeblurNetwork network = DeblurNetwork.createAutoencoder(1, seed, Double.parseDouble(a.get("learningrate")), 0,
			Integer.parseInt(a.get("basewidth")), code);
		final int side = 32;
		if (faces.width > side || faces.height > side) throw new IllegalArgumentException("the faces must fit in 32 × 32");
		final float[][] padded = new float[faces.train.length][];
		for (int i = 0; i < padded.length; i++) padded[i] = DeblurNetwork.reflectPadded(faces.train[i], 1, faces.width, faces.height, side, side);
		final List<Integer> order = IntStream.range(0, padded.length).boxed().collect(Collectors.toList());
		final Random random = new Random(seed);
		final double[] fit = new double[2];
		int steps = 0;
		for (int epoch = 1; epoch <= epochs; epoch++) {
			Collections.shuffle(order, random);
			for (int from = 0; from < order.size(); from += batch) {
				final float[][] images = new float[Math.min(batch, order.size() - from)][];
				for (int i = 0; i < images.length; i++) images[i] = padded[order.get(from + i)];
				final Clock clock = new Clock();
				network.fit(images, images, side, side);
				final double[] lap = clock.lap();
				fit[0] += lap[0];
				fit[1] += lap[1];
				steps++;
			}
			if (epoch % every == 0 || epoch == epochs) {
				curve.add(String.format(Locale.ROOT, "%d,%d,%d,%.3f,%.3f,%.2f", code, seed, epoch, psnr(faces.train, predict(network, faces, faces.train)),
					psnr(faces.test, predict(network, faces, faces.test)), fit[0]));
				System.out.println("ae " + curve.get(curve.size() - 1));
			}
		}
		final float[][] train = predict(network, faces, faces.train);
		final long coded = System.nanoTime();
		final float[][] test = predict(network, faces, faces.test);
		final Row row = new Row("autoencoder", code, seed, network.parameterCount(), faces, train, test, steps, fit, (System.nanoTime() - coded)
			/ 1e9);
		System.out.println(row.csv());
		return row;
	}

	private static float[][] predict(final DeblurNetwork network, final Faces faces, final float[][] images) {
		final float[][] out = new float[images.length][];
		for (int i = 0; i < images.length; i++) out[i] = network.predict(images[i], faces.width, faces.height);
		return out;
	}

	/**
	 * The report's tables (Markdown): per code size and method, PSNR train / held-out and the seconds to fit
	 * ({@code psnr}), or the relative errors train / held-out; the autoencoder's as the mean over its seeds, with
	 * the range of the held-out values.
	 */
	private static String table(final List<Row> rows, final int[] codes, final int[] ranks, final boolean psnr) {
		final java.util.TreeSet<Integer> sizes = new java.util.TreeSet<>();
		for (final int c : codes) sizes.add(c);
		for (final int r : ranks) sizes.add(r);
		final StringBuilder out = new StringBuilder();
		out.append("| code size | NMF MU | NMF HALS | autoencoder (mean of seeds) | PCA + mean (reference) |\n|---:|---|---|---|---|\n");
		rows.stream().filter(r -> r.method.equals("mean")).findFirst().ifPresent(r -> out.append(psnr ? String.format(Locale.ROOT,
			"| 0 | | | | mean face: %.2f / %.2f dB |%n", r.trainPsnr, r.testPsnr) : String.format(Locale.ROOT, "| 0 | | | | mean face: %.3f / %.3f |%n",
				r.trainError, r.testError)));
		for (final int size : sizes) {
			out.append("| ").append(size);
			for (final String method : new String[] { "mu", "hals", "autoencoder", "pca" }) {
				final List<Row> at = rows.stream().filter(r -> r.method.equals(method) && r.code == size).collect(Collectors.toList());
				if (at.isEmpty()) {
					out.append(" | –");
					continue;
				}
				final java.util.function.ToDoubleFunction<Row> trainValue = psnr ? r -> r.trainPsnr : r -> r.trainError;
				final java.util.function.ToDoubleFunction<Row> testValue = psnr ? r -> r.testPsnr : r -> r.testError;
				final String number = psnr ? "%.2f" : "%.3f";
				out.append(String.format(Locale.ROOT, " | " + number + " / " + number + (psnr ? " dB" : ""), at.stream().mapToDouble(trainValue).average()
					.getAsDouble(), at.stream().mapToDouble(testValue).average().getAsDouble()));
				if (at.size() > 1) {
					out.append(String.format(Locale.ROOT, " (held-out " + number + "–" + number + ")", at.stream().mapToDouble(testValue).min().getAsDouble(),
						at.stream().mapToDouble(testValue).max().getAsDouble()));
				}
				final double seconds = at.stream().mapToDouble(r -> r.fitCpuSeconds).average().getAsDouble();
				if (psnr) out.append(String.format(Locale.ROOT, seconds < 10 ? ", %.2f s" : ", %.0f s", seconds));
			}
			out.append(" |\n");
		}
		return out.toString();
	}

	// -- Measures and conversions --

	/**
	 * Wall-clock and CPU time since it was made: the CPU seconds of the whole JVM (all its threads), which a
	 * busy machine changes much less than the wall-clock ones (a training run shares the cores).
	 */
	private static final class Clock {

		private static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean();
		private final long wall = System.nanoTime(), cpu = OS.getProcessCpuTime();

		/** {wall seconds, CPU seconds} since this clock was made. */
		double[] lap() {
			return new double[] { (System.nanoTime() - wall) / 1e9, (OS.getProcessCpuTime() - cpu) / 1e9 };
		}
	}

	/** The images as the columns of a float matrix, pixels × images. */
	private static INDArray columns(final float[][] images) {
		final int pixels = images[0].length;
		final float[] values = new float[pixels * images.length];
		for (int i = 0; i < images.length; i++) System.arraycopy(images[i], 0, values, i * pixels, pixels);
		return Nd4j.create(values, new long[] { pixels, images.length }, 'f');
	}

	/** The columns of a pixels × images matrix as images, clipped to [0, 1]. */
	private static float[][] images(final INDArray matrix, final int count) {
		final float[] values = matrix.castTo(DataType.FLOAT).dup('f').data().asFloat();
		final int pixels = values.length / count;
		final float[][] out = new float[count][];
		for (int i = 0; i < count; i++) {
			out[i] = Arrays.copyOfRange(values, i * pixels, (i + 1) * pixels);
			for (int p = 0; p < pixels; p++) out[i][p] = Math.min(1f, Math.max(0f, out[i][p]));
		}
		return out;
	}

	private static float[] flat(final float[][] images) {
		final float[] out = new float[images.length * images[0].length];
		for (int i = 0; i < images.length; i++) System.arraycopy(images[i], 0, out, i * images[0].length, images[0].length);
		return out;
	}

	private static double psnr(final float[][] reference, final float[][] images) {
		return ImageMetrics.psnr(flat(reference), flat(images));
	}

	/**
	 * The root mean over pixels of the variance of the images at that pixel: how far the images lie from their
	 * own mean image (0 when all are the same).
	 */
	private static double spread(final float[][] images) {
		final int pixels = images[0].length;
		double sum = 0;
		for (int p = 0; p < pixels; p++) {
			double mean = 0, squares = 0;
			for (final float[] image : images) mean += image[p];
			mean /= images.length;
			for (final float[] image : images) squares += (image[p] - mean) * (image[p] - mean);
			sum += squares / images.length;
		}
		return Math.sqrt(sum / pixels);
	}

	private static double relativeError(final float[][] reference, final float[][] images) {
		double difference = 0, norm = 0;
		for (int i = 0; i < reference.length; i++) {
			for (int p = 0; p < reference[i].length; p++) {
				final double d = reference[i][p] - images[i][p];
				difference += d * d;
				norm += (double) reference[i][p] * reference[i][p];
			}
		}
		return Math.sqrt(difference / norm);
	}

	private static int[] ints(final String list) {
		return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
	}

	// -- Figures --

	private static final String[] METHODS = { "mu", "hals", "autoencoder", "pca" };
	private static final String[] LABELS = { "NMF MU", "NMF HALS", "autoencoder", "PCA + mean (reference)" };
	private static final Color[] COLOURS = { new Color(0, 90, 200), new Color(210, 60, 20), new Color(0, 150, 60), Color.GRAY };

	private static List<Row> of(final List<Row> rows, final String method) {
		return rows.stream().filter(r -> r.method.equals(method)).collect(Collectors.toList());
	}

	/** Train and held-out PSNR against the code size, side by side on one scale. */
	private static ColorProcessor errorPlots(final List<Row> rows, final String about) {
		double low = Double.POSITIVE_INFINITY, high = 0, codeMax = 0;
		for (final Row r : rows) {
			low = Math.min(low, Math.min(r.trainPsnr, r.testPsnr));
			high = Math.max(high, Math.max(r.trainPsnr, r.testPsnr));
			codeMax = Math.max(codeMax, r.code);
		}
		final double mean = rows.stream().filter(r -> r.method.equals("mean")).mapToDouble(r -> r.testPsnr).findFirst().orElse(Double.NaN);
		final List<ImageProcessor> panels = new ArrayList<>();
		for (final boolean train : new boolean[] { true, false }) {
			final Plot plot = new Plot(train ? "training faces" : "held-out faces", "code size (values per face: NMF rank, AE code channels)",
				train ? "PSNR on the training faces (dB)" : "PSNR on the held-out faces (dB)");
			plot.setSize(560, 380);
			final StringBuilder legend = new StringBuilder();
			for (int m = 0; m < METHODS.length; m++) {
				final List<Row> series = of(rows, METHODS[m]);
				if (series.isEmpty()) continue;
				plot.setColor(COLOURS[m], COLOURS[m]);
				plot.setLineWidth(2);
				final double[] sizes = series.stream().mapToInt(r -> r.code).distinct().asDoubleStream().toArray();
				final double[] means = Arrays.stream(sizes).map(size -> series.stream().filter(r -> r.code == size).mapToDouble(r -> train ? r.trainPsnr
					: r.testPsnr).average().getAsDouble()).toArray();
				plot.addPoints(sizes, means, Plot.CONNECTED_CIRCLES);
				legend.append(LABELS[m]).append(series.size() > sizes.length ? " (mean of the seeds)" : "").append('\n');
				if (series.size() > sizes.length) {
					plot.setLineWidth(1);
					plot.addPoints(series.stream().mapToDouble(r -> r.code).toArray(), series.stream().mapToDouble(r -> train ? r.trainPsnr : r.testPsnr)
						.toArray(), Plot.X);
					legend.append(LABELS[m]).append(", each seed\n");
				}
			}
			if (!Double.isNaN(mean)) {
				final double meanTrain = rows.stream().filter(r -> r.method.equals("mean")).mapToDouble(r -> r.trainPsnr).findFirst().getAsDouble();
				plot.setColor(Color.LIGHT_GRAY);
				plot.setLineWidth(1);
				plot.addPoints(new double[] { 2, codeMax * 1.5 }, new double[] { train ? meanTrain : mean, train ? meanTrain : mean }, Plot.LINE);
				legend.append("mean training face (code size 0)\n");
			}
			plot.setLogScaleX();
			plot.setLimits(3, codeMax * 1.5, Math.floor(low - 1), Math.ceil(high + 1));
			plot.setColor(Color.BLACK);
			plot.addLegend(legend.toString().trim(), "top-left");
			panels.add(plot.getProcessor());
		}
		return sideBySide(panels, about);
	}

	/** CPU seconds to fit each model against the code size (log-log). */
	private static ImageProcessor timePlot(final List<Row> rows, final String about) {
		final Plot plot = new Plot("time", "code size (values per face)", "CPU seconds to fit on the training faces");
		plot.setSize(640, 380);
		double low = Double.POSITIVE_INFINITY, high = 0, codeMax = 0;
		final StringBuilder legend = new StringBuilder();
		for (int m = 0; m < METHODS.length; m++) {
			final List<Row> series = of(rows, METHODS[m]);
			if (series.isEmpty()) continue;
			for (final Row r : series) {
				low = Math.min(low, r.fitCpuSeconds);
				high = Math.max(high, r.fitCpuSeconds);
				codeMax = Math.max(codeMax, r.code);
			}
			plot.setColor(COLOURS[m], COLOURS[m]);
			plot.setLineWidth(2);
			final double[] sizes = series.stream().mapToInt(r -> r.code).distinct().asDoubleStream().toArray();
			plot.addPoints(sizes, Arrays.stream(sizes).map(size -> series.stream().filter(r -> r.code == size).mapToDouble(r -> r.fitCpuSeconds).average()
				.getAsDouble()).toArray(), Plot.CONNECTED_CIRCLES);
			legend.append(LABELS[m]).append(series.size() > sizes.length ? " (mean of the seeds)" : "").append('\n');
		}
		plot.setLogScaleX();
		plot.setLogScaleY();
		// Room below the data for the legend.
		plot.setLimits(3, codeMax * 1.4, Math.max(1e-5, low / 50), high * 2);
		plot.setColor(Color.BLACK);
		plot.addLegend(legend.toString().trim(), "bottom-right");
		return sideBySide(List.of(plot.getProcessor()), about);
	}

	/** The autoencoders' train and held-out PSNR during training. */
	private static ImageProcessor trainingPlot(final List<String> curve, final int[] codes, final String about) {
		final List<ImageProcessor> panels = new ArrayList<>();
		for (final boolean train : new boolean[] { true, false }) {
			final Plot plot = new Plot("training", "epoch", train ? "PSNR on the training faces (dB)" : "PSNR on the held-out faces (dB)");
			plot.setSize(560, 380);
			final StringBuilder legend = new StringBuilder();
			double low = Double.POSITIVE_INFINITY, high = 0, last = 0;
			for (int c = 0; c < codes.length; c++) {
				// The mean over the seeds at each evaluated epoch.
				final java.util.TreeMap<Integer, double[]> sums = new java.util.TreeMap<>();
				for (final String line : curve.subList(1, curve.size())) {
					final String[] f = line.split(",");
					if (Integer.parseInt(f[0]) != codes[c]) continue;
					final double[] sum = sums.computeIfAbsent(Integer.parseInt(f[2]), e -> new double[2]);
					sum[0] += Double.parseDouble(f[train ? 3 : 4]);
					sum[1]++;
				}
				final List<double[]> points = new ArrayList<>();
				for (final Map.Entry<Integer, double[]> e : sums.entrySet()) points.add(new double[] { e.getKey(), e.getValue()[0] / e.getValue()[1] });
				for (final double[] p : points) {
					low = Math.min(low, p[1]);
					high = Math.max(high, p[1]);
					last = Math.max(last, p[0]);
				}
				final float hue = 0.33f + 0.5f * c / Math.max(1, codes.length - 1);
				final Color colour = Color.getHSBColor(hue, 0.9f, 0.75f);
				plot.setColor(colour, colour);
				plot.setLineWidth(2);
				plot.addPoints(points.stream().mapToDouble(p -> p[0]).toArray(), points.stream().mapToDouble(p -> p[1]).toArray(), Plot.CONNECTED_CIRCLES);
				legend.append("code ").append(codes[c]).append('\n');
			}
			plot.setLimits(0, last * 1.02, Math.floor(low - 0.5), Math.ceil(high + 0.5));
			plot.setColor(Color.BLACK);
			plot.addLegend(legend.toString().trim(), train ? "bottom-right" : "top-right");
			panels.add(plot.getProcessor());
		}
		return sideBySide(panels, about + "; the mean of the seeds");
	}

	/** The panels side by side, {@code about} below them. */
	private static ColorProcessor sideBySide(final List<ImageProcessor> panels, final String about) {
		final int text = 24;
		final int width = panels.stream().mapToInt(ImageProcessor::getWidth).sum(), height = panels.stream().mapToInt(ImageProcessor::getHeight).max()
			.getAsInt() + text;
		final ColorProcessor out = new ColorProcessor(width, height);
		out.setColor(Color.WHITE);
		out.fill();
		int x = 0;
		for (final ImageProcessor panel : panels) {
			out.insert(panel.convertToRGB(), x, 0);
			x += panel.getWidth();
		}
		out.setColor(Color.BLACK);
		out.setFont(new Font("SansSerif", Font.PLAIN, 13));
		out.setAntialiasedText(true);
		out.drawString(about, 10, height - 6);
		return out;
	}

	/**
	 * Four training and four held-out faces with their reconstructions by NMF MU, NMF HALS and the autoencoder at
	 * code size {@code shown}, then the W bases of both NMF fits (each on [0, 1], its maximum white).
	 */
	private static ColorProcessor montage(final Faces faces, final List<Row> rows, final Map<String, NmfResult> bases, final int shown) {
		final int scale = 3, tile = faces.width * scale, tileH = faces.height * scale, gap = 4, label = 150, header = 22, groupGap = 16;
		final int perGroup = Math.min(4, Math.min(faces.train.length, faces.test.length));
		final List<String> names = new ArrayList<>(List.of("original"));
		final List<float[][][]> shownRows = new ArrayList<>();
		shownRows.add(new float[][][] { faces.train, faces.test });
		for (final String[] method : new String[][] { { "mu", "NMF MU, rank " }, { "hals", "NMF HALS, rank " }, { "autoencoder", "AE, code " } }) {
			rows.stream().filter(r -> r.method.equals(method[0]) && r.code == shown).findFirst().ifPresent(r -> {
				names.add(method[1] + shown);
				shownRows.add(new float[][][] { r.trainOut, r.testOut });
			});
		}
		final int basisColumns = 8;
		final int basisRows = bases.values().stream().mapToInt(b -> (int) Math.ceil(b.w().columns() / (double) basisColumns)).sum();
		final int facesWidth = label + 2 * perGroup * (tile + gap) + groupGap;
		final int width = Math.max(facesWidth, label + basisColumns * (tile + gap));
		final int height = header + shownRows.size() * (tileH + gap) + header + basisRows * (tileH + gap) + bases.size() * gap;
		final ColorProcessor out = new ColorProcessor(width, height);
		out.setColor(Color.WHITE);
		out.fill();
		out.setColor(Color.BLACK);
		out.setFont(new Font("SansSerif", Font.PLAIN, 13));
		out.setAntialiasedText(true);
		out.drawString("training faces", label, header - 6);
		out.drawString("held-out faces", label + perGroup * (tile + gap) + groupGap, header - 6);
		int y = header;
		for (int r = 0; r < shownRows.size(); r++) {
			out.setColor(Color.BLACK);
			out.drawString(names.get(r), 4, y + tileH / 2 + 6);
			for (int g = 0; g < 2; g++) {
				for (int i = 0; i < perGroup; i++) {
					final int x = label + g * (perGroup * (tile + gap) + groupGap) + i * (tile + gap);
					out.insert(gray(shownRows.get(r)[g][i], faces.width, faces.height, 1, scale), x, y);
				}
			}
			y += tileH + gap;
		}
		out.setColor(Color.BLACK);
		out.drawString("NMF bases W at rank " + shown + " (fitted on the training faces; each basis scaled to its maximum)", 4, y + header - 6);
		y += header;
		for (final Map.Entry<String, NmfResult> entry : bases.entrySet()) {
			final INDArray w = NmfResult.unitMaxColumns(entry.getValue().w());
			final float[] values = w.castTo(DataType.FLOAT).dup('f').data().asFloat();
			final int pixels = faces.width * faces.height, count = (int) w.columns();
			out.setColor(Color.BLACK);
			out.drawString(entry.getKey() + " W", 4, y + tileH / 2 + 6);
			for (int j = 0; j < count; j++) {
				final int x = label + (j % basisColumns) * (tile + gap), yy = y + (j / basisColumns) * (tileH + gap);
				out.insert(gray(Arrays.copyOfRange(values, j * pixels, (j + 1) * pixels), faces.width, faces.height, 1, scale), x, yy);
			}
			y += (int) Math.ceil(count / (double) basisColumns) * (tileH + gap) + gap;
		}
		return out;
	}

	/** A plane on [0, max] as gray, enlarged {@code scale} times without interpolation. */
	private static ImageProcessor gray(final float[] plane, final int width, final int height, final double max, final int scale) {
		final FloatProcessor fp = new FloatProcessor(width, height, plane.clone());
		fp.setMinAndMax(0, max);
		final ImageProcessor rgb = fp.convertToByteProcessor(true).convertToRGB();
		rgb.setInterpolationMethod(ImageProcessor.NONE);
		return rgb.resize(width * scale, height * scale);
	}

	private static void writePng(final ImageProcessor image, final File file) throws IOException {
		ImageIO.write(image.getBufferedImage(), "png", file);
	}
}

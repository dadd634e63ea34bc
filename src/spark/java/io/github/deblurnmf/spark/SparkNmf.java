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
package io.github.deblurnmf.spark;

import ij.ImagePlus;
import io.github.deblurnmf.command.NmfDecomposeOutputs;
import io.github.deblurnmf.convert.ImagePlusBridge;
import io.github.deblurnmf.convert.MatrixBridge;
import io.github.deblurnmf.launch.RunFailure;
import io.github.deblurnmf.io.AtomicFiles;
import io.github.deblurnmf.io.ImageFiles;
import io.github.deblurnmf.io.OutputFolder;
import io.github.deblurnmf.nmf.DistributedNmf;
import io.github.deblurnmf.nmf.ErrorRecord;
import io.github.deblurnmf.nmf.Nmf;
import io.github.deblurnmf.nmf.NmfAlgorithm;
import io.github.deblurnmf.nmf.NmfInit;
import io.github.deblurnmf.nmf.NmfOptions;
import io.github.deblurnmf.nmf.NmfResult;
import io.github.deblurnmf.task.UserInputException;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import net.imglib2.FinalInterval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;

/**
 * NMF Decompose on Spark: A's columns (the images of a stack file, or of a folder) in
 * {@code partitions} contiguous ranges, factorized by {@link DistributedNmf}; bases.tif,
 * coefficients.csv, reconstruction.tif and error.csv written as by the command, and its figures
 * (relative, frobenius, iterations_run, millis) printed.
 */
final class SparkNmf implements SparkRunner.SparkJob {

	static final String LABEL = SparkRunner.DECOMPOSE;
	/** The reconstruction W·H (pixels × images) is built on the driver only up to this many values. */
	static final long MAX_RECONSTRUCTION = 1L << 27;

	private final Map<String, String> options;
	private final PrintStream err;
	private NmfOptions nmf;
	private boolean montage, overwrite;
	private int partitions;

	SparkNmf(final Map<String, String> options, final PrintStream err) {
		this.options = options;
		this.err = err;
	}

	@Override
	public void check() throws RunFailure {
		SparkRunner.checkKeys(options, SparkRunner.keys("input", "rank", "algorithm", "layers", "iterations", "tolerance", "init", "seed", "alpha",
			"montage", "outputdir", "overwrite", "loss", "alphaw", "alphah", "l1ratio", "partitions"), LABEL);
		SparkRunner.requireOutputFolder(options, LABEL);
		unsupported("layers", "", "deep NMF (layers) runs on one machine only");
		unsupported("alpha", "false", "alpha=true runs on one machine only");
		unsupported("loss", "frobenius", "only loss=frobenius runs on Spark");
		for (final String key : List.of("alphaw", "alphah", "l1ratio")) {
			final String v = value(key, "0");
			if (Double.parseDouble(number(key, v)) != 0) throw RunFailure.failed(key + " runs on one machine only (Spark: " + key + "=0)");
		}
		nmf = new NmfOptions().rank(integer("rank", 16)).iterations(integer("iterations", 500))
			.tolerance(Double.parseDouble(number("tolerance", value("tolerance", "1e-4")))).seed(Long.parseLong(integerText("seed", value("seed", "1"))));
		nmf.algorithm(choice("algorithm", "hals", "hals", "mu").equals("mu") ? NmfAlgorithm.MU : NmfAlgorithm.HALS);
		nmf.init(choice("init", "nndsvd", "nndsvd", "random").equals("random") ? NmfInit.RANDOM : NmfInit.NNDSVD);
		if (nmf.tolerance < 0) throw RunFailure.failed("tolerance must not be negative");
		if (nmf.iterations < 0) throw RunFailure.failed("iterations must not be negative");
		montage = bool("montage");
		overwrite = bool("overwrite");
		partitions = integer("partitions", 0);
		if (partitions < 0) throw RunFailure.failed("partitions must be 0 (Spark's default parallelism) or more, got " + partitions);
	}

	@Override
	public Map<String, Object> run(final JavaSparkContext sc) throws Exception {
		final HadoopFiles files = new HadoopFiles(sc.hadoopConfiguration());
		final Path input = HadoopFiles.path(options.get("input"));
		final FileStatus status = files.status(input, "Input file");
		final List<Path> images = files.inputImages(input, status);
		final Path outputdir = HadoopFiles.path(options.get("outputdir"));
		final Outputs outputs = new Outputs(files, outputdir);

		// The shape of a column, from the first image (a stack file: all of it).
		final File scratch = Files.createTempDirectory("deblurnmf-spark-driver").toFile();
		final long width, height, channels;
		final int n;
		final boolean rgb;
		final String title;
		try {
			final ImagePlus first = ImageFiles.open(files.local(images.get(0), scratch));
			final RandomAccessibleInterval<? extends RealType<?>> all = ImagePlusBridge.wrapImages(first);
			width = all.dimension(0);
			height = all.dimension(1);
			channels = all.dimension(2);
			n = status.isDirectory() ? images.size() : (int) all.dimension(3);
			rgb = first.getType() == ImagePlus.COLOR_RGB;
			title = status.isDirectory() ? input.getName() : first.getTitle();
		}
		finally {
			AtomicFiles.deleteTree(scratch.toPath());
		}
		UserInputException.require(n >= 2, "NMF Decompose needs a stack of at least 2 images; " + title + " has 1");
		final int m = (int) (width * height * channels);
		Nmf.checkRank(nmf.rank, m, n);
		final boolean reconstruction = (long) m * n <= MAX_RECONSTRUCTION;
		final List<String> names = NmfDecomposeOutputs.names(reconstruction, montage);
		outputs.prepare(names, overwrite, status.isDirectory() ? input : null);

		final int parts = Math.max(1, Math.min(n, partitions > 0 ? partitions : sc.defaultParallelism()));
		final List<int[]> ranges = new ArrayList<>();
		for (int p = 0; p < parts; p++) {
			final int from = (int) ((long) n * p / parts), to = (int) ((long) n * (p + 1) / parts);
			ranges.add(new int[] { p, from, to - from });
		}
		final List<String> paths = new ArrayList<>();
		for (final Path p : images) paths.add(p.toString());
		final boolean folder = status.isDirectory();
		final long w0 = width, h0 = height, c0 = channels;
		final JavaRDD<DistributedNmf.Block> blocks = sc.parallelize(ranges, parts)
			.map(r -> loadBlock(files, paths, folder, r, w0, h0, c0))
			.persist(StorageLevel.MEMORY_ONLY());
		err.println("[" + LABEL + "] " + title + ": " + m + " pixels × " + n + " images in " + parts + " partitions, " +
			nmf.algorithm.key() + " rank " + nmf.rank + ", master " + sc.master());

		final String checkpoint = outputdir.toString() + "/.deblurnmf-spark-checkpoint-" + UUID.randomUUID();
		final DistributedNmf.Fault fault = fault(sc);
		final long start = System.nanoTime();
		final NmfResult result;
		try {
			result = DistributedNmf.factorize(sc, blocks, m, n, nmf, fault, (it, max, relative, millis) -> {
				if (it % 10 == 0 || it == max) {
					err.println(String.format(Locale.ROOT, "[%s] iteration %d/%d, relative error %.5f, %.1f s", LABEL, it, max, relative, millis / 1000));
				}
			}, checkpoint);
		}
		finally {
			blocks.unpersist(false);
			final Path cp = new Path(checkpoint);
			files.fs(cp).delete(cp, true);
		}
		final ErrorRecord last = result.last();
		err.println(String.format(Locale.ROOT, "[%s] relative error %.5f after %d iterations in %.1f s", LABEL, last.relative, last.iteration,
			(System.nanoTime() - start) / 1e9));
		if (!reconstruction) err.println("[" + LABEL + "] reconstruction.tif not written: W·H has " + (long) m * n + " values (limit " + MAX_RECONSTRUCTION + ")");
		outputs.write(out -> NmfDecomposeOutputs.write(out, result, width, height, channels, rgb, title, reconstruction, montage));
		err.println("[" + LABEL + "] wrote " + outputdir);
		final Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("relative", last.relative);
		figures.put("frobenius", last.frobenius);
		figures.put("iterations_run", last.iteration);
		figures.put("millis", last.millis);
		return figures;
	}

	/** On an executor: the columns of range {@code r} as one block, read with the headless runner's image loader. */
	static DistributedNmf.Block loadBlock(final HadoopFiles files, final List<String> paths, final boolean folder, final int[] r,
		final long width, final long height, final long channels) throws IOException
	{
		final File dir = Files.createTempDirectory("deblurnmf-nmf-block").toFile();
		try {
			final RandomAccessibleInterval<? extends RealType<?>> columns;
			if (folder) {
				// A folder of this range's images, opened as a stack by ImageFiles (same checks: one size, one type).
				final File stack = new File(dir, "stack");
				stack.mkdirs();
				for (int i = r[1]; i < r[1] + r[2]; i++) {
					final Path p = new Path(paths.get(i));
					final File local = files.local(p, dir);
					Files.copy(local.toPath(), new File(stack, String.format(Locale.ROOT, "%09d_%s", i, p.getName())).toPath());
				}
				columns = ImagePlusBridge.wrapImages(ImageFiles.open(stack));
			}
			else {
				final RandomAccessibleInterval<? extends RealType<?>> all = ImagePlusBridge.wrapImages(ImageFiles.open(files.local(new Path(paths.get(0)), dir)));
				columns = Views.interval(all, new FinalInterval(new long[] { 0, 0, 0, r[1] }, new long[] { all.max(0), all.max(1), all.max(2), r[1] + r[2] - 1L }));
			}
			UserInputException.require(columns.dimension(0) == width && columns.dimension(1) == height && columns.dimension(2) == channels,
				"Images of different sizes or channels: image " + (r[1] + 1) + "… is " + columns.dimension(0) + "×" + columns.dimension(1) +
				"×" + columns.dimension(2) + ", the first " + width + "×" + height + "×" + channels);
			final float[] a = MatrixBridge.toMatrix(Views.zeroMin(columns)).data().asFloat();
			return new DistributedNmf.Block(r[0], r[1], (int) (width * height * channels), a);
		}
		finally {
			AtomicFiles.deleteTree(dir.toPath());
		}
	}

	private static DistributedNmf.Fault fault(final JavaSparkContext sc) {
		final String marker = sc.getConf().get(SparkRunner.FAIL_ONCE, "");
		final String at = sc.getConf().get(SparkRunner.FAIL_AT, "");
		if (marker.isEmpty() || !at.startsWith("iteration:")) return null;
		return new DistributedNmf.Fault(marker, Integer.parseInt(at.substring("iteration:".length())));
	}

	// -- Option values, with the headless runner's messages --

	private String value(final String key, final String fallback) {
		final String v = options.getOrDefault(key, "").trim();
		return v.isEmpty() ? fallback : v;
	}

	private void unsupported(final String key, final String only, final String why) throws RunFailure {
		if (!value(key, only).equalsIgnoreCase(only)) throw RunFailure.failed(why + " (got " + key + "=" + options.get(key) + ")");
	}

	private int integer(final String key, final int fallback) throws RunFailure {
		return Integer.parseInt(integerText(key, value(key, String.valueOf(fallback))));
	}

	private static String integerText(final String key, final String v) throws RunFailure {
		try {
			Long.parseLong(v);
			return v;
		}
		catch (final NumberFormatException e) {
			throw RunFailure.failed("Invalid value for " + key + ": '" + v + "' (expected int)");
		}
	}

	private static String number(final String key, final String v) throws RunFailure {
		try {
			Double.parseDouble(v);
			return v;
		}
		catch (final NumberFormatException e) {
			throw RunFailure.failed("Invalid value for " + key + ": '" + v + "' (expected double)");
		}
	}

	private String choice(final String key, final String fallback, final String... choices) throws RunFailure {
		final String v = value(key, fallback);
		for (final String c : choices) if (c.equalsIgnoreCase(v)) return c;
		throw RunFailure.failed("Invalid value for " + key + ": '" + v + "' (choices: " + String.join(", ", choices) + ")");
	}

	private boolean bool(final String key) throws RunFailure {
		final String v = value(key, "false");
		if (v.equalsIgnoreCase("true")) return true;
		if (v.equalsIgnoreCase("false")) return false;
		throw RunFailure.failed("Invalid value for " + key + ": '" + v + "' (expected true or false)");
	}

	/**
	 * The output set in {@code outputdir}: a local folder through {@link OutputFolder} (the headless
	 * runner's checks and atomic commit); another file system staged locally, then each file uploaded
	 * under a temporary name and renamed.
	 */
	static final class Outputs {

		interface Writer {
			void write(OutputFolder.Staging out) throws IOException;
		}

		private final HadoopFiles files;
		private final Path dir;
		private OutputFolder folder;
		private List<String> names;
		private boolean overwrite;

		Outputs(final HadoopFiles files, final Path dir) {
			this.files = files;
			this.dir = dir;
		}

		void prepare(final List<String> names, final boolean overwrite, final Path inputFolder) throws IOException {
			this.names = names;
			this.overwrite = overwrite;
			if (files.isLocal(dir)) {
				folder = OutputFolder.prepare(LABEL, HadoopFiles.localFile(dir), overwrite, names,
					inputFolder == null ? List.of() : List.of(HadoopFiles.localFile(inputFolder).toPath()));
				return;
			}
			for (final String name : names) {
				final Path p = new Path(dir, name);
				if (!overwrite && files.fs(p).exists(p)) throw new UserInputException("Output file exists: " + p + " (choose another outputdir, or set overwrite=true)");
			}
		}

		void write(final Writer writer) throws IOException {
			if (folder != null) {
				try (OutputFolder.Staging out = folder.stage()) {
					writer.write(out);
					out.commit();
				}
				return;
			}
			final File local = Files.createTempDirectory("deblurnmf-spark-out").toFile();
			try {
				final OutputFolder staging = OutputFolder.prepare(LABEL, local, true, names, List.of());
				try (OutputFolder.Staging out = staging.stage()) {
					writer.write(out);
					out.commit();
				}
				files.fs(dir).mkdirs(dir);
				for (final String name : names) {
					final Path target = new Path(dir, name);
					files.writeReplacing(target, Files.readAllBytes(new File(local, name).toPath()), UUID.randomUUID().toString());
				}
			}
			finally {
				AtomicFiles.deleteTree(local.toPath());
			}
		}
	}
}

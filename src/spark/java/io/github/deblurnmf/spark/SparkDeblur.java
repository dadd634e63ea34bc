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
import ij.process.ByteProcessor;
import io.github.deblurnmf.command.DeblurImageCommand;
import io.github.deblurnmf.launch.CommandLauncher;
import io.github.deblurnmf.launch.RunFailure;
import io.github.deblurnmf.convert.ImagePlusBridge;
import io.github.deblurnmf.io.AtomicFiles;
import io.github.deblurnmf.io.OutputFolder;
import io.github.deblurnmf.net.DeblurNetwork;
import io.github.deblurnmf.task.UserInputException;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;

/**
 * Deblur Image on Spark: one task per image of the input folder (or the one input file). Each task runs
 * the Deblur Image command itself ({@link CommandLauncher#run}, the headless runner's code path) on a
 * local copy of its image, with the model loaded once per executor thread from a broadcast (through
 * {@link DeblurImageCommand#NETWORK_SOURCE}), and puts {@code <name>_deblurred.tif} into
 * {@code outputdir} atomically: written under a temporary name there, then moved to its name only if
 * that name is free (a finished output is never replaced; a retried or speculative copy of the task
 * finds it and stops). Images whose output exists are skipped, so a restarted job resumes.
 * {@code summary.csv} lists every image of the input with its size, seconds and, with
 * {@code reference=<folder>} (the references under the same file names), PSNR and SSIM.
 */
final class SparkDeblur implements SparkRunner.SparkJob {

	static final String LABEL = SparkRunner.DEBLUR;
	static final String SUFFIX = "_deblurred.tif";
	/** Per-image rows (one line of summary.csv each), written before the image: a finished image always has one. */
	static final String ROWS = ".deblurnmf-spark-rows";
	static final String SUMMARY = "summary.csv";

	private final Map<String, String> options;
	private final PrintStream err;
	/** The model's side multiple, known once the dry run has loaded it: the driver plans the bands' tiles with it. */
	private int sideMultiple = 1;

	SparkDeblur(final Map<String, String> options, final PrintStream err) {
		this.options = options;
		this.err = err;
	}

	@Override
	public void check() throws RunFailure {
		SparkRunner.requireOutputFolder(options, LABEL);
		try (Context context = new Context()) {
			final CommandInfo info = CommandLauncher.find(CommandLauncher.commands(context), LABEL);
			final List<String> keys = new ArrayList<>();
			for (final ModuleItem<?> item : CommandLauncher.userInputs(info)) keys.add(item.getName().toLowerCase(Locale.ROOT));
			keys.add(TileGroups.OPTION);
			SparkRunner.checkKeys(options, keys, LABEL);
		}
	}

	/** What every task needs: the command's options for one image, where to write, the model. */
	static final class Settings implements Serializable {
		private static final long serialVersionUID = 1L;
		HadoopFiles files;
		Map<String, String> options;
		String outputdir, jobId;
		boolean network;
		Broadcast<byte[]> model;
		String failMarker, failAt;
	}

	/** One image to deblur: its path, its reference (or null), its output name. */
	static final class Job implements Serializable {
		private static final long serialVersionUID = 1L;
		final String input, reference, output;

		Job(final String input, final String reference, final String output) {
			this.input = input;
			this.reference = reference;
			this.output = output;
		}
	}

	/** A line of summary.csv and the command's figures. */
	static final class Row implements Serializable {
		private static final long serialVersionUID = 1L;
		String image;
		int width, height;
		double seconds;
		boolean deblurred;
		Map<String, Object> figures = new LinkedHashMap<>();

		String csv() {
			return image + "," + width + "," + height + "," + String.format(Locale.ROOT, "%.3f", seconds) + "," +
				text(figures.get("psnr")) + "," + text(figures.get("ssim")) + "," + text(figures.get("psnr_input")) + "," + text(figures.get("ssim_input"));
		}

		static Row parse(final String line) {
			final String[] f = line.split(",", -1);
			final Row r = new Row();
			r.image = f[0];
			r.width = Integer.parseInt(f[1]);
			r.height = Integer.parseInt(f[2]);
			r.seconds = Double.parseDouble(f[3]);
			final String[] keys = { "psnr", "ssim", "psnr_input", "ssim_input" };
			for (int i = 0; i < keys.length; i++) if (!f[4 + i].isEmpty()) r.figures.put(keys[i], Double.parseDouble(f[4 + i]));
			return r;
		}

		private static String text(final Object v) {
			return v == null ? "" : String.valueOf(v);
		}
	}

	static final String CSV_HEADER = "image,width,height,seconds,psnr,ssim,psnr_input,ssim_input";

	@Override
	public Map<String, Object> run(final JavaSparkContext sc) throws Exception {
		final HadoopFiles files = new HadoopFiles(sc.hadoopConfiguration());
		final Path input = HadoopFiles.path(options.get("input"));
		final FileStatus status = files.status(input, "Input file");
		final List<Path> images = files.inputImages(input, status);
		final Path outputdir = HadoopFiles.path(options.get("outputdir"));
		final FileSystem outFs = files.fs(outputdir);
		if (outFs.exists(outputdir) && !outFs.getFileStatus(outputdir).isDirectory()) throw new UserInputException("outputdir is a file, not a folder: " + outputdir);
		if (status.isDirectory() && outFs.makeQualified(outputdir).equals(files.fs(input).makeQualified(input))) {
			throw new UserInputException("outputdir is the input folder: " + outputdir + " (choose another outputdir)");
		}
		final String referenceText = options.getOrDefault("reference", "").trim();
		final Path reference = referenceText.isEmpty() ? null : HadoopFiles.path(referenceText);
		final boolean referenceFolder = reference != null && files.status(reference, "Reference").isDirectory();

		final List<Job> jobs = new ArrayList<>();
		final Map<String, String> seen = new HashMap<>();
		for (final Path image : images) {
			final String name = image.getName();
			final String output = baseName(name) + SUFFIX;
			final String other = seen.put(output, name);
			if (other != null) throw new UserInputException("Two inputs would both write " + output + ": " + other + " and " + name);
			String ref = null;
			if (reference != null) {
				final Path r = referenceFolder ? new Path(reference, name) : reference;
				if (!files.fs(r).exists(r)) throw new UserInputException("No reference for " + name + ": " + r + " not found");
				ref = r.toString();
			}
			jobs.add(new Job(image.toString(), ref, output));
		}
		outFs.mkdirs(new Path(outputdir, ROWS));
		final boolean overwrite = "true".equalsIgnoreCase(options.getOrDefault("overwrite", "").trim());
		final List<Job> todo = new ArrayList<>();
		for (final Job job : jobs) {
			final Path out = new Path(outputdir, job.output);
			if (outFs.exists(out) && overwrite) outFs.delete(out, false);
			if (!outFs.exists(out)) todo.add(job);
		}

		final Settings s = new Settings();
		s.files = files;
		s.outputdir = outputdir.toString();
		s.jobId = UUID.randomUUID().toString().substring(0, 8);
		s.options = new LinkedHashMap<>(options);
		for (final String key : List.of("input", "reference", "outputdir", "overwrite", TileGroups.OPTION)) s.options.remove(key);
		s.network = "network".equalsIgnoreCase(options.getOrDefault("method", "").trim().isEmpty() ? "network" : options.get("method").trim());
		final long limit = TileGroups.limit(options.get(TileGroups.OPTION), sc.getConf());
		final byte[] modelBytes = s.network ? modelBytes(files) : null;
		s.failMarker = sc.getConf().get(SparkRunner.FAIL_ONCE, null);
		s.failAt = sc.getConf().get(SparkRunner.FAIL_AT, "");
		final Module checked = dryRun(s, modelBytes);
		if (modelBytes != null) s.model = sc.broadcast(modelBytes);

		// An image over the limit is split into bands of rows, one task each, if its TIFF can be read band by band.
		final List<Job> whole = new ArrayList<>();
		final List<TileGroups.Plan> plans = new ArrayList<>();
		for (final Job job : todo) {
			final TileGroups.Plan plan = plan(files, job, limit, checked);
			if (plan == null) whole.add(job);
			else plans.add(plan);
		}

		err.println("[" + LABEL + "] " + jobs.size() + " image(s), " + (jobs.size() - todo.size()) + " already done, " + todo.size() +
			" to deblur" + (plans.isEmpty() ? "" : " (" + plans.size() + " in bands of rows)") + "; master " + sc.master());
		final long start = System.nanoTime();
		final List<Row> done = new ArrayList<>();
		if (!whole.isEmpty()) done.addAll(sc.parallelize(whole, whole.size()).map(job -> deblur(job, s)).collect());
		for (final TileGroups.Plan plan : plans) done.add(deblurBands(sc, plan, s));
		final double seconds = (System.nanoTime() - start) / 1e9;
		sweepTemporaries(files, outputdir, s.jobId);

		// summary.csv: every image of the input, finished now or before.
		final Map<String, Row> rows = new LinkedHashMap<>();
		for (final Row r : done) rows.put(r.image, r);
		final List<String> lines = new ArrayList<>();
		lines.add(CSV_HEADER);
		final List<Row> all = new ArrayList<>();
		for (final Job job : jobs) {
			final String name = new Path(job.input).getName();
			Row r = rows.get(name);
			if (r == null) {
				final Path rowFile = new Path(new Path(outputdir, ROWS), job.output + ".csv");
				if (outFs.exists(rowFile)) r = Row.parse(new String(files.readAll(rowFile), StandardCharsets.UTF_8).trim());
			}
			if (r == null) {
				lines.add(name + ",,,,,,,");
				continue;
			}
			all.add(r);
			lines.add(r.csv());
		}
		files.writeReplacing(new Path(outputdir, SUMMARY), (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8), s.jobId);
		err.println(String.format(Locale.ROOT, "[%s] %d deblurred, %d skipped in %.1f s; wrote %s", LABEL, done.size(), jobs.size() - todo.size(), seconds,
			new Path(outputdir, SUMMARY)));

		final Map<String, Object> figures = new LinkedHashMap<>();
		if (!status.isDirectory() && !done.isEmpty()) {
			figures.putAll(done.get(0).figures);
			return figures;
		}
		figures.put("images", jobs.size());
		figures.put("deblurred", done.size());
		figures.put("skipped", jobs.size() - todo.size());
		for (final String key : List.of("psnr", "ssim", "psnr_input", "ssim_input")) {
			double sum = 0;
			int count = 0;
			for (final Row r : all) {
				final Object v = r.figures.get(key);
				if (v instanceof Number) {
					sum += ((Number) v).doubleValue();
					count++;
				}
			}
			if (count > 0) figures.put(key, sum / count);
		}
		double pixels = 0;
		for (final Row r : done) pixels += (double) r.width * r.height;
		if (!done.isEmpty()) figures.put("megapixels_per_second", pixels / seconds / 1e6);
		figures.put("seconds", seconds);
		return figures;
	}

	static String baseName(final String name) {
		final int dot = name.lastIndexOf('.');
		return dot > 0 ? name.substring(0, dot) : name;
	}

	private byte[] modelBytes(final HadoopFiles files) throws IOException {
		final String model = options.getOrDefault("model", "").trim();
		if (!model.isEmpty()) {
			final Path p = HadoopFiles.path(model);
			if (!files.fs(p).exists(p)) throw new UserInputException("Model file not found: " + model);
			return files.readAll(p);
		}
		return DeblurNetwork.defaultModelBytes(); // null: the command's own error, in the dry run
	}

	/**
	 * The options checked on the driver before any task: the command runs once on a small synthetic
	 * image, so a bad value fails here with the command's own message, and the model is known to load.
	 */
	private Module dryRun(final Settings s, final byte[] modelBytes) throws Exception {
		final File dir = Files.createTempDirectory("deblurnmf-spark-check").toFile();
		try {
			final ByteProcessor ip = new ByteProcessor(64, 64);
			for (int i = 0; i < 64 * 64; i++) ip.set(i, (i * 37) & 255);
			final File image = new File(dir, "check.tif");
			new ij.io.FileSaver(new ImagePlus("check", ip)).saveAsTiff(image.getPath());
			final Map<String, String> opts = new LinkedHashMap<>(s.options);
			opts.put("input", image.getPath());
			opts.put("outputdir", new File(dir, "out").getPath());
			if (modelBytes != null) {
				final DeblurNetwork network = DeblurNetwork.load(modelBytes);
				sideMultiple = network.architecture().sizeMultiple();
				DeblurImageCommand.NETWORK_SOURCE.set(() -> network);
			}
			try {
				return CommandLauncher.run(SharedContext.get(), SharedContext.info(), opts, CommandLauncher.FILES, null, System.err, false);
			}
			finally {
				DeblurImageCommand.NETWORK_SOURCE.remove();
			}
		}
		finally {
			AtomicFiles.deleteTree(dir.toPath());
		}
	}

	// -- On the executors --

	/** The network of each executor thread, by broadcast: loaded once, reused for every image. */
	private static final ThreadLocal<Map.Entry<Long, DeblurNetwork>> NETWORKS = new ThreadLocal<>();

	private static DeblurNetwork network(final Broadcast<byte[]> model) {
		final Map.Entry<Long, DeblurNetwork> cached = NETWORKS.get();
		if (cached != null && cached.getKey() == model.id()) return cached.getValue();
		try {
			final DeblurNetwork network = DeblurNetwork.load(model.value());
			NETWORKS.set(Map.entry(model.id(), network));
			return network;
		}
		catch (final IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	/** One task: deblur one image by the command, write its row, then its output (no replace). */
	static Row deblur(final Job job, final Settings s) throws Exception {
		final HadoopFiles files = s.files;
		final Path outputdir = new Path(s.outputdir);
		final Path target = new Path(outputdir, job.output);
		final Path rowFile = new Path(new Path(outputdir, ROWS), job.output + ".csv");
		final FileSystem fs = files.fs(target);
		final String name = new Path(job.input).getName();
		if (fs.exists(target)) { // a retried or speculative copy of a finished task
			final Row r = fs.exists(rowFile) ? Row.parse(new String(files.readAll(rowFile), StandardCharsets.UTF_8).trim()) : new Row();
			r.image = name;
			return r;
		}
		final File dir = Files.createTempDirectory("deblurnmf-spark-task").toFile();
		try {
			final Map<String, String> opts = new LinkedHashMap<>(s.options);
			final File local = files.local(new Path(job.input), mkdir(new File(dir, "in")));
			opts.put("input", local.getPath());
			if (job.reference != null) opts.put("reference", files.local(new Path(job.reference), mkdir(new File(dir, "ref"))).getPath());
			final File out = new File(dir, "out");
			opts.put("outputdir", out.getPath());
			final int[] size = new int[2];
			final CommandLauncher.ImageResolver resolver = value -> {
				final ImagePlus image = CommandLauncher.FILES.resolve(value);
				if (value.equals(local.getPath())) {
					size[0] = image.getWidth();
					size[1] = image.getHeight();
				}
				return image;
			};
			if (s.network && s.model != null) {
				final Supplier<DeblurNetwork> source = () -> network(s.model);
				DeblurImageCommand.NETWORK_SOURCE.set(source);
			}
			final long start = System.nanoTime();
			final Module module;
			try {
				module = CommandLauncher.run(SharedContext.get(), SharedContext.info(), opts, resolver, null, System.err, false);
			}
			catch (final RunFailure f) {
				throw new UserInputException(name + ": " + f.getMessage());
			}
			finally {
				DeblurImageCommand.NETWORK_SOURCE.remove();
			}
			final Row row = new Row();
			row.image = name;
			row.width = size[0];
			row.height = size[1];
			row.seconds = (System.nanoTime() - start) / 1e9;
			row.deblurred = true;
			row.figures.putAll(CommandLauncher.figures(module));
			commit(job, row, new File(out, "deblurred.tif"), s);
			return row;
		}
		finally {
			AtomicFiles.deleteTree(dir.toPath());
		}
	}

	/**
	 * Puts a finished image in place: its row first, then the TIFF, copied under a hidden temporary name
	 * in outputdir and moved to its name only if that name is free.
	 */
	private static void commit(final Job job, final Row row, final File tiff, final Settings s) throws IOException {
		final HadoopFiles files = s.files;
		final Path outputdir = new Path(s.outputdir);
		final Path target = new Path(outputdir, job.output);
		final Path rowFile = new Path(new Path(outputdir, ROWS), job.output + ".csv");
		final FileSystem fs = files.fs(target);
		final Path tmp = new Path(outputdir, "." + job.output + "." + s.jobId + "-" + UUID.randomUUID() + ".tmp");
		try {
			files.writeReplacing(rowFile, (row.csv() + "\n").getBytes(StandardCharsets.UTF_8), UUID.randomUUID().toString());
			fs.copyFromLocalFile(false, true, new Path(tiff.toURI()), tmp);
			maybeFail(s, "before-commit");
			files.commitNoReplace(tmp, target);
			maybeFail(s, "after-commit");
		}
		finally {
			fs.delete(tmp, false);
		}
	}

	// -- Images in bands of rows --

	/** The bands of an image over {@code limit} pixels (method network, a TIFF readable by band); null: one task for the whole image. */
	private TileGroups.Plan plan(final HadoopFiles files, final Job job, final long limit, final Module checked) throws IOException {
		final Path path = new Path(job.input);
		final long length = files.fs(path).getFileStatus(path).getLen();
		if (limit == Long.MAX_VALUE || length <= limit) return null; // an uncompressed TIFF has at least a byte per pixel
		final ij.io.FileInfo[] header = TileGroups.header(files, path);
		final ij.io.FileInfo fi = header == null || header.length == 0 ? null : header[0];
		if (fi == null) return null; // not a TIFF (PNG, JPEG): its size is not known without decoding it
		final String why = TileGroups.unreadable(header, length);
		final String name = path.getName();
		if ((long) fi.width * fi.height * Math.max(1, fi.nImages) * (fi.fileType == ij.io.FileInfo.RGB ? 3 : 1) <= limit) return null;
		if (!s(checked, "method").equalsIgnoreCase("network")) {
			err.println("[" + LABEL + "] " + name + ": over " + limit / 1e6 + " megapixels, deblurred whole in one task (method " + s(checked, "method") +
				" sees the whole image)");
			return null;
		}
		if (why != null) {
			err.println("[" + LABEL + "] " + name + ": over " + limit / 1e6 + " megapixels, deblurred whole in one task: " + why +
				", which cannot be read by bands of rows");
			return null;
		}
		final TileGroups.Plan plan = new TileGroups.Plan();
		plan.job = job;
		final ImagePlus top = TileGroups.openRows(files, path, fi, 0, 1);
		final RandomAccessibleInterval<? extends RealType<?>> dims = ImagePlusBridge.wrap(top);
		plan.width = fi.width;
		plan.height = fi.height;
		plan.channels = (int) dims.dimension(2);
		plan.images = (int) dims.dimension(3);
		plan.bitDepth = top.getBitDepth();
		plan.tile = (Integer) checked.getInput("tile");
		plan.overlap = (Integer) checked.getInput("overlap");
		plan.kernel = (Integer) checked.getInput("kernel");
		plan.sigma = (Double) checked.getInput("sigma");
		plan.tta = Boolean.TRUE.equals(checked.getInput("tta"));
		plan.sideMultiple = sideMultiple;
		final long rowPixels = (long) plan.width * plan.channels * plan.images;
		plan.bounds = plan.tiles(null).bands(plan.height, (int) Math.max(1, Math.min(Integer.MAX_VALUE, limit / rowPixels)));
		if (plan.bands() < 2) return null;
		err.println("[" + LABEL + "] " + name + ": " + plan.width + "×" + plan.height + "×" + plan.channels + " channel(s)×" + plan.images + ", over " +
			limit / 1e6 + " megapixels: " + plan.bands() + " bands of rows, one task each");
		return plan;
	}

	private static String s(final Module module, final String name) {
		final Object v = module.getInput(name);
		return v == null ? "" : v.toString();
	}

	/**
	 * An image in bands: each band a task, the bands put together on the driver (which holds the
	 * deblurred image, 4 bytes per pixel and channel) and written as the command writes its output.
	 */
	private Row deblurBands(final JavaSparkContext sc, final TileGroups.Plan plan, final Settings s) throws Exception {
		final long start = System.nanoTime();
		final Path path = new Path(plan.job.input);
		final String name = path.getName();
		final HadoopFiles files = s.files;
		final ij.io.FileInfo fi = TileGroups.header(files, path)[0];
		final List<Integer> bands = new ArrayList<>();
		for (int b = 0; b < plan.bands(); b++) bands.add(b);
		// The display range ImageJ gives a 16- or 32-bit image without one in its description is its first plane's.
		final boolean ownRange = fi.nImages <= 1 && (plan.bitDepth == 16 || plan.bitDepth == 32) && (fi.description == null || !fi.description.contains("min="));
		if (plan.bitDepth == 32 || ownRange) {
			plan.ranges = sc.parallelize(bands, bands.size()).map(b -> TileGroups.ranges(plan, b, files)).reduce(TileGroups::merge);
		}
		ImagePlus source = null, reference = null;
		final File dir = Files.createTempDirectory("deblurnmf-spark-bands").toFile();
		try {
			if (plan.job.reference != null) {
				// PSNR and SSIM as the command computes them: on the driver, with the whole input and reference.
				source = CommandLauncher.FILES.resolve(files.local(path, mkdir(new File(dir, "in"))).getPath());
				reference = CommandLauncher.FILES.resolve(files.local(new Path(plan.job.reference), mkdir(new File(dir, "ref"))).getPath());
				DeblurImageCommand.checkReference(reference, source);
			}
			else {
				source = TileGroups.openRows(files, path, fi, 0, 1);
				if (ownRange) source.setDisplayRange(plan.ranges[0][0], plan.ranges[0][1]);
			}
			final List<float[]> parts = sc.parallelize(bands, bands.size()).map(b -> {
				final float[] part = TileGroups.deblur(plan, b, files, network(s.model));
				maybeFail(s, "band");
				return part;
			}).collect();
			final float[] all = new float[plan.images * plan.channels * plan.width * plan.height];
			for (int b = 0; b < parts.size(); b++) TileGroups.place(plan, b, parts.get(b), all);
			final DeblurImageCommand.Finished finished = DeblurImageCommand.finish(source, reference, all);
			final Row row = new Row();
			row.image = name;
			row.width = plan.width;
			row.height = plan.height;
			row.seconds = (System.nanoTime() - start) / 1e9;
			row.deblurred = true;
			final double pixels = (double) plan.width * plan.height * plan.images;
			row.figures.put("seconds", row.seconds);
			if (pixels >= DeblurImageCommand.RATE_MIN_PIXELS) row.figures.put("megapixels_per_second", pixels / row.seconds / 1e6);
			if (finished.psnr != null) {
				row.figures.put("psnr", finished.psnr);
				row.figures.put("ssim", finished.ssim);
				row.figures.put("psnr_input", finished.psnrInput);
				row.figures.put("ssim_input", finished.ssimInput);
			}
			final OutputFolder folder = OutputFolder.prepare(LABEL, new File(dir, "out"), false, List.of("deblurred.tif"), List.of());
			try (OutputFolder.Staging out = folder.stage()) {
				out.writeTiff("deblurred.tif", finished.output);
				out.commit();
			}
			commit(plan.job, row, new File(new File(dir, "out"), "deblurred.tif"), s);
			err.println(String.format(Locale.ROOT, "[%s] %s: %d bands in %.1f s", LABEL, name, plan.bands(), row.seconds));
			return row;
		}
		finally {
			AtomicFiles.deleteTree(dir.toPath());
		}
	}

	private static File mkdir(final File dir) {
		dir.mkdirs();
		return dir;
	}

	private static void maybeFail(final Settings s, final String stage) throws IOException {
		if (s.failMarker == null || !stage.equals(s.failAt)) return;
		if (new File(s.failMarker).createNewFile()) throw new IllegalStateException("Injected task failure (test) " + stage);
	}

	/** Temporary files of this job left by tasks that died (killed executors). */
	private static void sweepTemporaries(final HadoopFiles files, final Path outputdir, final String jobId) throws IOException {
		final FileSystem fs = files.fs(outputdir);
		for (final FileStatus st : fs.listStatus(outputdir)) {
			final String n = st.getPath().getName();
			if (n.startsWith(".") && n.contains("." + jobId + "-") && n.endsWith(".tmp")) fs.delete(st.getPath(), false);
		}
	}

	/** One SciJava context per JVM (driver or executor), shared by its tasks. */
	static final class SharedContext {
		private static Context context;
		private static CommandInfo info;

		static synchronized Context get() {
			if (context == null) context = new Context();
			return context;
		}

		static synchronized CommandInfo info() throws RunFailure {
			if (info == null) info = CommandLauncher.find(CommandLauncher.commands(get()), LABEL);
			return info;
		}
	}
}

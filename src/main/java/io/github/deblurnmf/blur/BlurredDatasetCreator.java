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

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import io.github.deblurnmf.convert.FiniteValues;
import io.github.deblurnmf.convert.Normalization;
import io.github.deblurnmf.io.AtomicFiles;
import io.github.deblurnmf.io.ImageFiles;
import io.github.deblurnmf.io.ImageSources;
import io.github.deblurnmf.metrics.GaussianFilter;
import io.github.deblurnmf.task.TaskMonitor;
import io.github.deblurnmf.task.UserInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Makes a dataset of sharp and blurred image pairs for training a deblurring network.
 * <p>
 * Each source image (each slice of each file) is scaled to [0, 1] by {@link Normalization} (8-bit and
 * RGB by 255, 16-bit by 65535, 32-bit by its own minimum and maximum; NaN and infinite values are
 * refused), made gray by ITU-R BT.601 luma
 * 0.299 R + 0.587 G + 0.114 B unless {@code grayscale} is false, and blurred as a whole with a
 * separable Gaussian of {@code sigma} over {@code kernel} pixels ({@link #blur}). Sharp and blurred
 * image are then cut alike into non-overlapping {@code size × size} tiles on a grid centred in the
 * image ({@link #tileStarts}); an image smaller than {@code size} in either dimension is skipped.
 * Gaussian noise of standard deviation {@code noise} is added to each blurred tile, which is clipped
 * to [0, 1]; both tiles are rounded to 8 bits. One {@link Random} seeded with {@code seed} draws
 * all noise, in a fixed order (image by image, channel by channel, tile by tile, row-major), so the
 * same parameters and inputs give byte-identical files. Memory: about 24 bytes per pixel of the
 * largest image, besides the image itself, as channels are processed one at a time.
 * <p>
 * Layout: {@code sharp/0001.tif}, {@code blurred/0001.tif}, … and {@code dataset.json}
 * ({@link DatasetParameters}); see {@link DatasetFolder} for how the folder is written safely.
 */
public final class BlurredDatasetCreator {

	/** What {@link #create} made. */
	public static final class Result {

		/** The parameters with the tiles, as written to dataset.json. */
		public final DatasetParameters dataset;
		/** The dataset folder, absolute. */
		public final Path folder;

		Result(final DatasetParameters dataset, final Path folder) {
			this.dataset = dataset;
			this.folder = folder;
		}

		public int pairs() {
			return dataset.pairs();
		}

		public int skipped() {
			return dataset.skipped;
		}
	}

	/** BT.601 luma weights of R, G, B. */
	private static final double[] LUMA = { 0.299, 0.587, 0.114 };

	private final DatasetParameters parameters;

	public BlurredDatasetCreator(final DatasetParameters parameters) {
		this.parameters = parameters;
	}

	/**
	 * Writes the dataset of {@code sources} into {@code output}. All checks on the output come
	 * first ({@link DatasetFolder#check}); on bad input, failure or cancel nothing is left behind.
	 *
	 * @param overwrite replace {@code output} if it is a dataset made by this plugin
	 * @param warnings receives one line per skipped image
	 * @throws UserInputException for an unusable output folder, an unreadable image, or no tile at all
	 * @throws io.github.deblurnmf.task.TaskCanceledException if {@code monitor} is canceled
	 */
	public Result create(final ImageSources sources, final Path output, final boolean overwrite, final TaskMonitor monitor,
		final Consumer<String> warnings) throws IOException
	{
		final DatasetFolder folder = DatasetFolder.check(output, sources.folder(), overwrite);
		monitor.checkCanceled();
		boolean done = false;
		// Ctrl-C ends the JVM without unwinding: the temporary folder goes (AtomicFiles), and this says so.
		final Runnable sayNothingWasWritten = () -> System.err.println("ERROR: Create Blurred Dataset: interrupted: nothing was written to "
			+ folder.output());
		AtomicFiles.runOnExit(sayNothingWasWritten);
		try {
			final Path temp = folder.createTemp();
			Files.createDirectory(temp.resolve("sharp"));
			Files.createDirectory(temp.resolve("blurred"));
			final GaussianFilter filter = GaussianFilter.forWindow(parameters.kernel, parameters.sigma);
			final Random random = new Random(parameters.seed);
			final List<DatasetParameters.Tile> tiles = new ArrayList<>();
			int skipped = 0;
			final int size = parameters.size;
			final List<ImageSources.Source> list = sources.sources();
			for (int s = 0; s < list.size(); s++) {
				final ImageSources.Source source = list.get(s);
				monitor.progress(s, list.size(), "Create Blurred Dataset: " + source.name());
				monitor.checkCanceled();
				final ImagePlus image = source.open();
				final ImageStack stack = image.getStack();
				for (int slice = 1; slice <= stack.getSize(); slice++) {
					monitor.checkCanceled();
					final String name = stack.getSize() == 1 ? source.name() : source.name() + " slice " + slice;
					final int width = stack.getWidth(), height = stack.getHeight();
					if (width < size || height < size) {
						skipped++;
						warnings.accept("Create Blurred Dataset: skipped " + name + ": " + width + "×" + height + " is smaller than " + size + "×" + size);
						continue;
					}
					// One channel at a time, so an image costs 3 doubles a pixel (sharp, blurred, the
					// filter's scratch) whatever its channels; the tiles' bytes are collected meanwhile.
					final ImageProcessor ip = stack.getProcessor(slice);
					if (ip.getBitDepth() == 32) FiniteValues.require((float[]) ip.getPixels(), width, "input " + source.name(), stack.getSize() == 1 ? 0 : slice);
					final int channels = parameters.channels();
					final int[] xs = tileStarts(width, size), ys = tileStarts(height, size);
					final int[][][] sharpBytes = new int[xs.length * ys.length][channels][], blurredBytes = new int[xs.length * ys.length][channels][];
					final double[] blurred = new double[width * height];
					for (int c = 0; c < channels; c++) {
						final double[] sharp = unitChannel(ip, c, parameters.grayscale);
						filter.filter(sharp, width, height, blurred);
						for (int t = 0; t < sharpBytes.length; t++) {
							final int x = xs[t % xs.length], y = ys[t / xs.length];
							sharpBytes[t][c] = crop(sharp, width, x, y, size, null, 0);
							blurredBytes[t][c] = crop(blurred, width, x, y, size, random, parameters.noise);
						}
					}
					for (int t = 0; t < sharpBytes.length; t++) {
						final DatasetParameters.Tile tile = new DatasetParameters.Tile(tiles.size() + 1, source.name(), slice, xs[t % xs.length], ys[t / xs.length]);
						write(temp.resolve(tile.sharp()), processor(sharpBytes[t], size));
						write(temp.resolve(tile.blurred()), processor(blurredBytes[t], size));
						tiles.add(tile);
					}
				}
			}
			UserInputException.require(!tiles.isEmpty(), "No image of " + sources + " is at least " + size + "×" + size + " pixels: no pair made (" +
				skipped + " skipped; use a smaller size)");
			monitor.checkCanceled();
			final DatasetParameters dataset = parameters.withTiles(tiles, skipped);
			// Last, so that a folder with a dataset.json is a complete dataset.
			Files.write(temp.resolve(DatasetParameters.FILE_NAME), dataset.toJson().getBytes(StandardCharsets.UTF_8));
			folder.commit();
			monitor.progress(list.size(), list.size(), "Create Blurred Dataset: done");
			done = true;
			return new Result(dataset, folder.output());
		}
		finally {
			AtomicFiles.forgetOnExit(sayNothingWasWritten);
			if (!done) folder.discard();
		}
	}

	// -- The steps, public for tests and reuse --

	/**
	 * The Gaussian blur of a plane: separable, weights {@code exp(-t²/2σ²)} at the integer offsets
	 * {@code t = -⌊kernel/2⌋ … +⌊kernel/2⌋} normalized to sum 1 (so an even kernel such as 20 has
	 * 21 taps and the blur stays centred), samples beyond the edge reflected with the edge sample
	 * repeated ({@code d c b a | a b c d | d c b a}). See {@link GaussianFilter#forWindow}.
	 */
	public static double[] blur(final double[] plane, final int width, final int height, final int kernel, final double sigma) {
		final double[] out = new double[plane.length];
		GaussianFilter.forWindow(kernel, sigma).filter(plane, width, height, out);
		return out;
	}

	/**
	 * Where the tiles of a {@code length}-pixel line start: ⌊length/size⌋ tiles side by side, the
	 * grid centred, so the first starts at ⌊(length − tiles·size)/2⌋. Empty if length &lt; size.
	 */
	public static int[] tileStarts(final int length, final int size) {
		final int n = length / size;
		final int first = (length - n * size) / 2;
		final int[] starts = new int[n];
		for (int i = 0; i < n; i++) starts[i] = first + i * size;
		return starts;
	}

	/**
	 * The pixels of one slice on [0, 1], row-major: one plane if {@code grayscale}, else three
	 * (R, G, B; a gray image's plane repeated). See {@link #unitChannel}.
	 */
	public static double[][] unitChannels(final ImageProcessor ip, final boolean grayscale) {
		final double[][] channels = new double[grayscale ? 1 : 3][];
		for (int c = 0; c < channels.length; c++) channels[c] = unitChannel(ip, c, grayscale);
		return channels;
	}

	/**
	 * Channel {@code channel} of one slice on [0, 1], row-major: the gray plane if {@code grayscale}
	 * (RGB by BT.601 luma 0.299 R + 0.587 G + 0.114 B), else R, G or B (a gray image's plane for all
	 * three), by {@link Normalization}: 8-bit and RGB are divided by 255, 16-bit by 65535, 32-bit is
	 * mapped from its own [min, max] to [0, 1] (a constant slice to 0.5); values must be finite
	 * ({@link FiniteValues}). An 8-bit slice with an indexed-color table (a palette, as in GIFs) is taken as RGB; one with a
	 * pseudo-color table that only displays gray data in a color (Image > Lookup Tables: Red, Green, Fire, …) as gray.
	 */
	public static double[] unitChannel(ImageProcessor ip, final int channel, final boolean grayscale) {
		final int n = ip.getWidth() * ip.getHeight();
		final double[] out = new double[n];
		if (ip instanceof ByteProcessor && ip.isColorLut() && !ip.isPseudoColorLut()) ip = ip.convertToRGB();
		if (ip instanceof ColorProcessor) {
			final int[] pixels = (int[]) ip.getPixels();
			final int shift = 16 - 8 * channel;
			for (int i = 0; i < n; i++) {
				final int p = pixels[i];
				if (grayscale) out[i] = (LUMA[0] * ((p >> 16) & 0xff) + LUMA[1] * ((p >> 8) & 0xff) + LUMA[2] * (p & 0xff)) / 255;
				else out[i] = ((p >> shift) & 0xff) / 255.0;
			}
		}
		else {
			final Normalization normalization = Normalization.of(ip);
			for (int i = 0; i < n; i++) out[i] = normalization.toUnit(ip.getf(i));
		}
		return out;
	}

	/** {@code value} on [0, 1] as 0..255: rounded, clipped. */
	public static int toByte(final double value) {
		if (!(value > 0)) return 0;
		if (value >= 1) return 255;
		return (int) Math.round(value * 255);
	}

	// -- Helpers --

	/** The {@code size × size} tile at (x0, y0) of one channel as 0..255, noise added if asked. */
	private static int[] crop(final double[] plane, final int width, final int x0, final int y0, final int size, final Random random, final double noise) {
		final boolean noisy = random != null && noise > 0;
		final int[] bytes = new int[size * size];
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				double v = plane[(y0 + y) * width + x0 + x];
				if (noisy) v += noise * random.nextGaussian();
				bytes[y * size + x] = toByte(v);
			}
		}
		return bytes;
	}

	/** One channel as an 8-bit image, three as RGB. */
	private static ImageProcessor processor(final int[][] bytes, final int size) {
		if (bytes.length == 1) {
			final byte[] pixels = new byte[size * size];
			for (int i = 0; i < pixels.length; i++) pixels[i] = (byte) bytes[0][i];
			return new ByteProcessor(size, size, pixels);
		}
		final int[] pixels = new int[size * size];
		for (int i = 0; i < pixels.length; i++) pixels[i] = 0xff000000 | bytes[0][i] << 16 | bytes[1][i] << 8 | bytes[2][i];
		return new ColorProcessor(size, size, pixels);
	}

	private static void write(final Path file, final ImageProcessor ip) throws IOException {
		ImageFiles.writeTiff(new ImagePlus(file.getFileName().toString(), ip), file, file);
	}
}

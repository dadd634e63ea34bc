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
package io.github.deblurnmf.train;

import io.github.deblurnmf.deblur.Dihedral;
import io.github.deblurnmf.deblur.GaussianPsf;
import io.github.deblurnmf.deblur.PsfFirstStage;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

/**
 * Training pairs cut from photos for the PSF-aware network (issue 9). Photos (JPEG, PNG, in a folder
 * and its subfolders, sorted by path) are read once, made gray (BT.601 luma, on [0, 1]) and kept at half
 * their size (2×2 means). A crop ({@link #crop}):
 * <ol>
 * <li>σ uniform in [σmin, σmax]; the PSF window covers ±4σ, radius {@code m = ceil(4σ)};</li>
 * <li>a photo, drawn with probability ∝ √(its area); a scale uniform in [¼, ½] of the original (or [{@link #minScale}, ½])
 * (area-averaged resampling), raised where the photo is too small for the crop;</li>
 * <li>a square of side {@code size + 2m} at a random place, under a random one of the 8 flips/quarter turns;
 * its centre {@code size × size} is the sharp target, redrawn (up to 20 times) while its standard deviation
 * is below {@value #MIN_STD} (flat sky, walls);</li>
 * <li>the blurred input: the square convolved with the Gaussian (only where the whole PSF lies inside it, so
 * there is no border effect), i.e. exactly the centre; with probability {@code clean} no noise, otherwise
 * Gaussian noise of std uniform in [0, noise]; rounded to 8 bits (values /255, clipped to [0, 1]).</li>
 * </ol>
 * Every draw comes from the {@link Random} given, so a batch is a function of its seed.
 */
public final class PhotoCrops {

	/** Crops flatter than this standard deviation (on [0, 1]) are redrawn. */
	public static final double MIN_STD = 0.02;
	/** The range of scales relative to the original photo; {@link #minScale} can narrow it. */
	public static final double MIN_SCALE = 0.25, MAX_SCALE = 0.5;

	/** One gray photo, binned ({@link #read}: at half size). */
	static final class Photo {

		final String name;
		final float[] pixels;
		final int width, height;

		Photo(final String name, final float[] pixels, final int width, final int height) {
			this.name = name;
			this.pixels = pixels;
			this.width = width;
			this.height = height;
		}
	}

	/** A blurred/sharp pair and its σ. */
	public static final class Pair {

		public final float[] blurred, sharp;
		public final double sigma;

		Pair(final float[] blurred, final float[] sharp, final double sigma) {
			this.blurred = blurred;
			this.sharp = sharp;
			this.sigma = sigma;
		}
	}

	private final List<Photo> photos;
	private final double[] cumulative;
	private final double megapixels;
	private double minScale = MIN_SCALE;

	private PhotoCrops(final List<Photo> photos, final double megapixels) {
		this.photos = photos;
		this.megapixels = megapixels;
		cumulative = new double[photos.size()];
		double sum = 0;
		for (int i = 0; i < photos.size(); i++) cumulative[i] = sum += Math.sqrt((double) photos.get(i).width * photos.get(i).height);
	}

	/** Reads every JPEG and PNG under {@code folder}. */
	public static PhotoCrops read(final Path folder) throws IOException {
		final List<Photo> photos = new ArrayList<>();
		double megapixels = 0;
		for (final Path file : photoFiles(folder)) {
			final BufferedImage image = readImage(file);
			megapixels += image.getWidth() * (double) image.getHeight() / 1e6;
			photos.add(gray(folder.relativize(file).toString(), image, 2));
		}
		return new PhotoCrops(photos, megapixels);
	}

	/**
	 * Every JPEG and PNG under {@code folder} in gray, each pixel the mean of {@code binning × binning} (2 for the
	 * half-size photos that {@link #read} crops from; 1 for the originals).
	 */
	static List<Photo> readGray(final Path folder, final int binning) throws IOException {
		final List<Photo> photos = new ArrayList<>();
		for (final Path file : photoFiles(folder)) photos.add(gray(folder.relativize(file).toString(), readImage(file), binning));
		return photos;
	}

	private static List<Path> photoFiles(final Path folder) throws IOException {
		final List<Path> files;
		try (Stream<Path> walk = Files.walk(folder)) {
			files = walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)
				.matches(".*\\.(jpe?g|png)")).sorted().collect(Collectors.toList());
		}
		if (files.isEmpty()) throw new IOException("No JPEG or PNG photos under " + folder);
		return files;
	}

	private static BufferedImage readImage(final Path file) throws IOException {
		final BufferedImage image = ImageIO.read(file.toFile());
		if (image == null) throw new IOException("Cannot read " + file);
		return image;
	}

	/** Sets the smallest scale of a crop relative to the original photo, in [{@value #MIN_SCALE}, {@value #MAX_SCALE}]. */
	public PhotoCrops minScale(final double scale) {
		if (!(scale >= MIN_SCALE && scale <= MAX_SCALE))
			throw new IllegalArgumentException("minscale must be in [" + MIN_SCALE + ", " + MAX_SCALE + "], got " + scale);
		minScale = scale;
		return this;
	}

	public double minScale() {
		return minScale;
	}

	public int count() {
		return photos.size();
	}

	/** Megapixels of the originals. */
	public double megapixels() {
		return megapixels;
	}

	static Photo gray(final String name, final BufferedImage image, final int binning) {
		final int w = image.getWidth(), h = image.getHeight(), bw = w / binning, bh = h / binning;
		final int area = binning * binning;
		final float[] binned = new float[bw * bh];
		final int[] row = new int[w];
		for (int y = 0; y < binning * bh; y++) {
			image.getRGB(0, y, w, 1, row, 0, w);
			for (int x = 0; x < binning * bw; x++) {
				final int rgb = row[x];
				final double luma = 0.299 * (rgb >> 16 & 255) + 0.587 * (rgb >> 8 & 255) + 0.114 * (rgb & 255);
				binned[x / binning + y / binning * bw] += (float) (luma / 255 / area);
			}
		}
		return new Photo(name, binned, bw, bh);
	}

	/** One training pair of side {@code size}, never noiseless on purpose; see the class comment. */
	public Pair crop(final Random random, final int size, final double sigmaMin, final double sigmaMax, final double noise) {
		return crop(random, size, sigmaMin, sigmaMax, noise, 0);
	}

	/**
	 * One training pair of side {@code size}, noiseless with probability {@code clean}; see the class comment.
	 * With {@code clean = 0} the draws are those of {@link #crop(Random, int, double, double, double)}.
	 */
	public Pair crop(final Random random, final int size, final double sigmaMin, final double sigmaMax, final double noise,
		final double clean)
	{
		final double sigma = sigmaMin + (sigmaMax - sigmaMin) * random.nextDouble();
		final GaussianPsf psf = PsfFirstStage.psf(sigma, 0);
		final int m = psf.radius(), side = size + 2 * m;
		float[] big = null, sharp = null;
		for (int attempt = 0; attempt < 20; attempt++) {
			final Photo photo = pick(random.nextDouble());
			// scale relative to the stored half-size photo: [0.5, 1] for [1/4, 1/2] of the original
			final double low = Math.max(minScale / MAX_SCALE, side / (double) Math.min(photo.width, photo.height));
			final double r = low >= 1 ? 1 : low + (1 - low) * random.nextDouble();
			final double length = Math.min(side / r, Math.min(photo.width, photo.height));
			final double x0 = random.nextDouble() * (photo.width - length), y0 = random.nextDouble() * (photo.height - length);
			big = Dihedral.apply(resample(photo, x0, y0, length, side), 1, side, random.nextInt(Dihedral.COUNT));
			sharp = center(big, side, m, size);
			if (std(sharp) >= MIN_STD) break;
		}
		final double std = clean > 0 && random.nextDouble() < clean ? 0 : noise * random.nextDouble();
		return new Pair(degrade(big, side, psf.weights(), size, std, random), sharp, sigma);
	}

	/**
	 * The blurred input of a pair: the centre {@code size × size} of {@code region} (side {@code side})
	 * convolved with {@code w} from inside {@code region} ({@link #blurValid}), Gaussian noise of std
	 * {@code std} drawn from {@code random} pixel by pixel, rounded to 8 bits.
	 */
	static float[] degrade(final float[] region, final int side, final double[] w, final int size, final double std, final Random random) {
		final float[] blurred = blurValid(region, side, w, size);
		for (int i = 0; i < blurred.length; i++) blurred[i] = quantize(blurred[i] + std * random.nextGaussian());
		return blurred;
	}

	/** {@code value} rounded to 8 bits: {@code round(255·clip(value))/255}. */
	static float quantize(final double value) {
		return (float) (Math.round(Math.min(1, Math.max(0, value)) * 255) / 255.0);
	}

	private Photo pick(final double u) {
		final double target = u * cumulative[cumulative.length - 1];
		int i = 0;
		while (i < cumulative.length - 1 && cumulative[i] <= target) i++;
		return photos.get(i);
	}

	/** The held-out photos as evaluation tiles; see {@link PhotoTraining}. */
	List<Photo> photos() {
		return photos;
	}

	/**
	 * The square {@code [x0, x0 + length)²} of the photo resampled to {@code side × side} by area averaging
	 * (each output pixel the mean of the source area it covers).
	 */
	static float[] resample(final Photo photo, final double x0, final double y0, final double length, final int side) {
		final double step = length / side;
		final int firstRow = (int) Math.floor(y0), lastRow = Math.min(photo.height - 1, (int) Math.ceil(y0 + length));
		final int rows = lastRow - firstRow + 1;
		final float[] across = new float[rows * side];
		final double[][] wx = new double[side][];
		final int[] sx = new int[side];
		for (int o = 0; o < side; o++) weights(x0 + o * step, step, photo.width, o, sx, wx);
		for (int y = 0; y < rows; y++) {
			final int base = (firstRow + y) * photo.width;
			for (int o = 0; o < side; o++) {
				double sum = 0;
				for (int k = 0; k < wx[o].length; k++) sum += wx[o][k] * photo.pixels[base + sx[o] + k];
				across[y * side + o] = (float) sum;
			}
		}
		final float[] out = new float[side * side];
		final double[][] wy = new double[side][];
		final int[] sy = new int[side];
		for (int o = 0; o < side; o++) weights(y0 + o * step, step, photo.height, o, sy, wy);
		for (int o = 0; o < side; o++) {
			for (int x = 0; x < side; x++) {
				double sum = 0;
				for (int k = 0; k < wy[o].length; k++) sum += wy[o][k] * across[(sy[o] - firstRow + k) * side + x];
				out[o * side + x] = (float) sum;
			}
		}
		return out;
	}

	/** Weights of the source samples that the interval {@code [start, start + step)} covers, summing to 1. */
	private static void weights(final double start, final double step, final int length, final int o, final int[] first,
		final double[][] weights)
	{
		final double end = Math.min(length, start + step);
		final int a = Math.max(0, (int) Math.floor(start)), b = Math.min(length - 1, (int) Math.ceil(end) - 1);
		final double[] w = new double[Math.max(1, b - a + 1)];
		double total = 0;
		for (int i = a; i <= b; i++) total += w[i - a] = Math.max(0, Math.min(end, i + 1) - Math.max(start, i));
		if (total <= 0) {
			w[0] = 1;
			total = 1;
		}
		for (int i = 0; i < w.length; i++) w[i] /= total;
		first[o] = a;
		weights[o] = w;
	}

	static float[] center(final float[] big, final int side, final int margin, final int size) {
		final float[] out = new float[size * size];
		for (int y = 0; y < size; y++) System.arraycopy(big, (y + margin) * side + margin, out, y * size, size);
		return out;
	}

	/**
	 * The centre {@code size × size} of {@code big} (side {@code side}) convolved with the separable kernel
	 * {@code w} (radius {@code (side − size)/2}), computed from inside {@code big} only.
	 */
	static float[] blurValid(final float[] big, final int side, final double[] w, final int size) {
		final int m = w.length / 2;
		final float[] rows = new float[side * size];
		for (int y = 0; y < side; y++)
			for (int x = 0; x < size; x++) {
				double sum = 0;
				for (int k = 0; k < w.length; k++) sum += w[k] * big[y * side + x + k];
				rows[y * size + x] = (float) sum;
			}
		final float[] out = new float[size * size];
		for (int y = 0; y < size; y++)
			for (int x = 0; x < size; x++) {
				double sum = 0;
				for (int k = 0; k < w.length; k++) sum += w[k] * rows[(y + k) * size + x];
				out[y * size + x] = (float) sum;
			}
		assert m == (side - size) / 2;
		return out;
	}

	static double std(final float[] values) {
		double sum = 0, squares = 0;
		for (final float v : values) {
			sum += v;
			squares += (double) v * v;
		}
		final double mean = sum / values.length;
		return Math.sqrt(Math.max(0, squares / values.length - mean * mean));
	}
}

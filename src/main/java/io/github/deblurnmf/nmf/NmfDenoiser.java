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
package io.github.deblurnmf.nmf;

import io.github.deblurnmf.task.TaskMonitor;
import io.github.deblurnmf.task.UserInputException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Denoising by low-rank NMF: noise spreads over all directions, a few non-negative parts carry
 * the signal, so W·H at a small rank keeps the signal and drops most of the noise. Three ways to
 * build the matrix A, and an automatic choice between them ({@link Mode}).
 * <p>
 * The rank is chosen without a clean reference by Stein's unbiased estimate of the result's
 * error ("SURE"): for a result f(y) of noisy images y with noise variance σ², the mean squared
 * error against the clean images is about ‖y − f(y)‖²/N − σ² + 2σ²·df/N, where the degrees of
 * freedom df of the fit are, per pixel, r·(1/m + 1/n − r/(mn)) for a rank-r fit of an m × n
 * matrix: for a stack m pixels and n slices; for patches m values per window and n windows, the
 * averaging spreading the fit's r(m + n − r) over about one pixel per window (each pixel is the
 * mean of its windows' projections onto r directions). Too small a rank leaves signal in the residual, too
 * large a rank pays for fitting noise. σ is estimated from the images themselves
 * ({@link #noiseLevel}). The same estimate compares the modes in {@link Mode#AUTO}, and an
 * estimate close to σ² (the input's own error) means the data are not low-rank in that form,
 * which {@link Result#warning} says.
 */
public final class NmfDenoiser {

	/** The ranks tried, up to min(rows, columns) − 1. */
	static final int[] CANDIDATES = { 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128 };
	/** The sweep stops after the estimated error rose for this many candidates in a row. */
	private static final int PATIENCE = 2;
	/**
	 * The sweep fits at most this many columns (slices, or the patches of whole slices), a sample
	 * of them beyond; with all columns, the best candidate's fit is the result.
	 */
	static final int MAX_SWEEP_COLUMNS = 10_000;
	/** Stack sweeps of at most this many slices skip the ranks that cannot win ({@link Layout#residualBounds}). */
	static final int BOUNDED_IMAGES = 256;
	/** The patch side of the patch modes, in pixels. */
	public static final int DEFAULT_PATCH = 6;
	/** Patch modes use at most this many windows (the stride grows beyond). */
	static final long MAX_PATCHES = 100_000;
	/** An estimated gain below this many dB means the model explains too little: the user is warned. */
	static final double LOW_GAIN_DB = 1;

	/** How the images become the columns of A. */
	public enum Mode {
		/** One column per slice: for stacks of one scene (a time-lapse, a z-series). */
		STACK("stack"),
		/** One NMF per image of its overlapping patches. */
		PATCHES("patches"),
		/** One NMF of the overlapping patches of all slices: a patch dictionary shared by the stack. */
		POOLED("pooled"),
		/** Stack or pooled, whichever has the lower estimated error; pooled for one image. */
		AUTO("auto");

		private final String key;

		Mode(final String key) {
			this.key = key;
		}

		public String key() {
			return key;
		}

		public static Mode fromKey(final String key) {
			for (final Mode mode : values()) if (mode.key.equalsIgnoreCase(key.trim())) return mode;
			throw new UserInputException("mode must be auto, stack, pooled or patches, got '" + key + "'");
		}
	}

	/** A denoised stack and how it was made. */
	public static final class Result {

		/** The denoised images, in the input's layout and units. */
		public final float[] values;
		public final Mode mode;
		public final int rank;
		/** The rank sweep of the mode used; null when the rank was given. */
		public final RankSweep sweep;
		/** The noise standard deviation estimated from the input, in its units. */
		public final double noise;
		/** One line for the user when the data looked not low-rank; null otherwise. */
		public final String warning;

		Result(final float[] values, final Mode mode, final int rank, final RankSweep sweep, final double noise, final String warning) {
			this.values = values;
			this.mode = mode;
			this.rank = rank;
			this.sweep = sweep;
			this.noise = noise;
			this.warning = warning;
		}
	}

	/** The estimated errors of the ranks tried, and the best rank. */
	public static final class RankSweep {

		public final List<Integer> ranks = new ArrayList<>();
		/** The estimated root mean square error of the result against the clean images, in the input's units. */
		public final List<Double> estimated = new ArrayList<>();
		/** The root mean square difference between the result and the noisy input. */
		public final List<Double> fitted = new ArrayList<>();
		/** The noise standard deviation the estimates assume. */
		public final double noise;
		/** The images of the best fit so far. */
		private float[] bestImages;
		/** Whether the sweep fitted all of the data, so that {@link #bestImages} is the result. */
		private boolean complete;

		RankSweep(final double noise) {
			this.noise = noise;
		}

		public int best() {
			return ranks.get(bestIndex());
		}

		public double bestEstimated() {
			return estimated.get(bestIndex());
		}

		private int bestIndex() {
			int best = 0;
			for (int i = 1; i < estimated.size(); i++) if (estimated.get(i) < estimated.get(best)) best = i;
			return best;
		}

		/** {@code rank_sweep.csv}: {@code rank,estimated_rmse,fitted_rmse,noise,chosen}. */
		public List<String> toCsv() {
			final List<String> lines = new ArrayList<>();
			lines.add("rank,estimated_rmse,fitted_rmse,noise,chosen");
			for (int i = 0; i < ranks.size(); i++) {
				lines.add(ranks.get(i) + "," + estimated.get(i) + "," + fitted.get(i) + "," + noise + "," + (i == bestIndex()));
			}
			return lines;
		}
	}

	private NmfDenoiser() {}

	/**
	 * Denoises {@code images} images of {@code channels} × {@code height} × {@code width} values
	 * (flat, x fastest, then y, channel, image). Rank 0 chooses the rank; {@code patch} is the
	 * window side of the patch modes.
	 */
	public static Result denoise(final float[] stack, final int width, final int height, final int channels, final int images,
		final Mode mode, final int rank, final int patch, final NmfOptions options, final TaskMonitor monitor)
	{
		check(width, height, channels, images, mode, rank, patch);
		final int pixels = width * height * channels;
		final double noise = noiseLevel(stack, width, height, channels * images, patch);
		// Pooled first: its best estimate bounds the stack's sweep, which can then skip the ranks that cannot beat it.
		final Mode[] tried = mode != Mode.AUTO ? new Mode[] { mode } : images >= 2 ? new Mode[] { Mode.POOLED, Mode.STACK } : new Mode[] { Mode.POOLED };
		final int parts = tried.length + 1;
		Mode chosen = tried[0];
		RankSweep chosenSweep = null;
		if (rank == 0 || tried.length > 1) {
			for (int t = 0; t < tried.length; t++) {
				final RankSweep sweep = sweepFor(tried[t], stack, width, height, channels, images, patch, noise, options,
					TaskMonitor.part(monitor, t, parts), rank, chosenSweep == null ? Double.POSITIVE_INFINITY : chosenSweep.bestEstimated());
				if (sweep.ranks.isEmpty()) continue; // every rank bounded out
				if (chosenSweep == null || sweep.bestEstimated() < chosenSweep.bestEstimated()) {
					chosen = tried[t];
					chosenSweep = sweep;
				}
			}
		}
		final int used = rank > 0 ? rank : chosenSweep.best();
		final TaskMonitor last = TaskMonitor.part(monitor, parts - 1, parts);
		final float[] out;
		if (chosenSweep != null && chosenSweep.complete && chosen != Mode.PATCHES) {
			out = chosenSweep.bestImages;
			last.progress(1, 1, "NMF Denoise: rank " + used);
		}
		else if (chosen == Mode.STACK) {
			out = Layout.stack(pixels, images).images(Nmf.factorize(stackMatrix(stack, pixels, images), options.copy().rank(used), last).reconstruction());
		}
		else if (chosen == Mode.POOLED) {
			final Layout layout = Layout.patches(width, height, channels, images, patch, pooledStride(width, height, patch, images));
			out = layout.images(Nmf.factorize(layout.matrix(stack), options.copy().rank(used), last).reconstruction());
		}
		else {
			out = new float[stack.length];
			final Layout layout = Layout.patches(width, height, channels, 1, patch, stride(width, height, patch, MAX_PATCHES));
			for (int n = 0; n < images; n++) {
				final INDArray a = layout.matrix(Arrays.copyOfRange(stack, n * pixels, (n + 1) * pixels));
				System.arraycopy(layout.images(Nmf.factorize(a, options.copy().rank(used), TaskMonitor.part(last, n, images)).reconstruction()),
					0, out, n * pixels, pixels);
			}
		}
		return new Result(out, chosen, used, rank > 0 ? null : chosenSweep, noise, warning(chosen, chosenSweep, noise, patch));
	}

	/** The one-line warning when the estimated gain over the input is below {@link #LOW_GAIN_DB}; null otherwise. */
	private static String warning(final Mode mode, final RankSweep sweep, final double noise, final int patch) {
		if (sweep == null || !(noise > 0)) return null;
		final double estimated = Math.max(sweep.bestEstimated(), 1e-12 * noise);
		final double gain = 20 * Math.log10(noise / estimated);
		if (gain >= LOW_GAIN_DB) return null;
		return String.format(Locale.ROOT, "these images are not low-rank %s: the estimated gain is %.1f dB (noise about %.3g, estimated error %.3g),"
			+ " so the result may be no cleaner than the input; %s", mode == Mode.STACK ? "as a stack" : "in " + patch + "×" + patch + " patches",
			gain, noise, estimated, mode == Mode.STACK ? "try mode=pooled" : "try a smaller patch, or mode=stack for a stack of one scene");
	}

	/** Throws {@link UserInputException} unless {@link #denoise} can run with these settings. */
	public static void check(final long width, final long height, final long channels, final long images, final Mode mode, final int rank,
		final int patch)
	{
		UserInputException.require(rank >= 0, "rank must be 0 (automatic) or more, got " + rank);
		UserInputException.require(mode != Mode.STACK || images >= 2,
			"Stack mode needs a stack of at least 2 images; for a single image use mode=patches");
		if (mode != Mode.STACK) {
			UserInputException.require(patch >= 2, "patch must be at least 2, got " + patch);
			UserInputException.require(patch <= width && patch <= height,
				String.format(Locale.ROOT, "patch %d is larger than the image (%d×%d)", patch, width, height));
		}
		if (rank == 0) return;
		if (mode == Mode.STACK || mode == Mode.AUTO && images >= 2) Nmf.checkRank(rank, width * height * channels, images);
		if (mode != Mode.STACK) Nmf.checkRank(rank, (long) patch * patch * channels, Long.MAX_VALUE);
	}

	/** Chooses the rank of a stack matrix {@code a} (pixels × images) with noise of standard deviation {@code noise}. */
	public static RankSweep chooseRank(final INDArray a, final double noise, final NmfOptions options, final TaskMonitor monitor) {
		final INDArray sample = sampleColumns(a, MAX_SWEEP_COLUMNS, options.seed);
		return sweep(Layout.stack((int) sample.rows(), (int) sample.columns()), columnMajor(sample), noise, options, monitor, 0,
			Double.POSITIVE_INFINITY);
	}

	/**
	 * The rank sweep of one mode. Stack: a sample of at most {@link #MAX_SWEEP_COLUMNS} slices.
	 * Pooled: evenly spaced slices whose patches, at the stride of the final fit, make at most that
	 * many columns. Patches: the first image. {@code bound}: the best estimate of another mode.
	 */
	private static RankSweep sweepFor(final Mode mode, final float[] stack, final int width, final int height, final int channels,
		final int images, final int patch, final double noise, final NmfOptions options, final TaskMonitor monitor, final int onlyRank,
		final double bound)
	{
		final int pixels = width * height * channels;
		if (mode == Mode.STACK) {
			final INDArray sample = sampleColumns(stackMatrix(stack, pixels, images), MAX_SWEEP_COLUMNS, options.seed);
			final RankSweep sweep = sweep(Layout.stack(pixels, (int) sample.columns()), columnMajor(sample), noise, options, monitor, onlyRank,
				bound);
			sweep.complete = sample.columns() == images;
			return sweep;
		}
		final int stride = mode == Mode.POOLED ? pooledStride(width, height, patch, images) : stride(width, height, patch, MAX_PATCHES);
		final long perImage = (long) positions(width, patch, stride).length * positions(height, patch, stride).length;
		final int count = mode == Mode.POOLED ? (int) Math.max(1, Math.min(images, MAX_SWEEP_COLUMNS / perImage)) : 1;
		final float[] sample = new float[count * pixels];
		for (int i = 0; i < count; i++) System.arraycopy(stack, (int) ((long) i * images / count) * pixels, sample, i * pixels, pixels);
		final RankSweep sweep = sweep(Layout.patches(width, height, channels, count, patch, stride), sample, noise, options, monitor, onlyRank,
			bound);
		sweep.complete = count == images;
		return sweep;
	}

	/**
	 * How images become the matrix A, how W·H becomes images again, and the degrees of freedom
	 * per pixel of a rank-r fit (see the class comment).
	 */
	abstract static class Layout {

		abstract INDArray matrix(float[] images);

		abstract float[] images(INDArray matrix);

		abstract double degreesOfFreedom(int rank);

		/**
		 * Lower bounds of the residual ‖y − f(y)‖² of a rank-r fit for r = 0, 1, …, or null for
		 * none: for a stack the sum of the squared singular values of A beyond the r-th (no
		 * rank-r matrix fits A closer, Eckart–Young); for patches none, since the averaging of
		 * the windows changes the residual.
		 */
		double[] residualBounds(final float[] values) {
			return null;
		}

		static Layout stack(final int pixels, final int images) {
			return new Layout() {
				@Override
				double[] residualBounds(final float[] values) {
					// From the eigenvalues of AᵀA (images × images), for a stack of at most BOUNDED_IMAGES slices.
					if (images > BOUNDED_IMAGES || images > pixels) return null;
					final double[] gram = DenseMatrix.dots((c, from, length, to) -> System.arraycopy(values, c * pixels + from, to, 0, length),
						images, null, images, pixels);
					final double[] eigen = new SymmetricEigen(gram, images).values;
					final double[] tail = new double[images + 1];
					for (int r = images - 1; r >= 0; r--) tail[r] = tail[r + 1] + Math.max(0, eigen[r]);
					return tail;
				}

				@Override
				INDArray matrix(final float[] values) {
					return Nd4j.create(values, new long[] { pixels, images }, 'f');
				}

				@Override
				float[] images(final INDArray matrix) {
					return columnMajor(matrix);
				}

				@Override
				double degreesOfFreedom(final int rank) {
					return rank * (1.0 / pixels + 1.0 / images - (double) rank / pixels / images);
				}
			};
		}

		static Layout patches(final int width, final int height, final int channels, final int images, final int patch, final int stride) {
			return new Layout() {
				@Override
				INDArray matrix(final float[] values) {
					return patchesOfAll(values, width, height, channels, images, patch, stride);
				}

				@Override
				float[] images(final INDArray matrix) {
					return averagePatchesOfAll(matrix, width, height, channels, images, patch, stride);
				}

				@Override
				double degreesOfFreedom(final int rank) {
					// Those of a rank-r fit of the m × n patch matrix, r(m + n − r), spread over the n
					// windows' pixels (about one pixel per window) by the averaging.
					final double m = patch * patch * channels, n = (double) positions(width, patch, stride).length * positions(height, patch, stride).length * images;
					return rank * (1 / m + 1 / n - rank / (m * n));
				}
			};
		}
	}

	/**
	 * Fits every candidate rank (or {@code onlyRank} alone when positive) to {@code values} laid
	 * out by {@code layout}, each estimated by SURE with noise of standard deviation {@code noise}.
	 * Where the layout bounds the residual, ranks whose estimate cannot beat {@code bound} (another
	 * mode's best) or the sweep's best so far are not fitted.
	 */
	static RankSweep sweep(final Layout layout, final float[] values, final double noise, final NmfOptions options, final TaskMonitor monitor,
		final int onlyRank, final double bound)
	{
		final INDArray a = layout.matrix(values);
		final int maxRank = (int) Math.max(1, Math.min(a.rows(), a.columns()) - 1);
		final List<Integer> ranks = new ArrayList<>();
		if (onlyRank > 0) ranks.add(onlyRank);
		else for (final int rank : CANDIDATES) if (rank <= maxRank) ranks.add(rank);
		if (ranks.isEmpty()) ranks.add(1);
		final double variance = noise * noise;
		final RankSweep sweep = new RankSweep(noise);
		final double[] bounds = layout.residualBounds(values);
		int rising = 0;
		for (int c = 0; c < ranks.size(); c++) {
			final int rank = ranks.get(c);
			if (bounds != null) {
				// Skip the ranks whose estimate cannot beat the best one so far (this sweep's or
				// {@code bound}); stop when no rank left can.
				final double best = Math.min(bound, sweep.ranks.isEmpty() ? Double.POSITIVE_INFINITY : sweep.bestEstimated());
				boolean hopeful = false;
				for (int d = c; d < ranks.size() && !hopeful; d++) {
					final int r = ranks.get(d);
					hopeful = risk(bounds[r] / values.length, variance, layout.degreesOfFreedom(r)) < best * (1 - 1e-9);
				}
				if (!hopeful) break;
				if (!(risk(bounds[rank] / values.length, variance, layout.degreesOfFreedom(rank)) < best * (1 - 1e-9))) continue;
			}
			monitor.progress(c, ranks.size(), "Choosing the rank: trying " + rank);
			final float[] fitted = layout.images(Nmf.factorize(a, options.copy().rank(rank), TaskMonitor.part(monitor, c, ranks.size())).reconstruction());
			double residual = 0;
			for (int i = 0; i < values.length; i++) residual += (double) (fitted[i] - values[i]) * (fitted[i] - values[i]);
			residual /= values.length;
			sweep.ranks.add(rank);
			sweep.estimated.add(risk(residual, variance, layout.degreesOfFreedom(rank)));
			sweep.fitted.add(Math.sqrt(residual));
			if (sweep.bestIndex() == sweep.ranks.size() - 1) sweep.bestImages = fitted;
			final int last = sweep.estimated.size() - 1;
			rising = last > 0 && sweep.estimated.get(last) > sweep.estimated.get(last - 1) ? rising + 1 : 0;
			if (rising >= PATIENCE) break;
		}
		return sweep;
	}

	/** SURE as a root mean square error: √max(0, residual − σ² + 2σ²·df), all per pixel. */
	private static double risk(final double residual, final double variance, final double degreesOfFreedom) {
		return Math.sqrt(Math.max(0, residual - variance + 2 * variance * degreesOfFreedom));
	}

	private static float[] columnMajor(final INDArray x) {
		return values(x, 'f');
	}

	/** The values of a float matrix in {@code order}, copied in bulk. */
	private static float[] values(final INDArray x, final char order) {
		final INDArray c = x.castTo(DataType.FLOAT).dup(order);
		final float[] out = new float[(int) c.length()];
		c.data().asNioFloat().get(out);
		return out;
	}

	/**
	 * The standard deviation of additive noise in {@code count} planes of width × height: the
	 * square root of the smallest eigenvalue of the covariance of all their p × p windows, p the
	 * patch side clamped to 3…6 (within the image). Image structure hardly reaches that direction,
	 * white noise reaches every direction alike (Liu, Tanaka and Okutomi 2013 refine the same idea).
	 * 0 for planes smaller than 3 × 3.
	 */
	public static double noiseLevel(final float[] planes, final int width, final int height, final int count, final int patch) {
		final int p = Math.min(Math.min(6, Math.max(3, patch)), Math.min(width, height));
		if (p < 3) return 0;
		final int dim = p * p;
		final int stride = stride(width, height, p, Math.max(1, MAX_PATCHES / count));
		final double[] sum = new double[dim], cross = new double[dim * dim];
		final double[] window = new double[dim];
		long windows = 0;
		final int[] xs = positions(width, p, stride), ys = positions(height, p, stride);
		for (int plane = 0; plane < count; plane++) {
			final int off = plane * width * height;
			for (final int y0 : ys) {
				for (final int x0 : xs) {
					for (int y = 0; y < p; y++) for (int x = 0; x < p; x++) window[y * p + x] = planes[off + (y0 + y) * width + x0 + x];
					for (int i = 0; i < dim; i++) {
						sum[i] += window[i];
						for (int j = i; j < dim; j++) cross[i * dim + j] += window[i] * window[j];
					}
					windows++;
				}
			}
		}
		if (windows < 2) return 0;
		final double[] covariance = new double[dim * dim];
		for (int i = 0; i < dim; i++) {
			for (int j = i; j < dim; j++) {
				final double c = (cross[i * dim + j] - sum[i] * sum[j] / windows) / (windows - 1);
				covariance[i * dim + j] = c;
				covariance[j * dim + i] = c;
			}
		}
		final double[] eigenvalues = new SymmetricEigen(covariance, dim).values;
		return Math.sqrt(Math.max(0, eigenvalues[dim - 1]));
	}

	private static INDArray stackMatrix(final float[] stack, final int pixels, final int images) {
		return Nd4j.create(stack, new long[] { pixels, images }, 'f');
	}

	/** The stride of pooled patches: at most {@link #MAX_PATCHES} windows over all slices. */
	private static int pooledStride(final int width, final int height, final int patch, final int images) {
		return stride(width, height, patch, Math.max(1, MAX_PATCHES / images));
	}

	/** {@link #patches} of every image side by side: image n's windows after those of image n − 1. */
	static INDArray patchesOfAll(final float[] stack, final int width, final int height, final int channels, final int images,
		final int patch, final int stride)
	{
		checkPatch(width, height, patch, stride);
		final int pixels = width * height * channels, rows = patch * patch * channels;
		final int perImage = positions(width, patch, stride).length * positions(height, patch, stride).length;
		final float[] values = new float[rows * perImage * images];
		for (int n = 0; n < images; n++) cutPatches(stack, n * pixels, width, height, channels, patch, stride, values, n * rows * perImage);
		return Nd4j.create(values, new long[] { rows, (long) perImage * images }, 'f');
	}

	/** The inverse of {@link #patchesOfAll}: every pixel the mean of the windows that cover it. */
	static float[] averagePatchesOfAll(final INDArray matrix, final int width, final int height, final int channels, final int images,
		final int patch, final int stride)
	{
		checkPatch(width, height, patch, stride);
		final int pixels = width * height * channels, rows = patch * patch * channels;
		final int perImage = (int) (matrix.columns() / images);
		final float[] values = columnMajor(matrix), out = new float[pixels * images];
		for (int n = 0; n < images; n++) averageInto(values, n * rows * perImage, width, height, channels, patch, stride, out, n * pixels);
		return out;
	}

	/** At most {@code max} columns of {@code a}, chosen at random with {@code seed} and kept in order. */
	static INDArray sampleColumns(final INDArray a, final int max, final long seed) {
		if (a.columns() <= max) return a;
		final int n = (int) a.columns();
		final int[] order = new int[n];
		for (int i = 0; i < n; i++) order[i] = i;
		final SplittableRandom random = new SplittableRandom(seed);
		for (int i = 0; i < max; i++) { // partial Fisher–Yates
			final int j = i + random.nextInt(n - i);
			final int t = order[i];
			order[i] = order[j];
			order[j] = t;
		}
		final int[] chosen = java.util.Arrays.copyOf(order, max);
		java.util.Arrays.sort(chosen);
		return a.getColumns(chosen);
	}

	/**
	 * All {@code patch}×{@code patch} windows of a (width × height × channels) image, one column
	 * each (x fastest, then y, then channel), at a step of {@code stride}; the last row and column
	 * of windows always touch the image border so that every pixel is covered.
	 */
	public static INDArray patches(final float[] image, final int width, final int height, final int channels, final int patch, final int stride) {
		return patchesOfAll(image, width, height, channels, 1, patch, stride);
	}

	/** The inverse of {@link #patches}: every pixel becomes the mean of the windows that cover it. */
	public static float[] averagePatches(final INDArray patchMatrix, final int width, final int height, final int channels, final int patch, final int stride) {
		return averagePatchesOfAll(patchMatrix, width, height, channels, 1, patch, stride);
	}

	/** The windows of the image at {@code from} in {@code image}, as columns from {@code to} in {@code values}. */
	private static void cutPatches(final float[] image, final int from, final int width, final int height, final int channels, final int patch,
		final int stride, final float[] values, final int to)
	{
		final int[] xs = positions(width, patch, stride), ys = positions(height, patch, stride);
		int r = to;
		for (final int y0 : ys) {
			for (final int x0 : xs) {
				for (int c = 0; c < channels; c++) {
					for (int y = 0; y < patch; y++) {
						System.arraycopy(image, from + (c * height + y0 + y) * width + x0, values, r, patch);
						r += patch;
					}
				}
			}
		}
	}

	/** The mean of the windows (columns from {@code from} in {@code values}) over each pixel, into {@code out} from {@code to}. */
	private static void averageInto(final float[] values, final int from, final int width, final int height, final int channels, final int patch,
		final int stride, final float[] out, final int to)
	{
		final int[] xs = positions(width, patch, stride), ys = positions(height, patch, stride);
		final double[] sum = new double[width * height * channels];
		final int[] count = new int[width * height];
		int r = from;
		for (final int y0 : ys) {
			for (final int x0 : xs) {
				for (int c = 0; c < channels; c++) {
					for (int y = 0; y < patch; y++) {
						final int offset = (c * height + y0 + y) * width + x0;
						for (int x = 0; x < patch; x++) sum[offset + x] += values[r++];
					}
				}
				for (int y = 0; y < patch; y++) for (int x = 0; x < patch; x++) count[(y0 + y) * width + x0 + x]++;
			}
		}
		for (int i = 0; i < sum.length; i++) out[to + i] = (float) (sum[i] / count[i % (width * height)]);
	}

	/**
	 * The step between windows: 1 (every window) unless that gives more than {@code maxColumns}
	 * windows, which bounds memory and time on large images.
	 */
	public static int stride(final int width, final int height, final int patch, final long maxColumns) {
		int stride = 1;
		while ((long) positions(width, patch, stride).length * positions(height, patch, stride).length > maxColumns && stride < patch) stride++;
		return stride;
	}

	private static void checkPatch(final int width, final int height, final int patch, final int stride) {
		UserInputException.require(patch >= 2, "patch must be at least 2, got " + patch);
		UserInputException.require(patch <= width && patch <= height,
			String.format(Locale.ROOT, "patch %d is larger than the image (%d×%d)", patch, width, height));
		UserInputException.require(stride >= 1 && stride <= patch, "stride must be between 1 and the patch size");
	}

	private static int[] positions(final int size, final int patch, final int stride) {
		final int last = size - patch;
		final int count = last / stride + 1 + (last % stride == 0 ? 0 : 1);
		final int[] p = new int[count];
		for (int i = 0; i < count; i++) p[i] = Math.min(i * stride, last);
		return p;
	}
}

package io.github.deblurnmf.nmf;

import io.github.deblurnmf.task.TaskMonitor;
import io.github.deblurnmf.task.UserInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Denoising by low-rank NMF: noise spreads over all directions, a few non-negative parts carry
 * the signal, so W·H at a small rank keeps the signal and drops most of the noise.
 * <p>
 * The rank is chosen without a clean reference by cross-validation on entries: a random tenth
 * of the entries of A is held out, NMF is fitted on the rest (multiplicative updates weighted by
 * the mask), and the rank whose W·H predicts the held-out entries best wins. Too small a rank
 * misses signal, too large a rank fits noise that the held-out entries do not share.
 */
public final class NmfDenoiser {

	/** Fraction of the entries held out to choose the rank. */
	public static final double HELD_OUT = 0.1;
	/** The ranks tried, up to min(pixels, images) − 1. */
	static final int[] CANDIDATES = { 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128 };
	/** The sweep stops after the held-out error rose for this many candidates in a row. */
	private static final int PATIENCE = 2;
	private static final int SWEEP_ITERATIONS = 300;
	/**
	 * The sweep fits at most this many columns (images or patches), a seeded random sample of
	 * them: enough to rank the candidates, and it bounds the time on many patches.
	 */
	static final int MAX_SWEEP_COLUMNS = 4000;

	private NmfDenoiser() {}

	/** The held-out errors of the ranks tried, and the best rank. */
	public static final class RankSweep {

		public final List<Integer> ranks = new ArrayList<>();
		/** Root mean square error on the held-out entries, in the units of A. */
		public final List<Double> heldOut = new ArrayList<>();
		/** Root mean square error on the entries fitted. */
		public final List<Double> fitted = new ArrayList<>();

		public int best() {
			int best = 0;
			for (int i = 1; i < heldOut.size(); i++) if (heldOut.get(i) < heldOut.get(best)) best = i;
			return ranks.get(best);
		}

		/** {@code rank_sweep.csv}: {@code rank,heldout_rmse,fitted_rmse,chosen}. */
		public List<String> toCsv() {
			final List<String> lines = new ArrayList<>();
			lines.add("rank,heldout_rmse,fitted_rmse,chosen");
			for (int i = 0; i < ranks.size(); i++) {
				lines.add(ranks.get(i) + "," + heldOut.get(i) + "," + fitted.get(i) + "," + (ranks.get(i) == best()));
			}
			return lines;
		}
	}

	/** Chooses the rank of {@code a} (pixels × images) by held-out entries; see the class comment. */
	public static RankSweep chooseRank(final INDArray a, final NmfOptions options, final TaskMonitor monitor) {
		final Nmf.Matrix matrix = Nmf.Matrix.of(sampleColumns(a, MAX_SWEEP_COLUMNS, options.seed));
		final int m = matrix.m, n = matrix.n;
		final int maxRank = Math.max(1, Math.min(m, n) - 1);
		final SplittableRandom random = new SplittableRandom(options.seed);
		final float[] maskValues = new float[m * n];
		for (int i = 0; i < maskValues.length; i++) maskValues[i] = random.nextDouble() < HELD_OUT ? 0 : 1;
		final INDArray mask = Nd4j.create(maskValues, new long[] { m, n }, 'f');
		final INDArray heldOutMask = mask.rsub(1.0);
		final double observed = mask.sumNumber().doubleValue(), heldOut = Math.max(1, m * (double) n - observed);
		final INDArray x = matrix.a.mul(mask);
		final double meanObserved = x.sumNumber().doubleValue() / observed;

		final RankSweep sweep = new RankSweep();
		int candidates = 0;
		for (final int rank : CANDIDATES) if (rank <= maxRank) candidates++;
		int rising = 0;
		for (int c = 0; c < candidates; c++) {
			final int rank = CANDIDATES[c];
			monitor.progress(c, candidates, "Choosing the rank: trying " + rank);
			final NmfOptions o = options.copy().rank(rank).init(NmfInit.RANDOM);
			final NmfInitializer init = NmfInitializer.random(m, n, meanObserved, o);
			final INDArray w = Nd4j.create(init.w, new long[] { m, rank }, 'f');
			final INDArray h = Nd4j.create(init.h, new long[] { rank, n }, 'c').dup('f');
			// Preallocated operands: small problems are dominated by ND4J's per-allocation cost.
			final INDArray wh = Nd4j.createUninitialized(DataType.FLOAT, new long[] { m, n }, 'f');
			final INDArray numH = Nd4j.createUninitialized(DataType.FLOAT, new long[] { rank, n }, 'f'), denH = numH.ulike();
			final INDArray numW = Nd4j.createUninitialized(DataType.FLOAT, new long[] { m, rank }, 'f'), denW = numW.ulike();
			for (int it = 0; it < Math.min(SWEEP_ITERATIONS, Math.max(1, options.iterations)); it++) {
				monitor.checkCanceled();
				// Multiplicative updates of ‖M ∘ (A − WH)‖²: H ← H ∘ Wᵀ(M∘A) / (Wᵀ(M∘WH) + δ), then W alike.
				Nd4j.gemm(w, h, wh, false, false, 1.0, 0.0).muli(mask);
				Nd4j.gemm(w, x, numH, true, false, 1.0, 0.0);
				Nd4j.gemm(w, wh, denH, true, false, 1.0, 0.0).addi(options.delta);
				h.muli(numH).divi(denH);
				Nd4j.gemm(w, h, wh, false, false, 1.0, 0.0).muli(mask);
				Nd4j.gemm(x, h, numW, false, true, 1.0, 0.0);
				Nd4j.gemm(wh, h, denW, false, true, 1.0, 0.0).addi(options.delta);
				w.muli(numW).divi(denW);
			}
			final INDArray residual = matrix.a.sub(w.mmul(h));
			sweep.ranks.add(rank);
			sweep.heldOut.add(residual.mul(heldOutMask).norm2Number().doubleValue() / Math.sqrt(heldOut));
			sweep.fitted.add(residual.muli(mask).norm2Number().doubleValue() / Math.sqrt(observed));
			final int last = sweep.heldOut.size() - 1;
			rising = last > 0 && sweep.heldOut.get(last) > sweep.heldOut.get(last - 1) ? rising + 1 : 0;
			if (rising >= PATIENCE) break;
		}
		return sweep;
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
		checkPatch(width, height, patch, stride);
		final int[] xs = positions(width, patch, stride), ys = positions(height, patch, stride);
		final int rows = patch * patch * channels;
		final float[] values = new float[rows * xs.length * ys.length];
		int column = 0;
		for (final int y0 : ys) {
			for (final int x0 : xs) {
				int r = column++ * rows;
				for (int c = 0; c < channels; c++) {
					for (int y = 0; y < patch; y++) {
						System.arraycopy(image, (c * height + y0 + y) * width + x0, values, r, patch);
						r += patch;
					}
				}
			}
		}
		return Nd4j.create(values, new long[] { rows, (long) xs.length * ys.length }, 'f');
	}

	/** The inverse of {@link #patches}: every pixel becomes the mean of the windows that cover it. */
	public static float[] averagePatches(final INDArray patchMatrix, final int width, final int height, final int channels, final int patch, final int stride) {
		checkPatch(width, height, patch, stride);
		final int[] xs = positions(width, patch, stride), ys = positions(height, patch, stride);
		final int rows = patch * patch * channels;
		final float[] values = patchMatrix.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('f').data().asFloat();
		final double[] sum = new double[width * height * channels];
		final int[] count = new int[width * height];
		int column = 0;
		for (final int y0 : ys) {
			for (final int x0 : xs) {
				int r = column++ * rows;
				for (int c = 0; c < channels; c++) {
					for (int y = 0; y < patch; y++) {
						final int offset = (c * height + y0 + y) * width + x0;
						for (int x = 0; x < patch; x++) sum[offset + x] += values[r++];
					}
				}
				for (int y = 0; y < patch; y++) for (int x = 0; x < patch; x++) count[(y0 + y) * width + x0 + x]++;
			}
		}
		final float[] out = new float[sum.length];
		for (int i = 0; i < out.length; i++) out[i] = (float) (sum[i] / count[i % (width * height)]);
		return out;
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

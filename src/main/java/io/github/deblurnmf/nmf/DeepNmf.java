package io.github.deblurnmf.nmf;

import io.github.deblurnmf.task.TaskMonitor;
import io.github.deblurnmf.task.UserInputException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Deep NMF, A ≈ W1·W2···Wk·H with layer sizes d1 > d2 > … > dk (Trigeorgis et al. 2014):
 * greedy layer-wise pretraining (A ≈ W1·H1, H1 ≈ W2·H2, …) with the chosen algorithm, then joint
 * fine-tuning of all factors by multiplicative updates, each factor with the product of the others
 * fixed. The error history covers both phases and always measures ‖A − W1···Wi·Hi‖ against A.
 */
public final class DeepNmf {

	private DeepNmf() {}

	/** Parses {@code "64,32,16"}; throws {@link UserInputException} unless the sizes are positive and decreasing. */
	public static int[] parseLayers(final String text) {
		final String[] parts = text.trim().split("\\s*[,;\\s]\\s*");
		final int[] layers = new int[parts.length];
		for (int i = 0; i < parts.length; i++) {
			try {
				layers[i] = Integer.parseInt(parts[i]);
			}
			catch (final NumberFormatException e) {
				throw new UserInputException("layers must be whole numbers separated by commas, like 64,32,16; got '" + text + "'");
			}
		}
		checkLayers(layers);
		return layers;
	}

	static void checkLayers(final int[] layers) {
		UserInputException.require(layers.length >= 1, "layers is empty");
		for (int i = 0; i < layers.length; i++) {
			UserInputException.require(layers[i] >= 1, "layer sizes must be at least 1: " + Arrays.toString(layers));
			UserInputException.require(i == 0 || layers[i] < layers[i - 1],
				"layer sizes must decrease, like 64,32,16: got " + Arrays.toString(layers));
		}
	}

	public static DeepNmfResult factorize(final INDArray input, final int[] layers, final NmfOptions options, final TaskMonitor monitor) {
		final long start = System.nanoTime();
		checkLayers(layers);
		final Nmf.Matrix matrix = Nmf.Matrix.of(input);
		Nmf.checkRank(layers[0], matrix.m, matrix.n);
		final INDArray a = matrix.a;
		final double normA2 = matrix.norm2, normA = Math.sqrt(normA2);
		final List<ErrorRecord> history = new ArrayList<>();
		final List<INDArray> weights = new ArrayList<>();
		final int stages = layers.length + 1;

		// Pretraining. G = LᵀA and S = LᵀL for L = W1···W(i-1) let the listener measure the chain
		// L·Wi·Hi against A without touching A again.
		Nmf.Matrix x = matrix;
		INDArray g = null, s = null, h = null;
		for (int i = 0; i < layers.length; i++) {
			final NmfOptions layer = options.copy().rank(layers[i]);
			final NmfInitializer init = NmfInitializer.create(x.a, x.mean(), layer);
			final INDArray gi = g, si = s;
			final int rows = x.m, cols = x.n, rank = layers[i];
			final NmfSolver.Listener listener = (iteration, w, hh, error) -> {
				final double frobenius = gi == null ? error
					: chainError(gi, si, Nd4j.create(w, new long[] { rows, rank }, 'f').mmul(Nd4j.create(hh, new long[] { rank, cols }, 'c')), normA2);
				history.add(new ErrorRecord(iteration, frobenius, frobenius / normA, NmfSolver.millisSince(start)));
			};
			final int first = history.isEmpty() ? 0 : history.get(history.size() - 1).iteration + 1;
			new NmfSolver(x.a, x.values, x.norm2, layer, stage(monitor, i, stages)).solve(init.w, init.h, start, first, listener);
			final INDArray w = Nd4j.create(init.w, new long[] { rows, rank }, 'f');
			h = Nd4j.create(init.h, new long[] { rank, cols }, 'c');
			weights.add(w);
			g = g == null ? w.transpose().mmul(a) : w.transpose().mmul(g);
			s = s == null ? w.transpose().mmul(w) : w.transpose().mmul(s).mmul(w);
			if (i + 1 < layers.length) {
				UserInputException.require(h.maxNumber().doubleValue() > 0, "Layer " + (i + 1) + " of deep NMF came out all zero; use smaller layers");
				x = Nmf.Matrix.of(h);
			}
		}
		fineTune(a, normA2, weights, h, options, stage(monitor, layers.length, stages), history, start);
		return new DeepNmfResult(weights, h, history);
	}

	/** Joint multiplicative updates of W1, …, Wk, H; updates {@code weights} and {@code h} in place. */
	private static void fineTune(final INDArray a, final double normA2, final List<INDArray> weights, final INDArray h,
		final NmfOptions options, final TaskMonitor monitor, final List<ErrorRecord> history, final long start)
	{
		final int k = weights.size();
		final double delta = options.delta, normA = Math.sqrt(normA2);
		double error = history.get(history.size() - 1).frobenius;
		int iteration = history.get(history.size() - 1).iteration;
		for (int it = 1; it <= options.iterations; it++) {
			monitor.checkCanceled();
			final INDArray w1 = weights.get(0);
			final INDArray r1 = product(weights, 1, k, h);
			multiply(w1, a.mmul(r1.transpose()), w1.mmul(r1.mmul(r1.transpose())), delta);
			final INDArray g = w1.transpose().mmul(a), s = w1.transpose().mmul(w1);
			for (int i = 1; i < k; i++) {
				final INDArray left = product(weights, 1, i, null); // W2···W(i-1), null for i = 1
				final INDArray r = product(weights, i + 1, k, h);
				final INDArray lg = left == null ? g : left.transpose().mmul(g);
				final INDArray ls = left == null ? s : left.transpose().mmul(s).mmul(left);
				final INDArray wi = weights.get(i);
				multiply(wi, lg.mmul(r.transpose()), ls.mmul(wi).mmul(r.mmul(r.transpose())), delta);
			}
			final INDArray p = product(weights, 1, k, null);
			final INDArray pg = p == null ? g : p.transpose().mmul(g);
			final INDArray ps = p == null ? s : p.transpose().mmul(s).mmul(p);
			multiply(h, pg, ps.mmul(h), delta);

			final double previous = error;
			error = chainError(g, s, p == null ? h : p.mmul(h), normA2);
			history.add(new ErrorRecord(++iteration, error, error / normA, NmfSolver.millisSince(start)));
			monitor.progress(it, options.iterations, String.format(java.util.Locale.ROOT,
				"Deep NMF fine-tuning: iteration %d/%d, relative error %.5f", it, options.iterations, error / normA));
			if (error == 0 || options.tolerance > 0 && previous - error < options.tolerance * previous) break;
		}
	}

	/** x ← x ∘ numerator / (denominator + δ), in place. */
	private static void multiply(final INDArray x, final INDArray numerator, final INDArray denominator, final double delta) {
		x.muli(numerator).divi(denominator.addi(delta));
		Transforms.relu(x, false); // guards against round-off below zero
	}

	/** W_from···W_(to−1)·last (last may be null); null when the product is empty. */
	private static INDArray product(final List<INDArray> weights, final int from, final int to, final INDArray last) {
		INDArray p = null;
		for (int i = from; i < to; i++) p = p == null ? weights.get(i) : p.mmul(weights.get(i));
		if (last != null) p = p == null ? last : p.mmul(last);
		return p;
	}

	/** ‖A − L·M‖_F from G = LᵀA and S = LᵀL: sqrt(‖A‖² − 2⟨G, M⟩ + ⟨S·M, M⟩), sums in double. */
	static double chainError(final INDArray g, final INDArray s, final INDArray m, final double normA2) {
		final double e2 = normA2 - 2 * dot(g, m) + dot(s.mmul(m), m);
		return Math.sqrt(Math.max(e2, 0));
	}

	private static double dot(final INDArray x, final INDArray y) {
		final float[] a = x.dup('c').data().asFloat(), b = y.dup('c').data().asFloat();
		double sum = 0;
		for (int i = 0; i < a.length; i++) sum += (double) a[i] * b[i];
		return sum;
	}

	/** Progress of one of {@code stages} equal stages, mapped onto the whole run. */
	private static TaskMonitor stage(final TaskMonitor monitor, final int stage, final int stages) {
		return new TaskMonitor() {
			@Override
			public void progress(final long done, final long total, final String message) {
				monitor.progress(stage * total + done, stages * total, message);
			}

			@Override
			public boolean isCanceled() {
				return monitor.isCanceled();
			}
		};
	}
}

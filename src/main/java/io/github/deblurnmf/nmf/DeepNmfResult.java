package io.github.deblurnmf.nmf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A ≈ W1·W2···Wk·H. As an {@link NmfResult}, {@link #w()} is the product W1···Wk: the bases of the
 * deepest layer expressed in pixels.
 */
public final class DeepNmfResult extends NmfResult {

	private final List<INDArray> weights;
	private final List<INDArray> layerBases;
	private final List<Integer> phaseStarts;

	DeepNmfResult(final List<INDArray> weights, final INDArray h, final List<ErrorRecord> history, final List<Integer> phaseStarts) {
		this(weights, effectiveBases(weights), h, history, phaseStarts);
	}

	private DeepNmfResult(final List<INDArray> weights, final List<INDArray> layerBases, final INDArray h, final List<ErrorRecord> history,
		final List<Integer> phaseStarts)
	{
		super(layerBases.get(layerBases.size() - 1), h, history);
		this.weights = Collections.unmodifiableList(weights);
		this.layerBases = Collections.unmodifiableList(layerBases);
		this.phaseStarts = Collections.unmodifiableList(new ArrayList<>(phaseStarts));
	}

	/**
	 * Where each phase begins in {@link #history()}: k entries for the pretraining of layers 1…k
	 * (each at that layer's initialization), then one for fine-tuning (at its first iteration;
	 * equal to the history's size when fine-tuning made no step).
	 */
	public List<Integer> phaseStarts() {
		return phaseStarts;
	}

	/** W1, …, Wk (W1 is pixels × d1, Wi is d(i−1) × di). */
	public List<INDArray> weights() {
		return weights;
	}

	/** The effective bases of every layer: W1, W1·W2, …, W1···Wk (pixels × di). */
	public List<INDArray> layerBases() {
		return layerBases;
	}

	private static List<INDArray> effectiveBases(final List<INDArray> weights) {
		final List<INDArray> bases = new ArrayList<>();
		INDArray p = null;
		for (final INDArray w : weights) {
			p = p == null ? w : p.mmul(w);
			bases.add(p);
		}
		return bases;
	}
}

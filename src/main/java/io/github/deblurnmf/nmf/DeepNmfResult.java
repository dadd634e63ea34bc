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

	/**
	 * The updates of all phases: each layer after the first starts with a record of its own number in {@link #history()}, its
	 * initialization, which is no iteration.
	 */
	@Override
	public int iterationsRun() {
		return last().iteration - (weights.size() - 1);
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

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

import io.github.deblurnmf.task.UserInputException;

/** Settings of one factorization; the defaults are those of the NMF Decompose command. */
public final class NmfOptions {

	public int rank = 16;
	public NmfAlgorithm algorithm = NmfAlgorithm.HALS;
	/** At most this many iterations (one iteration updates H, then W). */
	public int iterations = 500;
	/**
	 * Stop once the best objective so far (the Frobenius error, or √(2·(divergence + penalty)))
	 * improved by less than this fraction over the last {@link StoppingRule#WINDOW} = 10
	 * iterations; 0 = never. See {@link StoppingRule}.
	 */
	public double tolerance = 1e-4;
	public NmfInit init = NmfInit.NNDSVD;
	public long seed = 1;
	/** Safe-division δ added to both denominators of the multiplicative updates. */
	public double delta = 1e-9;
	/** The divergence minimized; other than Frobenius only with {@link NmfAlgorithm#MU}. */
	public NmfLoss loss = NmfLoss.FROBENIUS;
	/**
	 * Penalties as in scikit-learn 1.2 with X = A (n_samples = pixels m, n_features = images n):
	 * the objective is D(A‖WH) + n·αW·(ρ‖W‖₁ + ½(1−ρ)‖W‖²_F) + m·αH·(ρ‖H‖₁ + ½(1−ρ)‖H‖²_F), ρ = l1Ratio.
	 * Unlike scikit-learn, alphaH does not default to alphaW ("same"): both default to 0.
	 */
	public double alphaW = 0, alphaH = 0, l1Ratio = 0;

	public NmfOptions rank(final int r) { rank = r; return this; }
	public NmfOptions algorithm(final NmfAlgorithm a) { algorithm = a; return this; }
	public NmfOptions iterations(final int n) { iterations = n; return this; }
	public NmfOptions tolerance(final double t) { tolerance = t; return this; }
	public NmfOptions init(final NmfInit i) { init = i; return this; }
	public NmfOptions seed(final long s) { seed = s; return this; }
	public NmfOptions loss(final NmfLoss l) { loss = l; return this; }
	public NmfOptions alphaW(final double a) { alphaW = a; return this; }
	public NmfOptions alphaH(final double a) { alphaH = a; return this; }
	public NmfOptions l1Ratio(final double r) { l1Ratio = r; return this; }

	/** Throws {@link UserInputException} for settings no solver accepts. */
	public NmfOptions check() {
		UserInputException.require(iterations >= 0, "iterations must not be negative, got " + iterations);
		requireNonNegative("tolerance", tolerance);
		requireNonNegative("alphaw", alphaW);
		requireNonNegative("alphah", alphaH);
		UserInputException.require(!Double.isNaN(l1Ratio), "l1ratio must be a number, got NaN");
		UserInputException.require(l1Ratio >= 0 && l1Ratio <= 1, "l1ratio must be between 0 and 1, got " + l1Ratio);
		UserInputException.require(loss == NmfLoss.FROBENIUS || algorithm == NmfAlgorithm.MU,
			"loss=" + loss.key() + " needs algorithm=mu (hals minimizes the frobenius loss only)");
		return this;
	}

	private static void requireNonNegative(final String key, final double value) {
		UserInputException.require(!Double.isNaN(value), key + " must be a number, got NaN");
		UserInputException.require(value >= 0 && Double.isFinite(value), key + " must be 0 or more, got " + value);
	}

	/**
	 * These settings for data multiplied by {@code s} and factors by √s each, so that the solution
	 * maps onto that of the original data: a β-divergence scales by s^β, an L1 term of a factor by
	 * √s and an L2 term by s, so the L1 weights become l1·s^(β − ½) and the L2 weights l2·s^(β − 1).
	 */
	NmfOptions forDataScaledBy(final double s) {
		final NmfOptions o = copy();
		if (s == 1 || !regularized()) return o;
		final double l1 = l1Ratio * Math.pow(s, loss.beta - 0.5), l2 = (1 - l1Ratio) * Math.pow(s, loss.beta - 1);
		o.alphaW = alphaW * (l1 + l2);
		o.alphaH = alphaH * (l1 + l2);
		o.l1Ratio = l1 + l2 == 0 ? l1Ratio : l1 / (l1 + l2);
		return o;
	}

	/** Whether any penalty term is on. */
	boolean regularized() {
		return alphaW > 0 || alphaH > 0;
	}

	public NmfOptions copy() {
		final NmfOptions o = new NmfOptions();
		o.rank = rank;
		o.algorithm = algorithm;
		o.iterations = iterations;
		o.tolerance = tolerance;
		o.init = init;
		o.seed = seed;
		o.delta = delta;
		o.loss = loss;
		o.alphaW = alphaW;
		o.alphaH = alphaH;
		o.l1Ratio = l1Ratio;
		return o;
	}
}

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

/**
 * The divergence D(A‖WH) that a factorization minimizes: members of the β-divergence family
 * (Févotte and Idier 2011), named as scikit-learn names them.
 */
public enum NmfLoss {
	/** β = 2: ½‖A − WH‖²_F, least squares (Gaussian noise). */
	FROBENIUS("frobenius", 2),
	/** β = 1: the generalized Kullback–Leibler divergence Σ a log(a / wh) − a + wh (Poisson noise, photon counts). */
	KULLBACK_LEIBLER("kullback-leibler", 1),
	/** β = 0: the Itakura–Saito divergence Σ a / wh − log(a / wh) − 1 (multiplicative noise); needs A > 0. */
	ITAKURA_SAITO("itakura-saito", 0);

	private final String key;
	/** The β of the β-divergence. */
	public final double beta;

	NmfLoss(final String key, final double beta) {
		this.key = key;
		this.beta = beta;
	}

	/** The parameter value users type. */
	public String key() {
		return key;
	}

	/**
	 * The exponent of the multiplicative update that makes it a majorization–minimization step, so
	 * that the divergence never increases (Févotte and Idier 2011, table 2): 1/(2 − β) for β < 1,
	 * 1 for 1 ≤ β ≤ 2.
	 */
	double gamma() {
		return beta < 1 ? 1 / (2 - beta) : beta > 2 ? 1 / (beta - 1) : 1;
	}

	public static NmfLoss fromKey(final String key) {
		for (final NmfLoss l : values()) if (key != null && l.key.equalsIgnoreCase(key.trim())) return l;
		throw new UserInputException("loss must be frobenius, kullback-leibler or itakura-saito, got '" + key + "'");
	}
}

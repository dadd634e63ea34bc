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

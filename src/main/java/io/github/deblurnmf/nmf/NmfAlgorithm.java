package io.github.deblurnmf.nmf;

import java.util.Locale;

/** The update rule of a non-negative matrix factorization. */
public enum NmfAlgorithm {
	/** Hierarchical alternating least squares: exact coordinate descent on the columns of W and rows of H. */
	HALS,
	/** Lee–Seung multiplicative updates, as in the seed project. */
	MU;

	/** The parameter value users type: {@code hals} or {@code mu}. */
	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static NmfAlgorithm fromKey(final String key) {
		for (final NmfAlgorithm a : values()) if (a.key().equalsIgnoreCase(key.trim())) return a;
		throw new io.github.deblurnmf.task.UserInputException("Unknown algorithm '" + key + "' (hals or mu)");
	}
}

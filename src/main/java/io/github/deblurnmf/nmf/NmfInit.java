package io.github.deblurnmf.nmf;

import java.util.Locale;

/** How W and H start. */
public enum NmfInit {
	/**
	 * Non-negative double SVD (Boutsidis and Gallopoulos 2008) on a randomized truncated SVD, with
	 * the zeros it leaves filled by small random values below mean(A) / 100 (scikit-learn's
	 * {@code nndsvdar}): multiplicative updates can never move an entry away from zero.
	 */
	NNDSVD,
	/** Uniform random on [0, 1) scaled by sqrt(mean(A) / rank), as in the seed project. */
	RANDOM;

	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static NmfInit fromKey(final String key) {
		for (final NmfInit i : values()) if (i.key().equalsIgnoreCase(key.trim())) return i;
		throw new io.github.deblurnmf.task.UserInputException("Unknown init '" + key + "' (nndsvd or random)");
	}
}

package io.github.deblurnmf.nmf;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a factorization's time went, phase by phase (for the benchmarks; the solvers take
 * {@code null} for none). Each {@link #lap} charges the time since the previous one to a phase.
 */
final class Phases {

	enum Phase {
		/** NNDSVD or random factors, and the β-divergences' least-squares warm start. */
		INIT,
		/** The products with A (the two big ones per iteration; for the β-divergences also W·H and those with R and S). */
		PRODUCTS,
		/** The k × k products of the factors, WᵀW and HHᵀ. */
		GRAMS,
		/** The updates of H and W themselves: HALS sweeps or multiplicative updates. */
		UPDATES,
		/** Extrapolation, its restarts and the copies of the plain iterates. */
		EXTRAPOLATION,
		/** The balancing of the components' scales. */
		BALANCE,
		/** The error (and divergence) of every iteration, the penalties, the stopping rule, progress. */
		ERROR
	}

	private final long[] nanos = new long[Phase.values().length];
	private long last = System.nanoTime();

	/** Starts the clock anew, charging nothing. */
	void restart() {
		last = System.nanoTime();
	}

	void lap(final Phase phase) {
		final long now = System.nanoTime();
		nanos[phase.ordinal()] += now - last;
		last = now;
	}

	/** Milliseconds per phase, in the order of {@link Phase}. */
	Map<Phase, Double> millis() {
		final Map<Phase, Double> out = new LinkedHashMap<>();
		for (final Phase p : Phase.values()) out.put(p, nanos[p.ordinal()] / 1e6);
		return out;
	}
}

package io.github.deblurnmf.nmf;

import java.util.ArrayList;
import java.util.List;

/**
 * The default stopping rule of all NMF solvers: stop once the best objective reached so far has
 * improved by less than {@code tolerance} (a fraction) over the last {@link #WINDOW} iterations.
 * A window, not a single step: HALS with extrapolation restarts when its error rises, and
 * multiplicative updates of the divergences can stall for an iteration, so one step's decrease is
 * noisy, and a one-step rule stops runs while the error is still falling; the best-so-far over a
 * window of ten is not noisy (the figures: README, "Stopping").
 */
final class StoppingRule {

	/** Iterations over which the decrease is measured. */
	static final int WINDOW = 10;

	private final double tolerance;
	private final List<Double> best = new ArrayList<>();

	/** {@code tolerance} ≤ 0 never stops (except at an exact fit). */
	StoppingRule(final double tolerance) {
		this.tolerance = tolerance;
	}

	/** Records the objective of the next iteration (the first call: of the initialization); true to stop now. */
	boolean converged(final double objective) {
		if (objective == 0) return true;
		final double bestSoFar = best.isEmpty() ? objective : Math.min(objective, best.get(best.size() - 1));
		best.add(bestSoFar);
		if (!(tolerance > 0) || best.size() <= WINDOW) return false;
		final double then = best.get(best.size() - 1 - WINDOW);
		return then - bestSoFar < tolerance * then;
	}
}

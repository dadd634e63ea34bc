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

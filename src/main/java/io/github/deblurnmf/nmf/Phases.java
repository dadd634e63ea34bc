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

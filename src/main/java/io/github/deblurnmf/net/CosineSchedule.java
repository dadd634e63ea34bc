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
package io.github.deblurnmf.net;

import org.nd4j.linalg.schedule.ISchedule;

/**
 * Cosine decay of the learning rate over the training steps (iterations) from {@code start} to {@code steps}:
 * {@code final + (initial − final)·(1 + cos(π·t))/2} with {@code t = clamp((step − start)/(steps − start), 0, 1)},
 * then {@code final}. {@code start} is 0 for a run's first schedule; a later one (a new decay set on resume)
 * starts where it was set. With a {@code warmup} of {@code n} steps the rate first rises linearly to {@code initial}
 * over the {@code n} steps after {@code start} ({@code initial·(k + 1)/n} at the k-th), so that a fresh Adam
 * on trained weights does not take full-size steps before its moment estimates settle; the cosine then runs from
 * {@code start + n}. DL4J keeps the
 * step count in the saved network, so a resumed training continues on the same curve. Public only because
 * DL4J writes and reads it in the network's JSON configuration.
 */
public final class CosineSchedule implements ISchedule {

	private static final long serialVersionUID = 1L;

	private double initialValue;
	private double finalValue;
	private long steps;
	private long start;
	private long warmup;

	/** For JSON deserialization. */
	public CosineSchedule() {}

	public CosineSchedule(final double initialValue, final double finalValue, final long steps) {
		this(initialValue, finalValue, 0, steps);
	}

	public CosineSchedule(final double initialValue, final double finalValue, final long start, final long steps) {
		this(initialValue, finalValue, start, steps, 0);
	}

	public CosineSchedule(final double initialValue, final double finalValue, final long start, final long steps, final long warmup) {
		if (!(initialValue > 0) || !(finalValue >= 0) || start < 0 || warmup < 0 || steps <= start + warmup) {
			throw new IllegalArgumentException("cosine schedule needs initial > 0, final >= 0, 0 <= start, warmup >= 0, start + warmup < steps, got "
				+ initialValue + ", " + finalValue + ", " + start + ", " + steps + ", warmup " + warmup);
		}
		this.initialValue = initialValue;
		this.finalValue = finalValue;
		this.start = start;
		this.steps = steps;
		this.warmup = warmup;
	}

	@Override
	public double valueAt(final int iteration, final int epoch) {
		if (iteration >= start && iteration < start + warmup) return initialValue * (iteration - start + 1) / warmup;
		final long from = start + warmup;
		final double t = Math.min(Math.max(iteration - from, 0), steps - from) / (double) (steps - from);
		return finalValue + (initialValue - finalValue) * 0.5 * (1 + Math.cos(Math.PI * t));
	}

	@Override
	public ISchedule clone() {
		return new CosineSchedule(initialValue, finalValue, start, steps, warmup);
	}

	/**
	 * By value, as DL4J's own schedules: DL4J groups layers whose updaters are equal into one block of
	 * updater state, and a restored network must group them as the saved one did (with identity equality,
	 * Adam's state comes back misaligned and the first step after a resume gives NaN).
	 */
	@Override
	public boolean equals(final Object other) {
		if (!(other instanceof CosineSchedule)) return false;
		final CosineSchedule that = (CosineSchedule) other;
		return Double.compare(initialValue, that.initialValue) == 0 && Double.compare(finalValue, that.finalValue) == 0
			&& steps == that.steps && start == that.start && warmup == that.warmup;
	}

	@Override
	public int hashCode() {
		return java.util.Objects.hash(initialValue, finalValue, start, steps, warmup);
	}

	public double getInitialValue() {
		return initialValue;
	}

	public void setInitialValue(final double initialValue) {
		this.initialValue = initialValue;
	}

	public double getFinalValue() {
		return finalValue;
	}

	public void setFinalValue(final double finalValue) {
		this.finalValue = finalValue;
	}

	public long getStart() {
		return start;
	}

	public void setStart(final long start) {
		this.start = start;
	}

	public long getSteps() {
		return steps;
	}

	public void setSteps(final long steps) {
		this.steps = steps;
	}

	public long getWarmup() {
		return warmup;
	}

	public void setWarmup(final long warmup) {
		this.warmup = warmup;
	}
}

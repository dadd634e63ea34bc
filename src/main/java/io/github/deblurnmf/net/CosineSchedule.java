package io.github.deblurnmf.net;

import org.nd4j.linalg.schedule.ISchedule;

/**
 * Cosine decay of the learning rate over the training steps (iterations):
 * {@code final + (initial − final)·(1 + cos(π·min(step, steps)/steps))/2}, then {@code final}. DL4J keeps the
 * step count in the saved network, so a resumed training continues on the same curve. Public only because
 * DL4J writes and reads it in the network's JSON configuration.
 */
public final class CosineSchedule implements ISchedule {

	private static final long serialVersionUID = 1L;

	private double initialValue;
	private double finalValue;
	private long steps;

	/** For JSON deserialization. */
	public CosineSchedule() {}

	public CosineSchedule(final double initialValue, final double finalValue, final long steps) {
		if (!(initialValue > 0) || !(finalValue >= 0) || steps < 1) {
			throw new IllegalArgumentException("cosine schedule needs initial > 0, final >= 0, steps >= 1, got "
				+ initialValue + ", " + finalValue + ", " + steps);
		}
		this.initialValue = initialValue;
		this.finalValue = finalValue;
		this.steps = steps;
	}

	@Override
	public double valueAt(final int iteration, final int epoch) {
		final double t = Math.min(Math.max(iteration, 0), steps) / (double) steps;
		return finalValue + (initialValue - finalValue) * 0.5 * (1 + Math.cos(Math.PI * t));
	}

	@Override
	public ISchedule clone() {
		return new CosineSchedule(initialValue, finalValue, steps);
	}

	/**
	 * By value, as DL4J's own schedules: DL4J groups layers whose updaters are equal into one block of
	 * updater state, and a restored network must group them as the saved one did (with identity equality,
	 * Adam's state came back misaligned and the first step after a resume gave NaN).
	 */
	@Override
	public boolean equals(final Object other) {
		if (!(other instanceof CosineSchedule)) return false;
		final CosineSchedule that = (CosineSchedule) other;
		return Double.compare(initialValue, that.initialValue) == 0 && Double.compare(finalValue, that.finalValue) == 0
			&& steps == that.steps;
	}

	@Override
	public int hashCode() {
		return java.util.Objects.hash(initialValue, finalValue, steps);
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

	public long getSteps() {
		return steps;
	}

	public void setSteps(final long steps) {
		this.steps = steps;
	}
}

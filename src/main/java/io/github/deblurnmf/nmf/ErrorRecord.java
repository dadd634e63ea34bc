package io.github.deblurnmf.nmf;

/**
 * The reconstruction error after one iteration (iteration 0 = the initialization):
 * {@code frobenius} = ‖A − WH‖_F, {@code relative} = that over ‖A‖_F, {@code millis} since the
 * factorization started, initialization included.
 */
public final class ErrorRecord {

	public final int iteration;
	public final double frobenius;
	public final double relative;
	public final double millis;

	public ErrorRecord(final int iteration, final double frobenius, final double relative, final double millis) {
		this.iteration = iteration;
		this.frobenius = frobenius;
		this.relative = relative;
		this.millis = millis;
	}

	/** One line of {@code error.csv}: {@code iteration,frobenius,relative,millis}. */
	public String toCsv() {
		return iteration + "," + frobenius + "," + relative + "," + String.format(java.util.Locale.ROOT, "%.3f", millis);
	}

	public static final String CSV_HEADER = "iteration,frobenius,relative,millis";
}

package io.github.deblurnmf.nmf;

/**
 * The reconstruction error after one iteration (iteration 0 = the initialization):
 * {@code frobenius} = ‖A − WH‖_F, {@code relative} = that over ‖A‖_F, {@code millis} since the
 * factorization started, initialization included, and {@code divergence} = D(A‖WH) of the
 * {@code loss} minimized (for Frobenius ½‖A − WH‖²_F, as scikit-learn's {@code _beta_divergence}).
 */
public final class ErrorRecord {

	public final int iteration;
	public final double frobenius;
	public final double relative;
	public final double millis;
	public final NmfLoss loss;
	public final double divergence;

	public ErrorRecord(final int iteration, final double frobenius, final double relative, final double millis) {
		this(iteration, frobenius, relative, millis, NmfLoss.FROBENIUS, 0.5 * frobenius * frobenius);
	}

	public ErrorRecord(final int iteration, final double frobenius, final double relative, final double millis, final NmfLoss loss,
		final double divergence)
	{
		this.iteration = iteration;
		this.frobenius = frobenius;
		this.relative = relative;
		this.millis = millis;
		this.loss = loss;
		this.divergence = divergence;
	}

	/**
	 * One line of {@code error.csv}: {@code iteration,frobenius,relative,millis,divergence}, all
	 * numbers (the loss is the command's {@code loss} parameter).
	 */
	public String toCsv() {
		return iteration + "," + frobenius + "," + relative + "," + String.format(java.util.Locale.ROOT, "%.3f", millis) + "," + divergence;
	}

	public static final String CSV_HEADER = "iteration,frobenius,relative,millis,divergence";
}

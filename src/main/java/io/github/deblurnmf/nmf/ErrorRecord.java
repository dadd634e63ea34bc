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

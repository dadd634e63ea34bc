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

import java.util.Collections;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A ≈ W·H: the bases W (pixels × rank), the coefficients H (rank × images) and the error history. */
public class NmfResult {

	private final INDArray w, h;
	private final List<ErrorRecord> history;

	public NmfResult(final INDArray w, final INDArray h, final List<ErrorRecord> history) {
		this.w = w;
		this.h = h;
		this.history = Collections.unmodifiableList(history);
	}

	/** W, pixels × rank: column j is basis j. */
	public INDArray w() {
		return w;
	}

	/** H, rank × images: column i holds the weights of image i. */
	public INDArray h() {
		return h;
	}

	/** W·H, pixels × images. */
	public INDArray reconstruction() {
		return w.mmul(h);
	}

	/** The error after every iteration, the initialization first. */
	public List<ErrorRecord> history() {
		return history;
	}

	public ErrorRecord last() {
		return history.get(history.size() - 1);
	}

	/** The iterations run: updates of the factors, not counting the initialization. */
	public int iterationsRun() {
		return last().iteration;
	}

	/**
	 * The same factorization with each basis (column of W) divided by its maximum and its row of H
	 * multiplied by it: W·H is unchanged (up to float rounding), every basis lies on [0, 1] with
	 * maximum 1, and H carries the input's units. NMF fixes W and H only up to such a scaling; this one
	 * lets bases be read and compared alike. An all-zero basis is left as it is.
	 */
	public NmfResult withUnitMaxBases() {
		final INDArray max = columnMaxima(w);
		return new NmfResult(w.divRowVector(max.reshape(1, max.length())), h.mulColumnVector(max.reshape(max.length(), 1)), history);
	}

	/** {@code m} with each column divided by its maximum (an all-zero column as it is): bases for viewing. */
	public static INDArray unitMaxColumns(final INDArray m) {
		final INDArray max = columnMaxima(m);
		return m.divRowVector(max.reshape(1, max.length()));
	}

	/** The maximum of each column of {@code m}, 1 where it is not positive (so that dividing leaves the column). */
	private static INDArray columnMaxima(final INDArray m) {
		final float[] max = m.max(0).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).toFloatVector();
		for (int j = 0; j < max.length; j++) if (!(max[j] > 0)) max[j] = 1;
		return Nd4j.createFromArray(max).castTo(m.dataType());
	}
}

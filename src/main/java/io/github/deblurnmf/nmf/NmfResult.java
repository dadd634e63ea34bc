package io.github.deblurnmf.nmf;

import java.util.Collections;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;

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
}

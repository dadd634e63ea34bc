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

import io.github.deblurnmf.metrics.Ssim;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.shade.jackson.annotation.JsonIgnore;

/**
 * {@link SsimLoss} as a DL4J loss (its SSIM term from {@link Ssim}), for a {@code CnnLossLayer}. That layer hands the loss its activations
 * and labels flattened to 2-D, {@code [N·H·W, C]}, the rows in {@code n, y, x} order (x fastest) for both
 * NCHW and NHWC; this class reshapes them back to images with the plane size set by
 * {@link #setPlaneSize(int, int)} before each fit (the 2-D arrays alone do not tell H and W apart).
 * <p>
 * Per image {@code n}: {@code loss_n = MSE over its H·W·C values + w·(1 − mean over channels of SSIM)}.
 * {@link #computeScore} with {@code average = false} returns {@code Σ_n loss_n} (the layer then divides by
 * N, so the network's score is the mean per-image loss); {@link #computeGradient} returns
 * {@code ∂(Σ_n loss_n)/∂preOutput} (DL4J divides gradients by the minibatch size N). Masks are not
 * supported. Images are processed in parallel on the common fork-join pool.
 * <p>
 * Internal to the network package: public only because DL4J instantiates it from the JSON configuration
 * (fields {@code ssimWeight}, {@code width}, {@code height}).
 */
public final class SsimLossFunction implements ILossFunction {

	private static final long serialVersionUID = 1L;
	private static final ThreadLocal<Ssim> SSIM = ThreadLocal.withInitial(Ssim::new);

	private double ssimWeight;
	private int width;
	private int height;

	/**
	 * The last evaluation that computed a gradient. In a training step DL4J asks the output layer for the
	 * gradient first and then for the score of the same activations; the score is taken from here
	 * instead of evaluating SSIM a second time (a second forward pass costs 13–14 % of an
	 * autoencoder step; docs/performance.md, "What changed", item 1).
	 */
	@JsonIgnore
	private transient volatile Evaluation last;

	/** Activations and labels as evaluated, and the per-image losses they gave. */
	private static final class Evaluation {

		final float[] output, target;
		final double[] losses;

		Evaluation(final float[] output, final float[] target, final double[] losses) {
			this.output = output;
			this.target = target;
			this.losses = losses;
		}

		boolean isOf(final float[] output, final float[] target) {
			return Arrays.equals(this.output, output) && Arrays.equals(this.target, target);
		}
	}

	/** For JSON deserialization. */
	public SsimLossFunction() {}

	public SsimLossFunction(final double ssimWeight) {
		setSsimWeight(ssimWeight);
	}

	public double getSsimWeight() {
		return ssimWeight;
	}

	public void setSsimWeight(final double ssimWeight) {
		if (!(ssimWeight >= 0) || Double.isInfinite(ssimWeight)) {
			throw new IllegalArgumentException("SSIM weight must be finite and >= 0, got " + ssimWeight);
		}
		this.ssimWeight = ssimWeight;
	}

	public int getWidth() {
		return width;
	}

	public int getHeight() {
		return height;
	}

	/** The plane size of the next arrays this loss will see. */
	public void setPlaneSize(final int width, final int height) {
		this.width = width;
		this.height = height;
	}

	@Override
	public double computeScore(final INDArray labels, final INDArray preOutput, final IActivation activationFn,
		final INDArray mask, final boolean average)
	{
		final double[] losses = evaluate(labels, preOutput, activationFn, mask, null);
		double sum = 0;
		for (final double loss : losses)
			sum += loss;
		return average ? sum / losses.length : sum;
	}

	@Override
	public INDArray computeScoreArray(final INDArray labels, final INDArray preOutput, final IActivation activationFn,
		final INDArray mask)
	{
		// One value per row (pixel): each image's loss spread evenly over its H·W rows, so that summing the
		// rows of an image (as CnnLossLayer.computeScoreForExamples does) gives the image's loss.
		final double[] losses = evaluate(labels, preOutput, activationFn, mask, null);
		final int pixels = width * height;
		final double[] rows = new double[losses.length * pixels];
		for (int n = 0; n < losses.length; n++)
			java.util.Arrays.fill(rows, n * pixels, (n + 1) * pixels, losses[n] / pixels);
		return Nd4j.create(rows, new long[] { rows.length, 1 }, 'c').castTo(preOutput.dataType());
	}

	@Override
	public INDArray computeGradient(final INDArray labels, final INDArray preOutput, final IActivation activationFn,
		final INDArray mask)
	{
		final float[] gradient = new float[(int) preOutput.length()];
		evaluate(labels, preOutput, activationFn, mask, gradient);
		return toPreOutputGradient(gradient, preOutput, activationFn);
	}

	@Override
	public Pair<Double, INDArray> computeGradientAndScore(final INDArray labels, final INDArray preOutput,
		final IActivation activationFn, final INDArray mask, final boolean average)
	{
		final float[] gradient = new float[(int) preOutput.length()];
		final double[] losses = evaluate(labels, preOutput, activationFn, mask, gradient);
		double sum = 0;
		for (final double loss : losses)
			sum += loss;
		return new Pair<>(average ? sum / losses.length : sum, toPreOutputGradient(gradient, preOutput, activationFn));
	}

	/** {@code ∂/∂preOutput} from the gradient with respect to the activations, row-major like {@code preOutput}. */
	private static INDArray toPreOutputGradient(final float[] gradient, final INDArray preOutput, final IActivation activationFn) {
		final INDArray dLdOutput = Nd4j.create(gradient, preOutput.shape(), 'c').castTo(preOutput.dataType());
		return activationFn.backprop(preOutput.dup(), dLdOutput).getFirst();
	}

	@Override
	public String name() {
		return "SsimLoss(w=" + ssimWeight + ")";
	}

	@Override
	public String toString() {
		return name();
	}

	/**
	 * The per-image losses of the activations of {@code preOutput} against {@code labels}, both
	 * {@code [N·H·W, C]}; if {@code gradient} is not null, fills it (row-major like the arrays) with
	 * {@code ∂(Σ_n loss_n)/∂output}.
	 */
	private double[] evaluate(final INDArray labels, final INDArray preOutput, final IActivation activationFn,
		final INDArray mask, final float[] gradient)
	{
		if (mask != null) throw new UnsupportedOperationException("SsimLossFunction does not support masks");
		if (preOutput.rank() != 2 || !labels.equalShapes(preOutput)) {
			throw new IllegalStateException("SsimLossFunction expects [N*H*W, C] activations and labels of the same"
				+ " shape, got " + java.util.Arrays.toString(preOutput.shape()) + " and "
				+ java.util.Arrays.toString(labels.shape()));
		}
		final int pixels = width * height;
		final long rows = preOutput.size(0);
		if (pixels <= 0 || rows % pixels != 0) {
			throw new IllegalStateException("SsimLossFunction was set for " + width + "x" + height
				+ " planes, but got " + rows + " pixel rows");
		}
		final int images = (int) (rows / pixels);
		final int channels = (int) preOutput.size(1);
		final INDArray activations = activationFn.getActivation(preOutput.dup(), true);
		// Float arrays (the network's type): converting to double here cost more than the SSIM itself.
		final float[] output = activations.castTo(DataType.FLOAT).dup('c').data().asFloat();
		final float[] target = labels.castTo(DataType.FLOAT).dup('c').data().asFloat();
		final Evaluation previous = last;
		if (gradient == null && previous != null && previous.isOf(output, target)) return previous.losses.clone();
		final double[] losses = new double[images];
		final int values = pixels * channels;
		IntStream.range(0, images).parallel().forEach(n -> {
			final int start = n * values;
			// This image's gradient in double, rounded to float once at the end.
			final double[] imageGradient = gradient == null ? null : new double[values];
			double mse = 0;
			for (int i = 0; i < values; i++) {
				final double d = (double) output[start + i] - target[start + i];
				mse += d * d;
				if (imageGradient != null) imageGradient[i] = 2 * d / values;
			}
			double loss = mse / values;
			if (ssimWeight > 0) {
				final Ssim ssim = SSIM.get();
				final double[] x = new double[pixels];
				final double[] y = new double[pixels];
				final double[] g = imageGradient == null ? null : new double[pixels];
				double ssimSum = 0;
				for (int c = 0; c < channels; c++) {
					for (int p = 0; p < pixels; p++) {
						x[p] = output[start + p * channels + c];
						y[p] = target[start + p * channels + c];
					}
					if (g != null) java.util.Arrays.fill(g, 0);
					ssimSum += ssim.meanAndGradient(x, y, width, height, g, -ssimWeight / channels);
					if (g != null) {
						for (int p = 0; p < pixels; p++)
							imageGradient[p * channels + c] += g[p];
					}
				}
				loss += ssimWeight * (1 - ssimSum / channels);
			}
			if (imageGradient != null) {
				for (int i = 0; i < values; i++)
					gradient[start + i] = (float) imageGradient[i];
			}
			losses[n] = loss;
		});
		last = gradient == null ? null : new Evaluation(output, target, losses.clone());
		return losses;
	}
}

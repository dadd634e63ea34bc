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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;

import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The loss as DL4J's CnnLossLayer sees it: its gradient at the layer's input against SsimLoss's. */
class SsimLossFunctionTest {

	@Test
	void cnnLossLayerGradientMatchesSsimLoss() {
		for (final Architecture architecture : List.of(Architecture.AUTOENCODER, Architecture.UNET)) {
			final int channels = architecture == Architecture.UNET ? 2 : 1;
			final DeblurNetwork network = DeblurNetwork.create(architecture, channels, 1, 1e-3, 0.5, 1);
			final ComputationGraph graph = network.graph();
			final int width = 16;
			final int height = 16;
			final int images = 2;
			final Random random = new Random(7);
			final float[] pre = new float[images * height * width * channels];
			final float[] label = new float[pre.length];
			for (int i = 0; i < pre.length; i++) {
				pre[i] = (float) (random.nextGaussian() * 0.5);
				label[i] = random.nextFloat();
			}
			final IOutputLayer layer = (IOutputLayer) graph.getLayer("loss");
			final boolean nchw = ((org.deeplearning4j.nn.conf.layers.CnnLossLayer) layer.conf().getLayer())
				.getFormat() == org.deeplearning4j.nn.conf.CNN2DFormat.NCHW;
			final long[] shape = nchw ? new long[] { images, channels, height, width } : new long[] { images, height,
				width, channels };
			((SsimLossFunction) ((org.deeplearning4j.nn.conf.layers.CnnLossLayer) layer.conf().getLayer()).getLossFn())
				.setPlaneSize(width, height);
			final LayerWorkspaceMgr workspaces = LayerWorkspaceMgr.noWorkspaces();
			layer.setInput(Nd4j.create(pre, shape, 'c'), workspaces);
			layer.setLabels(Nd4j.create(label, shape, 'c'));
			final INDArray epsilon = layer.backpropGradient(null, workspaces).getSecond();
			assertArrayEquals(shape, epsilon.shape());
			final double score = layer.computeScore(0, true, workspaces);
			final float[] dl4j = epsilon.castTo(DataType.FLOAT).dup('c').data().asFloat();

			// The same by hand, per image and channel plane: sum over images of the per-image loss.
			final boolean sigmoid = architecture == Architecture.AUTOENCODER;
			final SsimLoss ssim = new SsimLoss(1);
			final int pixels = width * height;
			double expectedScore = 0;
			final double[] expected = new double[pre.length];
			for (int n = 0; n < images; n++) {
				double mse = 0;
				double ssimSum = 0;
				for (int c = 0; c < channels; c++) {
					final double[] x = new double[pixels];
					final double[] y = new double[pixels];
					for (int p = 0; p < pixels; p++) {
						final int i = nchw ? (n * channels + c) * pixels + p : (n * pixels + p) * channels + c;
						final double v = pre[i];
						x[p] = sigmoid ? 1 / (1 + Math.exp(-v)) : v;
						y[p] = label[i];
						mse += (x[p] - y[p]) * (x[p] - y[p]);
					}
					final double[] g = new double[pixels];
					ssimSum += ssim.ssimAndGradient(x, y, width, height, g, -0.5 / channels);
					for (int p = 0; p < pixels; p++) {
						final int i = nchw ? (n * channels + c) * pixels + p : (n * pixels + p) * channels + c;
						double d = g[p] + 2 * (x[p] - y[p]) / (pixels * channels);
						if (sigmoid) d *= x[p] * (1 - x[p]);
						expected[i] = d;
					}
				}
				expectedScore += mse / (pixels * channels) + 0.5 * (1 - ssimSum / channels);
			}
			expectedScore /= images;
			assertEquals(expectedScore, score, 1e-5, architecture.toString());
			double maxError = 0;
			double maxValue = 0;
			for (int i = 0; i < expected.length; i++) {
				maxError = Math.max(maxError, Math.abs(expected[i] - dl4j[i]));
				maxValue = Math.max(maxValue, Math.abs(expected[i]));
			}
			assertEquals(0, maxError / maxValue, 1e-4, architecture + ": relative error of the layer's gradient");
		}
	}

	/**
	 * The score right after a gradient of the same activations comes from that evaluation; it must equal
	 * a fresh score, and the score of other activations must not be the remembered one.
	 */
	@Test
	void scoreAfterGradientIsTheScoreOfThoseActivations() {
		final int width = 16, height = 12, images = 3;
		final Random random = new Random(4);
		final float[] a = new float[images * width * height], b = new float[a.length], c = new float[a.length];
		for (int i = 0; i < a.length; i++) {
			a[i] = random.nextFloat();
			b[i] = random.nextFloat();
			c[i] = random.nextFloat();
		}
		final long[] shape = { images * width * height, 1 };
		final INDArray pre = Nd4j.create(a, shape, 'c'), labels = Nd4j.create(b, shape, 'c'), other = Nd4j.create(c, shape, 'c');
		final org.nd4j.linalg.activations.IActivation identity = org.nd4j.linalg.activations.Activation.IDENTITY.getActivationFunction();
		final SsimLossFunction fresh = new SsimLossFunction(0.1), stepped = new SsimLossFunction(0.1);
		fresh.setPlaneSize(width, height);
		stepped.setPlaneSize(width, height);
		final double expected = fresh.computeScore(labels, pre, identity, null, false);
		final double expectedOther = fresh.computeScore(labels, other, identity, null, false);
		stepped.computeGradient(labels, pre, identity, null);
		assertEquals(expected, stepped.computeScore(labels, pre.dup(), identity, null, false), 0, "same activations, new array");
		assertEquals(expectedOther, stepped.computeScore(labels, other, identity, null, false), 0, "other activations");
		stepped.computeGradient(labels, pre, identity, null);
		assertEquals(fresh.computeScore(other, pre, identity, null, false), stepped.computeScore(other, pre, identity, null, false), 0, "other labels");
	}
}

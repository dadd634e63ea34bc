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

import java.util.Collection;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * DL4J's {@link CnnLossLayer} with its score fixed for NHWC. In 1.0.0-M2.1 the layer's gradient
 * ({@code backpropGradient}) reshapes activations by the layer's format, but {@code computeScore} always
 * reshapes as NCHW: an NHWC {@code [N, H, W, C]} array reaches the loss as {@code [N·W·C, H]}, which a loss
 * that looks at whole images (SSIM) cannot use. This layer's runtime implementation reshapes by the
 * format in both, so the loss always receives {@code [N·H·W, C]}, rows in {@code n, y, x} order.
 */
public class ImageLossLayer extends CnnLossLayer {

	private static final long serialVersionUID = 1L;

	/** For JSON deserialization. */
	public ImageLossLayer() {}

	public ImageLossLayer(final ILossFunction loss, final IActivation activation, final CNN2DFormat format) {
		setLossFn(loss);
		setActivationFn(activation);
		setFormat(format);
	}

	@Override
	public Layer instantiate(final NeuralNetConfiguration conf, final Collection<TrainingListener> listeners,
		final int layerIndex, final INDArray layerParamsView, final boolean initializeParams,
		final DataType networkDataType)
	{
		final Implementation layer = new Implementation(conf, networkDataType);
		layer.setListeners(listeners);
		layer.setIndex(layerIndex);
		layer.setParamsViewArray(layerParamsView);
		final Map<String, INDArray> parameters = initializer().init(conf, layerParamsView, initializeParams);
		layer.setParamTable(parameters);
		layer.setConf(conf);
		return layer;
	}

	/** The runtime layer: DL4J's, with a format-aware score. */
	static final class Implementation extends org.deeplearning4j.nn.layers.convolution.CnnLossLayer {

		private static final long serialVersionUID = 1L;

		Implementation(final NeuralNetConfiguration conf, final DataType dataType) {
			super(conf, dataType);
		}

		@Override
		public double computeScore(final double fullNetRegTerm, final boolean training,
			final LayerWorkspaceMgr workspaceMgr)
		{
			final CNN2DFormat format = layerConf().getFormat();
			final INDArray input2d = ConvolutionUtils.reshape4dTo2d(input, format, workspaceMgr,
				ArrayType.FF_WORKING_MEM);
			final INDArray labels2d = ConvolutionUtils.reshape4dTo2d(labels, format, workspaceMgr,
				ArrayType.FF_WORKING_MEM);
			final INDArray mask = ConvolutionUtils.reshapeMaskIfRequired(maskArray, input, format, workspaceMgr,
				ArrayType.FF_WORKING_MEM);
			double value = layerConf().getLossFn().computeScore(labels2d, input2d.dup(), layerConf()
				.getActivationFn(), mask, false);
			value /= getInputMiniBatchSize();
			value += fullNetRegTerm;
			this.score = value;
			return value;
		}
	}
}

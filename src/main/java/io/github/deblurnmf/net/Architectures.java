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

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SpaceToDepthLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossL1;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The DL4J graphs of the three architectures ({@link Architecture}), built and initialized; {@link DeblurNetwork} wraps them. */
final class Architectures {

	static final String LOSS_LAYER = "loss";

	/**
	 * The data format of new networks. NCHW, not NHWC: with DL4J's oneDNN helpers on, an NHWC network's
	 * training diverged from DL4J's own im2col path after the first step (same first loss, different later
	 * losses: the helper's NHWC backward pass is wrong in 1.0.0-M2.1), while NCHW matches it to 1e-5 and is as
	 * fast (docs/performance.md). Networks saved in NHWC still load and run, with the helpers off (see
	 * {@link ModelZip#graph}).
	 */
	static final CNN2DFormat NEW_FORMAT = CNN2DFormat.NCHW;

	private Architectures() {}

	/**
	 * The autoencoder (its code, the last encoder layer's output, {@code codeChannels} wide) or the blind U-Net: {@code channels} in
	 * and out, Adam at {@code learningRate}, MSE + {@code ssimWeight}·(1 − SSIM).
	 */
	static ComputationGraph plain(final Architecture architecture, final int channels, final long seed, final double learningRate, final double ssimWeight,
		final int baseWidth, final int codeChannels)
	{
		final ComputationGraphConfiguration.GraphBuilder builder = builder(seed, new Adam(learningRate))
			.addInputs("input")
			.setInputTypes(InputType.convolutional(architecture.sizeMultiple() * 2L, architecture.sizeMultiple() * 2L,
				channels, NEW_FORMAT));
		final SsimLossFunction loss = new SsimLossFunction(ssimWeight);
		if (architecture == Architecture.AUTOENCODER) buildAutoencoder(builder, channels, baseWidth, codeChannels, loss);
		else buildUnet(builder, channels, baseWidth, loss);
		return init(builder);
	}

	/**
	 * The PSF-aware U-Net: the Wiener plane and {@code guide} further planes in, levels of {@code widths}, L1 loss, Adam whose
	 * learning rate decays by a cosine from {@code learningRate} to 1 % of it over {@code decaySteps} steps. With
	 * {@code spaceToDepth} the first level works at half resolution on the planes' 2×2 blocks (4 channels per plane), and the
	 * correction comes back to full resolution by a 2×2 stride-2 transposed convolution; with a {@code head} wider than 0 as well,
	 * that convolution gives {@code head} channels, which meet a k3 convolution ({@code head} wide) of the full-resolution input
	 * and one more k3 convolution before the k3 correction.
	 */
	static ComputationGraph psfUnet(final int guide, final int[] widths, final boolean spaceToDepth, final int head, final long seed,
		final double learningRate, final long decaySteps)
	{
		final ComputationGraphConfiguration.GraphBuilder builder = builder(seed, new Adam(new CosineSchedule(learningRate, learningRate / 100,
			Math.max(1, decaySteps))))
			.addInputs("wiener", "guide")
			.setInputTypes(InputType.convolutional(16, 16, 1, NEW_FORMAT), InputType.convolutional(16, 16, guide,
				NEW_FORMAT));
		builder.addVertex("in", channelMerge(), "wiener", "guide");
		String previous = "in";
		if (spaceToDepth) {
			if (head > 0) builder.addLayer("head", conv(head, 1, Activation.RELU), previous);
			builder.addLayer("blocks", new SpaceToDepthLayer.Builder(2, SpaceToDepthLayer.DataFormat.NCHW).build(), previous);
			previous = "blocks";
		}
		final String[] skips = new String[widths.length];
		for (int level = 0; level < widths.length; level++) {
			if (level > 0) {
				builder.addLayer("pool" + level, new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2,
					2).dataFormat(NEW_FORMAT).build(), previous);
				previous = "pool" + level;
			}
			builder.addLayer("enc" + level + "a", conv(widths[level], 1, Activation.RELU), previous);
			builder.addLayer("enc" + level + "b", conv(widths[level], 1, Activation.RELU), "enc" + level + "a");
			previous = skips[level] = "enc" + level + "b";
		}
		for (int level = widths.length - 2; level >= 0; level--) {
			builder.addLayer("upsample" + level, up(), previous);
			builder.addLayer("upconv" + level, conv(widths[level], 1, Activation.RELU), "upsample" + level);
			builder.addVertex("merge" + level, channelMerge(), "upconv" + level, skips[level]);
			builder.addLayer("dec" + level + "a", conv(widths[level], 1, Activation.RELU), "merge" + level);
			builder.addLayer("dec" + level + "b", conv(widths[level], 1, Activation.RELU), "dec" + level + "a");
			previous = "dec" + level + "b";
		}
		final boolean withHead = spaceToDepth && head > 0;
		if (withHead) {
			builder.addLayer("unblock", unblock(head, Activation.RELU, WeightInit.RELU), previous);
			builder.addVertex("mergeHead", channelMerge(), "unblock", "head");
			builder.addLayer("headb", conv(head, 1, Activation.RELU), "mergeHead");
			previous = "headb";
		}
		// Zero-initialized: the untrained network returns the Wiener output.
		builder.addLayer("correction", spaceToDepth && !withHead ? unblock(1, Activation.IDENTITY, WeightInit.ZERO) : new ConvolutionLayer
			.Builder(3, 3).nOut(1).activation(Activation.IDENTITY).weightInit(WeightInit.ZERO).dataFormat(NEW_FORMAT).build(), previous);
		builder.addVertex("residual", new ElementWiseVertex(ElementWiseVertex.Op.Add), "wiener", "correction");
		builder.addLayer(LOSS_LAYER, new ImageLossLayer(new LossL1(), Activation.IDENTITY.getActivationFunction(),
			NEW_FORMAT), "residual");
		return init(builder);
	}

	/** The widths of a psf-unet's levels, from its graph. */
	static List<Long> levelWidths(final ComputationGraph graph) {
		final Map<String, GraphVertex> vertices = graph.getConfiguration().getVertices();
		final List<Long> widths = new ArrayList<>();
		for (int level = 0; vertices.get("enc" + level + "a") instanceof LayerVertex; level++)
			widths.add(outputChannels(vertices.get("enc" + level + "a")));
		return widths;
	}

	/** The width of a psf-unet's full-resolution head ({@link #psfUnet}), 0 if it has none. */
	static long headWidth(final ComputationGraph graph) {
		final GraphVertex head = graph.getConfiguration().getVertices().get("head");
		return head instanceof LayerVertex ? outputChannels(head) : 0;
	}

	/** The output channels of a convolution's vertex. */
	private static long outputChannels(final GraphVertex convolution) {
		return ((ConvolutionLayer) ((LayerVertex) convolution).getLayerConf().getLayer()).getNOut();
	}

	/** Whether a psf-unet's first level works on 2×2 blocks ({@link #psfUnet}). */
	static boolean spaceToDepth(final ComputationGraph graph) {
		return graph.getConfiguration().getVertices().containsKey("blocks");
	}

	/** What every architecture shares: the seed, float weights, ReLU initialization, 'same' padding, Adam. */
	private static ComputationGraphConfiguration.GraphBuilder builder(final long seed, final Adam adam) {
		return new NeuralNetConfiguration.Builder()
			.seed(seed)
			.dataType(DataType.FLOAT)
			.updater(adam)
			.weightInit(WeightInit.RELU)
			.convolutionMode(ConvolutionMode.Same)
			.graphBuilder();
	}

	/** The graph of {@code builder}, with the backend set up before its layers are built. */
	private static ComputationGraph init(final ComputationGraphConfiguration.GraphBuilder builder) {
		Backend.setUp();
		final ComputationGraph graph = new ComputationGraph(builder.setOutputs(LOSS_LAYER).build());
		graph.init();
		return graph;
	}

	static CNN2DFormat formatOf(final ComputationGraph graph) {
		return lossLayer(graph).getFormat();
	}

	/** The configuration of the graph's loss layer: its data format and its loss function. */
	static CnnLossLayer lossLayer(final ComputationGraph graph) {
		return (CnnLossLayer) graph.getLayer(LOSS_LAYER).conf().getLayer();
	}

	private static ConvolutionLayer conv(final int nOut, final int stride, final Activation activation) {
		return new ConvolutionLayer.Builder(3, 3).stride(stride, stride).nOut(nOut).activation(activation)
			.dataFormat(NEW_FORMAT).build();
	}

	/** Half resolution to full: each input pixel becomes a 2×2 block of {@code nOut} channels. */
	private static Deconvolution2D unblock(final int nOut, final Activation activation, final WeightInit init) {
		return new Deconvolution2D.Builder(2, 2).stride(2, 2).convolutionMode(ConvolutionMode.Truncate).nOut(nOut).activation(activation)
			.weightInit(init).dataFormat(NEW_FORMAT).build();
	}

	/**
	 * The runs of channels that feed layer {@code name}: one per network input (with {@code inputChannels} channels each) or
	 * convolution whose output reaches it, in the order a channel concatenation puts them, through the layers that keep the
	 * channels (pooling, up-sampling).
	 */
	static long[] inputRuns(final ComputationGraph graph, final String name, final int[] inputChannels) {
		final ComputationGraphConfiguration conf = graph.getConfiguration();
		final List<Long> runs = new ArrayList<>();
		for (final String input : conf.getVertexInputs().get(name)) addRuns(conf, input, inputChannels, runs);
		return runs.stream().mapToLong(Long::longValue).toArray();
	}

	private static void addRuns(final ComputationGraphConfiguration conf, final String name, final int[] inputChannels,
		final List<Long> runs)
	{
		final int input = conf.getNetworkInputs().indexOf(name);
		if (input >= 0) {
			runs.add((long) inputChannels[input]);
			return;
		}
		final GraphVertex vertex = conf.getVertices().get(name);
		if (vertex instanceof MergeVertex) {
			for (final String from : conf.getVertexInputs().get(name)) addRuns(conf, from, inputChannels, runs);
			return;
		}
		final org.deeplearning4j.nn.conf.layers.Layer layer = vertex instanceof LayerVertex ? ((LayerVertex) vertex).getLayerConf().getLayer()
			: null;
		if (layer instanceof SubsamplingLayer || layer instanceof Upsampling2D) {
			addRuns(conf, conf.getVertexInputs().get(name).get(0), inputChannels, runs);
		}
		else if (layer instanceof FeedForwardLayer && ((FeedForwardLayer) layer).getNOut() > 0) {
			runs.add(((FeedForwardLayer) layer).getNOut());
		}
		else {
			throw new IllegalArgumentException("no channel count for vertex " + name);
		}
	}

	private static Upsampling2D up() {
		return new Upsampling2D.Builder(2).dataFormat(NEW_FORMAT).build();
	}

	/** The autoencoder's last encoder layer, whose output is the code. */
	static final String CODE_LAYER = "down4";

	private static void buildAutoencoder(final ComputationGraphConfiguration.GraphBuilder builder, final int channels,
		final int base, final int codeChannels, final SsimLossFunction loss)
	{
		String previous = "input";
		for (int level = 0; level < 5; level++) {
			final String name = "down" + level;
			builder.addLayer(name, conv(level == 4 ? codeChannels : base << level, 2, Activation.RELU), previous);
			previous = name;
		}
		for (int level = 3; level >= -1; level--) {
			builder.addLayer("upsample" + level, up(), previous);
			final boolean last = level < 0;
			builder.addLayer("up" + level, conv(last ? channels : base << level, 1, last ? Activation.IDENTITY
				: Activation.RELU), "upsample" + level);
			previous = "up" + level;
		}
		builder.addLayer(LOSS_LAYER, new ImageLossLayer(loss, Activation.SIGMOID.getActivationFunction(),
			NEW_FORMAT), previous);
	}

	private static void buildUnet(final ComputationGraphConfiguration.GraphBuilder builder, final int channels,
		final int base, final SsimLossFunction loss)
	{
		// Every encoder convolution has stride 2, the first included (a learned space-to-depth), and the
		// decoder stops at half resolution; only the correction layer works at full resolution, on the
		// up-sampled features and the input itself: ~130 M multiply-adds per 160x160 image, fewer than the
		// autoencoder's ~150 M, so that a training step costs no more than the autoencoder's; a decoder up to
		// full resolution costs several times that (docs/performance.md, "The U-Net, by multiply-adds").
		final int[] widths = { base, 2 * base, 4 * base, 8 * base };
		String previous = "input";
		for (int level = 0; level < widths.length; level++) {
			builder.addLayer("enc" + level, conv(widths[level], 2, Activation.RELU), previous);
			previous = "enc" + level;
		}
		for (int level = widths.length - 2; level >= 0; level--) {
			builder.addLayer("upsample" + level, up(), previous);
			builder.addVertex("merge" + level, channelMerge(), "upsample" + level, "enc" + level);
			// The last decoder layer (half resolution) is a quarter as wide: its output is up-sampled to full
			// resolution, where memory traffic, not arithmetic, costs most: at a quarter the U-Net's training
			// step is no slower than the autoencoder's, at half it is a few per cent slower (the widths
			// measured: docs/performance.md, "What changed", item 4).
			builder.addLayer("dec" + level, conv(level == 0 ? Math.max(1, widths[0] / 4) : widths[level], 1,
				Activation.RELU), "merge" + level);
			previous = "dec" + level;
		}
		builder.addLayer("upsampleFull", up(), previous);
		builder.addVertex("mergeFull", channelMerge(), "upsampleFull", "input");
		// The correction starts at zero: the untrained network returns its input.
		builder.addLayer("correction", new ConvolutionLayer.Builder(3, 3).nOut(channels).activation(
			Activation.IDENTITY).weightInit(WeightInit.ZERO).dataFormat(NEW_FORMAT).build(), "mergeFull");
		builder.addVertex("residual", new ElementWiseVertex(ElementWiseVertex.Op.Add), "input", "correction");
		builder.addLayer(LOSS_LAYER, new ImageLossLayer(loss, Activation.IDENTITY.getActivationFunction(),
			NEW_FORMAT), "residual");
	}

	private static MergeVertex channelMerge() {
		final MergeVertex merge = new MergeVertex();
		merge.setMergeAxis(NEW_FORMAT == CNN2DFormat.NCHW ? 1 : 3); // concatenate channels
		return merge;
	}
}

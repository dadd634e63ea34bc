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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SpaceToDepthLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A trained graph's forward pass for prediction, one libnd4j op per layer, on NHWC or NCHW arrays. Why not DL4J's own:
 * DL4J's NHWC convolution layer copies each input to NCHW before it calls libnd4j (docs/performance.md, "NHWC inference"),
 * and it runs each up-sampling + convolution at the higher resolution and each concatenation as a copy. Which layout: oneDNN's AVX-512 convolutions take NHWC as it is and run
 * the narrow full-resolution layers of our networks 2–3× faster on it than on NCHW, while its AVX2 convolutions take neither
 * and reorder both into their blocked layout, which costs less from NCHW ("An NCHW forward pass on AVX2"). The weights are
 * read from the graph at each call, so a graph trained in between predicts with its new weights. Covers the layers and
 * vertices our architectures use; {@link #of} returns null for a graph with anything else, which then predicts through DL4J.
 */
final class DirectForward {

	/** One vertex: what it computes, and from the outputs of which earlier steps. */
	private static final class Step {
		final int[] inputs;
		final Op op;
		/**
		 * The concatenation whose array this step writes its output into, and the first of its channels there; -1 if none. For a
		 * concatenation: whether all its inputs write into its array, and its channels.
		 */
		int merge = -1, offset, channels;
		boolean placed;

		Step(final int[] inputs, final Op op) {
			this.inputs = inputs;
			this.op = op;
		}
	}

	@FunctionalInterface
	private interface Op {
		INDArray apply(INDArray[] in);
	}

	/**
	 * A convolution that can also write its output into a given array (a channel slice of a later concatenation's), which saves
	 * the concatenation's copy: its output's sides are {@link #scale()} times its input's, and it has {@link #channels()}.
	 */
	private interface PlacedOp extends Op {
		INDArray apply(INDArray[] in, INDArray into);

		int scale();

		int channels();

		@Override
		default INDArray apply(final INDArray[] in) {
			return apply(in, null);
		}
	}

	private static final String WORKSPACE_NAME = "DeblurNMF-DirectForward";
	/** Learns its size in the first pass and keeps it; grows when a pass needs more (a larger tile). */
	private static final WorkspaceConfiguration WORKSPACE = WorkspaceConfiguration.builder().initialSize(0).policyAllocation(
		AllocationPolicy.OVERALLOCATE).overallocationLimit(0.05).policyLearning(LearningPolicy.FIRST_LOOP).policyReset(
			ResetPolicy.BLOCK_LEFT).policySpill(SpillPolicy.REALLOCATE).build();

	private final List<Step> steps;
	private final int[] outputSteps;
	private final boolean nchw;

	private DirectForward(final List<Step> steps, final int[] outputSteps, final boolean nchw) {
		this.steps = steps;
		this.outputSteps = outputSteps;
		this.nchw = nchw;
	}

	/** Whether the arrays are NCHW; else NHWC. */
	boolean nchw() {
		return nchw;
	}

	/**
	 * Names the layout that {@link #of(ComputationGraph)} uses, {@code nchw} or {@code nhwc}, instead of the one it picks for the
	 * CPU: for benchmarks.
	 */
	static final String LAYOUT_PROPERTY = "deblurnmf.forward";

	/**
	 * The forward pass of {@code graph} in the layout that runs fastest on this CPU, or null when the graph has a layer or vertex
	 * this class does not run.
	 */
	static DirectForward of(final ComputationGraph graph) {
		return of(graph, nchwPreferred());
	}

	/** NHWC where oneDNN's convolutions run AVX-512 (or the instruction set is not known), else NCHW; unless the property says. */
	static boolean nchwPreferred() {
		final String layout = System.getProperty(LAYOUT_PROPERTY, "");
		if (layout.equalsIgnoreCase("nchw") || layout.equalsIgnoreCase("nhwc")) return layout.equalsIgnoreCase("nchw");
		final int level = Backend.instructionLevel();
		return level == 1 || level == 2;
	}

	/** The forward pass of {@code graph} on NCHW arrays or NHWC ones, or null when it has a layer or vertex this class does not run. */
	static DirectForward of(final ComputationGraph graph, final boolean nchw) {
		final ComputationGraphConfiguration conf = graph.getConfiguration();
		final int channelAxis = Architectures.formatOf(graph) == CNN2DFormat.NCHW ? 1 : 3;
		final GraphVertex[] vertices = graph.getVertices();
		final Map<String, List<String>> consumers = new HashMap<>();
		conf.getVertexInputs().forEach((vertex, from) -> from.forEach(input -> consumers.computeIfAbsent(input, k -> new ArrayList<>()).add(
			vertex)));
		conf.getNetworkOutputs().forEach(output -> consumers.computeIfAbsent(output, k -> new ArrayList<>()).add(null));
		final Map<Integer, Integer> stepOf = new HashMap<>();
		final List<Step> steps = new ArrayList<>();
		for (final int index : graph.topologicalSortOrder()) {
			final GraphVertex vertex = vertices[index];
			final String name = vertex.getVertexName();
			final VertexIndices[] from = vertex.getInputVertices();
			final int[] inputs = new int[from == null ? 0 : from.length];
			for (int i = 0; i < inputs.length; i++) inputs[i] = stepOf.get(from[i].getVertexIndex());
			final Op op;
			if (vertex.isInputVertex()) {
				final int input = conf.getNetworkInputs().indexOf(name);
				op = in -> in[input];
			}
			else {
				op = op(graph, conf, name, channelAxis, consumers, nchw);
				if (op == null) return null;
			}
			stepOf.put(index, steps.size());
			steps.add(new Step(inputs, op));
		}
		final int[] outputSteps = conf.getNetworkOutputs().stream().mapToInt(name -> stepOf.get(graph.getVertex(name).getVertexIndex()))
			.toArray();
		if (nchw) placeConcatenations(graph, conf, steps, stepOf);
		return new DirectForward(steps, outputSteps, nchw);
	}

	/**
	 * Lets the convolutions that feed a concatenation write into its array, where all its inputs can (NCHW only: there a channel
	 * slice of a single image is contiguous, as every backend's convolution writes it).
	 */
	private static void placeConcatenations(final ComputationGraph graph, final ComputationGraphConfiguration conf, final List<Step> steps,
		final Map<Integer, Integer> stepOf)
	{
		for (final int index : graph.topologicalSortOrder()) {
			final GraphVertex vertex = graph.getVertices()[index];
			if (!(conf.getVertices().get(vertex.getVertexName()) instanceof MergeVertex)) continue;
			final Step merge = steps.get(stepOf.get(index));
			final boolean placeable = Arrays.stream(merge.inputs).distinct().count() == merge.inputs.length && Arrays.stream(merge.inputs)
				.allMatch(i -> steps.get(i).op instanceof PlacedOp && steps.get(i).merge < 0);
			if (!placeable) continue;
			merge.placed = true;
			for (final int i : merge.inputs) {
				final Step input = steps.get(i);
				input.merge = stepOf.get(index);
				input.offset = merge.channels;
				merge.channels += ((PlacedOp) input.op).channels();
			}
		}
	}

	/**
	 * The graph's outputs for its inputs (in the order of the graph's inputs), all in this pass's layout ({@link #nchw()}). The
	 * steps' arrays live in a workspace that the next call reuses: a new array of tens of megabytes per step costs as much as the
	 * step itself (the system maps fresh pages for it).
	 */
	INDArray[] output(final INDArray... inputs) {
		try (MemoryWorkspace workspace = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, WORKSPACE_NAME)) {
			final INDArray[] values = new INDArray[steps.size()];
			// a concatenation's array, made when the first of its inputs runs
			final INDArray[] merged = new INDArray[steps.size()];
			for (int s = 0; s < steps.size(); s++) {
				final Step step = steps.get(s);
				final INDArray[] in = new INDArray[step.inputs.length];
				for (int i = 0; i < in.length; i++) in[i] = values[step.inputs[i]];
				if (step.merge >= 0 && in[0].size(0) == 1) {
					final PlacedOp op = (PlacedOp) step.op;
					if (merged[step.merge] == null) {
						merged[step.merge] = Nd4j.createUninitialized(in[0].dataType(), 1, steps.get(step.merge).channels, in[0].size(2) * op
							.scale(), in[0].size(3) * op.scale());
					}
					values[s] = op.apply(in, merged[step.merge].get(NDArrayIndex.all(), NDArrayIndex.interval(step.offset, step.offset + op
						.channels()), NDArrayIndex.all(), NDArrayIndex.all()));
				}
				else if (step.placed && merged[s] != null) values[s] = merged[s];
				else values[s] = step.op.apply(step.inputs.length == 0 ? inputs : in);
			}
			final INDArray[] result = new INDArray[outputSteps.length];
			for (int o = 0; o < result.length; o++) result[o] = values[outputSteps[o]].detach();
			return result;
		}
	}

	/**
	 * What the vertex {@code name} computes, on NCHW arrays or NHWC ones; null if this class does not run it. {@code consumers}:
	 * the vertices that take each vertex's output (null for a network output).
	 */
	private static Op op(final ComputationGraph graph, final ComputationGraphConfiguration conf, final String name, final int channelAxis,
		final Map<String, List<String>> consumers, final boolean nchw)
	{
		final org.deeplearning4j.nn.conf.graph.GraphVertex vertex = conf.getVertices().get(name);
		if (vertex instanceof MergeVertex) return ((MergeVertex) vertex).getMergeAxis() == channelAxis ? in -> Nd4j.concat(nchw ? 1 : 3, in)
			: null;
		if (vertex instanceof ElementWiseVertex) {
			if (((ElementWiseVertex) vertex).getOp() != ElementWiseVertex.Op.Add) return null;
			return in -> {
				final INDArray sum = in[0].add(in[1]);
				for (int i = 2; i < in.length; i++) sum.addi(in[i]);
				return sum;
			};
		}
		if (!(vertex instanceof LayerVertex)) return null;
		final org.deeplearning4j.nn.conf.layers.Layer layer = ((LayerVertex) vertex).getLayerConf().getLayer();
		final org.deeplearning4j.nn.api.Layer runtime = graph.getLayer(name);
		// Exact classes: DL4J's subclasses of these (depthwise, separable, 1-D) compute something else.
		if (layer.getClass() == ConvolutionLayer.class || layer.getClass() == Deconvolution2D.class) {
			final ConvolutionLayer c = (ConvolutionLayer) layer;
			final boolean transposed = c instanceof Deconvolution2D;
			final boolean same = !transposed && c.getConvolutionMode() == ConvolutionMode.Same;
			if (!same && c.getConvolutionMode() != ConvolutionMode.Truncate) return null;
			// Weight format 1: as DL4J keeps them, [out, in, kH, kW] for convolutions, [in, out, kH, kW] for transposed ones.
			final int[] args = Arrays.copyOf(windowArgs(c.getKernelSize(), c.getStride(), c.getPadding(), c.getDilation(), same, nchw), 11);
			args[10] = 1;
			final String op = transposed ? "deconv2d" : "conv2d";
			final int channels = (int) c.getNOut();
			if (upsamplingBefore(conf, name, consumers)) {
				final UpConvolution up = new UpConvolution(nchw);
				return placed(c.getActivationFn(), 2, channels, (in, into) -> up.apply(in[0], runtime.getParam("W"), bias(runtime, c
					.hasBias()), into));
			}
			final boolean keepsSides = same && Arrays.equals(c.getStride(), new int[] { 1, 1 });
			if (keepsSides) {
				return placed(c.getActivationFn(), 1, channels, (in, into) -> exec(op, args, into, in[0], runtime.getParam("W"), bias(runtime, c
					.hasBias())));
			}
			return activated(c.getActivationFn(), in -> exec(op, args, null, in[0], runtime.getParam("W"), bias(runtime, c.hasBias())));
		}
		if (layer.getClass() == SubsamplingLayer.class) {
			final SubsamplingLayer p = (SubsamplingLayer) layer;
			final boolean same = p.getConvolutionMode() == ConvolutionMode.Same;
			if (p.getPoolingType() != PoolingType.MAX || !same && p.getConvolutionMode() != ConvolutionMode.Truncate) return null;
			final int[] window = windowArgs(p.getKernelSize(), p.getStride(), p.getPadding(), p.getDilation(), same, nchw);
			final int[] args = Arrays.copyOf(window, 11);
			args[9] = 0; // extra parameter (unused by max pooling)
			args[10] = nchw ? 0 : 1;
			final boolean blocks2x2 = nchw && Arrays.equals(p.getKernelSize(), new int[] { 2, 2 }) && Arrays.equals(p.getStride(), new int[] {
				2, 2 }) && Arrays.equals(p.getDilation(), new int[] { 1, 1 }) && (same || Arrays.equals(p.getPadding(), new int[] { 0, 0 }));
			return in -> blocks2x2 && in[0].size(2) % 2 == 0 && in[0].size(3) % 2 == 0 ? maxOfBlocks(in[0]) : exec("maxpool2d", args, null,
				in[0]);
		}
		if (layer.getClass() == Upsampling2D.class) {
			final List<String> next = consumers.getOrDefault(name, List.of());
			if (next.size() == 1 && next.get(0) != null && upsamplingBefore(conf, next.get(0), consumers)) return in -> in[0];
			final int[] size = ((Upsampling2D) layer).getSize();
			return in -> upsampled(in[0], size[0], size[1], nchw);
		}
		if (layer.getClass() == SpaceToDepthLayer.class) {
			final int block = ((SpaceToDepthLayer) layer).getBlockSize();
			return in -> exec("space_to_depth", new int[] { block, nchw ? 0 : 1 }, null, in[0]);
		}
		if (layer instanceof CnnLossLayer) return activated(((CnnLossLayer) layer).getActivationFn(), in -> in[0]);
		return null;
	}

	/**
	 * Whether vertex {@code name} is a 3×3 convolution (stride 1, same mode) whose only input is a 2×2 nearest-neighbour
	 * up-sampling that feeds nothing else: the pair that {@link UpConvolution} computes in one convolution at the lower resolution
	 * (the up-sampling step then passes its input on).
	 */
	private static boolean upsamplingBefore(final ComputationGraphConfiguration conf, final String name,
		final Map<String, List<String>> consumers)
	{
		final List<String> from = conf.getVertexInputs().get(name);
		if (from == null || from.size() != 1 || !List.of(name).equals(consumers.get(from.get(0)))) return false;
		final org.deeplearning4j.nn.conf.graph.GraphVertex vertex = conf.getVertices().get(name), before = conf.getVertices().get(from.get(0));
		if (!(vertex instanceof LayerVertex) || !(before instanceof LayerVertex)) return false;
		final org.deeplearning4j.nn.conf.layers.Layer layer = ((LayerVertex) vertex).getLayerConf().getLayer();
		final org.deeplearning4j.nn.conf.layers.Layer up = ((LayerVertex) before).getLayerConf().getLayer();
		if (layer.getClass() != ConvolutionLayer.class || up.getClass() != Upsampling2D.class) return false;
		final ConvolutionLayer c = (ConvolutionLayer) layer;
		return Arrays.equals(((Upsampling2D) up).getSize(), new int[] { 2, 2 }) && Arrays.equals(c.getKernelSize(), new int[] { 3, 3 })
			&& Arrays.equals(c.getStride(), new int[] { 1, 1 }) && Arrays.equals(c.getDilation(), new int[] { 1, 1 }) && c
				.getConvolutionMode() == ConvolutionMode.Same;
	}

	/**
	 * A 3×3 convolution (same mode, stride 1) of the 2× nearest-neighbour up-sampling of an array, computed at the array's
	 * resolution: each of the four output phases (row and column parity) is a 2×2 convolution of the input with the 3×3 kernel's
	 * taps summed where they read the same input pixel. So one 2×2 convolution with four times the output channels (padded by
	 * one, so that each phase's windows are its outputs shifted by the phase's parity) and an interleave give the up-sampled
	 * convolution exactly, for 4/9 of its multiply-adds and at the lower resolution, where the convolutions run fastest
	 * (docs/performance.md). The phase kernels are remade only when the layer's weights have changed since the last call.
	 */
	private static final class UpConvolution {

		/** Kernel column kx (row) onto the column tap (b, u) of phase b (column 2b + u); the same for rows. */
		private static final float[] TAPS = { 1, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 1 };
		private final boolean nchw;
		private final int[] args;

		/** Outside any workspace: the weights the kernels were made from, the phase kernels [4·out, in, 2, 2], their bias. */
		private INDArray weights, bias, kernel, phaseBias;

		UpConvolution(final boolean nchw) {
			this.nchw = nchw;
			args = Arrays.copyOf(windowArgs(new int[] { 2, 2 }, new int[] { 1, 1 }, new int[] { 1, 1 }, new int[] { 1, 1 }, false, nchw), 11);
			args[10] = 1; // weights [out, in, kH, kW]
		}

		/** The up-sampled convolution of {@code x}, into {@code into} if not null (an array of the output's shape). */
		INDArray apply(final INDArray x, final INDArray w, final INDArray b, final INDArray into) {
			final INDArray[] phases = phases(w, b);
			final int out = (int) w.size(0);
			final INDArray z = exec("conv2d", args, null, x, phases[0], phases[1]);
			final long n = x.size(0), h = x.size(nchw ? 2 : 1), wd = x.size(nchw ? 3 : 2);
			final INDArray result = into != null ? into : nchw ? Nd4j.createUninitialized(x.dataType(), n, out, 2 * h, 2 * wd) : Nd4j
				.createUninitialized(x.dataType(), n, 2 * h, 2 * wd, out);
			final INDArray blocks = nchw ? result.reshape(n, out, h, 2, wd, 2) : result.reshape(n, h, 2, wd, 2, out);
			for (int pr = 0; pr < 2; pr++) {
				for (int pc = 0; pc < 2; pc++) {
					final org.nd4j.linalg.indexing.INDArrayIndex rows = NDArrayIndex.interval(pr, pr + h), columns = NDArrayIndex.interval(pc, pc
						+ wd), phase = NDArrayIndex.interval((2 * pr + pc) * out, (2 * pr + pc + 1) * out);
					if (nchw) {
						blocks.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(pr), NDArrayIndex.all(),
							NDArrayIndex.point(pc)).assign(z.get(NDArrayIndex.all(), phase, rows, columns));
					}
					else {
						blocks.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(pr), NDArrayIndex.all(), NDArrayIndex.point(pc),
							NDArrayIndex.all()).assign(z.get(NDArrayIndex.all(), rows, columns, phase));
					}
				}
			}
			return result;
		}

		/** The phase kernels and bias for weights {@code w} [out, in, 3, 3] and bias {@code b} (or null). */
		private synchronized INDArray[] phases(final INDArray w, final INDArray b) {
			if (weights == null || w.neq(weights).any() || (b == null) != (bias == null) || b != null && b.neq(bias).any()) {
				try (MemoryWorkspace none = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
					final long out = w.size(0), in = w.size(1);
					final INDArray taps = Nd4j.create(TAPS, new long[] { 3, 4 }, 'c');
					// [(o, i, ky), kx] → [(o, i, ky), (b, u)] → [(o, i, b, u), ky] → [(o, i, b, u), (a, t)] → [(a, b, o), i, t, u]
					final INDArray byColumn = w.dup('c').reshape(out * in * 3, 3).mmul(taps).reshape(out * in, 3, 4).permute(0, 2, 1).dup('c');
					final INDArray byBoth = byColumn.reshape(out * in * 4, 3).mmul(taps);
					kernel = byBoth.reshape(out, in, 2, 2, 2, 2).permute(4, 2, 0, 1, 5, 3).dup('c').reshape(4 * out, in, 2, 2);
					phaseBias = b == null ? null : Nd4j.concat(0, b, b, b, b);
					weights = w.dup('c');
					bias = b == null ? null : b.dup();
				}
			}
			return new INDArray[] { kernel, phaseBias };
		}
	}

	/** Kernel, stride, padding, dilation, same mode, data format: the integer arguments of libnd4j's 2-D window ops. */
	private static int[] windowArgs(final int[] kernel, final int[] stride, final int[] padding, final int[] dilation,
		final boolean same, final boolean nchw)
	{
		return new int[] { kernel[0], kernel[1], stride[0], stride[1], same ? 0 : padding[0], same ? 0 : padding[1], dilation[0],
			dilation[1], same ? 1 : 0, nchw ? 0 : 1 };
	}

	/**
	 * Nearest-neighbour up-sampling of an NCHW or NHWC array by {@code sy × sx}: one strided copy per offset in the block, 2–3
	 * times faster here than libnd4j's NHWC up-sampling op.
	 */
	private static INDArray upsampled(final INDArray x, final int sy, final int sx, final boolean nchw) {
		if (nchw) {
			final long n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
			final INDArray blocks = Nd4j.createUninitialized(x.dataType(), n, c, h, sy, w, sx);
			for (int i = 0; i < sy; i++) {
				for (int j = 0; j < sx; j++)
					blocks.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(i), NDArrayIndex.all(),
						NDArrayIndex.point(j)).assign(x);
			}
			return blocks.reshape(n, c, h * sy, w * sx);
		}
		final long n = x.size(0), h = x.size(1), w = x.size(2), c = x.size(3);
		final INDArray blocks = Nd4j.createUninitialized(x.dataType(), n, h, sy, w, sx, c);
		for (int i = 0; i < sy; i++) {
			for (int j = 0; j < sx; j++)
				blocks.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.point(j),
					NDArrayIndex.all()).assign(x);
		}
		return blocks.reshape(n, h * sy, w * sx, c);
	}

	/**
	 * 2×2 max pooling with stride 2 of an NCHW array with even sides, as a reduction over each block's rows and columns: 3–4×
	 * faster than libnd4j's op, which oneDNN runs on NCHW arrays without its vector kernels.
	 */
	private static INDArray maxOfBlocks(final INDArray x) {
		final long n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
		return x.reshape('c', n * c * h / 2, 2, w / 2, 2).max(1, 3).reshape('c', n, c, h / 2, w / 2);
	}

	private static INDArray bias(final org.deeplearning4j.nn.api.Layer runtime, final boolean hasBias) {
		if (!hasBias) return null;
		final INDArray b = runtime.getParam("b");
		return b.reshape(b.length());
	}

	/**
	 * Runs libnd4j's op {@code name} with integer arguments {@code args} on the non-null inputs (a layer without bias gives none),
	 * into {@code into} if not null.
	 */
	private static INDArray exec(final String name, final int[] args, final INDArray into, final INDArray... inputs) {
		final INDArray[] given = Arrays.stream(inputs).filter(java.util.Objects::nonNull).toArray(INDArray[]::new);
		final DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder(name).addInputs(given).addIntegerArguments(args);
		if (into != null) op.addOutputs(into);
		return Nd4j.exec(op.build())[0];
	}

	private static Op activated(final IActivation activation, final Op op) {
		return in -> activation.getActivation(op.apply(in), false);
	}

	/** {@code op} (into the array given, if any) and then {@code activation}, its output {@code scale} × its input's sides. */
	private static PlacedOp placed(final IActivation activation, final int scale, final int channels, final BiFunction<INDArray[], INDArray,
		INDArray> op)
	{
		return new PlacedOp() {

			@Override
			public INDArray apply(final INDArray[] in, final INDArray into) {
				final INDArray activated = activation.getActivation(op.apply(in, into), false);
				if (into == null || activated == into) return activated;
				return into.assign(activated);
			}

			@Override
			public int scale() {
				return scale;
			}

			@Override
			public int channels() {
				return channels;
			}
		};
	}
}

package io.github.deblurnmf.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Not a unit test: times one training step of variants of {@link DeblurNetwork}'s graphs (data format,
 * workspaces, cache mode, up-sampling kind, U-Net layout, oneDNN helpers), interleaved round by round in one
 * JVM so that the shared machine's load hits all variants alike. Arguments: {@code batch=64 size=160
 * rounds=3 configs=a=autoencoder,f=NHWC;a=autoencoder,f=NCHW} (configs separated by {@code ;}; keys
 * {@code a} autoencoder|unet|unet2, {@code f} NHWC|NCHW, {@code ws} ENABLED|NONE, {@code cache}
 * NONE|DEVICE, {@code up} upsample|deconv, {@code helpers} on|off, {@code w} base width).
 */
public final class LeverBenchmark {

	private LeverBenchmark() {}

	public static void main(final String[] args) {
		final Map<String, String> defaults = new LinkedHashMap<>();
		defaults.put("batch", "64");
		defaults.put("size", "160");
		defaults.put("rounds", "3");
		defaults.put("configs", "a=autoencoder");
		final Map<String, String> options = io.github.deblurnmf.bench.BenchmarkArgs.parse(args, defaults);
		final int batch = Integer.parseInt(options.get("batch"));
		final int size = Integer.parseInt(options.get("size"));
		final int rounds = Integer.parseInt(options.get("rounds"));
		System.out.println("backend=" + DeblurNetwork.backend());
		System.out.println("buildInfo=" + org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps()
			.buildInfo().replace('\n', ' '));
		final Random random = new Random(1);
		final float[] in = new float[batch * size * size];
		final float[] out = new float[in.length];
		for (int i = 0; i < in.length; i++) {
			in[i] = random.nextFloat();
			out[i] = random.nextFloat();
		}
		final List<String> names = new ArrayList<>();
		final List<ComputationGraph> graphs = new ArrayList<>();
		final List<Map<String, String>> settings = new ArrayList<>();
		for (final String config : options.get("configs").split(";")) {
			final Map<String, String> c = new LinkedHashMap<>();
			c.put("a", "autoencoder");
			c.put("f", "NHWC");
			c.put("ws", "ENABLED");
			c.put("cache", "NONE");
			c.put("up", "upsample");
			c.put("helpers", "on");
			c.put("w", "16");
			for (final String kv : config.split(",")) {
				final int eq = kv.indexOf('=');
				if (eq > 0) c.put(kv.substring(0, eq), kv.substring(eq + 1));
			}
			// DL4J reads its helper switch when each layer is built: "off" = DL4J's default (no oneDNN helpers).
			System.setProperty(DeblurNetwork.HELPERS_DISABLE_PROPERTY, String.valueOf("off".equals(c.get("helpers"))));
			final ComputationGraph graph = build(c);
			names.add(config);
			graphs.add(graph);
			settings.add(c);
			System.out.println(config + ".parameters=" + graph.numParams());
		}
		final double[][] seconds = new double[graphs.size()][rounds];
		for (int round = -1; round < rounds; round++) {
			for (int i = 0; i < graphs.size(); i++) {
				final Map<String, String> c = settings.get(i);
				final boolean nchw = "NCHW".equals(c.get("f"));
				final long[] shape = nchw ? new long[] { batch, 1, size, size } : new long[] { batch, size, size, 1 };
				final INDArray x = Nd4j.create(in, shape, 'c');
				final INDArray y = Nd4j.create(out, shape, 'c');
				final ComputationGraph graph = graphs.get(i);
				lossOf(graph).setPlaneSize(size, size);
				final long start = System.nanoTime();
				graph.fit(new INDArray[] { x }, new INDArray[] { y });
				final double s = (System.nanoTime() - start) / 1e9;
				if (round >= 0) seconds[i][round] = s;
				System.out.println(names.get(i) + (round < 0 ? ".warmup=" : ".round" + round + "=") + String.format(
					"%.3f", s) + " score=" + String.format("%.5f", graph.score()));
			}
		}
		for (int i = 0; i < graphs.size(); i++) {
			final double[] sorted = seconds[i].clone();
			Arrays.sort(sorted);
			System.out.println("RESULT " + names.get(i) + " median=" + String.format("%.3f", sorted[rounds / 2])
				+ " all=" + Arrays.toString(seconds[i]));
		}
	}

	private static SsimLossFunction lossOf(final ComputationGraph graph) {
		return (SsimLossFunction) ((org.deeplearning4j.nn.conf.layers.CnnLossLayer) graph.getLayer("loss").conf()
			.getLayer()).getLossFn();
	}

	static ComputationGraph build(final Map<String, String> c) {
		final CNN2DFormat format = CNN2DFormat.valueOf(c.get("f"));
		final WorkspaceMode ws = WorkspaceMode.valueOf(c.get("ws"));
		final int base = Integer.parseInt(c.get("w"));
		final ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder().seed(1)
			.dataType(DataType.FLOAT).updater(new Adam(1e-3)).weightInit(WeightInit.RELU).convolutionMode(
				ConvolutionMode.Same).trainingWorkspaceMode(ws).inferenceWorkspaceMode(ws).cacheMode(CacheMode.valueOf(
					c.get("cache"))).graphBuilder().addInputs("input").setInputTypes(InputType.convolutional(64, 64, 1,
						format));
		final SsimLossFunction loss = new SsimLossFunction(0.1);
		final boolean deconv = "deconv".equals(c.get("up"));
		final int axis = format == CNN2DFormat.NHWC ? 3 : 1;
		final String a = c.get("a");
		if (a.equals("autoencoder")) {
			String prev = "input";
			for (int level = 0; level < 5; level++) {
				b.addLayer("down" + level, conv(base << level, 2, Activation.RELU, format), prev);
				prev = "down" + level;
			}
			for (int level = 3; level >= -1; level--) {
				final boolean last = level < 0;
				final int n = last ? 1 : base << level;
				final Activation act = last ? Activation.IDENTITY : Activation.RELU;
				if (deconv) {
					b.addLayer("up" + level, new Deconvolution2D.Builder(3, 3).stride(2, 2).nOut(n).activation(act)
						.dataFormat(format).build(), prev);
				}
				else {
					b.addLayer("upsample" + level, up(format), prev);
					b.addLayer("up" + level, conv(n, 1, act, format), "upsample" + level);
				}
				prev = "up" + level;
			}
			b.addLayer("loss", new ImageLossLayer(loss, Activation.SIGMOID.getActivationFunction(), format), prev);
		}
		else if (a.equals("unet")) {
			final int[] widths = { base, 2 * base, 4 * base, 8 * base, 8 * base };
			b.addLayer("enc0", conv(widths[0], 1, Activation.RELU, format), "input");
			for (int level = 1; level < widths.length; level++)
				b.addLayer("enc" + level, conv(widths[level], 2, Activation.RELU, format), "enc" + (level - 1));
			String prev = "enc" + (widths.length - 1);
			for (int level = widths.length - 2; level >= 0; level--) {
				b.addLayer("upsample" + level, up(format), prev);
				final MergeVertex merge = new MergeVertex();
				merge.setMergeAxis(axis);
				b.addVertex("merge" + level, merge, "upsample" + level, "enc" + level);
				b.addLayer("dec" + level, conv(widths[level], 1, Activation.RELU, format), "merge" + level);
				prev = "dec" + level;
			}
			b.addLayer("correction", new ConvolutionLayer.Builder(3, 3).nOut(1).activation(Activation.IDENTITY)
				.weightInit(WeightInit.ZERO).dataFormat(format).build(), prev);
			b.addVertex("residual", new ElementWiseVertex(ElementWiseVertex.Op.Add), "input", "correction");
			b.addLayer("loss", new ImageLossLayer(loss, Activation.IDENTITY.getActivationFunction(), format),
				"residual");
		}
		else {
			// unet2: every encoder layer stride 2 (the first acts as a learned space-to-depth), decoder at
			// half resolution and below, full resolution only in the zero-initialized correction layer, which
			// sees the up-sampled features and the input itself.
			final int[] widths = { base, 2 * base, 4 * base, 8 * base };
			String prev = "input";
			for (int level = 0; level < widths.length; level++) {
				b.addLayer("enc" + level, conv(widths[level], 2, Activation.RELU, format), prev);
				prev = "enc" + level;
			}
			for (int level = widths.length - 2; level >= 0; level--) {
				if (deconv) {
					b.addLayer("upsample" + level, new Deconvolution2D.Builder(2, 2).stride(2, 2).nOut(widths[level])
						.activation(Activation.RELU).dataFormat(format).build(), prev);
				}
				else b.addLayer("upsample" + level, up(format), prev);
				final MergeVertex merge = new MergeVertex();
				merge.setMergeAxis(axis);
				b.addVertex("merge" + level, merge, "upsample" + level, "enc" + level);
				b.addLayer("dec" + level, conv(widths[level], 1, Activation.RELU, format), "merge" + level);
				prev = "dec" + level;
			}
			b.addLayer("upsampleFull", up(format), prev);
			final MergeVertex merge = new MergeVertex();
			merge.setMergeAxis(axis);
			b.addVertex("mergeFull", merge, "upsampleFull", "input");
			b.addLayer("correction", new ConvolutionLayer.Builder(3, 3).nOut(1).activation(Activation.IDENTITY)
				.weightInit(WeightInit.ZERO).dataFormat(format).build(), "mergeFull");
			b.addVertex("residual", new ElementWiseVertex(ElementWiseVertex.Op.Add), "input", "correction");
			b.addLayer("loss", new ImageLossLayer(loss, Activation.IDENTITY.getActivationFunction(), format),
				"residual");
		}
		final ComputationGraph graph = new ComputationGraph(b.setOutputs("loss").build());
		graph.init();
		return graph;
	}

	private static Layer conv(final int nOut, final int stride, final Activation activation,
		final CNN2DFormat format)
	{
		return new ConvolutionLayer.Builder(3, 3).stride(stride, stride).nOut(nOut).activation(activation)
			.dataFormat(format).build();
	}

	private static Layer up(final CNN2DFormat format) {
		return new Upsampling2D.Builder(2).dataFormat(format).build();
	}
}

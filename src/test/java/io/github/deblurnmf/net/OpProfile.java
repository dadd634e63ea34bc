package io.github.deblurnmf.net;

import java.util.LinkedHashMap;
import java.util.Map;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Not a unit test: times forward/backward per layer of one LeverBenchmark config. */
public final class OpProfile {
	public static void main(final String[] args) {
		final Map<String, String> defaults = new LinkedHashMap<>();
		defaults.put("a", "autoencoder"); defaults.put("f", "NHWC"); defaults.put("ws", "ENABLED"); defaults.put("cache", "NONE");
		defaults.put("up", "upsample"); defaults.put("helpers", "on"); defaults.put("w", "16"); defaults.put("batch", "16");
		final Map<String, String> c = io.github.deblurnmf.bench.BenchmarkArgs.parse(args, defaults);
		final int batch = Integer.parseInt(c.get("batch")), size = 160;
		System.setProperty(DeblurNetwork.HELPERS_DISABLE_PROPERTY, String.valueOf("off".equals(c.get("helpers"))));
		final ComputationGraph g = LeverBenchmark.build(c);
		final boolean nchw = "NCHW".equals(c.get("f"));
		final long[] shape = nchw ? new long[] { batch, 1, size, size } : new long[] { batch, size, size, 1 };
		final INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, shape);
		final INDArray y = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, shape);
		((SsimLossFunction) ((org.deeplearning4j.nn.conf.layers.CnnLossLayer) g.getLayer("loss").conf().getLayer()).getLossFn()).setPlaneSize(size, size);
		g.fit(new INDArray[] { x }, new INDArray[] { y });
		long t = System.nanoTime();
		g.output(false, x);
		System.out.printf("forward(output) %.3f s%n", (System.nanoTime() - t) / 1e9);
		t = System.nanoTime();
		g.fit(new INDArray[] { x }, new INDArray[] { y });
		System.out.printf("fit %.3f s%n", (System.nanoTime() - t) / 1e9);
		Nd4j.getExecutioner().setProfilingMode(org.nd4j.linalg.api.ops.executioner.OpExecutioner.ProfilingMode.ALL);
		g.fit(new INDArray[] { x }, new INDArray[] { y });
		org.nd4j.linalg.profiler.OpProfiler.getInstance().printOutDashboard();
	}
}

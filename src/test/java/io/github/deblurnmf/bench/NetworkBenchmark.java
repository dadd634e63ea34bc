package io.github.deblurnmf.bench;

import io.github.deblurnmf.net.Architecture;
import io.github.deblurnmf.net.DeblurNetwork;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Seconds per training step of {@link DeblurNetwork} on random data (the speed does not depend on the
 * values). Not a unit test. Arguments {@code key=value}: {@code architectures=autoencoder,unet},
 * {@code ssim=0,0.1} (SSIM weights to time), {@code batch=64}, {@code size=160}, {@code channels=1},
 * {@code width=16} (base width), {@code steps=3} (timed, after one warm-up step). Prints {@code key=value}
 * lines; {@code *.seconds_per_step} is the median.
 */
public final class NetworkBenchmark {

	private NetworkBenchmark() {}

	public static void main(final String[] args) {
		final Map<String, String> defaults = new LinkedHashMap<>();
		defaults.put("architectures", "autoencoder,unet");
		defaults.put("ssim", "0,0.1");
		defaults.put("batch", "64");
		defaults.put("size", "160");
		defaults.put("channels", "1");
		defaults.put("width", "16");
		defaults.put("steps", "3");
		final Map<String, String> options = BenchmarkArgs.parse(args, defaults);
		final int batch = Integer.parseInt(options.get("batch"));
		final int size = Integer.parseInt(options.get("size"));
		final int channels = Integer.parseInt(options.get("channels"));
		final int width = Integer.parseInt(options.get("width"));
		final int steps = Integer.parseInt(options.get("steps"));
		System.out.println("backend=" + DeblurNetwork.backend());
		System.out.println("batch=" + batch + " size=" + size + " channels=" + channels + " width=" + width);
		final Random random = new Random(1);
		final float[][] inputs = new float[batch][channels * size * size];
		final float[][] targets = new float[batch][channels * size * size];
		for (int n = 0; n < batch; n++) {
			for (int i = 0; i < inputs[n].length; i++) {
				inputs[n][i] = random.nextFloat();
				targets[n][i] = random.nextFloat();
			}
		}
		// The loss alone (its forward and hand-derived backward), as the output layer calls it.
		{
			final io.github.deblurnmf.net.SsimLossFunction loss = new io.github.deblurnmf.net.SsimLossFunction(0.1);
			loss.setPlaneSize(size, size);
			final float[] flat = new float[batch * channels * size * size];
			final float[] flatTarget = new float[flat.length];
			for (int n = 0; n < batch; n++) {
				System.arraycopy(inputs[n], 0, flat, n * inputs[n].length, inputs[n].length);
				System.arraycopy(targets[n], 0, flatTarget, n * inputs[n].length, inputs[n].length);
			}
			final long[] shape = { (long) batch * size * size, channels };
			final org.nd4j.linalg.api.ndarray.INDArray pre = org.nd4j.linalg.factory.Nd4j.create(flat, shape, 'c');
			final org.nd4j.linalg.api.ndarray.INDArray lab = org.nd4j.linalg.factory.Nd4j.create(flatTarget, shape, 'c');
			final org.nd4j.linalg.activations.IActivation sigmoid = org.nd4j.linalg.activations.Activation.SIGMOID
				.getActivationFunction();
			loss.computeGradientAndScore(lab, pre, sigmoid, null, false);
			final long start = System.nanoTime();
			loss.computeScore(lab, pre, sigmoid, null, false);
			final long middle = System.nanoTime();
			loss.computeGradient(lab, pre, sigmoid, null);
			final long end = System.nanoTime();
			System.out.println("ssim_loss.score_seconds=" + String.format("%.3f", (middle - start) / 1e9));
			System.out.println("ssim_loss.gradient_seconds=" + String.format("%.3f", (end - middle) / 1e9));
		}
		for (final String name : options.get("architectures").split(",")) {
			final Architecture architecture = Architecture.fromLabel(name);
			for (final String weightText : options.get("ssim").split(",")) {
				final double weight = Double.parseDouble(weightText);
				final DeblurNetwork network = DeblurNetwork.create(architecture, channels, 1, 1e-3, weight, width);
				final String key = architecture.label() + ".ssim" + weight;
				System.out.println(key + ".parameters=" + network.parameterCount());
				network.fit(inputs, targets, size, size); // warm-up
				final double[] seconds = new double[steps];
				for (int step = 0; step < steps; step++) {
					final long start = System.nanoTime();
					network.fit(inputs, targets, size, size);
					seconds[step] = (System.nanoTime() - start) / 1e9;
					System.out.println(key + ".step" + step + "=" + String.format("%.3f", seconds[step]));
				}
				Arrays.sort(seconds);
				System.out.println(key + ".seconds_per_step=" + String.format("%.3f", seconds[steps / 2]));
			}
		}
	}
}

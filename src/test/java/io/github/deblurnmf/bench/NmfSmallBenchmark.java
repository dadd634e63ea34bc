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
package io.github.deblurnmf.bench;

import ij.IJ;
import ij.ImagePlus;
import io.github.deblurnmf.convert.ImagePlusBridge;
import io.github.deblurnmf.convert.MatrixBridge;
import io.github.deblurnmf.nmf.ErrorRecord;
import io.github.deblurnmf.nmf.NmfAlgorithm;
import io.github.deblurnmf.nmf.NmfDenoiser;
import io.github.deblurnmf.nmf.NmfOptions;
import io.github.deblurnmf.nmf.NmfProbe;
import io.github.deblurnmf.task.TaskMonitor;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Speed of NMF on small problems (not a unit test; docs/performance.md, "NMF on small problems"):
 * {@code key=value} lines with wall and CPU time (the process's, all threads) of
 * <ul>
 * <li>{@code decompose}: the 100 LFW faces (625 px × 100) at rank 16, HALS and MU, the first run in
 * this JVM ({@code cold}, as a command's first factorization) and then {@code repeats} runs on each
 * backend in turns ({@code java}, {@code nd4j});</li>
 * <li>{@code tiny}: 2 × 2 MU, 2000 iterations, per iteration on each backend;</li>
 * <li>{@code products}: the two products of an iteration on both backends for a few shapes, and
 * which one {@code auto} picks;</li>
 * <li>{@code denoise}: NMF Denoise's defaults on the faces with Gaussian noise σ = 0.1 (seed 1, as
 * {@link NoisyStack}) and on the demo's noisy camera crop (σ = 20/255, seed 1, as the demo), with
 * the PSNR against the clean images (on [0, 1]).</li>
 * </ul>
 * Arguments: {@code parts=decompose,tiny,products,denoise}, {@code repeats=5}.
 */
public final class NmfSmallBenchmark {

	private NmfSmallBenchmark() {}

	public static void main(final String[] args) {
		final Map<String, String> defaults = new LinkedHashMap<>();
		defaults.put("parts", "decompose,tiny,products,denoise");
		defaults.put("repeats", "5");
		final Map<String, String> arg = BenchmarkArgs.parse(args, defaults);
		final int repeats = Integer.parseInt(arg.get("repeats"));
		final String parts = "," + arg.get("parts") + ",";
		print("cpus", Runtime.getRuntime().availableProcessors());
		if (parts.contains(",decompose,")) decompose(repeats);
		if (parts.contains(",tiny,")) tiny(repeats);
		if (parts.contains(",products,")) products();
		if (parts.contains(",denoise,")) denoise(repeats);
	}

	private static INDArray faces() {
		return MatrixBridge.toMatrix(ImagePlusBridge.wrapImages(IJ.openImage("src/main/resources/samples/lfw_faces_25px.tif")));
	}

	private static void decompose(final int repeats) {
		final INDArray a = faces();
		boolean cold = true;
		for (final NmfAlgorithm algorithm : NmfAlgorithm.values()) {
			final NmfOptions options = new NmfOptions().rank(16).algorithm(algorithm);
			if (cold) {
				time("decompose." + algorithm.key() + ".cold", a, options, "auto");
				cold = false;
			}
			final Map<String, double[]> cpu = new LinkedHashMap<>();
			for (int r = 0; r < repeats; r++) {
				for (final String backend : new String[] { "java", "nd4j" }) {
					cpu.computeIfAbsent(backend, b -> new double[repeats])[r] = time("decompose." + algorithm.key() + "." + backend + ".run" + r, a, options,
						backend);
				}
			}
			for (final Map.Entry<String, double[]> e : cpu.entrySet()) {
				print("decompose." + algorithm.key() + "." + e.getKey() + ".cpu_ms_median", NmfBenchmark.median(e.getValue()));
			}
		}
	}

	/** One factorization; prints its figures, returns its CPU milliseconds. */
	private static double time(final String prefix, final INDArray a, final NmfOptions options, final String backend) {
		final long c0 = NmfBenchmark.processCpuNanos(), t0 = System.nanoTime();
		final NmfProbe.Run run = NmfProbe.factorize(a, options, backend);
		final double wall = (System.nanoTime() - t0) / 1e6, cpu = (NmfBenchmark.processCpuNanos() - c0) / 1e6;
		final ErrorRecord last = run.result.last();
		print(prefix + ".wall_ms", wall);
		print(prefix + ".cpu_ms", cpu);
		print(prefix + ".millis", last.millis);
		print(prefix + ".iterations", last.iteration);
		print(prefix + ".relative", last.relative);
		return cpu;
	}

	private static void tiny(final int repeats) {
		final INDArray a = Nd4j.createFromArray(new float[][] { { 1, 0 }, { 0, 1 } });
		final NmfOptions options = new NmfOptions().rank(2).algorithm(NmfAlgorithm.MU).iterations(2000).tolerance(0);
		for (final String backend : new String[] { "java", "nd4j" }) {
			final double[] perIteration = new double[repeats];
			for (int r = 0; r < repeats + 1; r++) { // the first run warms up
				final long t0 = System.nanoTime();
				NmfProbe.factorize(a, options, backend);
				if (r > 0) perIteration[r - 1] = (System.nanoTime() - t0) / 1e6 / options.iterations;
			}
			print("tiny.mu_2x2." + backend + ".ms_per_iteration", NmfBenchmark.median(perIteration));
		}
	}

	private static void products() {
		for (final int[] s : new int[][] { { 625, 100, 16 }, { 625, 100, 64 }, { 36, 10000, 12 }, { 36, 40000, 12 }, { 4096, 500, 32 },
			{ 2000, 2000, 32 }, { 4096, 2000, 64 } })
		{
			final String prefix = "products." + s[0] + "x" + s[1] + "x" + s[2];
			final int reps = (int) Math.max(5, Math.min(200, 2e8 / ((double) s[0] * s[1] * s[2])));
			print(prefix + ".java_ms", NmfProbe.productPairMillis(s[0], s[1], s[2], "java", reps));
			print(prefix + ".nd4j_ms", NmfProbe.productPairMillis(s[0], s[1], s[2], "nd4j", reps));
			print(prefix + ".auto", NmfProbe.autoBackend(s[0], s[1], s[2]));
		}
	}

	private static void denoise(final int repeats) {
		// The faces with σ = 0.1, as NoisyStack seed=1 writes them.
		final ImagePlus faces = IJ.openImage("src/main/resources/samples/lfw_faces_25px.tif");
		final int w = faces.getWidth(), h = faces.getHeight(), n = faces.getStackSize();
		final float[] clean = new float[w * h * n], noisy = new float[clean.length];
		final Random random = new Random(1);
		for (int s = 0; s < n; s++) {
			final float[] c = (float[]) faces.getStack().getProcessor(s + 1).convertToFloatProcessor().getPixels();
			for (int i = 0; i < c.length; i++) {
				clean[s * w * h + i] = c[i] / 255f;
				noisy[s * w * h + i] = (float) Math.min(1, Math.max(0, c[i] / 255f + 0.1 * random.nextGaussian()));
			}
		}
		// The demo's camera crop with σ = 20 of 255, as Samples.writeNoisy makes it (8 bit).
		final ImagePlus camera = IJ.openImage("src/main/resources/samples/camera_128.tif");
		final int cw = camera.getWidth(), ch = camera.getHeight();
		final float[] cameraClean = new float[cw * ch], cameraNoisy = new float[cw * ch];
		final Random demo = new Random(1);
		final ij.process.ImageProcessor ip = camera.getProcessor();
		for (int i = 0; i < cw * ch; i++) {
			cameraClean[i] = ip.get(i) / 255f;
			cameraNoisy[i] = (int) Math.max(0, Math.min(255, Math.round(ip.get(i) + 20 * demo.nextGaussian()))) / 255f;
		}
		for (int r = 0; r < repeats; r++) {
			denoise("denoise.faces.run" + r, noisy, clean, w, h, n);
			denoise("denoise.demo.run" + r, cameraNoisy, cameraClean, cw, ch, 1);
		}
	}

	private static void denoise(final String prefix, final float[] noisy, final float[] clean, final int w, final int h, final int n) {
		final long c0 = NmfBenchmark.processCpuNanos(), t0 = System.nanoTime();
		final NmfDenoiser.Result r = NmfDenoiser.denoise(noisy, w, h, 1, n, NmfDenoiser.Mode.AUTO, 0, NmfDenoiser.DEFAULT_PATCH, new NmfOptions(),
			TaskMonitor.NONE);
		print(prefix + ".wall_ms", (System.nanoTime() - t0) / 1e6);
		print(prefix + ".cpu_ms", (NmfBenchmark.processCpuNanos() - c0) / 1e6);
		print(prefix + ".mode", r.mode.key());
		print(prefix + ".rank", r.rank);
		print(prefix + ".psnr_input", psnr(noisy, clean));
		print(prefix + ".psnr", psnr(r.values, clean));
	}

	private static double psnr(final float[] x, final float[] clean) {
		double mse = 0;
		for (int i = 0; i < x.length; i++) mse += (double) (x[i] - clean[i]) * (x[i] - clean[i]);
		return 10 * Math.log10(x.length / mse);
	}

	private static void print(final String key, final Object value) {
		System.out.println(key + "=" + (value instanceof Double ? String.format(Locale.ROOT, "%.6g", (Double) value) : value));
	}
}

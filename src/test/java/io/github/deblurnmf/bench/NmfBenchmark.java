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

import io.github.deblurnmf.nmf.ErrorRecord;
import io.github.deblurnmf.nmf.Nmf;
import io.github.deblurnmf.nmf.NmfAlgorithm;
import io.github.deblurnmf.nmf.NmfInit;
import io.github.deblurnmf.nmf.NmfOptions;
import io.github.deblurnmf.nmf.NmfProbe;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Speed benchmark of NMF (not a unit test): 2000 gray 64 × 64 patches of the shared photos as a
 * 4096 × 2000 matrix, factorized at rank 64. Prints {@code key=value} lines. See
 * docs/performance.md ("NMF on a large matrix").
 * <p>
 * Arguments, all {@code key=value} and optional:
 * <ul>
 * <li>{@code photos=DIR} — the photo folder (default {@code ../shared/data/photos}, relative to the
 * working directory, which is the repository root under {@code mvn exec:java});</li>
 * <li>{@code out=DIR} — where the raw matrix is written (default {@code target/bench});</li>
 * <li>{@code target=E} — the relative error to time (default: that of the scikit-learn run of the
 * same pair, after its 200 {@code cd} iterations);</li>
 * <li>{@code algorithms=hals,mu}, {@code iterations=N} (per run, default 300), {@code repeats=R}
 * (default 1), {@code gemm=true|false} (time the two big products, default true),
 * {@code sweepSlowdown=1,2,4,...} (HALS only; sets the solver's {@code deblurnmf.nmf.sweepSlowdown}
 * property per run), {@code nmf=true|false};</li>
 * <li>{@code sklearn=PYTHON} — an interpreter with scikit-learn (e.g. {@code /usr/bin/python3}):
 * each repeat then also runs {@code src/test/python/sklearn_nmf_reference.py} on the same raw file
 * ({@code sklearnDtype=float64|float32}), in turns with the Java runs, and prints the ratio of the
 * two times per pair, so that both see the same load.</li>
 * </ul>
 * Per run: wall and CPU time (the process's, all threads) of {@code factorize}, the time to
 * {@code target}, and the time of each phase per iteration ({@link NmfProbe}): the products with A,
 * the k × k grams, the updates (HALS sweeps), extrapolation, balancing and the error.
 * <p>
 * The raw file {@code patches_4096x2000.f32} is float32, little-endian, column-major: the 4096 pixels
 * of patch 0 (row by row, x fastest), then patch 1, … — in NumPy
 * {@code np.fromfile(f, '<f4').reshape(2000, 4096)} gives one patch per row, which is Aᵀ.
 */
public final class NmfBenchmark {

	static final int PATCH = 64, PIXELS = PATCH * PATCH, PATCHES = 2000, RANK = 64;
	/** Patches are cut on a grid of this step (half-overlapping), then 2000 are taken evenly spaced. */
	static final int STEP = 32;

	private NmfBenchmark() {}

	public static void main(final String[] args) throws IOException {
		final Map<String, String> defaults = new LinkedHashMap<>();
		defaults.put("photos", "../shared/data/photos");
		defaults.put("out", "target/bench");
		defaults.put("target", "NaN");
		defaults.put("iterations", "300");
		defaults.put("repeats", "1");
		defaults.put("gemm", "true");
		defaults.put("nmf", "true");
		defaults.put("sweepSlowdown", "");
		defaults.put("algorithms", "hals,mu");
		defaults.put("sklearn", "");
		defaults.put("sklearnDtype", "float64");
		final Map<String, String> arg = BenchmarkArgs.parse(args, defaults);
		final Path photos = Paths.get(arg.get("photos"));
		final Path out = Paths.get(arg.get("out"));
		final double target = Double.parseDouble(arg.get("target"));
		final int iterations = Integer.parseInt(arg.get("iterations"));
		final int repeats = Integer.parseInt(arg.get("repeats"));

		print("env.OPENBLAS_CORETYPE", String.valueOf(System.getenv("OPENBLAS_CORETYPE")));
		print("cpus", Runtime.getRuntime().availableProcessors());
		final long t0 = System.nanoTime();
		final float[] a = patchMatrix(photos);
		print("matrix.build_ms", (System.nanoTime() - t0) / 1e6);
		print("matrix.shape", PIXELS + "x" + PATCHES);
		double sum = 0, sum2 = 0;
		for (final float v : a) { sum += v; sum2 += (double) v * v; }
		print("matrix.sum", sum);
		print("matrix.frobenius", Math.sqrt(sum2));
		Files.createDirectories(out);
		final Path raw = out.resolve("patches_" + PIXELS + "x" + PATCHES + ".f32");
		writeRaw(raw, a);
		print("matrix.file", raw);

		final INDArray matrix = Nd4j.create(a, new long[] { PIXELS, PATCHES }, 'f');
		if (Boolean.parseBoolean(arg.get("gemm"))) gemm(matrix);
		if (!Boolean.parseBoolean(arg.get("nmf"))) return;

		final String[] slowdowns = !arg.get("sweepSlowdown").isEmpty() ? arg.get("sweepSlowdown").split(",") : new String[] { null };
		for (final String algorithm : arg.get("algorithms").split(",")) {
			final NmfAlgorithm alg = NmfAlgorithm.fromKey(algorithm);
			for (final String slowdown : alg == NmfAlgorithm.HALS ? slowdowns : new String[] { null }) {
				String prefix = alg.key();
				if (slowdown != null) {
					System.setProperty("deblurnmf.nmf.sweepSlowdown", slowdown);
					prefix += ".slowdown" + slowdown;
				} else {
					System.clearProperty("deblurnmf.nmf.sweepSlowdown");
				}
				run(prefix, matrix, alg, iterations, repeats, target, alg == NmfAlgorithm.HALS ? arg.get("sklearn") : "", raw,
					arg.get("sklearnDtype"));
			}
		}
	}

	/** One or more factorizations, each followed by a scikit-learn run if {@code python} is given; per run and the medians. */
	private static void run(final String prefix, final INDArray a, final NmfAlgorithm algorithm, final int iterations, final int repeats,
		final double target, final String python, final Path raw, final String dtype) throws IOException
	{
		final NmfOptions options = new NmfOptions().rank(RANK).algorithm(algorithm).init(NmfInit.NNDSVD).iterations(iterations).tolerance(0);
		final double[] perIteration = new double[repeats], toTarget = new double[repeats], initMs = new double[repeats];
		final double[] cpu = new double[repeats], wall = new double[repeats], sklearn = new double[repeats], ratio = new double[repeats];
		final Map<String, double[]> phases = new LinkedHashMap<>();
		final int[] itToTarget = new int[repeats];
		for (int r = 0; r < repeats; r++) {
			// scikit-learn first: without target=, the error it reaches is the pair's target.
			double goal = target;
			if (!python.isEmpty()) {
				final double[] sk = sklearn(python, raw, dtype, prefix + ".run" + r);
				sklearn[r] = sk[0];
				if (Double.isNaN(target)) goal = sk[1];
			}
			final long c0 = processCpuNanos(), t0 = System.nanoTime();
			final NmfProbe.Run run = NmfProbe.factorize(a, options, "auto");
			wall[r] = (System.nanoTime() - t0) / 1e6;
			cpu[r] = (processCpuNanos() - c0) / 1e6;
			final List<ErrorRecord> h = run.result.history();
			initMs[r] = h.get(0).millis;
			// Iterations 1–5 include JIT warm-up: the median is over the rest.
			final double[] steps = new double[h.size() - 6];
			for (int i = 6; i < h.size(); i++) steps[i - 6] = h.get(i).millis - h.get(i - 1).millis;
			perIteration[r] = median(steps);
			toTarget[r] = Double.NaN;
			itToTarget[r] = -1;
			for (final ErrorRecord e : h) {
				if (e.relative <= goal) {
					toTarget[r] = e.millis;
					itToTarget[r] = e.iteration;
					break;
				}
			}
			final String p = prefix + ".run" + r;
			print(p + ".wall_ms", wall[r]);
			print(p + ".cpu_ms", cpu[r]);
			print(p + ".init_ms", initMs[r]);
			print(p + ".ms_per_iteration", perIteration[r]);
			final int its = h.size() - 1;
			for (final Map.Entry<String, Double> e : run.phaseMillis.entrySet()) {
				final double value = e.getKey().equals("init") ? e.getValue() : e.getValue() / its;
				print(p + (e.getKey().equals("init") ? ".phase.init_ms" : ".phase." + e.getKey() + "_ms_per_iteration"), value);
				phases.computeIfAbsent(e.getKey(), key -> new double[repeats])[r] = value;
			}
			for (final int at : new int[] { 10, 50, 100, 200 }) {
				if (at < h.size()) print(p + ".relative_error_at_" + at, h.get(at).relative);
			}
			print(p + ".relative_error_final", h.get(h.size() - 1).relative);
			print(p + ".iterations_to_target", itToTarget[r]);
			print(p + ".target", goal);
			print(p + ".ms_to_target", toTarget[r]);
			if (!python.isEmpty()) {
				ratio[r] = sklearn[r] * 1000 / toTarget[r];
				print(p + ".sklearn_over_ms_to_target", ratio[r]);
			}
		}
		print(prefix + ".wall_ms", median(wall));
		print(prefix + ".cpu_ms", median(cpu));
		print(prefix + ".init_ms", median(initMs));
		print(prefix + ".ms_per_iteration", median(perIteration));
		for (final Map.Entry<String, double[]> e : phases.entrySet()) {
			print(prefix + (e.getKey().equals("init") ? ".phase.init_ms" : ".phase." + e.getKey() + "_ms_per_iteration"), median(e.getValue()));
		}
		print(prefix + ".ms_to_target", median(toTarget));
		print(prefix + ".iterations_to_target", itToTarget[0]);
		if (!python.isEmpty()) {
			print(prefix + ".sklearn_seconds_each", java.util.Arrays.toString(sklearn));
			print(prefix + ".sklearn_seconds", median(sklearn));
			print(prefix + ".sklearn_over_ms_to_target", median(ratio));
		}
	}

	/** One run of the scikit-learn script on the raw file; its lines are printed with {@code prefix}; returns its seconds and relative error. */
	private static double[] sklearn(final String python, final Path raw, final String dtype, final String prefix) throws IOException {
		final Process process = new ProcessBuilder(python, "src/test/python/sklearn_nmf_reference.py", raw.toString(), "1", dtype)
			.redirectErrorStream(true).start();
		double seconds = Double.NaN, relative = Double.NaN;
		try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
			java.nio.charset.StandardCharsets.UTF_8)))
		{
			for (String line; (line = in.readLine()) != null;) {
				if (!line.startsWith("sklearn.run0.")) continue;
				final String key = line.substring("sklearn.run0.".length());
				System.out.println(prefix + ".sklearn." + key);
				if (key.startsWith("seconds=")) seconds = Double.parseDouble(key.substring("seconds=".length()));
				if (key.startsWith("relative_error=")) relative = Double.parseDouble(key.substring("relative_error=".length()));
			}
			if (process.waitFor() != 0) throw new IOException("scikit-learn script failed: exit " + process.exitValue());
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException(e);
		}
		return new double[] { seconds, relative };
	}

	/** CPU time of this process, all threads (ND4J's native ones included). */
	static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	/** GFLOP/s of Aᵀ·W and A·Hᵀ (2·m·n·k flops each) with Nd4j.gemm into preallocated outputs. */
	private static void gemm(final INDArray a) {
		final int m = (int) a.rows(), n = (int) a.columns(), k = RANK, reps = 20;
		final INDArray w = Nd4j.rand(DataType.FLOAT, 'f', m, k), ht = Nd4j.rand(DataType.FLOAT, 'f', n, k);
		final INDArray wta = Nd4j.createUninitialized(DataType.FLOAT, new long[] { n, k }, 'f');
		final INDArray aht = Nd4j.createUninitialized(DataType.FLOAT, new long[] { m, k }, 'f');
		final double flops = 2.0 * m * n * k;
		for (final boolean transpose : new boolean[] { true, false }) {
			final INDArray factor = transpose ? w : ht, result = transpose ? wta : aht;
			final double[] ms = new double[reps];
			for (int i = 0; i < 5; i++) Nd4j.gemm(a, factor, result, transpose, false, 1.0, 0.0);
			for (int i = 0; i < reps; i++) {
				final long t = System.nanoTime();
				Nd4j.gemm(a, factor, result, transpose, false, 1.0, 0.0);
				ms[i] = (System.nanoTime() - t) / 1e6;
			}
			final String key = transpose ? "gemm.AtW" : "gemm.AHt";
			print(key + ".ms", median(ms));
			print(key + ".gflops", flops / median(ms) / 1e6);
		}
	}

	/**
	 * The 4096 × 2000 matrix, column-major: every image of the folder in name order, converted to gray
	 * on [0, 1] (8-bit gray as is; RGB as 0.2125 R + 0.7154 G + 0.0721 B, scikit-image's rgb2gray;
	 * alpha ignored), cut into 64 × 64 patches on a grid of step 32; of all those patches, numbers
	 * ⌊i · total / 2000⌋ for i = 0 … 1999.
	 */
	static float[] patchMatrix(final Path folder) throws IOException {
		final File[] files = folder.toFile().listFiles((d, name) -> name.matches("(?i).*\\.(png|jpe?g|tiff?)"));
		if (files == null || files.length == 0) throw new IOException("No photos in " + folder.toAbsolutePath());
		Arrays.sort(files);
		final List<float[]> grays = new ArrayList<>();
		final List<int[]> sizes = new ArrayList<>();
		final List<int[]> positions = new ArrayList<>(); // image, x, y
		for (final File f : files) {
			final BufferedImage image = ImageIO.read(f);
			if (image == null) throw new IOException("Cannot read " + f);
			final int w = image.getWidth(), h = image.getHeight();
			final float[] gray = gray(image.getRaster());
			final int index = grays.size();
			grays.add(gray);
			sizes.add(new int[] { w, h });
			for (int y = 0; y + PATCH <= h; y += STEP) {
				for (int x = 0; x + PATCH <= w; x += STEP) positions.add(new int[] { index, x, y });
			}
		}
		final int total = positions.size();
		if (total < PATCHES) throw new IOException("Only " + total + " patches in " + folder);
		print("matrix.photos", files.length);
		print("matrix.candidate_patches", total);
		final float[] a = new float[PIXELS * PATCHES];
		for (int p = 0; p < PATCHES; p++) {
			final int[] pos = positions.get((int) ((long) p * total / PATCHES));
			final float[] gray = grays.get(pos[0]);
			final int width = sizes.get(pos[0])[0];
			for (int y = 0; y < PATCH; y++) {
				System.arraycopy(gray, (pos[2] + y) * width + pos[1], a, p * PIXELS + y * PATCH, PATCH);
			}
		}
		return a;
	}

	/** Gray on [0, 1] from the raw samples (no color management), row-major. */
	private static float[] gray(final Raster raster) {
		final int colors = raster.getNumBands();
		final int w = raster.getWidth(), h = raster.getHeight();
		final float[] out = new float[w * h];
		final int bits = raster.getSampleModel().getSampleSize(0);
		final double max = (1 << bits) - 1;
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				final double v = colors >= 3
					? 0.2125 * raster.getSample(x, y, 0) + 0.7154 * raster.getSample(x, y, 1) + 0.0721 * raster.getSample(x, y, 2)
					: raster.getSample(x, y, 0);
				out[y * w + x] = (float) Math.min(1, v / max);
			}
		}
		return out;
	}

	private static void writeRaw(final Path file, final float[] values) throws IOException {
		final ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
		bytes.asFloatBuffer().put(values);
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
			StandardOpenOption.TRUNCATE_EXISTING))
		{
			while (bytes.hasRemaining()) channel.write(bytes);
		}
	}

	static double median(final double[] values) {
		final double[] s = values.clone();
		Arrays.sort(s);
		final int n = s.length;
		if (n == 0) return Double.NaN;
		return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
	}

	private static void print(final String key, final Object value) {
		System.out.println(key + "=" + (value instanceof Double ? String.format(Locale.ROOT, "%.6g", (Double) value) : value));
	}
}

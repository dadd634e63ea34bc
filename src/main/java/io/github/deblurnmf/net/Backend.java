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

import java.util.Properties;

import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * ND4J's and DL4J's set-up for this plugin and what it says about it: {@link #setUp} runs before the
 * first network is built, {@link #describe} is the line every command that uses ND4J logs.
 */
public final class Backend {

	/** DL4J's switch for its cuDNN/oneDNN layer helpers. */
	static final String HELPERS_DISABLE_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";

	/** The environment variable that caps the instruction set of oneDNN's kernels, e.g. {@code AVX2}. */
	public static final String ISA_CAP_VARIABLE = "DNNL_MAX_CPU_ISA";

	private static String helpersSetBy;

	private Backend() {}

	/**
	 * Once per JVM, before DL4J builds a layer: turns off DL4J's crash dump files (written into the
	 * working directory on out-of-memory errors; a command must not leave stray files), and turns DL4J's
	 * layer helpers on, unless the user set {@value #HELPERS_DISABLE_PROPERTY}. DL4J 1.0.0-M2.1 creates no
	 * oneDNN helpers unless that property is "false" (its default is "true"), read as each layer is built;
	 * with them, convolutions run as oneDNN kernels instead of im2col + gemm, several times faster
	 * (docs/performance.md). The property is JVM-wide: {@link #describe} says who set it.
	 */
	public static synchronized void setUp() {
		if (helpersSetBy != null) return;
		org.deeplearning4j.util.CrashReportingUtil.crashDumpsEnabled(false);
		if (System.getProperty(HELPERS_DISABLE_PROPERTY) == null) {
			System.setProperty(HELPERS_DISABLE_PROPERTY, "false");
			helpersSetBy = "Deblur NMF";
		}
		else {
			helpersSetBy = "the user (-D" + HELPERS_DISABLE_PROPERTY + "=" + System.getProperty(HELPERS_DISABLE_PROPERTY) + ")";
		}
	}

	/**
	 * Loads ND4J if need be and describes what does the work, for the log: backend, device, threads,
	 * the CPU's native kernels ({@link #cpuKernels()}), BLAS, ND4J's environment and DL4J's layer helpers, e.g.
	 * {@code ND4J CpuBackend on CPU, 2 threads; libnd4j generic x86-64 build with oneDNN (…); BLAS OPENBLAS; …}.
	 */
	public static String describe() {
		setUp();
		final Environment env = Nd4j.getEnvironment();
		final StringBuilder text = new StringBuilder("ND4J " + Nd4j.getBackend().getClass().getSimpleName() + " on " + (env.isCPU() ? "CPU" : "GPU")
			+ ", " + env.maxThreads() + " threads" + (env.isCPU() ? "; " + cpuKernels() : ""));
		try {
			text.append("; BLAS ").append(Nd4j.factory().blas().getBlasVendor());
		}
		catch (final RuntimeException e) {
			// not every backend reports it
		}
		final Properties info = Nd4j.getExecutioner().getEnvironmentInformation();
		for (final String key : new String[] { "cores", "omp.threads", "blas.threads", "backend", "cpu.features" }) {
			if (info.get(key) != null) text.append("; ").append(key).append('=').append(info.get(key));
		}
		text.append("; DL4J layer helpers ").append(helpersOn() ? "on (oneDNN)" : "off").append(", set by ").append(helpersSetBy);
		return text.toString();
	}

	/** Whether DL4J builds its oneDNN layer helpers. */
	static boolean helpersOn() {
		return "false".equals(System.getProperty(HELPERS_DISABLE_PROPERTY)) && Nd4j.getEnvironment().isCPU() &&
			org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN();
	}

	/**
	 * Which kernels the CPU backend runs: the instruction set libnd4j was compiled for (the jar's
	 * classifier), whether it has oneDNN, and the instruction set oneDNN's convolutions pick at run time
	 * (the CPU's best, unless {@value #ISA_CAP_VARIABLE} caps it), e.g. {@code libnd4j generic x86-64
	 * build with oneDNN (convolutions up to AVX-512), CPU: AVX-512}.
	 */
	public static String cpuKernels() {
		try {
			final NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
			final String cpu = level(ops.optimalLevel());
			// The oneDNN inside ND4J 1.0.0-M2.1 is v2.3, which reads DNNL_MAX_CPU_ISA (not yet ONEDNN_MAX_CPU_ISA).
			final String cap = System.getenv(ISA_CAP_VARIABLE);
			final String onednn = !ops.buildInfo().contains("HAVE_ONEDNN") ? " without oneDNN" :
				" with oneDNN (convolutions up to " + (cap == null ? cpu : cap + ", capped by " + ISA_CAP_VARIABLE) + ")";
			return "libnd4j " + level(ops.binaryLevel()) + " build" + onednn + ", CPU: " + cpu;
		}
		catch (final RuntimeException | LinkageError e) {
			return "kernels unknown (" + e.getClass().getSimpleName() + ")";
		}
	}

	/**
	 * The instruction set level of oneDNN's convolutions on this CPU, in libnd4j's terms ({@link #level}): the CPU's best, or 2 when
	 * {@value #ISA_CAP_VARIABLE} caps an AVX-512 CPU below AVX-512; 0 when not known (not the CPU backend, or no libnd4j).
	 */
	static int instructionLevel() {
		try {
			if (!Nd4j.getEnvironment().isCPU()) return 0;
			final int level = NativeOpsHolder.getInstance().getDeviceNativeOps().optimalLevel();
			final String cap = System.getenv(ISA_CAP_VARIABLE);
			final boolean capped = cap != null && !cap.equalsIgnoreCase("ALL") && !cap.toUpperCase(java.util.Locale.ROOT).contains("AVX512");
			return level == 3 && capped ? 2 : level;
		}
		catch (final RuntimeException | LinkageError e) {
			return 0;
		}
	}

	/** libnd4j's instruction set levels: 1 the x86-64 baseline, 2 AVX2, 3 AVX-512. */
	private static String level(final int level) {
		switch (level) {
			case 3:
				return "AVX-512";
			case 2:
				return "AVX2";
			case 1:
				return "generic x86-64";
			default:
				return "level " + level;
		}
	}
}

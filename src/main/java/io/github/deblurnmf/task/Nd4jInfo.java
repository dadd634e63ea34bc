package io.github.deblurnmf.task;

import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/** Which ND4J backend and device do the work: logged by every command that uses ND4J. */
public final class Nd4jInfo {

	/** The environment variable that caps the instruction set of oneDNN's kernels, e.g. {@code AVX2}. */
	public static final String ISA_CAP_VARIABLE = "DNNL_MAX_CPU_ISA";

	private static volatile String described;

	private Nd4jInfo() {}

	/**
	 * Loads ND4J if need be and describes its backend: class, CPU or GPU, threads, and on the CPU
	 * which native kernels run (see {@link #cpuKernels()}).
	 */
	public static String describe() {
		final Environment env = Nd4j.getEnvironment();
		described = "ND4J " + Nd4j.getBackend().getClass().getSimpleName() + " on " + (env.isCPU() ? "CPU" : "GPU") + ", " + env.maxThreads() + " threads" +
			(env.isCPU() ? "; " + cpuKernels() : "");
		return described;
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

	/** What {@link #describe()} said last, or null if nothing asked since {@link #forget()} (this never loads ND4J). */
	public static String lastDescribed() {
		return described;
	}

	/** Clears {@link #lastDescribed()}, so that it tells whether the next piece of work used ND4J. */
	public static void forget() {
		described = null;
	}
}

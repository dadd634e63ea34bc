package io.github.deblurnmf.task;

import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/** Which ND4J backend and device do the work: logged by every command that uses ND4J. */
public final class Nd4jInfo {

	private static volatile String described;

	private Nd4jInfo() {}

	/** Loads ND4J if need be and describes its backend: class, CPU or GPU, threads. */
	public static String describe() {
		final Environment env = Nd4j.getEnvironment();
		described = "ND4J " + Nd4j.getBackend().getClass().getSimpleName() + " on " + (env.isCPU() ? "CPU" : "GPU") + ", " + env.maxThreads() + " threads";
		return described;
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

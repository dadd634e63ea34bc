package io.github.deblurnmf.task;

import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/** Which ND4J backend and device do the work: logged by every command that uses ND4J. */
public final class Nd4jInfo {

	private Nd4jInfo() {}

	public static String describe() {
		final Environment env = Nd4j.getEnvironment();
		return "ND4J " + Nd4j.getBackend().getClass().getSimpleName() + " on " + (env.isCPU() ? "CPU" : "GPU") + ", " + env.maxThreads() + " threads";
	}
}

package io.github.deblurnmf.nmf;

import io.github.deblurnmf.task.TaskMonitor;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/** For the benchmarks (package bench): a factorization on a chosen backend, with the time of each phase. */
public final class NmfProbe {

	private NmfProbe() {}

	/** A result and its phase times in milliseconds, by lowercase phase name. */
	public static final class Run {
		public final NmfResult result;
		public final Map<String, Double> phaseMillis = new LinkedHashMap<>();

		Run(final NmfResult result, final Phases phases) {
			this.result = result;
			for (final Map.Entry<Phases.Phase, Double> e : phases.millis().entrySet()) {
				phaseMillis.put(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue());
			}
		}
	}

	/** {@link Nmf#factorize} with {@code backend} = {@code auto}, {@code java} or {@code nd4j}. */
	public static Run factorize(final INDArray a, final NmfOptions options, final String backend) {
		final Phases phases = new Phases();
		final NmfResult r = Nmf.factorize(a, options, TaskMonitor.NONE, DenseMatrix.Backend.valueOf(backend.toUpperCase(Locale.ROOT)), phases);
		return new Run(r, phases);
	}
}

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

	/**
	 * The median time, in milliseconds, of one Aᵀ·F and one A·G (the two products of an NMF
	 * iteration) for a random m × n matrix and rank-k factors on {@code backend}, over {@code reps}
	 * repetitions after as many for warm-up.
	 */
	public static double productPairMillis(final int m, final int n, final int k, final String backend, final int reps) {
		final java.util.Random random = new java.util.Random(1);
		final float[] a = new float[m * n], f = new float[m * k], g = new float[n * k], out1 = new float[n * k], out2 = new float[m * k];
		for (int i = 0; i < a.length; i++) a[i] = random.nextFloat();
		for (int i = 0; i < f.length; i++) f[i] = random.nextFloat();
		for (int i = 0; i < g.length; i++) g[i] = random.nextFloat();
		final DenseMatrix matrix = DenseMatrix.of(a, null, m, n, k, DenseMatrix.Backend.valueOf(backend.toUpperCase(Locale.ROOT)));
		final double[] ms = new double[reps];
		for (int r = -reps; r < reps; r++) {
			final long t = System.nanoTime();
			matrix.transposeTimes(f, k, out1);
			matrix.times(g, k, out2);
			if (r >= 0) ms[r] = (System.nanoTime() - t) / 1e6;
		}
		java.util.Arrays.sort(ms);
		return ms[reps / 2];
	}

	/** Which backend {@link Nmf#factorize} picks for an m × n matrix at rank k. */
	public static String autoBackend(final int m, final int n, final int k) {
		return DenseMatrix.choose(m, n, k, DenseMatrix.Backend.AUTO).name().toLowerCase(Locale.ROOT);
	}

	/** {@link Nmf#factorize} with {@code backend} = {@code auto}, {@code java} or {@code nd4j}. */
	public static Run factorize(final INDArray a, final NmfOptions options, final String backend) {
		final Phases phases = new Phases();
		final NmfResult r = Nmf.factorize(a, options, TaskMonitor.NONE, DenseMatrix.Backend.valueOf(backend.toUpperCase(Locale.ROOT)), phases);
		return new Run(r, phases);
	}
}

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.deblurnmf.convert.ImagePlusBridge;
import io.github.deblurnmf.convert.MatrixBridge;
import io.github.deblurnmf.task.TaskMonitor;
import io.github.deblurnmf.task.UserInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The β-divergences and penalties against scikit-learn 1.2.1's figures on the LFW faces sample
 * ({@code src/test/resources/nmf/sklearn_reference.csv}, made by {@code sklearn_reference.py} there).
 */
class NmfLossTest {

	static INDArray faces() {
		return MatrixBridge.toMatrix(ImagePlusBridge.wrapImages(ij.IJ.openImage("src/main/resources/samples/lfw_faces_25px.tif")));
	}

	/** name → {divergence, relative} of sklearn_reference.csv. */
	static Map<String, double[]> reference() throws IOException {
		try (InputStream in = NmfLossTest.class.getResourceAsStream("/nmf/sklearn_reference.csv")) {
			final List<String> lines = List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
			final List<String> header = List.of(lines.get(0).split(","));
			final Map<String, double[]> out = new HashMap<>();
			for (final String line : lines.subList(1, lines.size())) {
				final String[] f = line.split(",");
				out.put(f[0], new double[] { Double.parseDouble(f[header.indexOf("divergence")]), Double.parseDouble(f[header.indexOf("relative")]) });
			}
			return out;
		}
	}

	private static NmfOptions mu(final NmfLoss loss) {
		return new NmfOptions().rank(16).algorithm(NmfAlgorithm.MU).loss(loss).iterations(500).tolerance(0);
	}

	/** Σ a log(a / wh) − a + wh (0 log 0 = 0) or Σ a / wh − log(a / wh) − 1, in double, from the returned factors. */
	static double divergence(final INDArray a, final NmfResult r, final NmfLoss loss) {
		final INDArray wh = r.w().mmul(r.h());
		double d = 0;
		for (long i = 0; i < a.rows(); i++) {
			for (long j = 0; j < a.columns(); j++) {
				final double x = a.getDouble(i, j), y = wh.getDouble(i, j);
				if (loss == NmfLoss.KULLBACK_LEIBLER) d += (x > 0 ? x * Math.log(x / y) : 0) - x + y;
				else d += x / y - Math.log(x / y) - 1;
			}
		}
		return d;
	}

	@Test
	void kullbackLeiblerOnTheFacesReachesScikitLearn() throws IOException {
		final INDArray a = faces();
		final NmfResult r = Nmf.factorize(a, mu(NmfLoss.KULLBACK_LEIBLER), TaskMonitor.NONE);
		final double sklearn = reference().get("kl16")[0]; // 202124.7
		final ErrorRecord last = r.last();
		assertEquals(500, last.iteration);
		assertEquals(NmfLoss.KULLBACK_LEIBLER, last.loss);
		// the recorded figure is the divergence of the factors returned
		assertEquals(divergence(a, r, NmfLoss.KULLBACK_LEIBLER), last.divergence, 1e-4 * last.divergence);
		assertTrue(last.divergence <= sklearn, last.divergence + " vs scikit-learn's " + sklearn);
		// the multiplicative updates improve on the HALS warm start (206 443 → 193 953)
		assertTrue(last.divergence < 0.97 * r.history().get(0).divergence, last.divergence + " after " + r.history().get(0).divergence);
		// a KL fit, not a least-squares one: the least-squares fit has a larger KL divergence
		final NmfResult leastSquares = Nmf.factorize(a, new NmfOptions().rank(16), TaskMonitor.NONE);
		assertTrue(last.divergence < 0.97 * divergence(a, leastSquares, NmfLoss.KULLBACK_LEIBLER));
	}

	@Test
	void itakuraSaitoOnTheFacesPlusOneReachesScikitLearn() throws IOException {
		final INDArray a = faces().add(1);
		final NmfResult r = Nmf.factorize(a, mu(NmfLoss.ITAKURA_SAITO), TaskMonitor.NONE);
		final double sklearn = reference().get("is16")[0]; // 2618.2
		assertEquals(divergence(a, r, NmfLoss.ITAKURA_SAITO), r.last().divergence, 1e-3 * r.last().divergence);
		assertTrue(r.last().divergence <= sklearn, r.last().divergence + " vs scikit-learn's " + sklearn);
	}

	@Test
	void defaultToleranceRunsAsFarAsScikitLearnsCoordinateDescent() throws IOException {
		final NmfResult r = Nmf.factorize(faces(), new NmfOptions().rank(32), TaskMonitor.NONE);
		final double sklearn = reference().get("cd32")[1]; // 0.14938 after 200 iterations
		assertTrue(r.last().relative <= sklearn, r.last().relative + " vs scikit-learn's " + sklearn + " after " + r.last().iteration);
		assertTrue(r.last().iteration < 500, "stopped by the tolerance, not the iteration limit: " + r.last().iteration);
	}

	@Test
	void theWindowRuleIgnoresASingleRiseAndStopsOnAFlatWindow() {
		final StoppingRule rule = new StoppingRule(1e-3);
		assertTrue(!rule.converged(10));
		for (int i = 1; i <= 9; i++) assertTrue(!rule.converged(10 - 0.01 * i)); // 1e-3 per step: 10 steps ≈ 1e-2
		assertTrue(!rule.converged(11)); // a rise (a restart) does not stop
		assertTrue(!rule.converged(9.9));
		final StoppingRule flat = new StoppingRule(1e-3);
		boolean stopped = false;
		int calls = 0;
		while (!stopped && calls < 100) {
			stopped = flat.converged(10 - 1e-5 * calls); // 1e-6 per step: stops once the window is full
			calls++;
		}
		assertEquals(StoppingRule.WINDOW + 1, calls);
	}

	/** Entries of W and H at most 1e-4 of their factor's largest (multiplicative updates shrink entries but never reach 0). */
	private static long zeros(final NmfResult r) {
		return zeros(r.w().data().asFloat()) + zeros(r.h().data().asFloat());
	}

	private static long zeros(final float[] x) {
		float max = 0;
		for (final float v : x) max = Math.max(max, v);
		long z = 0;
		for (final float v : x) if (v <= 1e-4f * max) z++;
		return z;
	}

	@Test
	void penaltiesGetSparserAsTheL1RatioGrows() {
		final INDArray a = faces();
		for (final NmfAlgorithm algorithm : NmfAlgorithm.values()) {
			long previous = -1;
			final StringBuilder counts = new StringBuilder(algorithm.key());
			for (final double ratio : new double[] { 0, 0.5, 1 }) {
				final NmfResult r = Nmf.factorize(a, new NmfOptions().rank(16).algorithm(algorithm).iterations(300).tolerance(0)
					.alphaW(ALPHA).alphaH(ALPHA).l1Ratio(ratio), TaskMonitor.NONE);
				final long z = zeros(r);
				counts.append(' ').append(z);
				assertTrue(z > previous * 1.2, counts.toString()); // measured at α = 3: hals 1387 2913 4655, mu 1303 2357 3437
				previous = z;
			}
		}
	}

	static final double ALPHA = 3;

	@Test
	void badSettingsAreRefusedClearly() {
		final INDArray a = faces();
		assertTrue(assertThrows(UserInputException.class, () -> Nmf.factorize(a, mu(NmfLoss.ITAKURA_SAITO), TaskMonitor.NONE))
			.getMessage().contains("strictly positive"));
		assertTrue(assertThrows(UserInputException.class, () -> Nmf.factorize(a, new NmfOptions().alphaW(-1), TaskMonitor.NONE))
			.getMessage().contains("alphaw"));
		assertTrue(assertThrows(UserInputException.class, () -> Nmf.factorize(a, new NmfOptions().alphaH(-0.1), TaskMonitor.NONE))
			.getMessage().contains("alphah"));
		assertTrue(assertThrows(UserInputException.class, () -> Nmf.factorize(a, new NmfOptions().l1Ratio(1.5), TaskMonitor.NONE))
			.getMessage().contains("l1ratio"));
		assertTrue(assertThrows(UserInputException.class, () -> Nmf.factorize(a, new NmfOptions().loss(NmfLoss.KULLBACK_LEIBLER), TaskMonitor.NONE))
			.getMessage().contains("algorithm=mu"));
		assertTrue(assertThrows(UserInputException.class, () -> NmfLoss.fromKey("kl")).getMessage().contains("kullback-leibler"));
		assertThrows(UserInputException.class, () -> DeepNmf.factorize(a, new int[] { 8, 4 }, mu(NmfLoss.KULLBACK_LEIBLER), TaskMonitor.NONE));
		assertEquals(NmfLoss.ITAKURA_SAITO, NmfLoss.fromKey(" Itakura-Saito "));
	}

	@Test
	void kullbackLeiblerFitsAnExactPoissonRateExactly() {
		// A = W·H exactly: the KL divergence goes to ~0
		final INDArray a = NmfTest.randomLowRank(40, 30, 3, 4).mul(100);
		final NmfResult r = Nmf.factorize(a, new NmfOptions().rank(3).algorithm(NmfAlgorithm.MU).loss(NmfLoss.KULLBACK_LEIBLER).iterations(2000)
			.tolerance(0), TaskMonitor.NONE);
		final double total = a.sumNumber().doubleValue();
		assertTrue(r.last().divergence < 1e-4 * total, r.last().divergence + " of a total " + total);
		for (final float v : r.w().data().asFloat()) assertTrue(Float.isFinite(v));
	}
}

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
package io.github.deblurnmf.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.deblurnmf.io.Samples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NMF Decompose on Spark against the single-machine command, on the LFW faces sample in 4 partitions. */
class SparkNmfTest {

	@TempDir
	static Path dir;
	static Path faces;

	@BeforeAll
	static void sample() throws Exception {
		faces = Samples.extract(Samples.FACES, dir.resolve("faces.tif"));
	}

	private static SparkRuns.Result decompose(final String master, final String options, final Path out, final String... conf) {
		final List<String> args = new java.util.ArrayList<>(List.of("--master", master));
		for (final String c : conf) {
			args.add("--conf");
			args.add(c);
		}
		args.addAll(List.of("--run", "NMF Decompose", "input='" + faces + "'," + options + ",outputdir='" + out + "'"));
		return SparkRuns.spark(args.toArray(new String[0]));
	}

	@Test
	void muInFourPartitionsEqualsTheSingleMachineResult() throws Exception {
		final String options = "rank=8,algorithm=mu,iterations=60,tolerance=0";
		SparkRuns.headless("NMF Decompose", "input='" + faces + "'," + options + ",outputdir='" + dir.resolve("mu-local") + "'");
		final SparkRuns.Result r = decompose("local[2]", options + ",partitions=4", dir.resolve("mu-spark"));
		assertEquals(0, r.code, r.err);
		assertEquals("60", r.figure("iterations_run"));
		for (final String name : List.of("bases.tif", "reconstruction.tif")) {
			final double d = SparkRuns.relativeDifference(SparkRuns.pixels(dir.resolve("mu-local").resolve(name)), SparkRuns.pixels(dir.resolve("mu-spark").resolve(name)));
			assertTrue(d < 1e-4, name + " differs by " + d);
		}
		final double dh = SparkRuns.relativeDifference(SparkRuns.csvValues(dir.resolve("mu-local/coefficients.csv"), 1),
			SparkRuns.csvValues(dir.resolve("mu-spark/coefficients.csv"), 1));
		assertTrue(dh < 1e-4, "H differs by " + dh);
		final double[] local = errors(dir.resolve("mu-local/error.csv")), spark = errors(dir.resolve("mu-spark/error.csv"));
		assertEquals(local.length, spark.length);
		for (int i = 0; i < local.length; i++) assertEquals(local[i], spark[i], 1e-4 * local[i], "error of iteration " + i);
	}

	@Test
	void halsInFourPartitionsMatchesTheSingleMachineResult() throws Exception {
		final String options = "rank=8,iterations=80";
		final SparkRuns.Result l = SparkRuns.headless("NMF Decompose", "input='" + faces + "'," + options + ",outputdir='" + dir.resolve("hals-local") + "'");
		final SparkRuns.Result one = decompose("local[2]", options + ",partitions=1", dir.resolve("hals-spark1"));
		final SparkRuns.Result four = decompose("local[2]", options + ",partitions=4", dir.resolve("hals-spark4"));
		assertEquals(0, one.code, one.err);
		assertEquals(0, four.code, four.err);
		final double local = Double.parseDouble(l.figure("relative"));
		// One partition: the same algorithm, the same stopping; only float sums may differ.
		assertEquals(local, Double.parseDouble(one.figure("relative")), 1e-4 * local);
		assertEquals(l.figure("iterations_run"), one.figure("iterations_run"));
		final double d1 = SparkRuns.relativeDifference(SparkRuns.pixels(dir.resolve("hals-local/reconstruction.tif")), SparkRuns.pixels(dir.resolve("hals-spark1/reconstruction.tif")));
		assertTrue(d1 < 1e-4, "one partition: W·H differs by " + d1);
		// Four partitions: the same sweeps and stopping (on the changes summed over partitions); only the
		// float sums over images are grouped otherwise.
		final double d4 = SparkRuns.relativeDifference(SparkRuns.pixels(dir.resolve("hals-local/reconstruction.tif")), SparkRuns.pixels(dir.resolve("hals-spark4/reconstruction.tif")));
		System.err.println("HALS 4 partitions: relative error " + four.figure("relative") + " (one machine " + local + "), W·H differs by " + d4);
		assertEquals(local, Double.parseDouble(four.figure("relative")), 1e-4 * local);
		assertEquals(l.figure("iterations_run"), four.figure("iterations_run"));
		assertTrue(d4 < 1e-4, "four partitions: W·H differs by " + d4);
	}

	@Test
	void aFailedTaskIsRetriedAndGivesTheSameResult() throws Exception {
		final String options = "rank=6,algorithm=mu,iterations=12,tolerance=0,init=random,partitions=4";
		final SparkRuns.Result clean = decompose("local[2]", options, dir.resolve("f-clean"));
		final Path marker = dir.resolve("nmf-failed-once");
		final SparkRuns.Result retried = decompose("local[2,2]", options, dir.resolve("f-retried"),
			SparkRunner.FAIL_ONCE + "=" + marker, SparkRunner.FAIL_AT + "=iteration:5");
		assertEquals(0, clean.code, clean.err);
		assertEquals(0, retried.code, retried.err);
		assertTrue(Files.exists(marker), "the fault was injected");
		// Spark merges the partitions' sums in the order their tasks finish, so a retry may regroup a
		// floating-point sum: the same result to rounding, not always to the last bit.
		final double[] h = SparkRuns.csvValues(dir.resolve("f-clean/coefficients.csv"), 1);
		assertTrue(SparkRuns.relativeDifference(h, SparkRuns.csvValues(dir.resolve("f-retried/coefficients.csv"), 1)) < 1e-9);
		final double frobenius = Double.parseDouble(clean.figure("frobenius"));
		assertEquals(frobenius, Double.parseDouble(retried.figure("frobenius")), 1e-12 * frobenius);
	}

	@Test
	void badInputGivesOneErrorLine() throws Exception {
		final SparkRuns.Result rank = decompose("local[1]", "rank=0", dir.resolve("bad1"));
		assertEquals(1, rank.code);
		assertEquals(List.of("ERROR: rank must be between 1 and min(pixels, images) = 100, got 0"), rank.errorLines());
		final SparkRuns.Result deep = decompose("local[1]", "layers='8,4'", dir.resolve("bad2"));
		assertEquals(1, deep.code);
		assertEquals(1, deep.errorLines().size());
		final SparkRuns.Result missing = SparkRuns.spark("--master", "local[1]", "--run", "NMF Decompose", "input=/nonexistent/x.tif,outputdir='" + dir.resolve("bad3") + "'");
		assertEquals(1, missing.code);
		assertEquals(List.of("ERROR: Input file not found: file:/nonexistent/x.tif"), missing.errorLines());
		final SparkRuns.Result noOut = SparkRuns.spark("--master", "local[1]", "--run", "NMF Decompose", "input='" + faces + "'");
		assertEquals(2, noOut.code);
		assertEquals(1, noOut.errorLines().size());
		final SparkRuns.Result key = decompose("local[1]", "rnak=3", dir.resolve("bad4"));
		assertEquals(2, key.code);
		assertTrue(key.errorLines().get(0).startsWith("ERROR: Unknown parameter 'rnak' for NMF Decompose"), key.err);
	}

	private static double[] errors(final Path csv) throws Exception {
		return Files.readAllLines(csv).stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[1])).toArray();
	}

	@SuppressWarnings("unused")
	private static String lines(final List<String> l) {
		return l.stream().collect(Collectors.joining("\n"));
	}
}

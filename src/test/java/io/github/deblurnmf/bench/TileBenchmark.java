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

import io.github.deblurnmf.deblur.PlaneOperator;
import io.github.deblurnmf.deblur.PsfFirstStage;
import io.github.deblurnmf.net.Backend;
import io.github.deblurnmf.net.DeblurNetwork;

import java.io.IOException;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Where one tile's time goes in Deblur Image with a psf-unet: milliseconds per tile, steady state, of the first stage
 * alone ({@link PsfFirstStage#inputs}) and of the whole per-tile operator (first stage, network, output), in one JVM
 * with nothing else to do; the two take turns, one timed batch each per round. Whole runs of Deblur Image on one
 * machine vary by up to 30 % (docs/performance.md), a loop over one tile much less. Not a unit test; the command
 * is in docs/performance.md.
 * <p>
 * Arguments {@code key=value}: {@code model=} (a zip; empty = the shipped model), {@code tile=544} (side),
 * {@code sigma=3}, {@code rounds=5}, {@code reps=5} (tiles per timed batch), {@code layouts=} (e.g. {@code nchw,nhwc}: one
 * network per layout of the forward pass, {@value DeblurNetwork#FORWARD_LAYOUT_PROPERTY}, timed in turns instead of the
 * first stage; empty = the layout picked for this CPU). Prints {@code key=value} lines, each figure the median over the
 * rounds, with its range; {@link Backend#describe} says which kernels ran (the environment variable
 * {@value Backend#ISA_CAP_VARIABLE} caps oneDNN's).
 * </p>
 */
public final class TileBenchmark {

	private TileBenchmark() {}

	public static void main(final String[] args) throws IOException {
		final Map<String, String> defaults = new LinkedHashMap<>();
		defaults.put("model", "");
		defaults.put("tile", "544");
		defaults.put("sigma", "3");
		defaults.put("rounds", "5");
		defaults.put("reps", "5");
		defaults.put("layouts", "");
		final Map<String, String> a = BenchmarkArgs.parse(args, defaults);
		final int tile = Integer.parseInt(a.get("tile"));
		final double sigma = Double.parseDouble(a.get("sigma"));
		final int rounds = Integer.parseInt(a.get("rounds"));
		final int reps = Integer.parseInt(a.get("reps"));
		final DeblurNetwork network = a.get("model").isEmpty() ? DeblurNetwork.loadDefault() : DeblurNetwork.load(Paths.get(a.get(
			"model")));
		if (network.psfInput() == null) throw new IllegalArgumentException("not a psf-unet: " + network.architecture());
		System.out.println("backend=" + Backend.describe());
		final PsfFirstStage firstStage = network.psfInput().firstStage(sigma, 0);
		final PlaneOperator operator = network.operator(sigma, 0, false);
		final float[] blurred = new float[tile * tile];
		final Random random = new Random(1);
		for (int i = 0; i < blurred.length; i++) blurred[i] = random.nextFloat();
		if (!a.get("layouts").isEmpty()) {
			timeLayouts(a.get("layouts").split(","), a.get("model"), sigma, blurred, tile, rounds, reps);
			return;
		}
		final float[] planes = new float[firstStage.planes() * tile * tile];
		final float[] out = new float[tile * tile];
		final Runnable stage = () -> firstStage.inputs(blurred, tile, tile, planes);
		final Runnable whole = () -> operator.apply(blurred, tile, tile, out);
		stage.run();
		whole.run();
		whole.run();
		final double[] stageMs = new double[rounds];
		final double[] wholeMs = new double[rounds];
		for (int r = 0; r < rounds; r++) {
			stageMs[r] = millisPerRun(stage, reps);
			wholeMs[r] = millisPerRun(whole, reps);
		}
		System.out.println("tile=" + tile);
		print("first_stage_ms", stageMs);
		print("tile_ms", wholeMs);
		Arrays.sort(wholeMs);
		System.out.printf("tile_megapixels_per_second=%.3f%n", tile * (double) tile / 1e3 / wholeMs[rounds / 2]);
	}

	/** The whole per-tile operator of one network per forward-pass layout, in turns. */
	private static void timeLayouts(final String[] layouts, final String model, final double sigma, final float[] blurred, final int tile,
		final int rounds, final int reps) throws IOException
	{
		final Runnable[] runs = new Runnable[layouts.length];
		final float[][] outputs = new float[layouts.length][tile * tile];
		for (int l = 0; l < layouts.length; l++) {
			System.setProperty(DeblurNetwork.FORWARD_LAYOUT_PROPERTY, layouts[l]);
			final DeblurNetwork network = model.isEmpty() ? DeblurNetwork.loadDefault() : DeblurNetwork.load(Paths.get(model));
			final PlaneOperator operator = network.operator(sigma, 0, false);
			final float[] out = outputs[l];
			runs[l] = () -> operator.apply(blurred, tile, tile, out);
			runs[l].run();
			runs[l].run();
		}
		System.clearProperty(DeblurNetwork.FORWARD_LAYOUT_PROPERTY);
		final double[][] ms = new double[layouts.length][rounds];
		for (int r = 0; r < rounds; r++)
			for (int l = 0; l < layouts.length; l++) ms[l][r] = millisPerRun(runs[l], reps);
		System.out.println("tile=" + tile);
		for (int l = 0; l < layouts.length; l++) {
			double largest = 0;
			for (int i = 0; i < blurred.length; i++) largest = Math.max(largest, Math.abs(outputs[l][i] - outputs[0][i]));
			print("tile_ms_" + layouts[l], ms[l]);
			System.out.printf("largest_difference_from_%s_%s=%.3g%n", layouts[0], layouts[l], largest);
		}
	}

	private static double millisPerRun(final Runnable run, final int reps) {
		final long start = System.nanoTime();
		for (int i = 0; i < reps; i++) run.run();
		return (System.nanoTime() - start) / 1e6 / reps;
	}

	private static void print(final String key, final double[] values) {
		final double[] sorted = values.clone();
		Arrays.sort(sorted);
		System.out.printf("%s=%.1f (%.1f-%.1f)%n", key, sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
	}
}

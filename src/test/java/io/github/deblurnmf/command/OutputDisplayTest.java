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
package io.github.deblurnmf.command;

import static io.github.deblurnmf.command.CommandRuns.quoted;
import static io.github.deblurnmf.command.CommandRuns.readTiff;
import static io.github.deblurnmf.command.CommandRuns.succeeds;
import static io.github.deblurnmf.command.CommandRuns.writeTiff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;
import io.github.deblurnmf.io.Samples;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs open with their input's display range, not their own minimum and maximum. */
class OutputDisplayTest {

	@TempDir
	Path tmp;

	private static List<Double> range(final ImagePlus image) {
		return List.of(image.getDisplayRangeMin(), image.getDisplayRangeMax());
	}

	@Test
	void theDeblurredCameraOpensOnTheEightBitRange() throws Exception {
		final ImagePlus blurred = Samples.blurred(Samples.open(Samples.CAMERA), 20, 3, "blurred");
		final Path input = writeTiff(blurred, tmp.resolve("blurred.tif")), out = tmp.resolve("out");
		succeeds("Deblur Image", "input=" + quoted(input) + ", method=wiener, outputdir=" + quoted(out));
		final ImagePlus deblurred = readTiff(out.resolve("deblurred.tif"));
		assertEquals(32, deblurred.getBitDepth());
		assertEquals(List.of(0.0, 255.0), range(deblurred));
		final float[] values = (float[]) deblurred.getProcessor().getPixels();
		float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
		for (final float v : values) {
			min = Math.min(min, v);
			max = Math.max(max, v);
		}
		assertTrue(min != 0 || max != 255, "its own range differs: " + min + " … " + max);
	}

	@Test
	void theDenoisedStackAndTheReconstructionOpenOnTheInputsRange() {
		final ImageStack stack = new ImageStack(12, 12);
		final java.util.Random random = new java.util.Random(5);
		for (int n = 0; n < 6; n++) {
			final float[] v = new float[144];
			for (int i = 0; i < v.length; i++) v[i] = 200 + 100 * (float) Math.sin(i * 0.3 + n) + 30 * random.nextFloat();
			stack.addSlice(new FloatProcessor(12, 12, v));
		}
		final ImagePlus image = new ImagePlus("stack", stack);
		image.setDisplayRange(0, 1000);
		final Path input = writeTiff(image, tmp.resolve("stack.tif"));
		assertEquals(List.of(0.0, 1000.0), range(readTiff(input)), "the input file keeps its range");
		succeeds("NMF Denoise", "input=" + quoted(input) + ", rank=2, mode=stack, outputdir=" + quoted(tmp.resolve("a")));
		assertEquals(List.of(0.0, 1000.0), range(readTiff(tmp.resolve("a/denoised.tif"))));
		succeeds("NMF Decompose", "input=" + quoted(input) + ", rank=2, outputdir=" + quoted(tmp.resolve("b")));
		assertEquals(List.of(0.0, 1000.0), range(readTiff(tmp.resolve("b/reconstruction.tif"))));
	}
}

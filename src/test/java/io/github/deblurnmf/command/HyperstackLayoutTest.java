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
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ByteProcessor;

import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 5-D hyperstack (Z and T) comes back with its channels, slices and frames, not with frames folded into slices, and with its
 * spatial calibration; NMF's bases keep its pixel size.
 */
class HyperstackLayoutTest {

	@TempDir
	Path tmp;

	private Path hyperstack(final int channels, final int slices, final int frames) {
		final Random random = new Random(3);
		final ImageStack stack = new ImageStack(16, 12);
		for (int p = 0; p < channels * slices * frames; p++) {
			final ByteProcessor bp = new ByteProcessor(16, 12);
			for (int i = 0; i < 16 * 12; i++) bp.set(i, 10 + random.nextInt(200));
			stack.addSlice(bp);
		}
		final ImagePlus image = new ImagePlus("hyper", stack);
		image.setDimensions(channels, slices, frames);
		image.setOpenAsHyperStack(true);
		final Calibration calibration = image.getCalibration();
		calibration.pixelWidth = 0.25;
		calibration.pixelHeight = 0.5;
		calibration.pixelDepth = 2;
		calibration.setUnit("µm");
		calibration.frameInterval = 5;
		return writeTiff(image, tmp.resolve("hyper.tif"));
	}

	private static void assertCalibrated(final Path file) {
		final Calibration calibration = readTiff(file).getCalibration();
		assertArrayEquals(new double[] { 0.25, 0.5, 2, 5 }, new double[] { calibration.pixelWidth, calibration.pixelHeight, calibration.pixelDepth,
			calibration.frameInterval }, 1e-9, file.toString());
		assertEquals("µm", calibration.getUnit(), file.toString());
	}

	@Test
	void nmfReconstructionAndDenoisedStackKeepZAndT() {
		final Path input = hyperstack(1, 3, 4);
		succeeds("NMF Decompose", "input=" + quoted(input) + ", rank=2, iterations=5, outputdir=" + quoted(tmp.resolve("nmf")));
		assertArrayEquals(new int[] { 16, 12, 1, 3, 4 }, readTiff(tmp.resolve("nmf/reconstruction.tif")).getDimensions());
		succeeds("NMF Denoise", "input=" + quoted(input) + ", mode=stack, rank=2, iterations=5, outputdir=" + quoted(tmp.resolve("denoise")));
		assertArrayEquals(new int[] { 16, 12, 1, 3, 4 }, readTiff(tmp.resolve("denoise/denoised.tif")).getDimensions());
		assertCalibrated(tmp.resolve("nmf/reconstruction.tif"));
		// the bases share the pixel size; their slices are components, so no z step or frame interval
		final Calibration bases = readTiff(tmp.resolve("nmf/bases.tif")).getCalibration();
		assertArrayEquals(new double[] { 0.25, 0.5, 1, 0 }, new double[] { bases.pixelWidth, bases.pixelHeight, bases.pixelDepth, bases.frameInterval },
			1e-9);
		assertEquals("µm", bases.getUnit());
		assertCalibrated(tmp.resolve("denoise/denoised.tif"));
	}

	@Test
	void deblurredStackKeepsZTAndCalibration() {
		succeeds("Deblur Image", "input=" + quoted(hyperstack(1, 2, 2)) + ", method=wiener, outputdir=" + quoted(tmp.resolve("deblur")));
		assertArrayEquals(new int[] { 16, 12, 1, 2, 2 }, readTiff(tmp.resolve("deblur/deblurred.tif")).getDimensions());
		assertCalibrated(tmp.resolve("deblur/deblurred.tif"));
	}
}

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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import io.github.deblurnmf.headless.HeadlessRunner;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RGBA case: the last channel is an opacity mask, kept out of A and restored on the results. */
class NmfDecomposeOpacityTest {

	@Test
	void opacityStaysOutOfTheFactorizationAndComesBack(@TempDir final Path dir) {
		final int w = 6, h = 5, images = 4;
		final Random random = new Random(3);
		final ImageStack stack = new ImageStack(w, h);
		final float[][] alphas = new float[images][];
		for (int n = 0; n < images; n++) {
			for (int c = 0; c < 4; c++) {
				final float[] pixels = new float[w * h];
				// The colour channels are all rank 1 (one pattern scaled per image): rank 1 fits them exactly
				// unless the random opacity channel were factorized too.
				for (int i = 0; i < pixels.length; i++) pixels[i] = c < 3 ? (n + 1) * (i % 7 + 1) * (c + 1) : random.nextFloat();
				if (c == 3) alphas[n] = pixels;
				stack.addSlice(null, pixels);
			}
		}
		final ImagePlus rgba = new ImagePlus("rgba", stack);
		rgba.setDimensions(4, images, 1);
		final Path input = dir.resolve("rgba.tif");
		new FileSaver(rgba).saveAsTiff(input.toString());

		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		final int code = HeadlessRunner.run(new String[] { "--run", "NMF Decompose",
			"input='" + input + "',rank=1,alpha=true,tolerance=0,iterations=200,outputdir='" + dir.resolve("out") + "'" },
			new PrintStream(out), new PrintStream(new ByteArrayOutputStream()));
		assertEquals(0, code);
		final double relative = Double.parseDouble(out.toString().lines().filter(l -> l.startsWith("relative=")).findFirst().get().substring(9));
		assertTrue(relative < 1e-4, "relative " + relative);

		final ImagePlus reconstruction = IJ.openImage(dir.resolve("out/reconstruction.tif").toString());
		assertEquals(4, reconstruction.getNChannels());
		for (int n = 0; n < images; n++) {
			assertArrayEquals(alphas[n], (float[]) reconstruction.getStack().getPixels(n * 4 + 4), 0f, "opacity of image " + (n + 1));
		}
		final ImagePlus bases = IJ.openImage(dir.resolve("out/bases.tif").toString());
		assertEquals(4, bases.getNChannels());
		assertEquals(4, bases.getStackSize());
		final float[] meanAlpha = (float[]) bases.getStack().getPixels(4);
		for (int i = 0; i < w * h; i++) {
			double mean = 0;
			for (int n = 0; n < images; n++) mean += alphas[n][i] / images;
			assertEquals(mean, meanAlpha[i], 1e-6);
		}
	}
}

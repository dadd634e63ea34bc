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
package io.github.deblurnmf.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.LUT;
import ij.process.ShortProcessor;
import io.github.deblurnmf.io.ImageFiles;

import java.awt.Color;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DisplayLikeTest {

	private static final int W = 6, H = 4;

	@TempDir
	Path tmp;

	/** A float stack of {@code planes} planes whose values overshoot 0..255, as a deblurred image's do. */
	private static ImagePlus output(final int channels, final int planes) {
		final ImageStack stack = new ImageStack(W, H);
		for (int p = 0; p < channels * planes; p++) {
			final float[] v = new float[W * H];
			for (int i = 0; i < v.length; i++) v[i] = -40 + 13 * i + p;
			stack.addSlice(null, new FloatProcessor(W, H, v));
		}
		final ImagePlus image = new ImagePlus("out", stack);
		image.setDimensions(channels, planes, 1);
		if (channels > 1) image.setOpenAsHyperStack(true);
		image.resetDisplayRange();
		return image;
	}

	private static int rgbOf(final LUT lut, final int index) {
		return lut.getRGB(index) & 0xffffff;
	}

	@Test
	void aGrayOutputTakesTheInputsRangeAndLut() {
		final ImagePlus input = new ImagePlus("in", new ByteProcessor(W, H));
		input.setDisplayRange(10, 200);
		input.getProcessor().invertLut();
		final ImagePlus out = output(1, 2);
		assertEquals(-40, out.getDisplayRangeMin(), "its own range before");
		assertSame(out, ImagePlusBridge.displayLike(input, out));
		assertEquals(10, out.getDisplayRangeMin());
		assertEquals(200, out.getDisplayRangeMax());
		assertTrue(out.isInvertedLut(), "the inverted LUT comes along");
	}

	@Test
	void anRgbInputGivesARedGreenBlueCompositeOnItsRangeAndAnOpacityKeepsItsOwn() {
		final ImagePlus input = new ImagePlus("in", new ColorProcessor(W, H));
		final ImagePlus target = output(4, 1);
		target.setDisplayRange(-1, 300);
		final ImagePlus out = ImagePlusBridge.displayLike(input, target);
		assertTrue(out.isComposite());
		final CompositeImage composite = (CompositeImage) out;
		assertEquals(CompositeImage.COMPOSITE, composite.getMode());
		final int[] colours = { 0xff0000, 0x00ff00, 0x0000ff };
		for (int c = 1; c <= 3; c++) {
			final LUT lut = composite.getChannelLut(c);
			assertEquals(colours[c - 1], rgbOf(lut, 255), "colour of channel " + c);
			assertEquals(0, lut.min, "channel " + c);
			assertEquals(255, lut.max, "channel " + c);
		}
		assertEquals(List.of(-1.0, 300.0), List.of(composite.getChannelLut(4).min, composite.getChannelLut(4).max), "the opacity keeps the output's range");
	}

	@Test
	void aCompositeInputLendsEachChannelItsLutAndRangeAndTheFileKeepsThem() throws Exception {
		final ImageStack stack = new ImageStack(W, H);
		stack.addSlice(new ShortProcessor(W, H));
		stack.addSlice(new ShortProcessor(W, H));
		final ImagePlus plain = new ImagePlus("in", stack);
		plain.setDimensions(2, 1, 1);
		final CompositeImage input = new CompositeImage(plain, CompositeImage.COLOR);
		final LUT green = LUT.createLutFromColor(Color.GREEN), magenta = LUT.createLutFromColor(Color.MAGENTA);
		green.min = 100;
		green.max = 1000;
		magenta.min = 0;
		magenta.max = 4000;
		input.setChannelLut(green, 1);
		input.setChannelLut(magenta, 2);

		final ImagePlus out = ImagePlusBridge.displayLike(input, output(2, 1));
		final Path file = tmp.resolve("out.tif");
		ImageFiles.writeTiff(out, file, file);
		for (final ImagePlus image : new ImagePlus[] { out, IJ.openImage(file.toString()) }) {
			assertTrue(image.isComposite());
			final CompositeImage c = (CompositeImage) image;
			assertEquals(CompositeImage.COLOR, c.getMode());
			assertEquals(0x00ff00, rgbOf(c.getChannelLut(1), 255));
			assertEquals(0xff00ff, rgbOf(c.getChannelLut(2), 255));
			assertEquals(List.of(100.0, 1000.0, 0.0, 4000.0),
				List.of(c.getChannelLut(1).min, c.getChannelLut(1).max, c.getChannelLut(2).min, c.getChannelLut(2).max));
		}
	}

	@Test
	void setDisplayRangeCoversTheFirstChannelsOfAComposite() {
		final ImagePlus out = new CompositeImage(output(3, 1), CompositeImage.COMPOSITE);
		final double max = ((CompositeImage) out).getChannelLut(3).max;
		ImagePlusBridge.setDisplayRange(out, 2, 0, 1);
		for (int c = 1; c <= 2; c++) {
			assertEquals(0, ((CompositeImage) out).getChannelLut(c).min);
			assertEquals(1, ((CompositeImage) out).getChannelLut(c).max);
		}
		assertEquals(max, ((CompositeImage) out).getChannelLut(3).max, "the third channel is left");
		assertTrue(max > 1);
	}
}

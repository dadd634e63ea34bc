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

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;
import io.github.deblurnmf.convert.ImagePlusBridge;

import java.util.List;

/**
 * The NMF bases laid out side by side in one image, to see all components at a glance: the values
 * of the bases image as they are (each basis on [0, 1], its maximum 1, see
 * {@link io.github.deblurnmf.nmf.NmfResult#withUnitMaxBases}), displayed as the bases are, on a grid
 * of ⌈√k⌉ columns in component order, row by row, separated by 1-pixel lines at the top of each
 * channel's display range (white).
 */
final class BasesMontage {

	static final int BORDER = 1;

	private BasesMontage() {}

	/**
	 * The montage of {@code bases}: k components of {@link ImagePlus#getNChannels()} planes each,
	 * component-major; one plane per channel, labelled by {@code channelNames} (one per channel).
	 */
	static ImagePlus of(final ImagePlus bases, final List<String> channelNames, final String title) {
		final ImageStack stack = bases.getStack();
		final int channels = bases.getNChannels();
		final int w = bases.getWidth(), h = bases.getHeight();
		final int components = stack.getSize() / channels;
		final int columns = (int) Math.ceil(Math.sqrt(components));
		final int rows = (components + columns - 1) / columns;
		final int width = columns * w + (columns - 1) * BORDER, height = rows * h + (rows - 1) * BORDER;
		final ImageStack montage = new ImageStack(width, height);
		final String which = components == 1 ? "component 1" : "components 1-" + components;
		for (int c = 0; c < channels; c++) {
			final float[] plane = new float[width * height];
			java.util.Arrays.fill(plane, (float) channelMax(bases, c + 1));
			for (int j = 0; j < components; j++) {
				final int x0 = (j % columns) * (w + BORDER), y0 = (j / columns) * (h + BORDER);
				final float[] source = (float[]) stack.getProcessor(j * channels + c + 1).convertToFloat().getPixels();
				for (int y = 0; y < h; y++) System.arraycopy(source, y * w, plane, (y0 + y) * width + x0, w);
			}
			final String label = channels == 1 ? "NMF " + which + ", each on [0, 1]" : channelNames.get(c) + ", " + which;
			montage.addSlice(label, new FloatProcessor(width, height, plane));
		}
		final ImagePlus image = new ImagePlus(title, montage);
		image.setDimensions(channels, 1, 1);
		return ImagePlusBridge.displayLike(bases, image);
	}

	/** The top of the display range of channel {@code c} (1-based) of {@code image}. */
	private static double channelMax(final ImagePlus image, final int c) {
		return image.isComposite() ? ((ij.CompositeImage) image).getChannelLut(c).max : image.getDisplayRangeMax();
	}
}

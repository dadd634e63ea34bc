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
package io.github.deblurnmf.deblur;

import io.github.deblurnmf.convert.Normalization;
import io.github.deblurnmf.task.TaskMonitor;

import java.util.Arrays;

/**
 * Deblur Image's work on one image (all its channels, channel-planar, in the image's units), apart from
 * ImageJ. A network ({@link #tiled}) goes tile by tile ({@link TiledDeblur}, seamless), each channel mapped
 * to the [0, 1] scale it was trained on ({@link Normalization} of the bit depth; a 32-bit plane by its own
 * range) and back. A classical method ({@link #whole}: Wiener, Richardson–Lucy) sees each channel's whole
 * plane (its edge handling is exact) on the bit depth's [0, 1] scale; it is linear, so no range is needed.
 */
public final class ImageDeblur {

	private final PlaneOperator operator;
	private final int operatorChannels;
	private final TiledDeblur tiles;
	private final int bitDepth;
	private final double scale;

	private ImageDeblur(final PlaneOperator operator, final int operatorChannels, final TiledDeblur tiles, final int bitDepth, final double scale) {
		this.operator = operator;
		this.operatorChannels = operatorChannels;
		this.tiles = tiles;
		this.bitDepth = bitDepth;
		this.scale = scale;
	}

	/**
	 * A network's operator on tiles of {@code tile} pixels with {@code overlap} (see {@link TiledDeblur}),
	 * taking {@code operatorChannels} channels at a time, for images of {@code bitDepth} (8, 16, 24 or 32).
	 */
	public static ImageDeblur tiled(final PlaneOperator operator, final int operatorChannels, final int tile, final int overlap, final int bitDepth) {
		return new ImageDeblur(operator, operatorChannels, new TiledDeblur(operator, operatorChannels, tile, overlap), bitDepth, 1);
	}

	/** A classical method on whole gray planes; {@code scale} is the bit depth's full scale (255, 65535, or 1 for 32-bit). */
	public static ImageDeblur whole(final PlaneOperator operator, final double scale) {
		return new ImageDeblur(operator, 1, null, 0, scale);
	}

	/** The tiling of a network; null for a classical method. */
	public TiledDeblur tiles() {
		return tiles;
	}

	/** {@code image} ({@code channels} planes of {@code width × height}, in its units) deblurred, in its units; {@code image} is not changed. */
	public float[] apply(final float[] image, final int width, final int height, final int channels, final TaskMonitor monitor) {
		if (tiles != null) return deblurRows(tiles, operatorChannels, image.clone(), normalizations(bitDepth, image, channels), width, height, 0, 0, height, monitor);
		final int plane = width * height;
		final float[] all = new float[plane * channels];
		for (int c = 0; c < channels; c++) {
			final float[] unit = Arrays.copyOfRange(image, c * plane, (c + 1) * plane);
			for (int i = 0; i < plane; i++) unit[i] /= scale;
			final float[] out = operator.apply(unit, width, height);
			for (int i = 0; i < plane; i++) all[c * plane + i] = (float) (out[i] * scale);
		}
		return all;
	}

	/** The normalization of each of the {@code channels} channels of one plane ({@code image}, channel-planar, in the plane's units). */
	public static Normalization[] normalizations(final int bitDepth, final float[] image, final int channels) {
		final int plane = image.length / channels;
		final Normalization[] normalizations = new Normalization[channels];
		for (int c = 0; c < channels; c++) {
			final double[] range = bitDepth == 32 ? Normalization.range(image, c * plane, plane) : new double[2];
			normalizations[c] = Normalization.of(bitDepth, range[0], range[1]);
		}
		return normalizations;
	}

	/**
	 * The network's deblurring of rows {@code [r0, r1)} of one plane: {@code image} holds the plane's
	 * rows {@code [firstRow, …)} (all channels, channel-planar, in the plane's units; mapped in place to
	 * the [0, 1] scale the network was trained on, as Create Blurred Dataset made its tiles), at least
	 * {@link TiledDeblur#inputRows}; {@code normalizations} are the whole plane's. The output goes back
	 * into the plane's units. For the whole plane ({@code firstRow = r0 = 0, r1 = height}) a tile that
	 * runs out of memory is halved, as in {@link TiledDeblur#apply}; a band keeps its tile, so that bands
	 * computed apart fit together.
	 */
	public static float[] deblurRows(final TiledDeblur tiles, final int operatorChannels, final float[] image, final Normalization[] normalizations,
		final int width, final int height, final int firstRow, final int r0, final int r1, final TaskMonitor monitor)
	{
		final int channels = normalizations.length, rows = image.length / (channels * width), plane = rows * width, outPlane = (r1 - r0) * width;
		for (int c = 0; c < channels; c++) normalizations[c].toUnit(image, c * plane, plane);
		final boolean whole = firstRow == 0 && r0 == 0 && r1 == height && rows == height;
		final float[] all = new float[channels * outPlane];
		for (int pass = 0; pass < channels / operatorChannels; pass++) {
			final float[] part = Arrays.copyOfRange(image, pass * operatorChannels * plane, (pass + 1) * operatorChannels * plane);
			final float[] out = whole ? tiles.apply(part, width, height, monitor) : tiles.applyRows(part, width, height, firstRow, r0, r1, monitor);
			for (int c = 0; c < operatorChannels; c++) normalizations[pass * operatorChannels + c].fromUnit(out, c * outPlane, outPlane);
			System.arraycopy(out, 0, all, pass * operatorChannels * outPlane, out.length);
		}
		return all;
	}
}

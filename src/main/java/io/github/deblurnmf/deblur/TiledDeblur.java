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

import io.github.deblurnmf.task.TaskMonitor;
import io.github.deblurnmf.task.UserInputException;

/**
 * Applies a {@link PlaneOperator} to an image of any size tile by tile, so memory stays bounded.
 * Neighbouring tiles overlap by {@code overlap} pixels and are blended with raised-cosine weights
 * across the overlap, so no seam shows where one tile's edge effects end and the next one's begin.
 * Each tile's side is a multiple of the operator's {@link PlaneOperator#sideMultiple()} where the image
 * allows it (a side of 130 for a network of multiple 8: tiles of 128 at 0 and 2), and the last tile along
 * a side is flush with the image's edge, so that the operator meets the edge only at its own input's edge.
 * An out-of-memory error on a tile halves the tile size and starts again, down to
 * {@link #MIN_TILE}.
 */
public final class TiledDeblur {

	/**
	 * The step between tiles that {@code tile = 0} chooses, the tile being this plus the overlap: big enough for
	 * a network's context, small enough for 2 GB, and an image of n·512 pixels takes n tiles across (a tile of
	 * 512 with an overlap of 32 needs 3 across 1024 pixels, 2.25 times the pixels to compute).
	 */
	public static final int AUTO_STEP = 512;
	public static final int MIN_TILE = 64;

	private final PlaneOperator operator;
	private final int channels;
	private final int overlap;
	private int tile;

	/**
	 * @param tile tile side in pixels, 0 for {@link #AUTO_STEP} + {@code overlap}
	 * @param overlap pixels shared by neighbouring tiles (less than half a tile)
	 */
	public TiledDeblur(final PlaneOperator operator, final int channels, final int tile, final int overlap) {
		UserInputException.require(tile == 0 || tile >= 16, "tile must be 0 (automatic) or at least 16 pixels, got " + tile);
		UserInputException.require(overlap >= 0, "overlap must not be negative, got " + overlap);
		this.operator = operator;
		this.channels = channels;
		this.tile = tile == 0 ? AUTO_STEP + overlap : tile;
		this.overlap = overlap;
		UserInputException.require(2 * overlap < this.tile, "overlap " + overlap + " must be less than half the tile (" + this.tile + ")");
	}

	/** The tile side in use: smaller than asked after an out-of-memory fallback. */
	public int tile() {
		return tile;
	}

	/** Deblurs {@code image} (channel-planar, {@code width × height}); progress counts tiles. */
	public float[] apply(final float[] image, final int width, final int height, final TaskMonitor monitor) {
		while (true) {
			try {
				return applyRows(image, width, height, 0, 0, height, monitor);
			}
			catch (final OutOfMemoryError e) {
				if (tile / 2 < Math.max(MIN_TILE, 2 * overlap + 1)) throw e;
				tile /= 2;
			}
		}
	}

	/**
	 * Rows {@code [r0, r1)} of what {@link #apply} gives for the whole image, bit for bit, from a band of
	 * the input alone: {@code band} holds the rows {@code [firstRow, firstRow + band.length / (channels ×
	 * width))} of the image (channel-planar), at least {@link #inputRows}{@code (r0, r1, height)}. Every
	 * output pixel is the blend of the same tiles, added in the same order, as in the whole image, so
	 * bands computed apart (by tasks on other machines) put together equal the whole image's result.
	 * No out-of-memory fallback here: a smaller tile would change the result.
	 *
	 * @return rows {@code [r0, r1)}, channel-planar ({@code channels × (r1 − r0) × width})
	 */
	public float[] applyRows(final float[] band, final int width, final int height, final int firstRow, final int r0, final int r1,
		final TaskMonitor monitor)
	{
		final int bandRows = band.length / (channels * width);
		final int[] need = inputRows(r0, r1, height);
		if (band.length != channels * width * bandRows || firstRow > need[0] || firstRow + bandRows < need[1]) {
			throw new IllegalArgumentException("rows " + r0 + "-" + r1 + " need input rows " + need[0] + "-" + need[1] + ", got " + firstRow + "-" +
				(firstRow + bandRows) + " (" + band.length + " values for " + channels + " × " + width + ")");
		}
		final int[] xs = starts(width), ys = starts(height);
		final int tw = side(width), th = side(height);
		final float[] wx = ramp(tw, overlap(tw), xs.length > 1), wy = ramp(th, overlap(th), ys.length > 1);
		final int rows = r1 - r0, plane = rows * width, bandPlane = bandRows * width;
		final float[] sum = new float[channels * plane];
		final float[] weightSum = new float[plane];
		int first = 0, last = ys.length; // the tile rows that reach into [r0, r1)
		while (first < ys.length && ys[first] + th <= r0) first++;
		while (last > first && ys[last - 1] >= r1) last--;
		final long tiles = (long) xs.length * (last - first);
		// One tile's input and output, reused while the tiles keep their size: large arrays are costly garbage.
		final float[] in = new float[channels * tw * th], out = new float[in.length];
		long done = 0;
		for (int iy = first; iy < last; iy++) {
			final int y0 = ys[iy];
			final int from = Math.max(y0, r0), to = Math.min(y0 + th, r1); // the rows of this tile that are wanted
			final boolean top = y0 == 0, bottom = y0 + th == height;
			for (final int x0 : xs) {
				monitor.checkCanceled();
				for (int c = 0; c < channels; c++) {
					for (int y = 0; y < th; y++) System.arraycopy(band, c * bandPlane + (y0 - firstRow + y) * width + x0, in, (c * th + y) * tw, tw);
				}
				operator.apply(in, tw, th, out);
				final boolean left = x0 == 0, right = x0 + tw == width;
				for (int y = from - y0; y < to - y0; y++) {
					final float ry = weight(wy, y, th, top, bottom);
					for (int x = 0; x < tw; x++) {
						final float w = weight(wx, x, tw, left, right) * ry;
						final int p = (y0 + y - r0) * width + x0 + x;
						weightSum[p] += w;
						for (int c = 0; c < channels; c++) sum[c * plane + p] += w * out[(c * th + y) * tw + x];
					}
				}
				monitor.progress(++done, tiles, "Deblurring tile " + done + "/" + tiles + " (" + tile + " px)");
			}
		}
		for (int c = 0; c < channels; c++) {
			for (int p = 0; p < plane; p++) sum[c * plane + p] /= weightSum[p];
		}
		return sum;
	}

	/** The input rows {@code [from, to)} that the tiles reaching into output rows {@code [r0, r1)} read. */
	public int[] inputRows(final int r0, final int r1, final int height) {
		if (r0 < 0 || r1 > height || r0 >= r1) throw new IllegalArgumentException("rows " + r0 + "-" + r1 + " of " + height);
		int from = height, to = 0;
		for (final int y0 : starts(height)) {
			final int y1 = y0 + side(height);
			if (y1 > r0 && y0 < r1) {
				from = Math.min(from, y0);
				to = Math.max(to, y1);
			}
		}
		return new int[] { from, to };
	}

	/**
	 * Splits the rows of an image {@code height} high into bands for {@link #applyRows}, each starting
	 * where a row of tiles starts, so that each band's input ({@link #inputRows}) holds at most about
	 * {@code maxInputRows} rows: its own rows of tiles (at least one) and the one above, which the band
	 * before owns and which is computed by both. Returns the band starts and {@code height} at the end
	 * ({@code {0, height}}: one band).
	 */
	public int[] bands(final int height, final int maxInputRows) {
		final int[] ys = starts(height);
		final int side = side(height), step = side - overlap(side);
		// A band of k tile rows owns about k steps and reads one tile row more.
		final int perBand = Math.max(1, (maxInputRows - side) / step);
		final int count = (ys.length + perBand - 1) / perBand;
		final int[] bounds = new int[count + 1];
		for (int b = 0; b < count; b++) bounds[b] = ys[b * perBand];
		bounds[count] = height;
		return bounds;
	}

	/** Tile origins along a side: a step of the tile's side there minus the overlap, the last tile flush with the end. */
	public int[] starts(final int length) {
		final int side = side(length);
		if (length <= side) return new int[] { 0 };
		final int step = side - overlap(side);
		final int count = (length - side + step - 1) / step + 1;
		final int[] starts = new int[count];
		for (int i = 0; i < count; i++) starts[i] = Math.min(i * step, length - side);
		return starts;
	}

	/**
	 * The tiles' side along a side of {@code length}: the tile, at most {@code length}, cut down to a multiple of the
	 * operator's {@link PlaneOperator#sideMultiple()} unless that leaves nothing (a side shorter than the multiple is
	 * one tile, which the operator pads).
	 */
	public int side(final int length) {
		final int side = Math.min(tile, length), multiple = operator.sideMultiple();
		return side >= multiple ? side / multiple * multiple : side;
	}

	/** The overlap on tiles of {@code side}: less than half of it, as on any tile. */
	private int overlap(final int side) {
		return Math.min(overlap, (side - 1) / 2);
	}

	/**
	 * Blending weights along one side of a tile of {@code length}: a raised cosine from near 0 to 1 over
	 * {@code overlap} pixels at each end, 1 in between and everywhere when {@code ramps} is false (one tile
	 * along that side). Two overlapping ramps sum to 1, so a seamless operator stays exactly as it was.
	 */
	private static float[] ramp(final int length, final int overlap, final boolean ramps) {
		final float[] w = new float[length];
		for (int i = 0; i < length; i++) {
			double v = 1;
			if (ramps && i < overlap) v *= rise(i, overlap);
			if (ramps && length - 1 - i < overlap) v *= rise(length - 1 - i, overlap);
			w[i] = (float) v;
		}
		return w;
	}

	/** The weight at {@code i} of a ramp: its rise at an end that borders another tile, 1 at the image's edge. */
	private static float weight(final float[] ramp, final int i, final int length, final boolean atStart, final boolean atEnd) {
		if (atStart && i < length / 2 || atEnd && i >= length / 2) return 1;
		return ramp[i];
	}

	private static double rise(final int i, final int overlap) {
		return 0.5 - 0.5 * Math.cos(Math.PI * (i + 0.5) / overlap);
	}
}

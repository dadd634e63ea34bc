package io.github.deblurnmf.deblur;

import io.github.deblurnmf.task.TaskMonitor;
import io.github.deblurnmf.task.UserInputException;

/**
 * Applies a {@link PlaneOperator} to an image of any size tile by tile, so memory stays bounded.
 * Neighbouring tiles overlap by {@code overlap} pixels and are blended with raised-cosine weights
 * across the overlap, so no seam shows where one tile's edge effects end and the next one's begin.
 * An out-of-memory error on a tile halves the tile size and starts again, down to
 * {@link #MIN_TILE}.
 */
public final class TiledDeblur {

	/** Tile side chosen by {@code tile = 0}: big enough for a network's context, small enough for 2 GB. */
	public static final int AUTO_TILE = 512;
	public static final int MIN_TILE = 64;

	private final PlaneOperator operator;
	private final int channels;
	private final int overlap;
	private int tile;

	/**
	 * @param tile tile side in pixels, 0 for {@link #AUTO_TILE}
	 * @param overlap pixels shared by neighbouring tiles (less than half a tile)
	 */
	public TiledDeblur(final PlaneOperator operator, final int channels, final int tile, final int overlap) {
		UserInputException.require(tile == 0 || tile >= 16, "tile must be 0 (automatic) or at least 16 pixels, got " + tile);
		UserInputException.require(overlap >= 0, "overlap must not be negative, got " + overlap);
		this.operator = operator;
		this.channels = channels;
		this.tile = tile == 0 ? AUTO_TILE : tile;
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
				return applyOnce(image, width, height, monitor);
			}
			catch (final OutOfMemoryError e) {
				if (tile / 2 < Math.max(MIN_TILE, 2 * overlap + 1)) throw e;
				tile /= 2;
			}
		}
	}

	private float[] applyOnce(final float[] image, final int width, final int height, final TaskMonitor monitor) {
		final int[] xs = starts(width), ys = starts(height);
		final int plane = width * height;
		final float[] sum = new float[channels * plane];
		final float[] weightSum = new float[plane];
		final long tiles = (long) xs.length * ys.length;
		long done = 0;
		for (final int y0 : ys) {
			final int th = Math.min(tile, height - y0);
			for (final int x0 : xs) {
				monitor.checkCanceled();
				final int tw = Math.min(tile, width - x0);
				final float[] in = new float[channels * tw * th];
				for (int c = 0; c < channels; c++) {
					for (int y = 0; y < th; y++) System.arraycopy(image, c * plane + (y0 + y) * width + x0, in, (c * th + y) * tw, tw);
				}
				final float[] out = operator.apply(in, tw, th);
				final float[] wx = ramp(tw, x0 > 0, x0 + tw < width), wy = ramp(th, y0 > 0, y0 + th < height);
				for (int y = 0; y < th; y++) {
					for (int x = 0; x < tw; x++) {
						final float w = wx[x] * wy[y];
						final int p = (y0 + y) * width + x0 + x;
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

	/** Tile origins along a side: a step of tile − overlap, the last tile flush with the end. */
	int[] starts(final int length) {
		if (length <= tile) return new int[] { 0 };
		final int step = tile - overlap;
		final int count = (length - tile + step - 1) / step + 1;
		final int[] starts = new int[count];
		for (int i = 0; i < count; i++) starts[i] = Math.min(i * step, length - tile);
		return starts;
	}

	/**
	 * Blending weights along one side of a tile: a raised cosine from near 0 to 1 over the
	 * {@code overlap} pixels at each side that borders another tile, 1 elsewhere. Two overlapping
	 * ramps sum to 1, so a seamless operator stays exactly as it was.
	 */
	private float[] ramp(final int length, final boolean rampStart, final boolean rampEnd) {
		final float[] w = new float[length];
		for (int i = 0; i < length; i++) {
			double v = 1;
			if (rampStart && i < overlap) v *= rise(i);
			if (rampEnd && length - 1 - i < overlap) v *= rise(length - 1 - i);
			w[i] = (float) v;
		}
		return w;
	}

	private double rise(final int i) {
		return 0.5 - 0.5 * Math.cos(Math.PI * (i + 0.5) / overlap);
	}
}

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

import ij.process.ImageProcessor;

/**
 * The one mapping between an image plane's values and the [0, 1] scale the deblurring network is
 * trained and run on, shared by Create Blurred Dataset (which makes the training tiles) and Deblur
 * Image (which maps the network's output back into the input's units): 8-bit and RGB are divided by
 * 255, 16-bit by 65535; a 32-bit plane is mapped from its own minimum–maximum to [0, 1], and a
 * constant 32-bit plane to 0.5. {@link #fromUnit} undoes {@link #toUnit}. Values must be finite
 * ({@link FiniteValues}). Immutable.
 */
public final class Normalization {

	/** What the model metadata records as its {@code normalization}. */
	public static final String DESCRIPTION = "8-bit and RGB / 255, 16-bit / 65535, 32-bit from each plane's minimum-maximum "
		+ "(a constant plane to 0.5) to [0, 1]; outputs clipped to [0, 1] (those of 32-bit planes not) and mapped back into the input's units";

	private final double offset;
	private final double scale;

	private Normalization(final double offset, final double scale) {
		this.offset = offset;
		this.scale = scale;
	}

	/**
	 * Whether a network's output on [0, 1] is clipped there for a plane of {@code bitDepth}: yes where [0, 1] is the type's
	 * range, not for 32-bit, whose [0, 1] is the blurred plane's own minimum and maximum, which deblurring may rightly exceed.
	 */
	public static boolean clipsOutput(final int bitDepth) {
		return bitDepth != 32;
	}

	/** The normalization of a plane of {@code bitDepth} (8, 16, 24 or 32) holding {@code values}. */
	public static Normalization of(final int bitDepth, final float[] values) {
		if (bitDepth != 32) return of(bitDepth, 0, 0);
		final double[] range = range(values, 0, values.length);
		return of(32, range[0], range[1]);
	}

	/**
	 * The normalization of a plane of {@code bitDepth} whose values reach from {@code min} to {@code max}
	 * (used for 32-bit only): what {@link #of(int, float[])} gives for the plane, from a {@link #range}
	 * merged over parts of the plane read apart.
	 */
	public static Normalization of(final int bitDepth, final double min, final double max) {
		switch (bitDepth) {
			case 8:
			case 24:
				return new Normalization(0, 255);
			case 16:
				return new Normalization(0, 65535);
			case 32:
				if (!(min <= max)) return new Normalization(0, 1);
				final double range = max - min;
				// A constant plane: its value to the middle of the scale, and back.
				if (!(range > 0) || !Double.isFinite(range)) return new Normalization(min - 0.5, 1);
				return new Normalization(min, range);
			default:
				throw new IllegalArgumentException("Unsupported bit depth " + bitDepth);
		}
	}

	/** The minimum and maximum of {@code values[from … from+length)} ({+∞, −∞} for none; NaN is skipped). */
	public static double[] range(final float[] values, final int from, final int length) {
		double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
		for (int i = from; i < from + length; i++) {
			final float v = values[i];
			if (v < min) min = v;
			if (v > max) max = v;
		}
		return new double[] { min, max };
	}

	/** The normalization of one gray plane (8-, 16- or 32-bit; for RGB, see {@link #of(int, float[])}). */
	public static Normalization of(final ImageProcessor ip) {
		if (ip.getBitDepth() != 32) return of(ip.getBitDepth(), null);
		return of(32, (float[]) ip.getPixels());
	}

	/** {@code value} on the [0, 1] scale. */
	public double toUnit(final double value) {
		return (value - offset) / scale;
	}

	/** {@code unit} (on [0, 1]) back in the plane's units. */
	public double fromUnit(final double unit) {
		return unit * scale + offset;
	}

	/** Maps {@code values[from … from+length)} to the [0, 1] scale in place. */
	public void toUnit(final float[] values, final int from, final int length) {
		for (int i = from; i < from + length; i++) values[i] = (float) toUnit(values[i]);
	}

	/** Maps {@code values[from … from+length)} back into the plane's units in place. */
	public void fromUnit(final float[] values, final int from, final int length) {
		for (int i = from; i < from + length; i++) values[i] = (float) fromUnit(values[i]);
	}

	@Override
	public String toString() {
		return "(v - " + offset + ") / " + scale;
	}
}

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

import java.util.stream.IntStream;

import org.jtransforms.dct.DoubleDCT_1D;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The orthonormal 2-D DCT-II of a {@code width × height} plane and its inverse, in place, in the layout of
 * JTransforms' {@code DoubleDCT_2D} ({@code kx + ky·width}): each line of even length through a real FFT of the
 * same length (Makhoul's reordering), about twice as fast as {@code DoubleDCT_2D} for sides such as 544 that are
 * not powers of two, whose DCTs it computes through longer transforms; lines of odd length through JTransforms'
 * {@code DoubleDCT_1D}. Columns are transformed in groups of {@value #GROUP} adjacent ones, copied out and back,
 * so that each read is a whole cache line. The lines are split between the cores. Both sides must be at least 2.
 * Not thread-safe.
 */
final class FastDct2D {

	/** Adjacent columns copied out together: 8 doubles are one 64-byte cache line. */
	private static final int GROUP = 8;

	private final int width;
	private final int height;
	/** One per share of the lines: each thread its own transforms and line buffers. */
	private final Worker[] workers;

	FastDct2D(final int width, final int height) {
		if (width < 2 || height < 2) throw new IllegalArgumentException("FastDct2D needs sides of at least 2, got " + width + "x" + height);
		this.width = width;
		this.height = height;
		final int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), Math.min(width, height) / 64));
		workers = new Worker[threads];
		for (int t = 0; t < threads; t++) workers[t] = new Worker(width, height);
	}

	/** In place: plane → its orthonormal DCT-II. */
	void forward(final double[] plane) {
		transform(plane, true);
	}

	/** In place: orthonormal DCT-II → plane. */
	void inverse(final double[] spectrum) {
		transform(spectrum, false);
	}

	private void transform(final double[] data, final boolean forward) {
		if (data.length != width * height) throw new IllegalArgumentException("a " + width + "x" + height + " plane, got " + data.length + " values");
		parallel(height, (w, from, to) -> {
			for (int y = from; y < to; y++) w.rows.transform(data, y * width, forward);
		});
		parallel((width + GROUP - 1) / GROUP, (w, from, to) -> {
			for (int g = from; g < to; g++) w.columns(data, g * GROUP, Math.min(width, g * GROUP + GROUP), forward);
		});
	}

	private interface Share {

		void run(Worker worker, int first, int last);
	}

	private void parallel(final int items, final Share share) {
		if (workers.length == 1) {
			share.run(workers[0], 0, items);
			return;
		}
		IntStream.range(0, workers.length).parallel().forEach(t -> share.run(workers[t], (int) ((long) items * t / workers.length),
			(int) ((long) items * (t + 1) / workers.length)));
	}

	private final class Worker {

		final Line rows;
		final Line columns;
		/** Column {@code x0 + j} of a group, {@code j < GROUP}. */
		final double[][] lines = new double[GROUP][];

		Worker(final int width, final int height) {
			rows = Line.of(width);
			columns = Line.of(height);
			for (int j = 0; j < GROUP; j++) lines[j] = new double[height];
		}

		void columns(final double[] data, final int x0, final int x1, final boolean forward) {
			final int n = x1 - x0;
			for (int y = 0; y < height; y++) {
				final int o = y * width + x0;
				for (int j = 0; j < n; j++) lines[j][y] = data[o + j];
			}
			for (int j = 0; j < n; j++) columns.transform(lines[j], 0, forward);
			for (int y = 0; y < height; y++) {
				final int o = y * width + x0;
				for (int j = 0; j < n; j++) data[o + j] = lines[j][y];
			}
		}
	}

	/** The orthonormal 1-D DCT-II of one length, or its inverse, of a line at an offset in an array. */
	private abstract static class Line {

		final int n;

		Line(final int n) {
			this.n = n;
		}

		static Line of(final int n) {
			return n % 2 == 0 ? new EvenLine(n) : new OddLine(n);
		}

		abstract void transform(double[] data, int offset, boolean forward);
	}

	private static final class OddLine extends Line {

		private final DoubleDCT_1D dct;

		OddLine(final int n) {
			super(n);
			dct = new DoubleDCT_1D(n);
		}

		@Override
		void transform(final double[] data, final int offset, final boolean forward) {
			if (forward) dct.forward(data, offset, true);
			else dct.inverse(data, offset, true);
		}
	}

	/**
	 * Makhoul's DCT through a real FFT of the same even length {@code n}: {@code v} is the line's even samples
	 * followed by its odd ones reversed, and {@code X[k] = s_k·Re(e^(−iπk/2n)·V[k])}, where {@code V} is the DFT
	 * of {@code v} and {@code s_k} the orthonormal scale; {@code X[n − k]} is {@code −s·Im} of the same product.
	 */
	private static final class EvenLine extends Line {

		private final DoubleFFT_1D fft;
		private final double[] cos;
		private final double[] sin;
		private final double scale0;
		private final double scale;
		private final double[] v;

		EvenLine(final int n) {
			super(n);
			fft = new DoubleFFT_1D(n);
			cos = new double[n / 2 + 1];
			sin = new double[n / 2 + 1];
			for (int k = 0; k <= n / 2; k++) {
				final double angle = Math.PI * k / (2.0 * n);
				cos[k] = Math.cos(angle);
				sin[k] = Math.sin(angle);
			}
			scale0 = Math.sqrt(1.0 / n);
			scale = Math.sqrt(2.0 / n);
			v = new double[n];
		}

		@Override
		void transform(final double[] data, final int offset, final boolean forward) {
			if (forward) forward(data, offset);
			else inverse(data, offset);
		}

		private void forward(final double[] data, final int o) {
			final int half = n / 2;
			for (int i = 0; i < half; i++) {
				v[i] = data[o + 2 * i];
				v[n - 1 - i] = data[o + 2 * i + 1];
			}
			// JTransforms' layout: v[0] = Re V(0), v[1] = Re V(n/2), v[2k], v[2k+1] = Re, Im V(k) for 0 < k < n/2
			fft.realForward(v);
			data[o] = scale0 * v[0];
			data[o + half] = scale * cos[half] * v[1];
			for (int k = 1; k < half; k++) {
				final double re = v[2 * k], im = v[2 * k + 1];
				data[o + k] = scale * (re * cos[k] + im * sin[k]);
				data[o + n - k] = scale * (re * sin[k] - im * cos[k]);
			}
		}

		private void inverse(final double[] data, final int o) {
			final int half = n / 2;
			// V(k) = e^(iπk/2n)·(C[k] − i·C[n − k]), C the unscaled DCT; realInverse divides by n
			v[0] = data[o] / scale0;
			v[1] = Math.sqrt(2) * data[o + half] / scale;
			for (int k = 1; k < half; k++) {
				final double a = data[o + k] / scale, b = data[o + n - k] / scale;
				v[2 * k] = a * cos[k] + b * sin[k];
				v[2 * k + 1] = a * sin[k] - b * cos[k];
			}
			fft.realInverse(v, true);
			for (int i = 0; i < half; i++) {
				data[o + 2 * i] = v[i];
				data[o + 2 * i + 1] = v[n - 1 - i];
			}
		}
	}
}

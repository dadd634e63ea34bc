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
package io.github.deblurnmf.train;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import io.github.deblurnmf.blur.BlurredDatasetCreator;
import io.github.deblurnmf.blur.DatasetParameters;
import io.github.deblurnmf.io.ImageSources;
import io.github.deblurnmf.task.TaskMonitor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Random;

/** Tiny blurred datasets for the training tests. */
public final class TrainingDatasets {

	private TrainingDatasets() {}

	/**
	 * A dataset of {@code across × down} gray 32×32 pairs (kernel 6, σ = 1) cut from one smooth random image, in
	 * {@code folder}.
	 */
	public static Path make(final Path folder, final int across, final int down) {
		return make(folder, across, down, 32);
	}

	/** The same with tiles of {@code size × size}. */
	public static Path make(final Path folder, final int across, final int down, final int size) {
		final int width = across * size, height = down * size;
		final Random random = new Random(7);
		final byte[] pixels = new byte[width * height];
		// Smooth blobs: a few random cosines, so that blur changes something and SSIM is meaningful.
		final double[][] waves = new double[6][];
		for (int w = 0; w < waves.length; w++) waves[w] = new double[] { random.nextDouble() * 0.5, random.nextDouble() * 0.5, random.nextDouble() * 6 };
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				double v = 0;
				for (final double[] w : waves) v += Math.cos(w[0] * x + w[1] * y + w[2]);
				pixels[x + y * width] = (byte) Math.max(0, Math.min(255, Math.round(127.5 + 20 * v)));
			}
		}
		final DatasetParameters parameters = new DatasetParameters("synthetic", size, 6, 1.0, 0.0, true, 1);
		try {
			new BlurredDatasetCreator(parameters).create(ImageSources.of(new ImagePlus("synthetic", new ByteProcessor(width, height, pixels))), folder,
				false, TaskMonitor.NONE, w -> {});
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		return folder;
	}
}

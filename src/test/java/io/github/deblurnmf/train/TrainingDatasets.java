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

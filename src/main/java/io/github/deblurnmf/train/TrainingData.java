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
import ij.process.ImageProcessor;
import io.github.deblurnmf.blur.DatasetParameters;
import io.github.deblurnmf.io.ImageFiles;
import io.github.deblurnmf.task.TaskMonitor;
import io.github.deblurnmf.task.UserInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The pairs of a dataset folder made by Create Blurred Dataset, in memory and normalized to [0, 1]
 * (8-bit values / 255): {@link #inputs} are the blurred tiles, {@link #targets} the sharp ones, both
 * {@code channels · size · size} floats, channel planes one after the other, each row-major. Pair
 * {@code i} is the dataset's tile {@code parameters.tiles.get(i)}.
 */
public final class TrainingData {

	public final Path folder;
	public final DatasetParameters parameters;
	public final int size;
	public final int channels;
	public final float[][] inputs;
	public final float[][] targets;

	private TrainingData(final Path folder, final DatasetParameters parameters, final float[][] inputs, final float[][] targets) {
		this.folder = folder;
		this.parameters = parameters;
		this.size = parameters.size;
		this.channels = parameters.channels();
		this.inputs = inputs;
		this.targets = targets;
	}

	public int pairs() {
		return inputs.length;
	}

	/**
	 * Reads {@code dataset.json} only, with the checks that need no pixels.
	 *
	 * @throws UserInputException if the folder is missing, not a dataset, or holds no pairs
	 */
	public static DatasetParameters describe(final Path folder) throws IOException {
		UserInputException.require(folder != null && !folder.toString().trim().isEmpty(), "No dataset folder given");
		UserInputException.require(!Files.isRegularFile(folder), "dataset is a file, not a folder: " + folder + " (give the folder that Create Blurred Dataset made)");
		UserInputException.require(Files.isDirectory(folder), "Dataset folder not found: " + folder);
		final DatasetParameters parameters = DatasetParameters.read(folder);
		UserInputException.require(parameters.pairs() > 0, "The dataset holds no pairs: " + folder);
		return parameters;
	}

	/**
	 * Loads every pair of the dataset.
	 *
	 * @throws UserInputException if a tile is missing, unreadable, or not of the dataset's size and type
	 */
	public static TrainingData load(final Path folder, final DatasetParameters parameters, final TaskMonitor monitor) {
		final int n = parameters.pairs();
		final float[][] inputs = new float[n][];
		final float[][] targets = new float[n][];
		for (int i = 0; i < n; i++) {
			final DatasetParameters.Tile tile = parameters.tiles.get(i);
			targets[i] = read(folder.resolve(tile.sharp()), parameters);
			inputs[i] = read(folder.resolve(tile.blurred()), parameters);
			monitor.progress(i + 1, n, "Loading the dataset: pair " + (i + 1) + "/" + n);
			monitor.checkCanceled();
		}
		return new TrainingData(folder, parameters, inputs, targets);
	}

	/** One 8-bit gray or RGB tile as {@code channels} planes on [0, 1]. */
	static float[] read(final Path file, final DatasetParameters parameters) {
		UserInputException.require(Files.isRegularFile(file), "Dataset tile missing: " + file);
		// Through ImageFiles, which refuses a truncated tile instead of reading its missing pixels as 0.
		final ImagePlus image = ImageFiles.open(file.toFile());
		final int size = parameters.size;
		UserInputException.require(image.getWidth() == size && image.getHeight() == size && image.getStackSize() == 1,
			"Dataset tile " + file + " is " + image.getWidth() + "×" + image.getHeight() + "×" + image.getStackSize() + ", expected " + size + "×" + size);
		final ImageProcessor ip = image.getProcessor();
		final int planeSize = size * size;
		if (parameters.channels() == 1) {
			UserInputException.require(image.getBitDepth() == 8, "Dataset tile " + file + " is " + image.getBitDepth() + "-bit, expected 8-bit gray");
			final byte[] pixels = (byte[]) ip.getPixels();
			final float[] plane = new float[planeSize];
			for (int i = 0; i < planeSize; i++) plane[i] = (pixels[i] & 0xff) / 255f;
			return plane;
		}
		UserInputException.require(image.getBitDepth() == 24, "Dataset tile " + file + " is " + image.getBitDepth() + "-bit, expected RGB");
		final int[] pixels = (int[]) ip.getPixels();
		final float[] planes = new float[3 * planeSize];
		for (int i = 0; i < planeSize; i++) {
			planes[i] = ((pixels[i] >> 16) & 0xff) / 255f;
			planes[planeSize + i] = ((pixels[i] >> 8) & 0xff) / 255f;
			planes[2 * planeSize + i] = (pixels[i] & 0xff) / 255f;
		}
		return planes;
	}
}

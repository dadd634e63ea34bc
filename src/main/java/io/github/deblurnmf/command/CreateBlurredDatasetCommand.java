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

import io.github.deblurnmf.blur.BlurredDatasetCreator;
import io.github.deblurnmf.blur.DatasetParameters;
import io.github.deblurnmf.io.ImageSources;
import io.github.deblurnmf.task.UserInputException;

import java.io.File;
import java.io.IOException;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Cuts sharp images into size × size tiles and writes each with its Gaussian-blurred (and
 * optionally noisy) copy: the training data of the deblurring network. See
 * {@link BlurredDatasetCreator} for what is done to the pixels.
 */
@Plugin(type = Command.class, label = "Create Blurred Dataset", visible = false, attrs = @Attr(name = DeblurNmfCommand.NO_RECORD),
	description = "Pairs of sharp and Gaussian-blurred 8-bit tiles from a folder of images or a stack, for training a deblurring network")
public class CreateBlurredDatasetCommand extends DeblurNmfCommand {

	// -- Parameters --

	@Parameter(label = "Input images", style = "directory", description = "A folder of TIFF, PNG or JPEG images, an image file, or the title of an open image; each slice of a stack is one image")
	private String input;

	@Parameter(label = "Output folder", style = "directory", description = "New or empty folder for sharp/, blurred/ and dataset.json; never inside the input folder")
	private File output;

	@Parameter(label = "Tile size (pixels)", min = "1", description = "Tiles are size × size pixels, cut on a grid centred in each image; smaller images are skipped")
	private int size = 160;

	@Parameter(label = "Blur window (pixels)", min = "1",
		description = "Width of the Gaussian window in pixels: taps at -floor(kernel/2) .. +floor(kernel/2), so 20 means 21 taps; at most 4096")
	private int kernel = 20;

	@Parameter(label = "Blur sigma (pixels)", min = "0.01", stepSize = "0.5", description = "Standard deviation of the Gaussian blur, in pixels")
	private double sigma = 3.0;

	@Parameter(label = "Noise (std, fraction of the range)", min = "0", max = "1", stepSize = "0.01",
		description = "Standard deviation of Gaussian noise added to the blurred tiles, as a fraction of the value range (0.02 = 5 of 255 gray levels); 0 for none")
	private double noise = 0.0;

	@Parameter(label = "Make RGB gray", description = "Convert RGB to gray (0.299 R + 0.587 G + 0.114 B); false keeps RGB")
	private boolean grayscale = true;

	@Parameter(label = "Random seed", description = "The same seed gives the same noise, and byte-identical files")
	private long seed = 1;

	@Parameter(label = "Overwrite an existing dataset", required = false, persist = false, description = "Replace the output folder if it is a dataset made by this command")
	private boolean overwrite = false;

	@Parameter(type = ItemIO.OUTPUT, label = "Pairs written")
	private int pairs;

	@Parameter(type = ItemIO.OUTPUT, label = "Images skipped (too small)")
	private int skipped;

	@Parameter(type = ItemIO.OUTPUT, label = "Milliseconds")
	private double millis;

	// -- DeblurNmfCommand methods --

	@Override
	protected void execute() throws IOException {
		final long start = System.nanoTime();
		UserInputException.require(output != null && !output.getPath().trim().isEmpty(), "No output folder given");
		final DatasetParameters parameters = new DatasetParameters(input, size, kernel, sigma, noise, grayscale, seed);
		final ImageSources sources = ImageSources.resolve(input, DeblurNmfCommand::openImage);
		log().info("Create Blurred Dataset: " + sources + " -> " + output.getAbsolutePath() + "; " + parameters);
		if (sources.folder() != null) {
			final java.util.List<String> unread = io.github.deblurnmf.io.ImageFiles.unlisted(sources.folder().toFile());
			if (!unread.isEmpty()) {
				log().info("Create Blurred Dataset: not read, since only TIFF, PNG and JPEG files are: " + (unread.size() <= 10 ? String.join(", ",
					unread) : String.join(", ", unread.subList(0, 10)) + " and " + (unread.size() - 10) + " more"));
			}
		}
		final BlurredDatasetCreator.Result result = new BlurredDatasetCreator(parameters).create(sources, output.toPath(), overwrite, monitor(),
			log()::warn);
		pairs = result.pairs();
		skipped = result.skipped();
		millis = (System.nanoTime() - start) / 1e6;
		log().info("Create Blurred Dataset: " + pairs + " pairs (" + skipped + " images skipped) in " + result.folder);
	}
}

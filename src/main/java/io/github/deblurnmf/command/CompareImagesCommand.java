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
import io.github.deblurnmf.convert.FiniteValues;
import io.github.deblurnmf.convert.ImagePlusBridge;
import io.github.deblurnmf.metrics.ImageMetrics;
import io.github.deblurnmf.task.UserInputException;

import java.util.Locale;


import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * PSNR, SSIM and MSE of an image against a reference, both scaled to [0, 1] by their bit depth
 * (32-bit taken as is, unless it is paired with an 8-bit, 16-bit or RGB image and has values beyond ±2: then in that
 * image's units, {@link ImagePlusBridge#comparedMaxValue}); for stacks and RGB, SSIM is the mean over slices and channels.
 */
@Plugin(type = Command.class, label = "Compare Images", visible = false, attrs = @Attr(name = DeblurNmfCommand.NO_RECORD),
	description = "PSNR, SSIM and MSE of an image against a reference")
public class CompareImagesCommand extends DeblurNmfCommand {

	// -- Parameters --

	@Parameter(label = "Reference (clean) image", description = "The clean or sharp image the input is measured against")
	private ImagePlus reference;

	@Parameter(label = "Image to compare", description = "An image of the same size and type: its PSNR, SSIM and MSE against the reference are printed")
	private ImagePlus input;

	@Parameter(type = ItemIO.OUTPUT, label = "PSNR (dB)")
	private double psnr;

	@Parameter(type = ItemIO.OUTPUT, label = "SSIM")
	private double ssim;

	@Parameter(type = ItemIO.OUTPUT, label = "MSE")
	private double mse;

	// -- DeblurNmfCommand methods --

	@Override
	protected void execute() {
		UserInputException.require(reference != null && input != null, "Compare Images needs a reference and an input image");
		FiniteValues.require(reference, "reference");
		FiniteValues.require(input, "input");
		final ImageMetrics.Comparison c = ImageMetrics.compare(ImagePlusBridge.unitImages(reference, input), ImagePlusBridge.unitImages(input,
			reference));
		for (final ImagePlus image : new ImagePlus[] { reference, input }) {
			final ImagePlus other = image == reference ? input : reference;
			if (ImagePlusBridge.comparedMaxValue(image, other) != ImagePlusBridge.maxValue(image)) {
				log().info(String.format(Locale.ROOT, "Compare Images: %s is 32-bit with values beyond ±%.0f, so it is taken in the units of %s (%d-bit: ÷%.0f)",
					image.getTitle(), ImagePlusBridge.UNIT_RANGE_LIMIT, other.getTitle(), other.getBitDepth() == 24 ? 8 : other.getBitDepth(),
					ImagePlusBridge.maxValue(other)));
			}
		}
		psnr = c.psnr;
		ssim = c.ssim;
		mse = c.mse;
		log().info(String.format(Locale.ROOT, "Compare Images: %s against %s: PSNR %.3f dB, SSIM %.5f, MSE %.6g",
			input.getTitle(), reference.getTitle(), psnr, ssim, mse));
	}

	/** The three figures of an image against a reference, on [0, 1]. */
}

package io.github.deblurnmf.command;

import ij.ImagePlus;
import io.github.deblurnmf.convert.FiniteValues;
import io.github.deblurnmf.convert.ImagePlusBridge;
import io.github.deblurnmf.metrics.ImageMetrics;
import io.github.deblurnmf.task.UserInputException;

import java.util.Locale;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * PSNR, SSIM and MSE of an image against a reference, both scaled to [0, 1] by their bit depth
 * (32-bit taken as is); for stacks and RGB, SSIM is the mean over slices and channels.
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
		final Comparison c = Comparison.of(reference, ImagePlusBridge.wrapImages(input), ImagePlusBridge.maxValue(input));
		psnr = c.psnr;
		ssim = c.ssim;
		mse = c.mse;
		log().info(String.format(Locale.ROOT, "Compare Images: %s against %s: PSNR %.3f dB, SSIM %.5f, MSE %.6g",
			input.getTitle(), reference.getTitle(), psnr, ssim, mse));
	}

	/** The three figures of an image against a reference, on [0, 1]. */
	static final class Comparison {

		final double psnr, ssim, mse;

		private Comparison(final double psnr, final double ssim, final double mse) {
			this.psnr = psnr;
			this.ssim = ssim;
			this.mse = mse;
		}

		/**
		 * Throws unless {@code reference} can be compared with {@code input} (same size and slices)
		 * and is large enough for SSIM's 11×11 window: checked before any work.
		 */
		static void checkReference(final ImagePlus reference, final ImagePlus input) {
			final int width = input.getWidth(), height = input.getHeight();
			UserInputException.require(reference.getWidth() == width && reference.getHeight() == height && reference.getStackSize() == input.getStackSize(),
				"reference is " + reference.getWidth() + "×" + reference.getHeight() + "×" + reference.getStackSize() + " but input is " +
					width + "×" + height + "×" + input.getStackSize());
			final long referenceChannels = ImagePlusBridge.wrapImages(reference).dimension(2), inputChannels = ImagePlusBridge.wrapImages(input).dimension(2);
			UserInputException.require(referenceChannels == inputChannels, "reference has " + referenceChannels + " channel(s) but input has " +
				inputChannels + (input.getType() == ImagePlus.COLOR_RGB || reference.getType() == ImagePlus.COLOR_RGB
					? " (an RGB image has 3): convert one of them (Image > Type) first" : ""));
			UserInputException.require(width >= 11 && height >= 11, "reference: SSIM needs images of at least 11×11 pixels, the input is " + width + "×" + height);
		}

		/** {@code image} is in units where {@code imageMax} is full scale (see {@link ImagePlusBridge#maxValue}). */
		static Comparison of(final ImagePlus reference, final RandomAccessibleInterval<? extends RealType<?>> image, final double imageMax) {
			final RandomAccessibleInterval<FloatType> ref = ImagePlusBridge.scaled(ImagePlusBridge.wrapImages(reference), ImagePlusBridge.maxValue(reference));
			final RandomAccessibleInterval<FloatType> img = ImagePlusBridge.scaled(image, imageMax);
			final double mse = ImageMetrics.mse(ref, img);
			return new Comparison(ImageMetrics.psnr(ref, img), ImageMetrics.ssim(ref, img), mse);
		}
	}
}

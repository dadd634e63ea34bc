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
package io.github.deblurnmf.metrics;

import io.github.deblurnmf.task.UserInputException;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/**
 * Image quality metrics of an image against a reference, on values scaled to [0, 1] (data range 1):
 * <ul>
 * <li>MSE: the mean of the squared differences;</li>
 * <li>PSNR: {@code 10·log10(1 / MSE)} decibels, {@link Double#POSITIVE_INFINITY} for identical images;</li>
 * <li>SSIM as Wang et al. 2004: 11×11 Gaussian window σ = 1.5, K1 = 0.01, K2 = 0.03, population
 * (co)variances, edges reflected, the SSIM map averaged without its 5-pixel border. This is
 * scikit-image's {@code structural_similarity(gaussian_weights=True, sigma=1.5,
 * use_sample_covariance=False, data_range=1)}.</li>
 * </ul>
 * Values are taken as they are: scaling to [0, 1] (for example by the bit depth) is the caller's job.
 * Sums are taken in double precision.
 * <p>
 * Images given as ImgLib2 intervals have X and Y as their first two dimensions; any further dimensions
 * (Z, channel, time…) are flattened into a sequence of XY slices. For such a stack, SSIM is the mean of
 * the slices' SSIM (as scikit-image averages over channels), whereas MSE is the mean over all pixels of
 * the stack and PSNR comes from that overall MSE (not the mean of the slices' PSNR): every pixel weighs
 * the same, and one perfect slice does not make the PSNR infinite.
 */
public final class ImageMetrics {

	/** K1 of Wang et al. 2004. */
	public static final double SSIM_K1 = 0.01;
	/** K2 of Wang et al. 2004. */
	public static final double SSIM_K2 = 0.03;
	/** The range of the values: images are on [0, 1]. */
	public static final double DATA_RANGE = 1.0;


	private ImageMetrics() {}

	/**
	 * Mean squared error between two planes (or any two arrays of pixels) of the same length.
	 *
	 * @throws UserInputException if the lengths differ or the arrays are empty
	 */
	public static double mse(final float[] reference, final float[] image) {
		requireSameLength(reference.length, image.length);
		double sum = 0;
		for (int i = 0; i < reference.length; i++) {
			final double difference = (double) reference[i] - image[i];
			sum += difference * difference;
		}
		return sum / reference.length;
	}

	/**
	 * Peak signal-to-noise ratio in decibels for data range 1: {@code 10·log10(1 / MSE)};
	 * {@link Double#POSITIVE_INFINITY} when the arrays are identical.
	 *
	 * @throws UserInputException if the lengths differ or the arrays are empty
	 */
	public static double psnr(final float[] reference, final float[] image) {
		return psnrFromMse(mse(reference, image));
	}

	/**
	 * Mean SSIM of two {@code width × height} planes (row-major, {@code x + y·width}), as scikit-image
	 * computes it (see the class description). Symmetric in its arguments.
	 *
	 * @throws UserInputException if the lengths differ or the plane is smaller than 11×11
	 * @throws IllegalArgumentException if the arrays do not hold {@code width × height} values
	 */
	public static double ssim(final float[] reference, final float[] image, final int width, final int height) {
		requireSameLength(reference.length, image.length);
		if ((long) width * height != reference.length) {
			throw new IllegalArgumentException("A " + width + "x" + height + " plane has " + (long) width * height
				+ " pixels, but the arrays hold " + reference.length);
		}
		final SsimWorkspace workspace = new SsimWorkspace(width, height);
		for (int i = 0; i < reference.length; i++) {
			workspace.reference[i] = reference[i];
			workspace.image[i] = image[i];
		}
		return workspace.meanSsim();
	}

	/** PSNR, SSIM and MSE of one image against its reference, as {@link #compare} measures them. */
	public static final class Comparison {

		public final double psnr, ssim, mse;

		private Comparison(final double psnr, final double ssim, final double mse) {
			this.psnr = psnr;
			this.ssim = ssim;
			this.mse = mse;
		}
	}

	/**
	 * PSNR, SSIM and MSE of {@code image} against {@code reference}, both on [0, 1]: PSNR from the MSE over
	 * all pixels, SSIM the mean over XY slices (see {@link #ssim(RandomAccessibleInterval, RandomAccessibleInterval)}).
	 */
	public static Comparison compare(final RandomAccessibleInterval<? extends RealType<?>> reference,
		final RandomAccessibleInterval<? extends RealType<?>> image)
	{
		final double mse = mse(reference, image);
		return new Comparison(psnrFromMse(mse), ssim(reference, image), mse);
	}

	/**
	 * Mean squared error over all pixels of two images of the same dimensions: for a stack, over all its
	 * slices together.
	 *
	 * @throws UserInputException if the dimensions differ or the images are empty
	 */
	public static double mse(final RandomAccessibleInterval<? extends RealType<?>> reference,
		final RandomAccessibleInterval<? extends RealType<?>> image)
	{
		requireSameDimensions(reference, image);
		final long pixelCount = pixelCount(reference);
		if (pixelCount == 0) throw new UserInputException("Cannot compute metrics of an empty image");
		final Cursor<? extends RealType<?>> referenceCursor = Views.flatIterable(reference).cursor();
		final Cursor<? extends RealType<?>> imageCursor = Views.flatIterable(image).cursor();
		double sum = 0;
		while (referenceCursor.hasNext()) {
			final double difference = referenceCursor.next().getRealDouble() - imageCursor.next().getRealDouble();
			sum += difference * difference;
		}
		return sum / pixelCount;
	}

	/**
	 * Peak signal-to-noise ratio in decibels for data range 1, from the {@link #mse(RandomAccessibleInterval,
	 * RandomAccessibleInterval) MSE over all pixels} (for a stack, not the mean of the slices' PSNR);
	 * {@link Double#POSITIVE_INFINITY} when the images are identical.
	 *
	 * @throws UserInputException if the dimensions differ or the images are empty
	 */
	public static double psnr(final RandomAccessibleInterval<? extends RealType<?>> reference,
		final RandomAccessibleInterval<? extends RealType<?>> image)
	{
		return psnrFromMse(mse(reference, image));
	}

	/**
	 * Mean SSIM of a 2-D image (X, Y) against its reference; for a stack (X, Y and any further dimensions,
	 * flattened into XY slices), the mean over slices of each slice's SSIM. Symmetric in its arguments.
	 *
	 * @throws UserInputException if the dimensions differ, the images have fewer than two dimensions, or
	 *           the slices are smaller than 11×11
	 */
	public static double ssim(final RandomAccessibleInterval<? extends RealType<?>> reference,
		final RandomAccessibleInterval<? extends RealType<?>> image)
	{
		requireSameDimensions(reference, image);
		if (reference.numDimensions() < 2) {
			throw new UserInputException("SSIM needs an image with X and Y axes, got " + sizeText(reference));
		}
		final long width = reference.dimension(0);
		final long height = reference.dimension(1);
		if (width * height > Integer.MAX_VALUE) {
			throw new UserInputException("Image slices of " + width + "x" + height + " are too large for SSIM");
		}
		final SsimWorkspace workspace = new SsimWorkspace((int) width, (int) height);
		final long sliceCount = pixelCount(reference) / (width * height);
		// Flat iteration runs X fastest, then Y, then the further dimensions: one XY slice after another.
		final Cursor<? extends RealType<?>> referenceCursor = Views.flatIterable(reference).cursor();
		final Cursor<? extends RealType<?>> imageCursor = Views.flatIterable(image).cursor();
		double sum = 0;
		for (long slice = 0; slice < sliceCount; slice++) {
			for (int i = 0; i < workspace.reference.length; i++) {
				workspace.reference[i] = referenceCursor.next().getRealDouble();
				workspace.image[i] = imageCursor.next().getRealDouble();
			}
			sum += workspace.meanSsim();
		}
		return sum / sliceCount;
	}

	private static double psnrFromMse(final double mse) {
		if (mse == 0) return Double.POSITIVE_INFINITY;
		return 10 * Math.log10(DATA_RANGE * DATA_RANGE / mse);
	}

	private static void requireSameLength(final int referenceLength, final int imageLength) {
		if (referenceLength != imageLength) {
			throw new UserInputException("Reference has " + referenceLength + " pixels but image has " + imageLength
				+ ": metrics need images of the same size");
		}
		if (referenceLength == 0) throw new UserInputException("Cannot compute metrics of an empty image");
	}

	private static void requireSameDimensions(final RandomAccessibleInterval<?> reference,
		final RandomAccessibleInterval<?> image)
	{
		boolean same = reference.numDimensions() == image.numDimensions();
		for (int d = 0; same && d < reference.numDimensions(); d++)
			same = reference.dimension(d) == image.dimension(d);
		if (!same) {
			throw new UserInputException("Reference is " + sizeText(reference) + " but image is " + sizeText(image)
				+ ": metrics need images of the same size");
		}
	}

	private static long pixelCount(final RandomAccessibleInterval<?> interval) {
		long count = 1;
		for (int d = 0; d < interval.numDimensions(); d++)
			count *= interval.dimension(d);
		return count;
	}

	/** Dimensions as {@code 64x48x3}. */
	private static String sizeText(final RandomAccessibleInterval<?> interval) {
		final StringBuilder text = new StringBuilder();
		for (int d = 0; d < interval.numDimensions(); d++) {
			if (d > 0) text.append('x');
			text.append(interval.dimension(d));
		}
		return text.toString();
	}

	/**
	 * The planes of one SSIM computation, allocated once and reused for every slice of a stack. The caller
	 * fills {@link #reference} and {@link #image}, then calls {@link #meanSsim()}.
	 */
	private static final class SsimWorkspace {

		private final int width;
		private final int height;
		private final Ssim ssim = new Ssim();
		final double[] reference;
		final double[] image;

		SsimWorkspace(final int width, final int height) {
			final int window = ssim.minimumSize();
			if (width < window || height < window) {
				throw new UserInputException("SSIM needs images of at least " + window + "x" + window + " pixels, got "
					+ width + "x" + height);
			}
			this.width = width;
			this.height = height;
			reference = new double[width * height];
			image = new double[width * height];
		}

		/** The SSIM map of {@link #reference} and {@link #image}, averaged without its border. */
		double meanSsim() {
			return ssim.mean(reference, image, width, height);
		}
	}
}

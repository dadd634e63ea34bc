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

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.LUT;
import io.github.deblurnmf.task.UserInputException;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.Sampler;
import net.imglib2.converter.Converters;
import net.imglib2.converter.readwrite.SamplerConverter;
import net.imglib2.img.basictypeaccess.ByteAccess;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Fraction;
import net.imglib2.view.Views;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Conversion between ImageJ 1 images and ImgLib2 images. Images on the ImgLib2 side are 4-D
 * (X, Y, C, N): C channels, N slices. ImageJ stacks store the channel index fastest, so the
 * planes of a stack in stack order are exactly the (C, N) planes in flat order.
 */
public final class ImagePlusBridge {

	/** Bit shifts of the red, green and blue bytes in an ImageJ RGB pixel. */
	private static final int[] RGB_SHIFTS = { 16, 8, 0 };

	private ImagePlusBridge() {}

	/**
	 * Wraps the pixels of {@code imp} without copying: writing into the result changes the image.
	 * The result is (X, Y, C, N) with C = {@link ImagePlus#getNChannels()} and N = stack size / C.
	 * 8-bit gives {@link UnsignedByteType}, 16-bit {@link UnsignedShortType}, 32-bit
	 * {@link FloatType}; RGB gives C = 3 channels R, G, B of {@link UnsignedByteType}, read from
	 * and written to the packed RGB pixels. A virtual stack's planes are read once, and writes
	 * do not reach its files.
	 *
	 * @throws UserInputException for an RGB hyperstack with several channels
	 */
	public static RandomAccessibleInterval<? extends RealType<?>> wrap(final ImagePlus imp) {
		final ImageStack stack = imp.getStack();
		final int channels = imp.getNChannels();
		final int planes = stack.getSize();
		if (channels < 1 || planes % channels != 0) {
			throw new UserInputException("Stack size " + planes + " of " + imp.getTitle() + " is not a multiple of its " + channels + " channels");
		}
		final long width = imp.getWidth();
		final long height = imp.getHeight();
		final long[] dims = { width, height, channels, planes / channels };
		switch (imp.getBitDepth()) {
			case 8:
				return ImagePlusBridge.<UnsignedByteType, ByteArray> planarImg(stack, dims, pixels -> new ByteArray((byte[]) pixels), UnsignedByteType::new);
			case 16:
				return ImagePlusBridge.<UnsignedShortType, ShortArray> planarImg(stack, dims, pixels -> new ShortArray((short[]) pixels), UnsignedShortType::new);
			case 32:
				return ImagePlusBridge.<FloatType, FloatArray> planarImg(stack, dims, pixels -> new FloatArray((float[]) pixels), FloatType::new);
			case 24:
				if (channels != 1) {
					throw new UserInputException("RGB hyperstacks with several channels are not supported: " + imp.getTitle() + " has " + channels + " channels");
				}
				final PlanarImg<ARGBType, IntArray> argb = planarImg(stack, new long[] { width, height, planes }, pixels -> new IntArray((int[]) pixels), ARGBType::new);
				final List<RandomAccessibleInterval<UnsignedByteType>> rgbChannels = new ArrayList<>(3);
				for (final int shift : RGB_SHIFTS) rgbChannels.add(Converters.convertRAI(argb, new RgbChannelConverter(shift)));
				// Views.stack appends the channel axis last, (X, Y, N, 3).
				return Views.moveAxis(Views.stack(rgbChannels), 3, 2);
			default:
				throw new UserInputException("Unsupported image type (bit depth " + imp.getBitDepth() + "): " + imp.getTitle());
		}
	}

	/**
	 * A {@link PlanarImg} over the stack's own pixel arrays. In ImgLib2 7 an image built from
	 * existing arrays has no type until {@link PlanarImg#setLinkedType} is called.
	 */
	private static <T extends NativeType<T>, A extends ArrayDataAccess<A>> PlanarImg<T, A> planarImg(final ImageStack stack, final long[] dims,
		final Function<Object, A> access, final Function<PlanarImg<T, A>, T> linkedType)
	{
		final List<A> planes = new ArrayList<>(stack.getSize());
		for (int i = 1; i <= stack.getSize(); i++) {
			final Object pixels = stack.getPixels(i);
			if (pixels == null) throw new UserInputException("Slice " + i + " of the stack could not be read");
			planes.add(access.apply(pixels));
		}
		final PlanarImg<T, A> img = new PlanarImg<>(planes, dims, new Fraction());
		img.setLinkedType(linkedType.apply(img));
		return img;
	}

	/**
	 * One byte of a packed RGB pixel, read and written as {@link UnsignedByteType}. ImgLib2 7.1.2's
	 * own {@code Converters.argbChannels} is not used: its write sign-extends the byte, so writing
	 * 128..255 into green sets red to 255, and writing it into blue sets green and red to 255.
	 */
	private static final class RgbChannelConverter implements SamplerConverter<ARGBType, UnsignedByteType> {

		private final int shift;

		RgbChannelConverter(final int shift) {
			this.shift = shift;
		}

		@Override
		public UnsignedByteType convert(final Sampler<? extends ARGBType> sampler) {
			return new UnsignedByteType(new ByteAccess() {

				@Override
				public byte getValue(final int index) {
					return (byte) (sampler.get().get() >> shift);
				}

				@Override
				public void setValue(final int index, final byte value) {
					final ARGBType pixel = sampler.get();
					pixel.set((pixel.get() & ~(0xff << shift)) | ((value & 0xff) << shift));
				}
			});
		}
	}

	/**
	 * Like {@link #wrap}, but reads a gray image whose only extra dimension is channels as N images
	 * of one channel: many files (for example TIFFs written by Python's tifffile) label a plain stack
	 * as channels, and a stack of images is what the NMF commands mean.
	 */
	public static RandomAccessibleInterval<? extends RealType<?>> wrapImages(final ImagePlus imp) {
		final RandomAccessibleInterval<? extends RealType<?>> img = wrap(imp);
		final boolean onlyChannels = imp.getType() != ImagePlus.COLOR_RGB && img.dimension(2) > 1 && img.dimension(3) == 1;
		return onlyChannels ? Views.permute(img, 2, 3) : img;
	}

	/**
	 * A view of {@code img} with every value divided by {@code divisor}, e.g. {@link #maxValue} to
	 * compare images of different bit depths on [0, 1]. Each value is the float nearest to the
	 * exact quotient (as in {@link #toUnitFloats}), so an 8-bit image equals its 32-bit copy divided by 255.
	 */
	public static RandomAccessibleInterval<FloatType> scaled(final RandomAccessibleInterval<? extends RealType<?>> img, final double divisor) {
		if (!(divisor > 0)) throw new IllegalArgumentException("divisor must be positive, got " + divisor);
		return Converters.convertRAI(img, (in, out) -> out.setReal((float) (in.getRealDouble() / divisor)), new FloatType());
	}

	/**
	 * Copies {@code img} into a new 32-bit ImagePlus. Accepts (X, Y), (X, Y, N) or (X, Y, C, N);
	 * with C &gt; 1 the result is a hyperstack of C channels and N z-slices. The display range is
	 * the range of all values, so that all slices are shown alike.
	 */
	public static ImagePlus toImagePlus(final RandomAccessibleInterval<? extends RealType<?>> img, final String title) {
		final long[] dims = asXycn(img);
		final int width = (int) dims[0];
		final int height = (int) dims[1];
		final int channels = (int) dims[2];
		final int slices = (int) dims[3];
		final ImageStack stack = new ImageStack(width, height);
		final Cursor<? extends RealType<?>> cursor = Views.flatIterable(img).cursor();
		double min = Double.POSITIVE_INFINITY;
		double max = Double.NEGATIVE_INFINITY;
		for (int p = 0; p < channels * slices; p++) {
			final float[] pixels = new float[width * height];
			for (int i = 0; i < pixels.length; i++) {
				final float value = cursor.next().getRealFloat();
				pixels[i] = value;
				// NaN fails both comparisons, so it does not spoil the range.
				if (value < min) min = value;
				if (value > max) max = value;
			}
			stack.addSlice(null, pixels);
		}
		final ImagePlus imp = new ImagePlus(title, stack);
		imp.setDimensions(channels, slices, 1);
		if (channels > 1) imp.setOpenAsHyperStack(true);
		if (min <= max) imp.setDisplayRange(min, max);
		return imp;
	}

	/**
	 * Copies {@code img}, (X, Y, 3, N) with channels R, G, B, into a new RGB ImagePlus of N slices.
	 * Each value v becomes round(255 (v - min) / (max - min)), clamped to 0..255; NaN becomes 0.
	 */
	public static ImagePlus toRgbImagePlus(final RandomAccessibleInterval<? extends RealType<?>> img, final double min, final double max, final String title) {
		if (img.numDimensions() != 4 || img.dimension(2) != 3) {
			throw new IllegalArgumentException("An RGB image must be (X, Y, 3, N), got " + dimensionsText(img));
		}
		if (!(max > min)) throw new IllegalArgumentException("RGB range needs min < max, got [" + min + ", " + max + "]");
		final long[] dims = asXycn(img);
		final int width = (int) dims[0];
		final int height = (int) dims[1];
		final int slices = (int) dims[3];
		final double scale = 255 / (max - min);
		final ImageStack stack = new ImageStack(width, height);
		final Cursor<? extends RealType<?>> cursor = Views.flatIterable(img).cursor();
		for (int n = 0; n < slices; n++) {
			final int[] pixels = new int[width * height];
			for (final int shift : RGB_SHIFTS) {
				for (int i = 0; i < pixels.length; i++) {
					pixels[i] |= toByte((cursor.next().getRealDouble() - min) * scale) << shift;
				}
			}
			stack.addSlice(null, pixels);
		}
		return new ImagePlus(title, stack);
	}

	/** {@code value} rounded and clamped to 0..255; NaN gives 0. */
	private static int toByte(final double value) {
		if (!(value > 0)) return 0;
		if (value >= 255) return 255;
		return (int) Math.round(value);
	}

	/**
	 * Throws unless {@code reference} can be compared with {@code input} (same size, slices and channels)
	 * and is large enough for SSIM's 11×11 window: checked before any work.
	 */
	public static void requireComparable(final ImagePlus reference, final ImagePlus input) {
		final int width = input.getWidth(), height = input.getHeight();
		UserInputException.require(reference.getWidth() == width && reference.getHeight() == height && reference.getStackSize() == input.getStackSize(),
			"reference is " + reference.getWidth() + "×" + reference.getHeight() + "×" + reference.getStackSize() + " but input is " + width + "×" + height
				+ "×" + input.getStackSize());
		final long referenceChannels = wrapImages(reference).dimension(2), inputChannels = wrapImages(input).dimension(2);
		UserInputException.require(referenceChannels == inputChannels, "reference has " + referenceChannels + " channel(s) but input has " + inputChannels
			+ (input.getType() == ImagePlus.COLOR_RGB || reference.getType() == ImagePlus.COLOR_RGB ? " (an RGB image has 3): convert one of them (Image > Type) first"
				: ""));
		UserInputException.require(width >= 11 && height >= 11, "reference: SSIM needs images of at least 11×11 pixels, the input is " + width + "×" + height);
	}

	/** {@code imp}'s images ({@link #wrapImages}) scaled to [0, 1] by {@link #maxValue}. */
	public static RandomAccessibleInterval<FloatType> unitImages(final ImagePlus imp) {
		return scaled(wrapImages(imp), maxValue(imp));
	}

	/** A 32-bit image whose values all lie within ± this is taken to be on [0, 1] (with room for deblurring's overshoot). */
	public static final double UNIT_RANGE_LIMIT = 2;

	/** {@code imp}'s images scaled to [0, 1] for a comparison with {@code other}, by {@link #comparedMaxValue}. */
	public static RandomAccessibleInterval<FloatType> unitImages(final ImagePlus imp, final ImagePlus other) {
		return scaled(wrapImages(imp), comparedMaxValue(imp, other));
	}

	/**
	 * The intensity that {@code imp}'s values are divided by when it is compared with {@code other}: its {@link #maxValue},
	 * except that a 32-bit image with values beyond ±{@value #UNIT_RANGE_LIMIT}, compared with an 8-bit, 16-bit or RGB one, is
	 * taken in the other's units. Such a 32-bit image is in the units of an integer image (as this plugin's 32-bit outputs of
	 * 8- and 16-bit inputs are), not on [0, 1]; taken as it is, a perfect result of an 8-bit image would score about −42 dB.
	 */
	public static double comparedMaxValue(final ImagePlus imp, final ImagePlus other) {
		if (imp.getBitDepth() != 32 || other.getBitDepth() == 32 || largestMagnitude(imp) <= UNIT_RANGE_LIMIT) return maxValue(imp);
		return maxValue(other);
	}

	private static double largestMagnitude(final ImagePlus imp) {
		double largest = 0;
		final ij.ImageStack stack = imp.getStack();
		for (int s = 1; s <= stack.getSize(); s++) {
			final Object pixels = stack.getPixels(s);
			if (!(pixels instanceof float[])) continue;
			for (final float v : (float[]) pixels) largest = Math.max(largest, Math.abs(v));
		}
		return largest;
	}

	/**
	 * The intensity that {@code imp}'s values are divided by to scale them to [0, 1]: 255 for 8-bit
	 * and RGB, 65535 for 16-bit, and 1 for 32-bit, whose values are taken as they are.
	 */
	public static double maxValue(final ImagePlus imp) {
		switch (imp.getBitDepth()) {
			case 8:
			case 24:
				return 255;
			case 16:
				return 65535;
			case 32:
				return 1;
			default:
				throw new UserInputException("Unsupported image type (bit depth " + imp.getBitDepth() + "): " + imp.getTitle());
		}
	}

	/**
	 * The values of {@code img} (any number of dimensions, typically one plane) as a new array in
	 * flat order, X fastest, each divided by {@code maxValue} (see {@link #maxValue(ImagePlus)}).
	 */
	public static float[] toUnitFloats(final RandomAccessibleInterval<? extends RealType<?>> img, final double maxValue) {
		if (!(maxValue > 0)) throw new IllegalArgumentException("maxValue must be positive, got " + maxValue);
		return FlatFloats.copy(img, maxValue);
	}

	/**
	 * Copies the slice labels of {@code source} to {@code target} when both stacks have the same
	 * number of slices, so that a conversion that keeps slices keeps their names; otherwise does nothing.
	 */
	public static void copySliceLabels(final ImagePlus source, final ImagePlus target) {
		final ImageStack from = source.getStack();
		final ImageStack to = target.getStack();
		if (from.getSize() != to.getSize()) return;
		for (int i = 1; i <= from.getSize(); i++) {
			to.setSliceLabel(from.getSliceLabel(i), i);
		}
	}

	/**
	 * Gives {@code target} the slice labels and the channels, z-slices and frames of {@code source} when
	 * both stacks have the same number of planes, so that a 5-D hyperstack comes back with its C, Z and T
	 * instead of its frames folded into slices; for an RGB source and a target of its red, green and blue planes
	 * (channel fastest), each plane the label of its slice; otherwise does nothing.
	 */
	public static void copyLayout(final ImagePlus source, final ImagePlus target) {
		if (source.getType() == ImagePlus.COLOR_RGB && target.getStackSize() == 3 * source.getStackSize()) {
			// an RGB stack's output: the red, green and blue planes of slice z, each labelled as slice z
			for (int z = 1; z <= source.getStackSize(); z++) {
				for (int c = 1; c <= 3; c++) target.getStack().setSliceLabel(source.getStack().getSliceLabel(z), 3 * (z - 1) + c);
			}
			if (source.getWidth() == target.getWidth() && source.getHeight() == target.getHeight()) target.setCalibration(spatialCalibration(source));
			return;
		}
		if (source.getStackSize() != target.getStackSize()) return;
		copySliceLabels(source, target);
		target.setDimensions(source.getNChannels(), source.getNSlices(), source.getNFrames());
		if (source.isHyperStack() || source.getNDimensions() > 3) target.setOpenAsHyperStack(true);
		if (source.getWidth() == target.getWidth() && source.getHeight() == target.getHeight()) target.setCalibration(spatialCalibration(source));
	}

	/**
	 * {@code image}'s spatial calibration (pixel size and unit, origin, frame interval) without its value calibration: our
	 * outputs hold values in the input's calibrated units already (a signed 16-bit image's as 32-bit floats).
	 */
	public static Calibration spatialCalibration(final ImagePlus image) {
		final Calibration spatial = image.getCalibration().copy();
		spatial.disableDensityCalibration();
		return spatial;
	}

	/**
	 * {@code target}, an output in {@code source}'s intensity units, displayed as {@code source} is: the
	 * same display range and LUT per channel, so that an output does not look brighter or more contrasty
	 * than its input only because its own minimum and maximum differ. An RGB source gives a composite of
	 * red, green and blue channels on the RGB image's range; a composite source gives a composite with
	 * its channels' LUTs. Channels of {@code target} beyond {@code source}'s (an opacity) keep their own
	 * range. Returns {@code target}, or a {@link CompositeImage} of it; call after {@link #copyLayout}.
	 */
	public static ImagePlus displayLike(final ImagePlus source, final ImagePlus target) {
		final int channels = target.getNChannels();
		if (source.getType() == ImagePlus.COLOR_RGB && channels >= 3 || source.isComposite() && channels > 1) {
			final CompositeImage composite = target.isComposite() ? (CompositeImage) target
				: new CompositeImage(target, source.isComposite() ? ((CompositeImage) source).getMode() : CompositeImage.COMPOSITE);
			if (source.isComposite()) {
				final LUT[] luts = ((CompositeImage) source).getLuts();
				for (int c = 0; c < Math.min(luts.length, channels); c++) composite.setChannelLut(luts[c], c + 1);
			}
			else {
				final Color[] colours = { Color.RED, Color.GREEN, Color.BLUE };
				for (int c = 0; c < 3; c++) {
					final LUT lut = LUT.createLutFromColor(colours[c]);
					lut.min = source.getDisplayRangeMin();
					lut.max = source.getDisplayRangeMax();
					composite.setChannelLut(lut, c + 1);
				}
			}
			return composite;
		}
		if (source.getType() != ImagePlus.COLOR_RGB) {
			final LUT lut = source.getProcessor().getLut();
			if (lut != null) target.getProcessor().setColorModel(lut.getColorModel());
		}
		target.setDisplayRange(source.getDisplayRangeMin(), source.getDisplayRangeMax());
		return target;
	}

	/**
	 * The display range of the first {@code channels} channels of {@code image} set to [{@code min},
	 * {@code max}]; an image that is not a composite has one range for all.
	 */
	public static void setDisplayRange(final ImagePlus image, final int channels, final double min, final double max) {
		if (!image.isComposite()) {
			image.setDisplayRange(min, max);
			return;
		}
		final CompositeImage composite = (CompositeImage) image;
		for (int c = 1; c <= Math.min(channels, composite.getNChannels()); c++) {
			final LUT lut = (LUT) composite.getChannelLut(c).clone();
			lut.min = min;
			lut.max = max;
			composite.setChannelLut(lut, c);
		}
	}

	/** The dimensions of a 2-, 3- or 4-D image as (X, Y, C, N), checked to fit an ImageJ stack. */
	private static long[] asXycn(final RandomAccessibleInterval<?> img) {
		final long[] dims = img.dimensionsAsLongArray();
		final long[] xycn;
		switch (dims.length) {
			case 2:
				xycn = new long[] { dims[0], dims[1], 1, 1 };
				break;
			case 3:
				xycn = new long[] { dims[0], dims[1], 1, dims[2] };
				break;
			case 4:
				xycn = dims;
				break;
			default:
				throw new IllegalArgumentException("Expected (X, Y), (X, Y, N) or (X, Y, C, N), got " + dimensionsText(img));
		}
		if (FlatFloats.product(xycn[0], xycn[1]) > Integer.MAX_VALUE - 8 || FlatFloats.product(xycn[2], xycn[3]) > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("Image too large for an ImageJ stack: " + dimensionsText(img));
		}
		return xycn;
	}

	private static String dimensionsText(final RandomAccessibleInterval<?> img) {
		return Arrays.toString(img.dimensionsAsLongArray());
	}
}

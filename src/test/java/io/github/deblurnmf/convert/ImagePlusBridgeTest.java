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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import io.github.deblurnmf.task.UserInputException;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import org.junit.jupiter.api.Test;

import java.util.function.IntFunction;

class ImagePlusBridgeTest {

	/** Non-square and odd, so that swapped X and Y or an off-by-one row length shows. */
	private static final int WIDTH = 7;
	private static final int HEIGHT = 5;

	/** A stack of {@code planes} planes, plane p (0-based) made by {@code plane}, labelled "plane p". */
	private static ImagePlus stack(final int planes, final IntFunction<ImageProcessor> plane) {
		final ImageStack stack = new ImageStack(WIDTH, HEIGHT);
		for (int p = 0; p < planes; p++) stack.addSlice("plane " + p, plane.apply(p));
		return new ImagePlus("test", stack);
	}

	private static ImagePlus eightBit(final int planes) {
		return stack(planes, p -> {
			final ByteProcessor ip = new ByteProcessor(WIDTH, HEIGHT);
			for (int y = 0; y < HEIGHT; y++)
				for (int x = 0; x < WIDTH; x++) {
					ip.set(x, y, (x * 37 + y * 11 + p * 60) % 256);
				}
			return ip;
		});
	}

	private static ImagePlus sixteenBit(final int planes) {
		return stack(planes, p -> {
			final ShortProcessor ip = new ShortProcessor(WIDTH, HEIGHT);
			for (int y = 0; y < HEIGHT; y++)
				for (int x = 0; x < WIDTH; x++) {
					// Above 32767, where a signed short would turn negative.
					ip.set(x, y, 40000 + x * 1000 + y * 100 + p * 7);
				}
			return ip;
		});
	}

	private static ImagePlus thirtyTwoBit(final int planes) {
		return stack(planes, p -> {
			final FloatProcessor ip = new FloatProcessor(WIDTH, HEIGHT);
			for (int y = 0; y < HEIGHT; y++)
				for (int x = 0; x < WIDTH; x++) {
					ip.setf(x, y, -3.25f + x * 0.5f - y * 1.75f + p * 100);
				}
			return ip;
		});
	}

	private static int red(final int x, final int y, final int p) {
		return (x * 30 + p) % 256;
	}

	private static int green(final int x, final int y, final int p) {
		return (y * 50 + 3 * p) % 256;
	}

	private static int blue(final int x, final int y, final int p) {
		return 255 - x - y - p;
	}

	private static ImagePlus rgb(final int planes) {
		return stack(planes, p -> {
			final ColorProcessor ip = new ColorProcessor(WIDTH, HEIGHT);
			for (int y = 0; y < HEIGHT; y++)
				for (int x = 0; x < WIDTH; x++) {
					ip.set(x, y, (red(x, y, p) << 16) | (green(x, y, p) << 8) | blue(x, y, p));
				}
			return ip;
		});
	}

	/** ImagePlus → wrap → matrix → stack → ImagePlus, as NMF does it. */
	private static ImagePlus roundTrip(final ImagePlus imp) {
		final RandomAccessibleInterval<? extends RealType<?>> wrapped = ImagePlusBridge.wrap(imp);
		final long[] sliceDims = { wrapped.dimension(0), wrapped.dimension(1), wrapped.dimension(2) };
		return ImagePlusBridge.toImagePlus(MatrixBridge.toStack(MatrixBridge.toMatrix(wrapped), sliceDims), "round trip");
	}

	/** Asserts that every plane of {@code actual} holds the values of the same plane of {@code expected}. */
	private static void assertSameValues(final ImagePlus expected, final ImagePlus actual) {
		assertEquals(expected.getStackSize(), actual.getStackSize());
		assertEquals(expected.getNChannels(), actual.getNChannels());
		for (int i = 1; i <= expected.getStackSize(); i++) {
			final ImageProcessor want = expected.getStack().getProcessor(i);
			final ImageProcessor got = actual.getStack().getProcessor(i);
			for (int y = 0; y < HEIGHT; y++)
				for (int x = 0; x < WIDTH; x++) {
					assertEquals(want.getPixelValue(x, y), got.getPixelValue(x, y), "plane " + i + " at " + x + "," + y);
				}
		}
	}

	/** An RGB stack's output has 3 planes per slice; each is labelled as its slice, and the pixel size stays. */
	@Test
	void anRgbStacksLabelsAndCalibrationReachItsChannelPlanes() {
		final ImageStack rgb = new ImageStack(4, 3);
		for (int z = 0; z < 2; z++) rgb.addSlice("s" + z, new ColorProcessor(4, 3));
		final ImagePlus source = new ImagePlus("rgb", rgb);
		source.getCalibration().pixelWidth = 0.5;
		source.getCalibration().setUnit("mm");
		final ImagePlus target = ImagePlusBridge.toImagePlus(ImagePlusBridge.wrap(source), "out");
		assertEquals(6, target.getStackSize());
		ImagePlusBridge.copyLayout(source, target);
		for (int p = 1; p <= 6; p++) assertEquals("s" + (p - 1) / 3, target.getStack().getSliceLabel(p), "plane " + p);
		assertEquals(0.5, target.getCalibration().pixelWidth);
		assertEquals("mm", target.getCalibration().getUnit());
	}

	@Test
	void wrapGivesXYCNOfTheMatchingType() {
		final RandomAccessibleInterval<? extends RealType<?>> bytes = ImagePlusBridge.wrap(eightBit(3));
		final RandomAccessibleInterval<? extends RealType<?>> shorts = ImagePlusBridge.wrap(sixteenBit(1));
		final RandomAccessibleInterval<? extends RealType<?>> floats = ImagePlusBridge.wrap(thirtyTwoBit(2));
		final RandomAccessibleInterval<? extends RealType<?>> colors = ImagePlusBridge.wrap(rgb(2));

		assertArrayEquals(new long[] { WIDTH, HEIGHT, 1, 3 }, bytes.dimensionsAsLongArray());
		assertArrayEquals(new long[] { WIDTH, HEIGHT, 1, 1 }, shorts.dimensionsAsLongArray());
		assertArrayEquals(new long[] { WIDTH, HEIGHT, 1, 2 }, floats.dimensionsAsLongArray());
		assertArrayEquals(new long[] { WIDTH, HEIGHT, 3, 2 }, colors.dimensionsAsLongArray());
		assertInstanceOf(UnsignedByteType.class, bytes.getType());
		assertInstanceOf(UnsignedShortType.class, shorts.getType());
		assertInstanceOf(FloatType.class, floats.getType());
		assertInstanceOf(UnsignedByteType.class, colors.getType());
	}

	@Test
	void wrapReadsEachPixelOfEachSlice() {
		final ImagePlus imp = sixteenBit(3);
		final RandomAccess<? extends RealType<?>> access = ImagePlusBridge.wrap(imp).randomAccess();
		for (int n = 0; n < 3; n++)
			for (int y = 0; y < HEIGHT; y++)
				for (int x = 0; x < WIDTH; x++) {
					assertEquals(40000 + x * 1000 + y * 100 + n * 7, access.setPositionAndGet(x, y, 0, n).getRealDouble());
				}
	}

	@Test
	void roundTripKeepsEightBitValues() {
		final ImagePlus imp = eightBit(3);
		assertSameValues(imp, roundTrip(imp));
	}

	@Test
	void roundTripKeepsSixteenBitValues() {
		final ImagePlus imp = sixteenBit(4);
		assertSameValues(imp, roundTrip(imp));
	}

	@Test
	void roundTripKeepsThirtyTwoBitValues() {
		final ImagePlus imp = thirtyTwoBit(2);
		assertSameValues(imp, roundTrip(imp));
	}

	@Test
	void roundTripKeepsASingleImage() {
		final ImagePlus imp = thirtyTwoBit(1);
		final ImagePlus back = roundTrip(imp);
		assertEquals(1, back.getStackSize());
		assertSameValues(imp, back);
	}

	@Test
	void roundTripOfRgbGivesThreeFloatChannelsRedGreenBlue() {
		final ImagePlus back = roundTrip(rgb(2));

		assertEquals(ImagePlus.GRAY32, back.getType());
		assertEquals(3, back.getNChannels());
		assertEquals(2, back.getNSlices());
		for (int n = 0; n < 2; n++)
			for (int y = 0; y < HEIGHT; y++)
				for (int x = 0; x < WIDTH; x++) {
					// Hyperstack planes are in channel-fastest order: index = 1 + c + 3 n.
					assertEquals(red(x, y, n), back.getStack().getProcessor(1 + 3 * n).getf(x, y));
					assertEquals(green(x, y, n), back.getStack().getProcessor(2 + 3 * n).getf(x, y));
					assertEquals(blue(x, y, n), back.getStack().getProcessor(3 + 3 * n).getf(x, y));
				}
	}

	@Test
	void rgbRoundTripThroughToRgbImagePlusGivesTheSamePixels() {
		final ImagePlus imp = rgb(3);
		final RandomAccessibleInterval<? extends RealType<?>> wrapped = ImagePlusBridge.wrap(imp);
		final RandomAccessibleInterval<FloatType> stack = MatrixBridge.toStack(MatrixBridge.toMatrix(wrapped), WIDTH, HEIGHT, 3);

		final ImagePlus back = ImagePlusBridge.toRgbImagePlus(stack, 0, 255, "rgb");

		assertEquals(ImagePlus.COLOR_RGB, back.getType());
		assertEquals(3, back.getStackSize());
		for (int i = 1; i <= 3; i++) {
			assertArrayEquals((int[]) imp.getStack().getPixels(i), (int[]) back.getStack().getPixels(i), "slice " + i);
		}
	}

	@Test
	void wrapSplitsRgbIntoRedGreenBlue() {
		final ColorProcessor ip = new ColorProcessor(WIDTH, HEIGHT);
		ip.set(4, 3, 0x112233);
		final RandomAccess<? extends RealType<?>> access = ImagePlusBridge.wrap(new ImagePlus("rgb", ip)).randomAccess();

		assertEquals(0x11, access.setPositionAndGet(4, 3, 0, 0).getRealDouble());
		assertEquals(0x22, access.setPositionAndGet(4, 3, 1, 0).getRealDouble());
		assertEquals(0x33, access.setPositionAndGet(4, 3, 2, 0).getRealDouble());
	}

	@Test
	void twoChannelHyperstackIsChannelFastestAndSurvivesTheRoundTrip() {
		final ImagePlus imp = thirtyTwoBit(6);
		imp.setDimensions(2, 3, 1);

		final RandomAccessibleInterval<? extends RealType<?>> wrapped = ImagePlusBridge.wrap(imp);
		assertArrayEquals(new long[] { WIDTH, HEIGHT, 2, 3 }, wrapped.dimensionsAsLongArray());
		final RandomAccess<? extends RealType<?>> access = wrapped.randomAccess();
		for (int n = 0; n < 3; n++)
			for (int c = 0; c < 2; c++) {
				// thirtyTwoBit fills plane p (0-based) with p * 100 added; here p = c + 2 n.
				final float expected = -3.25f + 6 * 0.5f - 4 * 1.75f + (c + 2 * n) * 100;
				assertEquals(expected, access.setPositionAndGet(6, 4, c, n).getRealFloat());
			}

		final ImagePlus back = roundTrip(imp);
		assertEquals(2, back.getNChannels());
		assertEquals(3, back.getNSlices());
		assertEquals(1, back.getNFrames());
		assertTrue(back.isHyperStack());
		assertSameValues(imp, back);
	}

	@Test
	void writingThroughTheWrappedImageChangesTheImagePlus() {
		final ImagePlus bytes = eightBit(2);
		writeValue(ImagePlusBridge.wrap(bytes), 2, 3, 0, 1, 200);
		assertEquals(200, ((byte[]) bytes.getStack().getPixels(2))[2 + WIDTH * 3] & 0xff);

		final ImagePlus shorts = sixteenBit(2);
		writeValue(ImagePlusBridge.wrap(shorts), 6, 4, 0, 0, 65000);
		assertEquals(65000, ((short[]) shorts.getStack().getPixels(1))[6 + WIDTH * 4] & 0xffff);

		final ImagePlus floats = thirtyTwoBit(1);
		writeValue(ImagePlusBridge.wrap(floats), 0, 1, 0, 0, -1.5);
		assertEquals(-1.5f, floats.getProcessor().getf(0, 1));
	}

	@Test
	void writingOneRgbChannelChangesOnlyThatByteOfThePixel() {
		final ImagePlus imp = new ImagePlus("rgb", new ColorProcessor(WIDTH, HEIGHT));
		imp.getProcessor().set(1, 2, 0x112233);

		// Values of 128 and more, whose byte is negative in Java, must not spill into the other channels.
		final RandomAccessibleInterval<? extends RealType<?>> wrapped = ImagePlusBridge.wrap(imp);
		writeValue(wrapped, 1, 2, 1, 0, 0xab);
		assertEquals(0x11ab33, ((int[]) imp.getProcessor().getPixels())[1 + WIDTH * 2] & 0xffffff);
		writeValue(wrapped, 1, 2, 2, 0, 0xcd);
		assertEquals(0x11abcd, ((int[]) imp.getProcessor().getPixels())[1 + WIDTH * 2] & 0xffffff);
		writeValue(wrapped, 1, 2, 0, 0, 0x05);
		assertEquals(0x05abcd, ((int[]) imp.getProcessor().getPixels())[1 + WIDTH * 2] & 0xffffff);
		assertEquals(0, ((int[]) imp.getProcessor().getPixels())[0] & 0xffffff, "a neighbouring pixel");
	}

	private static void writeValue(final RandomAccessibleInterval<? extends RealType<?>> img, final int x, final int y, final int c, final int n, final double value) {
		img.randomAccess().setPositionAndGet(x, y, c, n).setReal(value);
	}

	@Test
	void rgbHyperstackWithSeveralChannelsIsRejected() {
		final ImagePlus imp = rgb(4);
		imp.setDimensions(2, 2, 1);

		final UserInputException error = assertThrows(UserInputException.class, () -> ImagePlusBridge.wrap(imp));
		assertFalse(error.getMessage().contains("\n"));
	}

	@Test
	void toRgbImagePlusMapsMinToZeroMaxTo255AndClamps() {
		// One row of six pixels; the three channels hold the same values shifted, so each byte is checked.
		final ArrayImg<FloatType, FloatArray> img = ArrayImgs.floats(6, 1, 3, 1);
		final float[] red = { -1, 3, 1, 5, -7, Float.NaN };
		final RandomAccess<FloatType> access = img.randomAccess();
		for (int x = 0; x < 6; x++) {
			access.setPositionAndGet(x, 0, 0, 0).set(red[x]);
			access.setPositionAndGet(x, 0, 1, 0).set(0);
			access.setPositionAndGet(x, 0, 2, 0).set(2);
		}

		final ImagePlus imp = ImagePlusBridge.toRgbImagePlus(img, -1, 3, "mapped");

		// 255 (v + 1) / 4: -1 → 0, 3 → 255, 1 → 127.5 → 128, 5 → clamped 255, -7 → clamped 0, NaN → 0;
		// green 0 → 63.75 → 64, blue 2 → 191.25 → 191.
		final int[] expectedRed = { 0, 255, 128, 255, 0, 0 };
		final int[] pixels = (int[]) imp.getProcessor().getPixels();
		for (int x = 0; x < 6; x++) {
			assertEquals((expectedRed[x] << 16) | (64 << 8) | 191, pixels[x] & 0xffffff, "pixel " + x);
		}
	}

	@Test
	void toRgbImagePlusRejectsAnythingButThreeChannels() {
		assertThrows(IllegalArgumentException.class, () -> ImagePlusBridge.toRgbImagePlus(ArrayImgs.floats(4, 4, 2, 1), 0, 1, "two channels"));
		assertThrows(IllegalArgumentException.class, () -> ImagePlusBridge.toRgbImagePlus(ArrayImgs.floats(4, 4, 3), 0, 1, "three dimensions"));
		assertThrows(IllegalArgumentException.class, () -> ImagePlusBridge.toRgbImagePlus(ArrayImgs.floats(4, 4, 3, 1), 1, 1, "empty range"));
	}

	@Test
	void toImagePlusAcceptsTwoAndThreeDimensions() {
		final ArrayImg<FloatType, FloatArray> plane = ArrayImgs.floats(new float[] { 1, 2, 3, 4, 5, 6 }, 3, 2);
		final ImagePlus single = ImagePlusBridge.toImagePlus(plane, "plane");
		assertEquals(1, single.getStackSize());
		assertEquals(3, single.getWidth());
		assertEquals(2, single.getHeight());
		assertEquals(6, single.getProcessor().getf(2, 1));
		assertEquals(1, single.getDisplayRangeMin());
		assertEquals(6, single.getDisplayRangeMax());

		final ImagePlus slices = ImagePlusBridge.toImagePlus(ArrayImgs.floats(new float[] { 1, 2, 3, 4, 5, 6 }, 3, 1, 2), "slices");
		assertEquals(2, slices.getNSlices());
		assertEquals(1, slices.getNChannels());
		assertEquals(4, slices.getStack().getProcessor(2).getf(0, 0));

		assertThrows(IllegalArgumentException.class, () -> ImagePlusBridge.toImagePlus(ArrayImgs.floats(2, 2, 2, 2, 2), "five dimensions"));
	}

	@Test
	void maxValueDependsOnTheBitDepth() {
		assertEquals(255, ImagePlusBridge.maxValue(eightBit(1)));
		assertEquals(65535, ImagePlusBridge.maxValue(sixteenBit(1)));
		assertEquals(1, ImagePlusBridge.maxValue(thirtyTwoBit(1)));
		assertEquals(255, ImagePlusBridge.maxValue(rgb(1)));
	}

	@Test
	void toUnitFloatsDividesByTheMaxValueInFlatOrder() {
		final ImagePlus imp = sixteenBit(1);

		final float[] unit = ImagePlusBridge.toUnitFloats(ImagePlusBridge.wrap(imp), ImagePlusBridge.maxValue(imp));

		assertEquals(WIDTH * HEIGHT, unit.length);
		assertEquals((40000 + 3 * 1000 + 2 * 100) / 65535f, unit[3 + WIDTH * 2], 1e-7f);
	}

	@Test
	void copySliceLabelsKeepsLabelsWhenTheSlicesMatch() {
		final ImagePlus source = eightBit(3);
		final ImagePlus converted = roundTrip(source);

		ImagePlusBridge.copySliceLabels(source, converted);

		assertEquals("plane 0", converted.getStack().getSliceLabel(1));
		assertEquals("plane 2", converted.getStack().getSliceLabel(3));
	}
}

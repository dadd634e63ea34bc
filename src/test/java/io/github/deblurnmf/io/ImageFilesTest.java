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
package io.github.deblurnmf.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import io.github.deblurnmf.task.UserInputException;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {

	@TempDir
	Path dir;

	private Path imagejStack(final String name, final int slices) {
		final ImageStack stack = new ImageStack(20, 10);
		for (int s = 0; s < slices; s++) {
			final byte[] pixels = new byte[200];
			java.util.Arrays.fill(pixels, (byte) (50 + s));
			stack.addSlice(null, new ByteProcessor(20, 10, pixels));
		}
		final Path file = dir.resolve(name);
		final ImagePlus image = new ImagePlus(name, stack);
		assertTrue(slices > 1 ? new FileSaver(image).saveAsTiffStack(file.toString()) : new FileSaver(image).saveAsTiff(file.toString()));
		return file;
	}

	/**
	 * A 2-channel composite read back without its display (as Fiji's --run hands it over): the file's channel LUTs, ranges
	 * and mode come back, on the image's own planes; an image without a file, or a composite, is its own display source.
	 */
	@Test
	void aCompositesDisplayComesBackFromItsFile() throws Exception {
		final ImageStack stack = new ImageStack(20, 10);
		for (int c = 0; c < 2; c++) stack.addSlice(null, new ByteProcessor(20, 10));
		final ImagePlus plain = new ImagePlus("comp", stack);
		plain.setDimensions(2, 1, 1);
		final ij.CompositeImage composite = new ij.CompositeImage(plain, ij.CompositeImage.COLOR);
		composite.setC(1);
		composite.setDisplayRange(10, 100);
		composite.setC(2);
		composite.setChannelLut(ij.process.LUT.createLutFromColor(java.awt.Color.green), 2);
		composite.setDisplayRange(50, 200);
		final Path file = dir.resolve("comp.tif");
		assertTrue(new FileSaver(composite).saveAsTiff(file.toString()));

		final ImagePlus handed = new ImagePlus("comp.tif", stack);
		handed.setDimensions(2, 1, 1);
		assertEquals(handed, ImageFiles.displaySource(handed), "no file: itself");
		final ij.io.FileInfo fi = new ij.io.FileInfo();
		fi.directory = dir.toString() + java.io.File.separator;
		fi.fileName = "comp.tif";
		handed.setFileInfo(fi);
		final ImagePlus source = ImageFiles.displaySource(handed);
		assertTrue(source.isComposite());
		assertEquals(ij.CompositeImage.COLOR, ((ij.CompositeImage) source).getMode());
		final ij.process.LUT[] luts = ((ij.CompositeImage) source).getLuts();
		assertEquals(10, luts[0].min);
		assertEquals(100, luts[0].max);
		assertEquals(50, luts[1].min);
		assertEquals(200, luts[1].max);
		assertEquals(0x00ff00, luts[1].getRGB(255) & 0xffffff);
		assertEquals(stack, source.getStack(), "its own planes");
		assertEquals(composite, ImageFiles.displaySource(composite), "a composite: itself");
	}

	@Test
	void aCompleteTiffOpens() throws Exception {
		assertEquals(3, ImageFiles.open(imagejStack("whole.tif", 3).toFile()).getStackSize());
		final Path raw = RawTiff.write16(dir.resolve("raw.tif"), 4, 3, false, RawTiff.ramp(12, 0, 1), RawTiff.ramp(12, 100, 1));
		assertEquals(2, ImageFiles.open(raw.toFile()).getStackSize());
	}

	@Test
	void aStackMissingItsLastSliceIsRefused() throws Exception {
		final Path whole = imagejStack("cut.tif", 3);
		// Two slices and half of the third (ImageJ's trailing image directories go too).
		final Path file = RawTiff.cutTo(whole, RawTiff.pixelOffset(whole) + 500);
		// ImageJ itself reads it without complaint: the premise of the check.
		final ImagePlus plain = IJ.openImage(file.toString());
		assertTrue(plain == null || plain.getStackSize() < 3 || plain.getStack().getProcessor(3).getPixel(19, 9) == 0);
		final UserInputException e = assertThrows(UserInputException.class, () -> ImageFiles.open(file.toFile()));
		assertTrue(e.getMessage().startsWith("Truncated TIFF: " + file), e.getMessage());
	}

	@Test
	void aSingleImageMissingPixelsIsRefused() throws Exception {
		final Path one = imagejStack("one.tif", 1);
		final Path file = RawTiff.cutTo(one, RawTiff.pixelOffset(one) + 193);
		assertThrows(UserInputException.class, () -> ImageFiles.open(file.toFile()));
		final Path raw = RawTiff.truncate(RawTiff.write16(dir.resolve("raw.tif"), 4, 3, false, RawTiff.ramp(12, 0, 1), RawTiff.ramp(12, 0, 1)), 2);
		assertThrows(UserInputException.class, () -> ImageFiles.open(raw.toFile()));
	}

	@Test
	void aTruncatedFileInAFolderIsRefused() throws Exception {
		Files.createDirectory(dir.resolve("folder"));
		Files.move(imagejStack("a.tif", 1), dir.resolve("folder/a.tif"));
		final Path b = imagejStack("b.tif", 1);
		Files.move(RawTiff.cutTo(b, RawTiff.pixelOffset(b) + 199), dir.resolve("folder/b.tif"));
		final UserInputException e = assertThrows(UserInputException.class, () -> ImageFiles.open(dir.resolve("folder").toFile()));
		assertTrue(e.getMessage().contains("b.tif"), e.getMessage());
	}

	@Test
	void signed16BitIsReadAsItsSignedValues() throws Exception {
		final Path file = RawTiff.write16(dir.resolve("signed.tif"), 4, 3, true, RawTiff.ramp(12, -6, 1), RawTiff.ramp(12, 1000, -200));
		final ImagePlus image = ImageFiles.open(file.toFile());
		assertEquals(32, image.getBitDepth());
		assertEquals(2, image.getStackSize());
		assertEquals(-6, image.getStack().getProcessor(1).getf(0), 0);
		assertEquals(5, image.getStack().getProcessor(1).getf(11), 0);
		assertEquals(1000 - 200 * 11, image.getStack().getProcessor(2).getf(11), 0);
		// Unsigned 16-bit stays as it is.
		final Path unsigned = RawTiff.write16(dir.resolve("unsigned.tif"), 4, 3, false, RawTiff.ramp(12, 60000, 1));
		final ImagePlus plain = ImageFiles.open(unsigned.toFile());
		assertEquals(16, plain.getBitDepth());
		assertEquals(60011, plain.getProcessor().get(11));
	}

	@Test
	void aFullDiskIsReportedAsSuchUnderTheFinalName() {
		final Path full = Path.of("/dev/full");
		org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(full), "no /dev/full here");
		final java.io.IOException e = assertThrows(java.io.IOException.class,
			() -> ImageFiles.writeTiff(new ImagePlus("x", new ByteProcessor(64, 64)), full, Path.of("/data/out/deblurred.tif")));
		assertEquals("cannot write /data/out/deblurred.tif: no space left on device (free some space, or choose another folder)", e.getMessage());
	}
}

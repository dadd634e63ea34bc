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

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileInfo;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.io.TiffDecoder;
import ij.measure.Calibration;
import io.github.deblurnmf.convert.ImagePlusBridge;
import io.github.deblurnmf.task.UserInputException;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Opens images given as paths in headless runs: one file, or a folder of same-sized images as a stack. */
public final class ImageFiles {

	/** The image property that names the folder an image was opened from (see {@link #sourceFolder}). */
	public static final String SOURCE_FOLDER = "deblurnmf.sourceFolder";

	private static final List<String> EXTENSIONS = Arrays.asList(".tif", ".tiff", ".png", ".jpg", ".jpeg");

	private ImageFiles() {}

	/** Opens a TIFF, PNG or JPEG file, or every such file of a folder (sorted by name) as one stack. */
	public static ImagePlus open(final File path) {
		if (path.isDirectory()) return openFolder(path);
		if (path.exists() && !path.isFile()) throw new UserInputException("Not a regular file or folder: " + path);
		if (!path.isFile()) throw new UserInputException("File not found: " + path + AtomicFiles.tildeHint(path.toPath()));
		if (isTiffName(path.getName())) checkComplete(path);
		final Opener opener = new Opener();
		// ImageJ prints two lines of its own for a file of unknown type before it gives up: not asked to open it
		if (opener.getFileType(path.getAbsolutePath()) == Opener.UNKNOWN) throw new UserInputException("Cannot open image: " + path);
		final ImagePlus opened = opener.openImage(path.getAbsolutePath());
		// a text file that holds no table of numbers opens as an image without pixels
		if (opened == null || opened.getWidth() == 0 || opened.getHeight() == 0) throw new UserInputException("Cannot open image: " + path);
		final ImagePlus image = signedAsFloat(opened);
		image.setTitle(path.getName());
		return image;
	}

	/**
	 * The image whose display an output of {@code imp} copies: {@code imp} itself, or, for a multichannel image that is no
	 * composite but was read from an ImageJ TIFF saved as one, a composite view of {@code imp}'s own planes with the channel
	 * LUTs, display ranges and mode that the file records. Fiji's {@code --run} opens an image given by its path through
	 * ImageJ2's converters, which drop that display. Reads only the file's header.
	 */
	public static ImagePlus displaySource(final ImagePlus imp) {
		if (imp.isComposite() || imp.getType() == ImagePlus.COLOR_RGB || imp.getNChannels() < 2) return imp;
		final FileInfo original = imp.getOriginalFileInfo();
		if (original == null || original.directory == null || original.fileName == null) return imp;
		final File file = new File(original.directory, original.fileName);
		if (!file.isFile() || !isTiffName(file.getName())) return imp;
		try {
			final FileInfo[] infos = new TiffDecoder(original.directory, original.fileName).getTiffInfo();
			final FileInfo fi = infos == null || infos.length == 0 ? null : infos[0];
			if (fi == null || fi.description == null || fi.width != imp.getWidth() || fi.height != imp.getHeight()) return imp;
			final int channels = imp.getNChannels();
			final String description = fi.description;
			final int mode = description.contains("mode=composite") ? ij.CompositeImage.COMPOSITE : description.contains("mode=color")
				? ij.CompositeImage.COLOR : description.contains("mode=gray") ? ij.CompositeImage.GRAYSCALE : -1;
			if (mode < 0 || !description.contains("channels=" + channels + "\n")) return imp;
			final ij.CompositeImage composite = new ij.CompositeImage(imp, mode);
			for (int c = 0; c < channels; c++) {
				final ij.process.LUT lut = fi.channelLuts != null && c < fi.channelLuts.length && fi.channelLuts[c].length == 768 ? lut(
					fi.channelLuts[c]) : (ij.process.LUT) composite.getChannelLut(c + 1).clone();
				if (fi.displayRanges != null && 2 * c + 1 < fi.displayRanges.length) {
					lut.min = fi.displayRanges[2 * c];
					lut.max = fi.displayRanges[2 * c + 1];
				}
				composite.setChannelLut(lut, c + 1);
			}
			return composite;
		}
		catch (final IOException | RuntimeException e) {
			return imp;
		}
	}

	/** A LUT from ImageJ's TIFF tag: 256 reds, then greens, then blues. */
	private static ij.process.LUT lut(final byte[] rgb) {
		return new ij.process.LUT(Arrays.copyOfRange(rgb, 0, 256), Arrays.copyOfRange(rgb, 256, 512), Arrays.copyOfRange(rgb, 512, 768));
	}

	/**
	 * Refuses a TIFF whose pixel data reach beyond the end of the file (a short read): ImageJ would open
	 * it without error, dropping the missing slices and leaving the missing pixels 0. Each image's strips
	 * (or, for ImageJ's contiguous stacks, the whole run of slices) must lie inside the file.
	 *
	 * @throws UserInputException naming the file, its length and how far its pixel data reach
	 */
	static void checkComplete(final File path) {
		final FileInfo[] infos;
		try {
			infos = new TiffDecoder(path.getParent() == null ? "" : path.getParent() + File.separator, path.getName()).getTiffInfo();
		}
		catch (final IOException | RuntimeException e) {
			return; // not a TIFF ImageJ can parse: the opener says "Cannot open image"
		}
		if (infos == null || infos.length == 0) return;
		final long length = path.length();
		long end = 0;
		for (final FileInfo fi : infos) end = Math.max(end, pixelEnd(fi));
		if (end > length) {
			throw new UserInputException("Truncated TIFF: " + path + " is " + length + " bytes but its pixel data reach byte " + end
				+ " (an incomplete copy or download?); refusing it rather than reading missing slices or pixels as 0");
		}
	}

	/** The byte just after the last pixel byte that {@code fi} describes. */
	private static long pixelEnd(final FileInfo fi) {
		long end = 0;
		if (fi.stripOffsets != null && fi.stripLengths != null) {
			for (int i = 0; i < Math.min(fi.stripOffsets.length, fi.stripLengths.length); i++) {
				end = Math.max(end, (fi.stripOffsets[i] & 0xffffffffL) + (fi.stripLengths[i] & 0xffffffffL));
			}
		}
		final boolean uncompressed = fi.compression <= FileInfo.COMPRESSION_NONE;
		if (uncompressed && fi.fileType != FileInfo.BITMAP && fi.fileType != FileInfo.GRAY12_UNSIGNED) {
			final long image = (long) fi.width * fi.height * fi.getBytesPerPixel();
			final long images = Math.max(1, fi.nImages);
			end = Math.max(end, fi.getOffset() + images * image + (images - 1) * Math.max(0, fi.gapBetweenImages));
		}
		return end;
	}

	private static boolean isTiffName(final String name) {
		final String lower = name.toLowerCase(Locale.ROOT);
		return lower.endsWith(".tif") || lower.endsWith(".tiff");
	}

	/**
	 * A signed 16-bit image (ImageJ stores it +32768 with a calibration function that subtracts it again)
	 * as a 32-bit image of its signed values, so that -5 is -5 and not 32763; other images as they are.
	 */
	public static ImagePlus signedAsFloat(final ImagePlus image) {
		final Calibration calibration = image.getCalibration();
		if (image.getBitDepth() != 16 || calibration == null || !calibration.isSigned16Bit()) return image;
		final ImageStack from = image.getStack();
		final ImageStack to = new ImageStack(image.getWidth(), image.getHeight());
		for (int i = 1; i <= from.getSize(); i++) {
			final short[] raw = (short[]) from.getPixels(i);
			final float[] values = new float[raw.length];
			for (int p = 0; p < raw.length; p++) values[p] = (float) calibration.getCValue(raw[p] & 0xffff);
			to.addSlice(from.getSliceLabel(i), values);
		}
		final ImagePlus signed = new ImagePlus(image.getTitle(), to);
		signed.setDimensions(image.getNChannels(), image.getNSlices(), image.getNFrames());
		if (image.isHyperStack()) signed.setOpenAsHyperStack(true);
		signed.setCalibration(ImagePlusBridge.spatialCalibration(image));
		signed.resetDisplayRange();
		return signed;
	}

	/** The image files of {@code folder}, sorted by name. */
	public static List<File> list(final File folder) {
		final File[] files = folder.listFiles(f -> f.isFile() && !f.getName().startsWith(".") && isImageName(f.getName()));
		final List<File> list = new ArrayList<>(files == null ? List.of() : Arrays.asList(files));
		list.sort(null);
		return list;
	}

	/**
	 * What {@link #list} leaves out of {@code folder}, sorted by name: other files, hidden ones and subfolders (with a
	 * trailing {@code /}).
	 */
	public static List<String> unlisted(final File folder) {
		final File[] all = folder.listFiles();
		final List<File> listed = list(folder);
		final List<String> names = new ArrayList<>();
		if (all != null) {
			for (final File f : all) if (!listed.contains(f)) names.add(f.getName() + (f.isDirectory() ? "/" : ""));
		}
		names.sort(null);
		return names;
	}

	static boolean isImageName(final String name) {
		final String lower = name.toLowerCase(Locale.ROOT);
		return EXTENSIONS.stream().anyMatch(lower::endsWith);
	}

	private static ImagePlus openFolder(final File folder) {
		final List<File> files = list(folder);
		if (files.isEmpty()) throw new UserInputException("No TIFF, PNG or JPEG images in folder: " + folder);
		ImageStack stack = null;
		File first = null;
		int bitDepth = 0;
		for (final File file : files) {
			final ImagePlus image = open(file);
			if (stack == null) {
				stack = new ImageStack(image.getWidth(), image.getHeight());
				first = file;
				bitDepth = image.getBitDepth();
			}
			if (image.getWidth() != stack.getWidth() || image.getHeight() != stack.getHeight()) {
				throw new UserInputException("Images in " + folder + " have mixed sizes: " + first.getName() + " is " + stack.getWidth() + "×" +
					stack.getHeight() + " but " + file.getName() + " is " + image.getWidth() + "×" + image.getHeight());
			}
			if (image.getBitDepth() != bitDepth) {
				throw new UserInputException("Images in " + folder + " have mixed types: " + first.getName() + " is " + bitDepth + "-bit but " +
					file.getName() + " is " + image.getBitDepth() + "-bit");
			}
			final ImageStack slices = image.getStack();
			for (int i = 1; i <= slices.getSize(); i++) {
				final String label = slices.getSize() == 1 ? file.getName() : file.getName() + ":" + i;
				stack.addSlice(label, slices.getProcessor(i));
			}
		}
		final ImagePlus result = new ImagePlus(folder.getName(), stack);
		result.setProperty(SOURCE_FOLDER, folder.getAbsolutePath());
		return result;
	}

	/**
	 * Writes {@code image} as TIFF (a stack if it has several slices), as ImageJ's {@link FileSaver} would,
	 * but with the write's own error: FileSaver only returns false (printing "No space left on device"
	 * somewhere else), so a full disk became "could not write" and a temporary file's name.
	 *
	 * @throws IOException naming {@code shownAs} (the file's final name) and the reason, e.g. no space left on device
	 */
	public static void writeTiff(final ImagePlus image, final Path file, final Path shownAs) throws IOException {
		final String title = image.getTitle();
		final byte[] bytes = new FileSaver(image).serialize();
		image.setTitle(title);
		if (bytes == null) throw new IOException("cannot encode " + shownAs + " as TIFF");
		try {
			Files.write(file, bytes);
		}
		catch (final IOException e) {
			final String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replace(file.toString(), shownAs.toString());
			final boolean full = reason.toLowerCase(Locale.ROOT).contains("no space left");
			throw new IOException("cannot write " + shownAs + ": " + (full ? "no space left on device (free some space, or choose another folder)" : reason), e);
		}
	}

	/** The folder {@code image} was opened from by {@link #open}, or null (a file, an image made in memory, or null). */
	public static java.nio.file.Path sourceFolder(final ImagePlus image) {
		final Object folder = image == null ? null : image.getProperty(SOURCE_FOLDER);
		return folder instanceof String ? new File((String) folder).toPath() : null;
	}
}

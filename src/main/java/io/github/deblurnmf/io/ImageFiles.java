package io.github.deblurnmf.io;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import io.github.deblurnmf.task.UserInputException;

import java.io.File;
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
		if (!path.isFile()) throw new UserInputException("Input file not found: " + path);
		final ImagePlus image = IJ.openImage(path.getAbsolutePath());
		if (image == null) throw new UserInputException("Cannot open image: " + path);
		image.setTitle(path.getName());
		return image;
	}

	/** The image files of {@code folder}, sorted by name. */
	public static List<File> list(final File folder) {
		final File[] files = folder.listFiles(f -> f.isFile() && !f.getName().startsWith(".") && isImageName(f.getName()));
		final List<File> list = new ArrayList<>(files == null ? List.of() : Arrays.asList(files));
		list.sort(null);
		return list;
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

	/** The folder {@code image} was opened from by {@link #open}, or null (a file, an image made in memory, or null). */
	public static java.nio.file.Path sourceFolder(final ImagePlus image) {
		final Object folder = image == null ? null : image.getProperty(SOURCE_FOLDER);
		return folder instanceof String ? new File((String) folder).toPath() : null;
	}
}

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
import io.github.deblurnmf.task.UserInputException;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Where a command that reads many images of any size takes them from, given as text: a folder
 * (every TIFF, PNG and JPEG in it, sorted by name, see {@link ImageFiles#list}), one image file,
 * or, inside ImageJ, the title of an open image (looked up by the caller). Each slice of a stack is one image. Files are
 * opened one at a time, when {@link Source#open()} is called, so a large folder is never held in
 * memory at once.
 */
public final class ImageSources {

	/** One file or one open image; its slices are the images. */
	public static final class Source {

		private final String name;
		private final File file;
		private final ImagePlus image;

		private Source(final String name, final File file, final ImagePlus image) {
			this.name = name;
			this.file = file;
			this.image = image;
		}

		/** The file name, or the open image's title. */
		public String name() {
			return name;
		}

		/** The file, or null for an open image. */
		public File file() {
			return file;
		}

		/**
		 * The image: opened from the file on each call, or the open image itself (which must not be
		 * changed).
		 *
		 * @throws UserInputException if the file cannot be opened
		 */
		public ImagePlus open() {
			return image != null ? image : ImageFiles.open(file);
		}
	}

	private final String description;
	private final Path folder;
	private final List<Source> sources;

	private ImageSources(final String description, final Path folder, final List<Source> sources) {
		this.description = description;
		this.folder = folder;
		this.sources = Collections.unmodifiableList(sources);
	}

	/** Resolves {@code input} as an existing folder or file; see {@link #resolve(String, Function)}. */
	public static ImageSources resolve(final String input) {
		return resolve(input, title -> null);
	}

	/**
	 * Resolves {@code input}: an existing folder, an existing file, or the title of an open image, which
	 * {@code openImages} looks up (the caller's: inside ImageJ, its windows; it returns null for no such image).
	 * Opens nothing yet.
	 *
	 * @throws UserInputException if {@code input} is empty, names none of these, or is a folder
	 *           without TIFF, PNG or JPEG images
	 */
	public static ImageSources resolve(final String input, final Function<String, ImagePlus> openImages) {
		UserInputException.require(input != null && !input.trim().isEmpty(), "No input: give a folder of images, an image file or the title of an open image");
		final String text = input.trim();
		final File path = new File(text);
		if (path.isDirectory()) {
			final List<Source> sources = new ArrayList<>();
			for (final File file : ImageFiles.list(path)) sources.add(new Source(file.getName(), file, null));
			UserInputException.require(!sources.isEmpty(), "No TIFF, PNG or JPEG images in folder: " + path.getAbsolutePath());
			return new ImageSources("folder " + path.getAbsolutePath(), path.toPath().toAbsolutePath().normalize(), sources);
		}
		if (path.isFile()) {
			UserInputException.require(ImageFiles.isImageName(path.getName()), "Not a TIFF, PNG or JPEG file: " + path.getAbsolutePath());
			return new ImageSources("file " + path.getAbsolutePath(), null, List.of(new Source(path.getName(), path, null)));
		}
		final ImagePlus open = openImages.apply(text);
		if (open != null) return new ImageSources("open image " + text, null, List.of(new Source(text, null, open)));
		throw new UserInputException("Input not found: " + text + " (not a folder, an image file or the title of an open image)");
	}

	/** Wraps an image that is already in memory, e.g. an open image given as an ImagePlus. */
	public static ImageSources of(final ImagePlus image) {
		return new ImageSources("image " + image.getTitle(), null, List.of(new Source(image.getTitle(), null, image)));
	}

	/** The images, in order. */
	public List<Source> sources() {
		return sources;
	}

	/** The folder the input is, absolute and normalized; null for a file or an open image. */
	public Path folder() {
		return folder;
	}

	@Override
	public String toString() {
		return description;
	}
}

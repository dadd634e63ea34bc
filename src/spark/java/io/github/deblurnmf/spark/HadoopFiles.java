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
package io.github.deblurnmf.spark;

import io.github.deblurnmf.task.UserInputException;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * Inputs and outputs through Hadoop FileSystem paths ({@code file:}, {@code hdfs:}, {@code s3a:}, …); a
 * path without a scheme is a local path (made absolute). Serializable: carries the driver's Hadoop
 * configuration (spark.hadoop.* included) to the executors.
 */
final class HadoopFiles implements Serializable {

	private static final long serialVersionUID = 1L;
	static final List<String> IMAGE_EXTENSIONS = Arrays.asList(".tif", ".tiff", ".png", ".jpg", ".jpeg");

	private final Map<String, String> settings = new HashMap<>();
	private transient Configuration configuration;

	HadoopFiles(final Configuration configuration) {
		for (final Map.Entry<String, String> e : configuration) settings.put(e.getKey(), e.getValue());
		this.configuration = configuration;
	}

	Configuration configuration() {
		if (configuration == null) {
			final Configuration c = new Configuration(false);
			settings.forEach(c::set);
			configuration = c;
		}
		return configuration;
	}

	/** The path of a user's text: with a scheme as given, without one a local path. */
	static Path path(final String text) {
		final String t = text.trim();
		if (t.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") && !t.matches("^[A-Za-z]:\\\\.*")) return new Path(t);
		return new Path(new File(t).getAbsoluteFile().toURI());
	}

	/** The file system of {@code path}; for local paths the raw one (no .crc side files in outputdir). */
	FileSystem fs(final Path path) throws IOException {
		final FileSystem fs = path.getFileSystem(configuration());
		return fs instanceof LocalFileSystem ? ((LocalFileSystem) fs).getRaw() : fs;
	}

	/** Whether {@code path} is on the local file system (then plain java.io works on it). */
	boolean isLocal(final Path path) throws IOException {
		final FileSystem fs = fs(path);
		return fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem;
	}

	/** The local file of a local path. */
	static File localFile(final Path path) {
		return new File(path.toUri().getPath());
	}

	static boolean isImageName(final String name) {
		final String lower = name.toLowerCase(Locale.ROOT);
		return !name.startsWith(".") && !name.startsWith("_") && IMAGE_EXTENSIONS.stream().anyMatch(lower::endsWith);
	}

	/** The image files of a folder, sorted by name (as ImageFiles.list does). */
	List<Path> listImages(final Path folder) throws IOException {
		final List<Path> images = new ArrayList<>();
		for (final FileStatus status : fs(folder).listStatus(folder)) {
			if (status.isFile() && isImageName(status.getPath().getName())) images.add(status.getPath());
		}
		images.sort((a, b) -> a.getName().compareTo(b.getName()));
		return images;
	}

	/** The images an input stands for: the folder's images (refused when there are none), or the file itself. */
	List<Path> inputImages(final Path input, final FileStatus status) throws IOException {
		if (!status.isDirectory()) return List.of(input);
		final List<Path> images = listImages(input);
		if (images.isEmpty()) throw new UserInputException("No TIFF, PNG or JPEG images in folder: " + input);
		return images;
	}

	/** A local copy of {@code path} in {@code dir} (the file itself when it is local). */
	File local(final Path path, final File dir) throws IOException {
		if (isLocal(path)) return localFile(path);
		final File copy = new File(dir, path.getName());
		fs(path).copyToLocalFile(false, path, new Path(copy.toURI()), true);
		return copy;
	}

	/** Reads a whole (small) file. */
	byte[] readAll(final Path path) throws IOException {
		try (java.io.InputStream in = fs(path).open(path)) {
			return in.readAllBytes();
		}
	}

	/** Writes {@code bytes} to {@code target} through a temporary sibling renamed over it (replacing it). */
	void writeReplacing(final Path target, final byte[] bytes, final String tmpTag) throws IOException {
		final FileSystem fs = fs(target);
		final Path tmp = new Path(target.getParent(), "." + target.getName() + "." + tmpTag + ".tmp");
		try (org.apache.hadoop.fs.FSDataOutputStream out = fs.create(tmp, true)) {
			out.write(bytes);
		}
		if (isLocal(target)) {
			Files.move(localFile(tmp).toPath(), localFile(target).toPath(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
				java.nio.file.StandardCopyOption.ATOMIC_MOVE);
			return;
		}
		fs.delete(target, false);
		if (!fs.rename(tmp, target)) throw new IOException("Cannot rename " + tmp + " to " + target);
	}

	/**
	 * Moves {@code tmp} to {@code target} unless {@code target} exists: never replaces a finished file.
	 * Local files: a hard link (fails if the name exists, atomically), then the temporary name goes.
	 * HDFS: rename, which refuses an existing target. Object stores (s3a) copy and check; there, a
	 * finished output is a complete object under its name or nothing.
	 *
	 * @return true if this call put the file in place, false if {@code target} existed (tmp is deleted)
	 */
	boolean commitNoReplace(final Path tmp, final Path target) throws IOException {
		final FileSystem fs = fs(target);
		if (isLocal(target)) {
			final java.nio.file.Path t = localFile(tmp).toPath(), f = localFile(target).toPath();
			try {
				Files.createLink(f, t);
				return true;
			}
			catch (final FileAlreadyExistsException e) {
				return false;
			}
			finally {
				Files.deleteIfExists(t);
			}
		}
		if (fs.exists(target)) {
			fs.delete(tmp, false);
			return false;
		}
		if (fs.rename(tmp, target)) return true;
		fs.delete(tmp, false);
		if (fs.exists(target)) return false;
		throw new IOException("Cannot rename " + tmp + " to " + target);
	}

	/** Checks that {@code path} exists; a one-line error otherwise. */
	FileStatus status(final Path path, final String what) throws IOException {
		final FileSystem fs = fs(path);
		if (!fs.exists(path)) throw new UserInputException(what + " not found: " + path);
		return fs.getFileStatus(path);
	}
}

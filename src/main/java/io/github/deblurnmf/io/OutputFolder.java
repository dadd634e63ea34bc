package io.github.deblurnmf.io;

import ij.ImagePlus;
import ij.io.FileSaver;
import io.github.deblurnmf.task.UserInputException;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code outputdir} of a command. {@link #prepare} checks everything that could go wrong
 * before any work is done, so bad input writes nothing; each file is then written to a temporary
 * name and renamed, so an interrupted run never leaves a half-written file under the final name.
 */
public final class OutputFolder {

	private final Path dir;

	private OutputFolder(final Path dir) {
		this.dir = dir;
	}

	/**
	 * Checks that {@code folder} is (or can become) a writable folder and that none of {@code names}
	 * exists in it unless {@code overwrite} is set. Creates nothing.
	 */
	public static OutputFolder prepare(final File folder, final boolean overwrite, final List<String> names) {
		final Path dir = folder.toPath().toAbsolutePath().normalize();
		if (Files.exists(dir) && !Files.isDirectory(dir)) throw new UserInputException("outputdir is a file, not a folder: " + dir);
		final Path existing = nearestExisting(dir);
		if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
			throw new UserInputException("outputdir is not writable: " + dir);
		}
		if (!overwrite) {
			for (final String name : names) {
				if (Files.exists(dir.resolve(name))) {
					throw new UserInputException("Output file exists: " + dir.resolve(name) + " (choose another outputdir, or set overwrite=true)");
				}
			}
		}
		return new OutputFolder(dir);
	}

	public Path path() {
		return dir;
	}

	/** Writes {@code image} as TIFF (a stack if it has several slices). */
	public Path writeTiff(final String name, final ImagePlus image) throws IOException {
		return write(name, tmp -> {
			final FileSaver saver = new FileSaver(image);
			final String title = image.getTitle();
			final boolean ok = image.getStackSize() > 1 ? saver.saveAsTiffStack(tmp.toString()) : saver.saveAsTiff(tmp.toString());
			image.setTitle(title); // FileSaver renames the image after the file
			if (!ok) throw new IOException("could not write " + tmp);
		});
	}

	/** Writes {@code lines} (already comma separated, header first) as a CSV file. */
	public Path writeCsv(final String name, final List<String> lines) throws IOException {
		return write(name, tmp -> Files.write(tmp, lines, StandardCharsets.UTF_8));
	}

	/** Writes a text file, e.g. JSON. */
	public Path writeText(final String name, final String text) throws IOException {
		return write(name, tmp -> Files.write(tmp, text.getBytes(StandardCharsets.UTF_8)));
	}

	private Path write(final String name, final AtomicFiles.Writer writer) throws IOException {
		Files.createDirectories(dir);
		return AtomicFiles.write(dir.resolve(name), writer);
	}

	private static Path nearestExisting(Path p) {
		while (p != null && !Files.exists(p)) p = p.getParent();
		return p;
	}
}

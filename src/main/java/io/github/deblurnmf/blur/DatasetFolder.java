package io.github.deblurnmf.blur;

import io.github.deblurnmf.task.UserInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The output folder of a dataset, written safely: {@link #check} refuses every output that could
 * destroy something before anything is written; the dataset is then written into a temporary
 * sibling folder ({@code .<name>.tmp-<random>}) that {@link #commit} renames into place, so a
 * folder under the output name is either absent, the old dataset, or the complete new one.
 * {@link #discard} removes the temporary folder, and the parent folders it had to create, after a
 * failure or cancel.
 */
final class DatasetFolder {

	private final Path output;
	/** Replace an existing dataset at {@link #output}. */
	private final boolean replace;
	private final List<Path> createdParents = new ArrayList<>();
	private Path temp;

	private DatasetFolder(final Path output, final boolean replace) {
		this.output = output;
		this.replace = replace;
	}

	/**
	 * Checks that a dataset may be written to {@code output}: not a file, not the input folder nor
	 * inside it (nor containing it), and either absent, empty, or (only with {@code overwrite}) a
	 * dataset made by this plugin. Creates nothing.
	 *
	 * @param inputFolder the folder the images come from, or null
	 * @throws UserInputException if not
	 */
	static DatasetFolder check(final Path output, final Path inputFolder, final boolean overwrite) {
		UserInputException.require(output != null && !output.toString().trim().isEmpty(), "No output folder given");
		final Path dir = output.toAbsolutePath().normalize();
		UserInputException.require(dir.getParent() != null, "Output folder cannot be the file system root: " + dir);
		if (inputFolder != null) {
			final Path in = inputFolder.toAbsolutePath().normalize();
			UserInputException.require(!dir.startsWith(in), "Output folder must not be the input folder or inside it: " + dir + " (input " + in + ")");
			UserInputException.require(!in.startsWith(dir), "Output folder must not contain the input folder: " + dir + " (input " + in + ")");
		}
		UserInputException.require(!Files.exists(dir) || Files.isDirectory(dir), "Output is a file, not a folder: " + dir);
		boolean replace = false;
		if (Files.isDirectory(dir) && !isEmpty(dir)) {
			final Path json = dir.resolve(DatasetParameters.FILE_NAME);
			UserInputException.require(Files.isRegularFile(json) && DatasetParameters.isOurs(json),
				"Output folder is not empty and is not a Deblur NMF dataset: " + dir + " (choose an empty or new folder)");
			UserInputException.require(overwrite, "Output folder is already a Deblur NMF dataset: " + dir + " (set overwrite=true to replace it)");
			replace = true;
		}
		Path existing = dir.getParent();
		while (existing != null && !Files.exists(existing)) existing = existing.getParent();
		UserInputException.require(existing != null && Files.isDirectory(existing) && Files.isWritable(existing), "Output folder is not writable: " + dir);
		UserInputException.require(!Files.exists(dir) || Files.isWritable(dir.getParent()), "Output folder is not writable (its parent is read-only): " + dir);
		return new DatasetFolder(dir, replace);
	}

	Path output() {
		return output;
	}

	/** Creates the temporary folder (and missing parents of the output) and returns it. */
	Path createTemp() throws IOException {
		Path missing = output.getParent();
		final List<Path> toCreate = new ArrayList<>();
		while (!Files.exists(missing)) {
			toCreate.add(0, missing);
			missing = missing.getParent();
		}
		for (final Path p : toCreate) {
			Files.createDirectory(p);
			createdParents.add(0, p);
		}
		temp = output.resolveSibling("." + output.getFileName() + ".tmp-" + UUID.randomUUID());
		Files.createDirectory(temp);
		return temp;
	}

	/** Moves the temporary folder into place, replacing the old dataset or empty folder. */
	void commit() throws IOException {
		if (!Files.exists(output)) {
			Files.move(temp, output);
		}
		else if (!replace) {
			Files.delete(output); // empty, checked before
			Files.move(temp, output);
		}
		else {
			final Path old = output.resolveSibling("." + output.getFileName() + ".old-" + UUID.randomUUID());
			Files.move(output, old);
			try {
				Files.move(temp, output);
			}
			catch (final IOException e) {
				Files.move(old, output);
				throw e;
			}
			deleteTree(old);
		}
		temp = null;
		createdParents.clear();
	}

	/** Deletes the temporary folder and the parents created for it; never throws. */
	void discard() {
		try {
			if (temp != null) deleteTree(temp);
			for (final Path p : createdParents) {
				if (isEmpty(p)) Files.delete(p);
			}
		}
		catch (final IOException | UncheckedIOException e) {
			// Leave what cannot be deleted; the caller reports the original failure.
		}
		temp = null;
		createdParents.clear();
	}

	private static boolean isEmpty(final Path dir) {
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
			return !entries.iterator().hasNext();
		}
		catch (final IOException e) {
			throw new UserInputException("Cannot read folder " + dir + ": " + e.getMessage(), e);
		}
	}

	static void deleteTree(final Path root) throws IOException {
		if (!Files.exists(root)) return;
		final List<Path> paths;
		try (Stream<Path> walk = Files.walk(root)) {
			paths = new ArrayList<>();
			walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
		}
		for (final Path p : paths) Files.deleteIfExists(p);
	}
}

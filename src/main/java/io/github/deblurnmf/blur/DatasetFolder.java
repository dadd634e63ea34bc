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
package io.github.deblurnmf.blur;

import io.github.deblurnmf.task.UserInputException;

import io.github.deblurnmf.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
	/** The state of the old dataset's dataset.json when it was checked (replace it), or null (no dataset there). */
	private final String replaced;
	private final List<Path> createdParents = new ArrayList<>();
	private Path temp;

	private DatasetFolder(final Path output, final String replaced) {
		this.output = output;
		this.replaced = replaced;
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
		AtomicFiles.requireNoTilde("output", output);
		final Path dir = output.toAbsolutePath().normalize();
		UserInputException.require(dir.getParent() != null, "Output folder cannot be the file system root: " + dir);
		// Through symlinks: an input reached through one is still the input.
		AtomicFiles.checkNotOverlapping("Output folder", dir, inputFolder == null ? List.of() : List.of(inputFolder));
		UserInputException.require(!Files.exists(dir) || Files.isDirectory(dir), "Output is a file, not a folder: " + dir);
		String datasetState = null;
		if (Files.isDirectory(dir) && !isEmpty(dir)) {
			final Path json = dir.resolve(DatasetParameters.FILE_NAME);
			UserInputException.require(Files.isRegularFile(json) && DatasetParameters.isOurs(json),
				"Output folder is not empty and is not a Deblur NMF dataset: " + dir + " (choose an empty or new folder)");
			UserInputException.require(overwrite, "Output folder is already a Deblur NMF dataset: " + dir + " (set overwrite=true to replace it)");
			requireOnlyOurs(dir, dir);
			datasetState = state(json);
		}
		final Path existing = AtomicFiles.nearestExisting(dir.getParent());
		UserInputException.require(existing != null && Files.isDirectory(existing) && AtomicFiles.canCreateFileIn(existing),
			"Output folder is not writable: " + dir);
		return new DatasetFolder(dir, datasetState);
	}

	/**
	 * Refuses a dataset folder that holds anything this command did not write: only {@code dataset.json}
	 * and the tiles it lists in {@code sharp/} and {@code blurred/} may be replaced. A model trained into
	 * the folder, notes, sub-folders or extra images are the user's.
	 *
	 * @param folder the folder to look into (the dataset, or where it was moved aside)
	 * @param shown the name of the dataset in the message
	 */
	private static void requireOnlyOurs(final Path folder, final Path shown) {
		final List<String> foreign = foreignEntries(folder);
		UserInputException.require(foreign.isEmpty(), "Output folder " + shown + " holds files that Create Blurred Dataset did not write: "
			+ String.join(", ", foreign.subList(0, Math.min(5, foreign.size()))) + (foreign.size() > 5 ? " and " + (foreign.size() - 5) + " more" : "")
			+ " (move them away, or choose another folder); nothing was changed");
	}

	/** The entries of the dataset {@code folder} (relative, with '/') that are not the dataset's own files. */
	static List<String> foreignEntries(final Path folder) {
		final Set<String> ours = new HashSet<>(List.of(DatasetParameters.FILE_NAME, "sharp", "blurred"));
		try {
			for (final DatasetParameters.Tile tile : DatasetParameters.read(folder).tiles) {
				ours.add(tile.sharp());
				ours.add(tile.blurred());
			}
		}
		catch (final IOException | UserInputException e) {
			return List.of(DatasetParameters.FILE_NAME + " (unreadable: " + e.getMessage() + ")");
		}
		final List<String> foreign = new ArrayList<>();
		try (Stream<Path> walk = Files.walk(folder)) {
			walk.filter(p -> !p.equals(folder)).sorted().forEach(p -> {
				final String name = folder.relativize(p).toString().replace('\\', '/');
				final boolean folderEntry = name.equals("sharp") || name.equals("blurred");
				final boolean ok = ours.contains(name) && (folderEntry ? Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
					: Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS));
				final boolean inForeignFolder = foreign.stream().anyMatch(f -> name.startsWith(f + "/"));
				if (!ok && !inForeignFolder) foreign.add(Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? name + "/" : name);
			});
		}
		catch (final IOException | UncheckedIOException e) {
			return List.of(folder + " (unreadable: " + e.getMessage() + ")");
		}
		return foreign;
	}

	/** What identifies a version of {@code file}: its file key, size and modification time, or null if absent. */
	private static String state(final Path file) {
		try {
			final BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
			return a.fileKey() + " " + a.size() + " " + a.lastModifiedTime().toMillis();
		}
		catch (final IOException e) {
			return null;
		}
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
		AtomicFiles.deleteOnExit(temp);
		Files.createDirectory(temp);
		return temp;
	}

	/**
	 * Moves the temporary folder into place, replacing the old dataset or empty folder. Fails, keeping
	 * nothing of this run, if the folder was written meanwhile by another run or a user file appeared in
	 * the old dataset.
	 */
	void commit() throws IOException {
		final String meanwhile = output + " was written by another run meanwhile; nothing of this run was kept";
		try {
			if (replaced == null) {
				if (Files.exists(output)) Files.delete(output); // empty, checked before; fails if no longer empty
				Files.move(temp, output);
			}
			else {
				final Path old = output.resolveSibling("." + output.getFileName() + ".old-" + UUID.randomUUID());
				AtomicFiles.deleteOnExit(old);
				Files.move(output, old);
				try {
					// Checked again where nobody else writes: what was added since the check is here too.
					UserInputException.require(replaced.equals(state(old.resolve(DatasetParameters.FILE_NAME))), meanwhile);
					requireOnlyOurs(old, output);
					Files.move(temp, output);
				}
				catch (final IOException | RuntimeException e) {
					Files.move(old, output);
					AtomicFiles.forget(old);
					throw e;
				}
				AtomicFiles.deleteTree(old);
				AtomicFiles.forget(old);
			}
		}
		catch (final FileAlreadyExistsException | DirectoryNotEmptyException | NoSuchFileException e) {
			throw new UserInputException(meanwhile, e);
		}
		AtomicFiles.forget(temp);
		temp = null;
		createdParents.clear();
	}

	/** Deletes the temporary folder and the parents created for it; never throws. */
	void discard() {
		try {
			if (temp != null) {
				AtomicFiles.deleteTree(temp);
				AtomicFiles.forget(temp);
			}
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
}

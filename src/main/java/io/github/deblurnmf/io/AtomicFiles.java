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

import io.github.deblurnmf.task.UserInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The file operations every command's output goes through: the one atomic write (temporary name in
 * the target's folder, then an atomic rename), the one writability check (a real probe file: as root
 * {@link Files#isWritable} says yes even for read-only mounts and /proc), path resolution through
 * symlinks, the check that an output does not overlap a folder input, and the removal of temporary
 * files when the JVM ends on SIGINT (Ctrl-C) or SIGTERM, which skips the writers' {@code finally}
 * blocks.
 */
public final class AtomicFiles {

	/** Writes a file's content to the temporary path it is given. */
	@FunctionalInterface
	public interface Writer {

		void write(Path tmp) throws IOException;
	}

	/** Temporary files and folders to delete if the JVM ends before their writer is done. */
	private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();
	/** What to run on such an exit, e.g. releasing an output folder's lock. */
	private static final Set<Runnable> ON_EXIT = ConcurrentHashMap.newKeySet();

	static {
		try {
			Runtime.getRuntime().addShutdownHook(new Thread(AtomicFiles::cleanUp, "Deblur NMF temporary files"));
		}
		catch (final IllegalStateException | SecurityException e) {
			// Shutting down already, or not allowed: the writers' finally blocks still clean up.
		}
	}

	private AtomicFiles() {}

	/**
	 * Writes {@code target} through {@code writer} into a temporary file beside it ({@code .<name>.<random>.part}),
	 * then renames that over {@code target} atomically: {@code target} is the old file or the complete new one,
	 * never a part. The temporary file is deleted on failure, and on SIGINT.
	 */
	public static Path write(final Path target, final Writer writer) throws IOException {
		final Path tmp = stage(target, writer);
		try {
			moveIntoPlace(tmp, target);
		}
		finally {
			Files.deleteIfExists(tmp);
			forget(tmp);
		}
		return target;
	}

	/**
	 * Writes a temporary sibling of {@code target} through {@code writer} and returns it, for callers
	 * that prepare several files before putting any in place; {@link #moveIntoPlace} finishes it.
	 * On failure the temporary file is deleted.
	 */
	public static Path stage(final Path target, final Writer writer) throws IOException {
		final Path tmp = tempSibling(target, ".part");
		try {
			writer.write(tmp);
		}
		catch (final IOException | RuntimeException e) {
			Files.deleteIfExists(tmp);
			forget(tmp);
			throw e;
		}
		return tmp;
	}

	/** Renames a file made by {@link #stage} to {@code target}, replacing it, atomically. */
	public static void moveIntoPlace(final Path tmp, final Path target) throws IOException {
		Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		forget(tmp);
	}

	/**
	 * A fresh temporary path beside {@code target} ({@code .<name>.<random><suffix>}), registered for deletion
	 * on SIGINT; call {@link #forget} once it is gone or renamed.
	 */
	public static Path tempSibling(final Path target, final String suffix) {
		final Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + suffix);
		PENDING.add(tmp.toAbsolutePath());
		return tmp;
	}

	/** Registers a temporary file or folder for deletion if the JVM ends (SIGINT, SIGTERM) before {@link #forget}. */
	public static void deleteOnExit(final Path path) {
		PENDING.add(path.toAbsolutePath());
	}

	public static void forget(final Path path) {
		PENDING.remove(path.toAbsolutePath());
	}

	/**
	 * Runs {@code action} if the JVM ends (SIGINT, SIGTERM) before {@link #forgetOnExit}, after the pending
	 * temporary files are deleted: e.g. to say what an interrupted run kept.
	 */
	public static void runOnExit(final Runnable action) {
		ON_EXIT.add(action);
	}

	public static void forgetOnExit(final Runnable action) {
		ON_EXIT.remove(action);
	}

	/** The shutdown hook: deletes what is pending and runs what was registered. Package-private for tests. */
	static void cleanUp() {
		for (final Path path : new ArrayList<>(PENDING)) {
			try {
				deleteTree(path);
			}
			catch (final IOException | UncheckedIOException e) {
				// Best effort: the JVM is ending.
			}
			PENDING.remove(path);
		}
		for (final Runnable action : new ArrayList<>(ON_EXIT)) {
			try {
				action.run();
			}
			catch (final RuntimeException e) {
				// Best effort.
			}
			ON_EXIT.remove(action);
		}
	}

	/** Whether a file can be created in {@code folder}: tries it (and deletes the probe). */
	public static boolean canCreateFileIn(final Path folder) {
		try {
			final Path probe = Files.createTempFile(folder, ".deblurnmf-probe-", ".tmp");
			Files.delete(probe);
			return true;
		}
		catch (final IOException | SecurityException | UnsupportedOperationException e) {
			return false;
		}
	}

	/** The nearest of {@code path} and its parents that exists, or null. */
	public static Path nearestExisting(Path path) {
		while (path != null && !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) path = path.getParent();
		return path;
	}

	/**
	 * Refuses an output path that starts with {@code ~}: neither ImageJ nor Java expands it to the home folder, so it would name
	 * a folder called {@code ~} inside the working directory.
	 *
	 * @param what the output's name in the message, e.g. {@code outputdir}
	 */
	public static void requireNoTilde(final String what, final Path path) {
		UserInputException.require(!path.toString().startsWith("~"), what + " starts with '~', which is not expanded to the home folder: "
			+ "give the full path (" + System.getProperty("user.home") + "/…)");
	}

	/** A hint for a path that was not found: a leading {@code ~} is not expanded; empty otherwise. */
	public static String tildeHint(final Path path) {
		return path.toString().startsWith("~") ? " (a leading '~' is not expanded to the home folder: give the full path)" : "";
	}

	/**
	 * {@code path} absolute, with every symlink of its existing part resolved (the rest appended), so
	 * that two names of one folder compare equal.
	 */
	public static Path real(final Path path) {
		final Path absolute = path.toAbsolutePath().normalize();
		final Path existing = nearestExisting(absolute);
		if (existing == null) return absolute;
		try {
			return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
		}
		catch (final IOException e) {
			return absolute;
		}
	}

	/**
	 * Refuses an output folder that is one of {@code inputFolders}, lies inside one or contains one, after
	 * resolving symlinks: a run would read its own (or an earlier run's) outputs as input, or write into
	 * the user's data.
	 *
	 * @param what the output's name in the message, e.g. {@code outputdir}
	 */
	public static void checkNotOverlapping(final String what, final Path output, final Collection<Path> inputFolders) {
		final Path out = real(output);
		for (final Path input : inputFolders) {
			if (input == null) continue;
			final Path in = real(input);
			UserInputException.require(!out.startsWith(in), what + " must not be the input folder " + in + " or lie inside it: " + out);
			UserInputException.require(!in.startsWith(out), what + " must not contain the input folder " + in + ": " + out);
		}
	}

	/** Deletes {@code root} and everything in it (symlinks themselves, not their targets); nothing if absent. */
	public static void deleteTree(final Path root) throws IOException {
		if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) return;
		final List<Path> paths = new ArrayList<>();
		try (Stream<Path> walk = Files.walk(root)) {
			walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
		}
		for (final Path p : paths) Files.deleteIfExists(p);
	}
}

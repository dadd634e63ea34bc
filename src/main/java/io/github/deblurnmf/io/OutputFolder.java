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

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Where a command writes its output set: a folder and the names of the files the run writes. Every
 * command's output goes through here.
 * <ol>
 * <li>{@link #prepare} checks everything that could go wrong before any work (a file where the folder
 * should be, an unwritable folder, an output folder that is, contains or lies inside a folder input,
 * an output name that exists without {@code overwrite} or that is a folder) and notes the state of
 * every file the run may replace. It creates nothing.</li>
 * <li>{@link #stage} writes the set into a hidden temporary folder inside the output folder;
 * {@link Staging#commit} then takes the folder's lock ({@value #LOCK_NAME}, created new, holding the
 * process id), checks that no file of the set changed since {@link #prepare} (else another run wrote
 * it meanwhile, and this run fails and keeps nothing), moves the previous outputs aside, moves the new
 * set in and records its names ({@code .deblurnmf-<command>.outputs}). On failure nothing of the set
 * is left under the final names and the previous outputs are put back.</li>
 * <li>With {@code overwrite}, the files the same command recorded in an earlier run and this run does
 * not write are removed as well (e.g. the {@code layerN_bases.tif} of a deep NMF run before a plain
 * one); files the command did not write are never touched.</li>
 * <li>{@link #claim} takes the lock for a long run that rewrites its files as it goes (training, whose
 * set is always the same two files: no record); the files are then replaced one by one through
 * {@link AtomicFiles#write}.</li>
 * </ol>
 * A lock left by a process that no longer runs (killed) is taken over; temporary folders left by such a
 * process are deleted at the next commit.
 */
public final class OutputFolder {

	/** The lock file in an output folder while a run commits into it. */
	public static final String LOCK_NAME = ".deblurnmf.lock";
	private static final String TEMP_PREFIX = ".deblurnmf-tmp-";
	private static final String OLD_PREFIX = ".deblurnmf-old-";
	private static final String ABSENT = "absent";
	private static final long PID = ProcessHandle.current().pid();

	private final String label;
	private final Path dir;
	private final List<String> names;
	/** Names the command recorded in an earlier run that this run does not write: removed on commit (overwrite only). */
	private final List<String> stale;
	/** The state at {@link #prepare} of every file a commit may replace, remove or rewrite. */
	private final Map<String, String> before;

	/** Runs just before a commit takes the lock: lets tests play the other run of a race. */
	Runnable beforeClaim = () -> {};

	private OutputFolder(final String label, final Path dir, final List<String> names, final List<String> stale, final Map<String, String> before) {
		this.label = label;
		this.dir = dir;
		this.names = names;
		this.stale = stale;
		this.before = before;
	}

	/**
	 * Checks that the output set {@code names} of command {@code label} may be written into {@code folder}:
	 * not a file, writable (or creatable), not overlapping a folder input, no name a folder or one of the
	 * run's input files (not even with {@code overwrite}: the run would replace what it reads), and (unless
	 * {@code overwrite}) no name existing. Creates nothing.
	 *
	 * @param inputs the folders the run reads and the files its images were opened from ({@link #inputPaths};
	 *        null entries are ignored)
	 * @throws UserInputException if not
	 */
	public static OutputFolder prepare(final String label, final File folder, final boolean overwrite, final List<String> names,
		final Collection<Path> inputs)
	{
		UserInputException.require(folder != null && !folder.getPath().trim().isEmpty(), "No output folder given");
		AtomicFiles.requireNoTilde("outputdir", folder.toPath());
		final Path dir = folder.toPath().toAbsolutePath().normalize();
		if (Files.exists(dir) && !Files.isDirectory(dir)) throw new UserInputException("outputdir is a file, not a folder: " + dir);
		final Path existing = AtomicFiles.nearestExisting(dir);
		if (existing == null || !Files.isDirectory(existing) || !AtomicFiles.canCreateFileIn(existing)) {
			throw new UserInputException("outputdir is not writable: " + dir);
		}
		final List<Path> folders = new ArrayList<>(), files = new ArrayList<>();
		for (final Path input : inputs) {
			if (input != null) (Files.isDirectory(input) ? folders : files).add(input.toAbsolutePath().normalize());
		}
		AtomicFiles.checkNotOverlapping("outputdir", dir, folders);
		for (final String name : names) {
			final Path p = dir.resolve(name);
			UserInputException.require(!Files.isDirectory(p), "Output name is a folder: " + p + " (move it away, or choose another outputdir)");
			UserInputException.require(!files.contains(p), "Output file " + p + " is an input of this run (choose another outputdir)");
			if (!overwrite && Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
				throw new UserInputException("Output file exists: " + p + " (choose another outputdir, or set overwrite=true)");
			}
		}
		final List<String> stale = new ArrayList<>();
		if (overwrite) {
			for (final String name : readRecord(recordPath(dir, label))) {
				if (!names.contains(name) && Files.isRegularFile(dir.resolve(name), LinkOption.NOFOLLOW_LINKS)) stale.add(name);
			}
		}
		final Map<String, String> before = new LinkedHashMap<>();
		for (final String name : names) before.put(name, state(dir.resolve(name)));
		for (final String name : stale) before.put(name, state(dir.resolve(name)));
		before.put(recordName(label), state(recordPath(dir, label)));
		return new OutputFolder(label, dir, List.copyOf(names), stale, before);
	}

	/**
	 * What {@code images} were read from: the folder of each opened from a folder ({@link ImageFiles#sourceFolder}), the file
	 * of each opened from a file (its original file info, in ImageJ as in headless runs).
	 */
	public static List<Path> inputPaths(final ImagePlus... images) {
		final List<Path> paths = new ArrayList<>();
		for (final ImagePlus image : images) {
			if (image == null) continue;
			final Path folder = ImageFiles.sourceFolder(image);
			if (folder != null) paths.add(folder);
			final ij.io.FileInfo origin = image.getOriginalFileInfo();
			if (origin != null && origin.directory != null && origin.fileName != null && !origin.directory.isEmpty()) {
				paths.add(Path.of(origin.directory, origin.fileName));
			}
		}
		return paths;
	}

	public Path path() {
		return dir;
	}

	/** The names a run of this command wrote last into {@code folder}, from its record (empty if none). */
	public static List<String> recorded(final Path folder, final String label) {
		return readRecord(recordPath(folder.toAbsolutePath().normalize(), label));
	}

	/** Starts writing the set: creates the output folder (if missing) and a hidden temporary folder in it. */
	public Staging stage() throws IOException {
		return new Staging();
	}

	/**
	 * Takes the folder's lock for a run that writes its files as it goes, after checking that none of them
	 * changed since {@link #prepare}. Creates the folder if missing.
	 *
	 * @throws UserInputException if another run holds the lock or wrote one of the files meanwhile
	 */
	public Claim claim() throws IOException {
		return new Claim();
	}

	// -- Writing the set --

	/** The output set being written into a temporary folder; {@link #commit} moves it in, {@link #close} discards what is left. */
	public final class Staging implements Closeable {

		private final Created created;
		private final Path temp;
		private final List<String> written = new ArrayList<>();
		private boolean committed;

		private Staging() throws IOException {
			created = Created.folders(dir);
			try {
				temp = dir.resolve(TEMP_PREFIX + PID + "-" + UUID.randomUUID());
				AtomicFiles.deleteOnExit(temp);
				Files.createDirectory(temp);
			}
			catch (final IOException | RuntimeException e) {
				created.remove();
				throw e;
			}
		}

		/** Where the file {@code name} of the set is to be written (by the caller); counts as written. */
		public Path file(final String name) {
			if (!names.contains(name)) throw new IllegalArgumentException(name + " is not one of the outputs " + names);
			if (!written.contains(name)) written.add(name);
			return temp.resolve(name);
		}

		/** Writes {@code image} as TIFF (a stack if it has several slices). */
		public void writeTiff(final String name, final ImagePlus image) throws IOException {
			ImageFiles.writeTiff(image, file(name), dir.resolve(name));
		}

		/** Writes {@code lines} (already comma separated, header first) as a CSV file. */
		public void writeCsv(final String name, final List<String> lines) throws IOException {
			Files.write(file(name), lines, StandardCharsets.UTF_8);
		}

		/** Writes a text file, e.g. JSON. */
		public void writeText(final String name, final String text) throws IOException {
			Files.write(file(name), text.getBytes(StandardCharsets.UTF_8));
		}

		/**
		 * Moves the written files into the output folder under the lock, replacing the previous outputs
		 * (and removing this command's stale ones); all or nothing.
		 *
		 * @throws UserInputException if another run holds the lock, or wrote into the set since {@link #prepare}
		 */
		public void commit() throws IOException {
			beforeClaim.run();
			try (Lock lock = Lock.take(dir, label)) {
				verifyUnchanged();
				deleteAbandoned();
				final Path old = dir.resolve(OLD_PREFIX + PID + "-" + UUID.randomUUID());
				final List<String> aside = new ArrayList<>();
				final List<String> in = new ArrayList<>();
				try {
					final Set<String> replaced = new LinkedHashSet<>(names);
					replaced.addAll(stale);
					for (final String name : replaced) {
						final Path p = dir.resolve(name);
						if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) continue;
						if (aside.isEmpty()) {
							AtomicFiles.deleteOnExit(old);
							Files.createDirectory(old);
						}
						Files.move(p, old.resolve(name));
						aside.add(name);
					}
					for (final String name : written) {
						Files.move(temp.resolve(name), dir.resolve(name));
						in.add(name);
					}
					writeRecord(written);
				}
				catch (final IOException | RuntimeException e) {
					for (final String name : in) quietly(() -> Files.move(dir.resolve(name), temp.resolve(name)));
					for (final String name : aside) quietly(() -> Files.move(old.resolve(name), dir.resolve(name)));
					quietly(() -> AtomicFiles.deleteTree(old));
					throw e;
				}
				committed = true;
				quietly(() -> AtomicFiles.deleteTree(old));
				AtomicFiles.forget(old);
			}
		}

		/** Deletes the temporary folder, and the folders created for the set if it was not committed. */
		@Override
		public void close() {
			quietly(() -> AtomicFiles.deleteTree(temp));
			AtomicFiles.forget(temp);
			if (!committed) created.remove();
		}
	}

	/** The lock of a long run: its files are written in place through {@link #write}. */
	public final class Claim implements Closeable {

		private final Created created;
		private final Lock lock;
		private final List<String> written = new ArrayList<>();

		private Claim() throws IOException {
			created = Created.folders(dir);
			Lock taken = null;
			try {
				beforeClaim.run();
				taken = Lock.take(dir, label);
				verifyUnchanged();
			}
			catch (final IOException | RuntimeException e) {
				if (taken != null) taken.close();
				created.remove();
				throw e;
			}
			lock = taken;
		}

		/** The path of output {@code name}. */
		public Path path(final String name) {
			if (!names.contains(name)) throw new IllegalArgumentException(name + " is not one of the outputs " + names);
			return dir.resolve(name);
		}

		/** Notes that {@code name} was written (by the caller, atomically). */
		public void wrote(final String name) {
			path(name);
			if (!written.contains(name)) written.add(name);
		}

		/** Writes {@code name} atomically ({@link AtomicFiles#write}), replacing this run's earlier version. */
		public Path write(final String name, final AtomicFiles.Writer writer) throws IOException {
			final Path target = AtomicFiles.write(path(name), writer);
			wrote(name);
			return target;
		}

		/** Releases the lock; removes the folders created if nothing was written. */
		@Override
		public void close() {
			lock.close();
			if (written.isEmpty()) created.remove();
		}
	}

	// -- Helpers --

	private void verifyUnchanged() {
		for (final Map.Entry<String, String> entry : before.entrySet()) {
			if (!state(dir.resolve(entry.getKey())).equals(entry.getValue())) {
				throw new UserInputException(dir + " was written by another run meanwhile (" + entry.getKey() + " changed); nothing of this run was kept");
			}
		}
	}

	/** Deletes temporary folders left in {@link #dir} by processes that no longer run. */
	private void deleteAbandoned() {
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, ".deblurnmf-*")) {
			for (final Path entry : entries) {
				final String name = entry.getFileName().toString();
				final String rest = name.startsWith(TEMP_PREFIX) ? name.substring(TEMP_PREFIX.length())
					: name.startsWith(OLD_PREFIX) ? name.substring(OLD_PREFIX.length()) : null;
				if (rest == null || rest.indexOf('-') < 0) continue;
				final long pid = parsePid(rest.substring(0, rest.indexOf('-')));
				if (pid > 0 && !alive(pid)) quietly(() -> AtomicFiles.deleteTree(entry));
			}
		}
		catch (final IOException | RuntimeException e) {
			// Only tidying up.
		}
	}

	private void writeRecord(final List<String> written) throws IOException {
		AtomicFiles.write(recordPath(dir, label), tmp -> Files.write(tmp, written, StandardCharsets.UTF_8));
	}

	private static String recordName(final String label) {
		return ".deblurnmf-" + label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".outputs";
	}

	private static Path recordPath(final Path dir, final String label) {
		return dir.resolve(recordName(label));
	}

	private static List<String> readRecord(final Path record) {
		try {
			final List<String> names = new ArrayList<>();
			for (final String line : Files.readAllLines(record, StandardCharsets.UTF_8)) {
				final String name = line.trim();
				// Only plain names inside the folder: a record is no licence to delete elsewhere.
				if (!name.isEmpty() && !name.contains("/") && !name.contains("\\") && !name.startsWith(".")) names.add(name);
			}
			return names;
		}
		catch (final NoSuchFileException e) {
			return List.of();
		}
		catch (final IOException e) {
			return List.of();
		}
	}

	/** What identifies a file's version: absent, or its file key, size and modification time. */
	private static String state(final Path p) {
		try {
			final BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
			return a.fileKey() + " " + a.size() + " " + a.lastModifiedTime().toMillis() + (a.isDirectory() ? " folder" : "");
		}
		catch (final IOException e) {
			return ABSENT;
		}
	}

	private static long parsePid(final String text) {
		try {
			return Long.parseLong(text.trim());
		}
		catch (final NumberFormatException e) {
			return -1;
		}
	}

	private static boolean alive(final long pid) {
		return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

	private interface IoAction {
		void run() throws IOException;
	}

	private static void quietly(final IoAction action) {
		try {
			action.run();
		}
		catch (final IOException | UncheckedIOException | SecurityException e) {
			// Best effort: the caller reports the original failure.
		}
	}

	/** Folders created for an output, removed again (innermost first, if empty) when nothing was kept. */
	private static final class Created {

		private final List<Path> folders = new ArrayList<>();

		static Created folders(final Path dir) throws IOException {
			final Created created = new Created();
			final List<Path> missing = new ArrayList<>();
			for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) missing.add(0, p);
			try {
				for (final Path p : missing) {
					try {
						Files.createDirectory(p);
						created.folders.add(0, p);
					}
					catch (final FileAlreadyExistsException e) {
						if (!Files.isDirectory(p)) throw e;
					}
				}
			}
			catch (final IOException e) {
				created.remove();
				throw e;
			}
			return created;
		}

		void remove() {
			for (final Path p : folders) {
				try (DirectoryStream<Path> entries = Files.newDirectoryStream(p)) {
					if (entries.iterator().hasNext()) break;
				}
				catch (final IOException e) {
					break;
				}
				quietly(() -> Files.deleteIfExists(p));
			}
			folders.clear();
		}
	}

	/**
	 * The lock file of an output folder, created new: its content is the holder's process id and a random
	 * token. A lock whose process no longer runs is taken over; a live one (this process included) refuses.
	 */
	static final class Lock implements Closeable {

		private final Path file;
		private final String content;
		private final Runnable onExit;
		private boolean released;

		private Lock(final Path file, final String content) {
			this.file = file;
			this.content = content;
			this.onExit = this::close;
			AtomicFiles.runOnExit(onExit);
		}

		static Lock take(final Path dir, final String label) throws IOException {
			final Path file = dir.resolve(LOCK_NAME);
			final String content = PID + " " + UUID.randomUUID() + " " + label + "\n";
			for (int attempt = 0; attempt < 3; attempt++) {
				try {
					Files.write(file, content.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
					return new Lock(file, content);
				}
				catch (final FileAlreadyExistsException e) {
					final String holder = read(file);
					if (holder == null) continue; // released meanwhile
					final long pid = parsePid(holder.split(" ", 2)[0]);
					if (pid > 0 && !alive(pid)) {
						// Left by a killed run: take it over, unless someone else did first.
						if (Objects.equals(read(file), holder)) Files.deleteIfExists(file);
						continue;
					}
					throw new UserInputException(dir + " is being written by another run (process " + (pid > 0 ? pid : "?")
						+ "); nothing of this run was kept (if no such run is going on, delete " + file + ")");
				}
			}
			throw new UserInputException("Cannot take the lock " + file + ": another run keeps taking it; nothing of this run was kept");
		}

		private static String read(final Path file) {
			try {
				return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
			}
			catch (final IOException e) {
				return null;
			}
		}

		@Override
		public synchronized void close() {
			if (released) return;
			released = true;
			AtomicFiles.forgetOnExit(onExit);
			// Only our own lock: never one that replaced it after a takeover.
			if (content.equals(read(file))) quietly(() -> Files.deleteIfExists(file));
		}
	}
}

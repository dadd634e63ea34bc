package io.github.deblurnmf.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * The one way this plugin writes a file that must never be seen half-written: into a temporary
 * sibling ({@code .<name>.<uuid>.part}, in the same folder so that the rename stays on one file
 * system) and then renamed over the final name atomically. Plain Java, no ImageJ.
 */
public final class AtomicFiles {

	private AtomicFiles() {}

	/** Writes the content of one file to the path it is given. */
	public interface Writer {
		void write(Path tmp) throws IOException;
	}

	/** Writes {@code target} through {@code writer}: a temporary sibling, then an atomic rename. */
	public static Path write(final Path target, final Writer writer) throws IOException {
		final Path tmp = stage(target, writer);
		try {
			moveIntoPlace(tmp, target);
		}
		finally {
			Files.deleteIfExists(tmp);
		}
		return target;
	}

	/**
	 * Writes a temporary sibling of {@code target} through {@code writer} and returns it, for callers
	 * that prepare several files before putting any in place; {@link #moveIntoPlace} finishes it.
	 * On failure the temporary file is deleted.
	 */
	public static Path stage(final Path target, final Writer writer) throws IOException {
		final Path tmp = temporarySibling(target);
		try {
			writer.write(tmp);
		}
		catch (final IOException | RuntimeException e) {
			Files.deleteIfExists(tmp);
			throw e;
		}
		return tmp;
	}

	/** Renames a file made by {@link #stage} to {@code target}, replacing it, atomically. */
	public static void moveIntoPlace(final Path tmp, final Path target) throws IOException {
		Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	/** A fresh name beside {@code target} that no other writer uses. */
	public static Path temporarySibling(final Path target) {
		return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
	}
}

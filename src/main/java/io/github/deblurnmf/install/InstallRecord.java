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
package io.github.deblurnmf.install;

import io.github.deblurnmf.io.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files {@code --install} put into a Fiji.app, kept in {@code Fiji.app/jars/.deblur-nmf-installed}
 * (a name Fiji's updater ignores: it only tracks .jar files there). One line per file: its path
 * relative to Fiji.app, its SHA-256 and its Maven coordinates. A file counts as the plugin's own
 * only while its bytes still match: one the updater or the user has replaced since is Fiji's, and
 * neither an upgrade nor {@code --uninstall} touches it.
 */
final class InstallRecord {

	static final String FILE_NAME = ".deblur-nmf-installed";

	/** One installed file. */
	static final class Entry {

		final String path;
		final String sha256;
		final String coordinates;

		Entry(final String path, final String sha256, final String coordinates) {
			this.path = path;
			this.sha256 = sha256;
			this.coordinates = coordinates;
		}
	}

	private final Map<String, Entry> entries;

	private InstallRecord(final Map<String, Entry> entries) {
		this.entries = entries;
	}

	static Path location(final Path fiji) {
		return fiji.resolve("jars").resolve(FILE_NAME);
	}

	/** The record of {@code fiji}, empty if there is none. */
	static InstallRecord read(final Path fiji) throws IOException {
		final Map<String, Entry> entries = new LinkedHashMap<>();
		final Path file = location(fiji);
		if (Files.isRegularFile(file)) {
			for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
				if (line.isBlank() || line.startsWith("#")) continue;
				final String[] fields = line.split("\t");
				if (fields.length < 3) throw new IOException("Unreadable line in " + file + ": " + line);
				entries.put(fields[0], new Entry(fields[0], fields[1], fields[2]));
			}
		}
		return new InstallRecord(entries);
	}

	static InstallRecord of(final List<Entry> entries) {
		final Map<String, Entry> map = new LinkedHashMap<>();
		for (final Entry entry : entries) map.put(entry.path, entry);
		return new InstallRecord(map);
	}

	boolean isEmpty() {
		return entries.isEmpty();
	}

	List<Entry> entries() {
		return Collections.unmodifiableList(new ArrayList<>(entries.values()));
	}

	Entry get(final String path) {
		return entries.get(path);
	}

	/** True if {@code file} (at {@code path} in Fiji.app) is still the file this record lists there. */
	boolean owns(final String path, final Path file) throws IOException {
		final Entry entry = entries.get(path);
		return entry != null && Files.isRegularFile(file) && entry.sha256.equals(sha256(file));
	}

	String text(final String header) {
		final StringBuilder text = new StringBuilder();
		text.append("# ").append(header).append('\n');
		text.append("# Files that Deblur_NMF --install copied into this Fiji.app; --uninstall removes exactly these\n");
		text.append("# (those whose SHA-256 still matches). path<TAB>sha256<TAB>groupId:artifactId:version[:classifier]\n");
		for (final Entry entry : entries.values()) {
			text.append(entry.path).append('\t').append(entry.sha256).append('\t').append(entry.coordinates).append('\n');
		}
		return text.toString();
	}

	/** Writes the record atomically, or deletes it if it is empty. */
	void write(final Path fiji, final String header) throws IOException {
		final Path file = location(fiji);
		if (entries.isEmpty()) {
			Files.deleteIfExists(file);
			return;
		}
		final byte[] bytes = text(header).getBytes(StandardCharsets.UTF_8);
		AtomicFiles.write(file, tmp -> Files.write(tmp, bytes));
	}

	/** True if both list the same files with the same bytes. */
	boolean sameFiles(final InstallRecord other) {
		if (entries.size() != other.entries.size()) return false;
		for (final Entry entry : entries.values()) {
			final Entry o = other.entries.get(entry.path);
			if (o == null || !o.sha256.equals(entry.sha256) || !o.coordinates.equals(entry.coordinates)) return false;
		}
		return true;
	}

	static String sha256(final Path file) throws IOException {
		final MessageDigest digest;
		try {
			digest = MessageDigest.getInstance("SHA-256");
		}
		catch (final NoSuchAlgorithmException e) {
			throw new IllegalStateException("Every Java has SHA-256", e);
		}
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
			in.transferTo(java.io.OutputStream.nullOutputStream());
		}
		final StringBuilder hex = new StringBuilder();
		for (final byte b : digest.digest()) hex.append(String.format("%02x", b));
		return hex.toString();
	}
}

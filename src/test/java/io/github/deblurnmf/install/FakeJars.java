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

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Small jars that carry Maven metadata like real ones, for fake Fiji.app folders and fake builds. */
final class FakeJars {

	private FakeJars() {}

	/**
	 * Writes {@code folder/fileName}: a jar with {@code META-INF/maven/<g>/<a>/pom.properties} (unless
	 * {@code groupId} is null) and one entry whose text makes its bytes unique.
	 */
	static Path jar(final Path folder, final String fileName, final String groupId, final String artifactId, final String version) throws IOException {
		return jar(folder, fileName, groupId, artifactId, version, null);
	}

	/** As {@link #jar(Path, String, String, String, String)}, with a manifest Class-Path if given. */
	static Path jar(final Path folder, final String fileName, final String groupId, final String artifactId, final String version, final String classPath) throws IOException {
		Files.createDirectories(folder);
		final Path file = folder.resolve(fileName);
		final Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		if (classPath != null) manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
		try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
			if (groupId != null) {
				jar.putNextEntry(new JarEntry("META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties"));
				jar.write(("groupId=" + groupId + "\nartifactId=" + artifactId + "\nversion=" + version + "\n").getBytes(StandardCharsets.UTF_8));
				jar.closeEntry();
			}
			jar.putNextEntry(new JarEntry("which.txt"));
			jar.write((folder + "/" + fileName + " " + groupId + ":" + artifactId + ":" + version).getBytes(StandardCharsets.UTF_8));
			jar.closeEntry();
		}
		return file;
	}

	/** A library of a fake build: its file name and coordinates. */
	static final class Library {

		final String fileName, groupId, artifactId, version;

		Library(final String fileName, final String groupId, final String artifactId, final String version) {
			this.fileName = fileName;
			this.groupId = groupId;
			this.artifactId = artifactId;
			this.version = version;
		}
	}

	static Library library(final String fileName, final String groupId, final String artifactId, final String version) {
		return new Library(fileName, groupId, artifactId, version);
	}

	/**
	 * A fake {@code target/fiji}: {@code build/jars/} with the libraries, and the plugin jar
	 * {@code build/plugins/Deblur_NMF-<version>.jar} whose Class-Path names them as {@code ../jars/…}.
	 *
	 * @return the plugin jar
	 */
	static Path build(final Path build, final String version, final Library... libraries) throws IOException {
		final List<String> classPath = new ArrayList<>();
		for (final Library library : libraries) {
			jar(build.resolve("jars"), library.fileName, library.groupId, library.artifactId, library.version);
			classPath.add("../jars/" + library.fileName);
		}
		return jar(build.resolve("plugins"), "Deblur_NMF-" + version + ".jar", "io.github.deblurnmf", "Deblur_NMF", version, String.join(" ", classPath));
	}

	/** An empty Fiji.app: jars/ and plugins/. */
	static Path fiji(final Path parent) throws IOException {
		final Path fiji = parent.resolve("Fiji.app");
		Files.createDirectories(fiji.resolve("jars"));
		Files.createDirectories(fiji.resolve("plugins"));
		return fiji;
	}
}

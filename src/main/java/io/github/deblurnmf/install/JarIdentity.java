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
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

/**
 * Which library a jar is: groupId, artifactId, classifier and version, read from the jar's Maven
 * metadata ({@code META-INF/maven/<g>/<a>/pom.properties}), not from its file name. File names
 * lie: ND4J's shaded Guava is {@code guava-1.0.0-M2.1.jar} in Maven but a different library from
 * Fiji's {@code guava-33.3.1-jre.jar}.
 * <p>
 * The file name still serves twice: a classifier ({@code linux-x86_64}) is not in the metadata, so
 * it is what follows {@code <artifactId>-<version>-} in the name; and a shaded jar carries the
 * pom.properties of everything it bundles, so the one whose {@code <artifactId>-<version>} the name
 * contains is the jar's own. A jar without usable metadata (fastutil 6, built by Ant) is known by
 * its file name alone: {@link #fromMetadata()} is false, it has no groupId, its name without the
 * version stands for the artifactId, and the version is the file name's (else the manifest's
 * Implementation-Version or Bundle-Version); the installer says so when it decides by such a jar.
 * </p>
 */
public final class JarIdentity {

	/** {@code name-1.2.3[-classifier].jar}: the name is everything before the first "-digit". */
	private static final Pattern VERSIONED_NAME = Pattern.compile("(.+?)-(\\d[^-]*(?:-(?:[A-Za-z]*\\d[^-]*|SNAPSHOT|jre|android|GA|Final))*)(?:-([A-Za-z].*))?");

	private final String groupId;
	private final String artifactId;
	private final String classifier;
	private final Version version;
	private final boolean fromMetadata;
	/** The file name without version and classifier: how a jar without metadata is matched. */
	private final String fileBaseName;

	JarIdentity(final String groupId, final String artifactId, final String classifier, final String version, final boolean fromMetadata, final String fileBaseName) {
		this.fileBaseName = fileBaseName;
		this.groupId = groupId;
		this.artifactId = artifactId;
		this.classifier = classifier == null ? "" : classifier;
		this.version = Version.parse(version);
		this.fromMetadata = fromMetadata;
	}

	/** Reads the identity of {@code jar}; a jar that cannot be opened as a zip is an IOException. */
	public static JarIdentity read(final Path jar) throws IOException {
		final String fileName = jar.getFileName().toString();
		final String stem = fileName.endsWith(".jar") ? fileName.substring(0, fileName.length() - 4) : fileName;
		final List<Properties> poms = new ArrayList<>();
		final Manifest manifest;
		try (JarFile file = new JarFile(jar.toFile(), false)) {
			final Enumeration<? extends ZipEntry> entries = file.entries();
			while (entries.hasMoreElements()) {
				final ZipEntry entry = entries.nextElement();
				final String name = entry.getName();
				if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")) {
					final Properties properties = new Properties();
					try (InputStream in = file.getInputStream(entry)) {
						properties.load(in);
					}
					if (properties.getProperty("groupId") != null && properties.getProperty("artifactId") != null &&
						properties.getProperty("version") != null) poms.add(properties);
				}
			}
			manifest = file.getManifest();
		}
		final Matcher m = VERSIONED_NAME.matcher(stem);
		final String fileBaseName = m.matches() ? m.group(1) : stem;
		final JarIdentity own = ownPom(poms, stem, fileBaseName);
		return own != null ? own : fromFileName(stem, manifest, fileBaseName);
	}

	/** The jar's own pom.properties: the only one, or the one whose artifactId-version the name holds. */
	private static JarIdentity ownPom(final List<Properties> poms, final String stem, final String fileBaseName) {
		JarIdentity best = null;
		int bestLength = -1;
		for (final Properties pom : poms) {
			final String a = pom.getProperty("artifactId").trim(), v = pom.getProperty("version").trim();
			final String av = a + "-" + v;
			final int at = stem.lastIndexOf(av);
			final boolean named = at >= 0 && (at == 0 || stem.charAt(at - 1) == '-') &&
				(at + av.length() == stem.length() || stem.charAt(at + av.length()) == '-');
			if (!named && poms.size() > 1) continue;
			final String classifier = named && at + av.length() < stem.length() ? stem.substring(at + av.length() + 1) : "";
			if (av.length() > bestLength) {
				best = new JarIdentity(pom.getProperty("groupId").trim(), a, classifier, v, true, fileBaseName);
				bestLength = av.length();
			}
		}
		return best;
	}

	/** No usable Maven metadata: the file name, with the manifest's version if the name has none. */
	private static JarIdentity fromFileName(final String stem, final Manifest manifest, final String fileBaseName) {
		final Matcher m = VERSIONED_NAME.matcher(stem);
		if (m.matches()) return new JarIdentity(null, m.group(1), m.group(3), m.group(2), false, fileBaseName);
		String version = null;
		if (manifest != null) {
			final Attributes main = manifest.getMainAttributes();
			version = main.getValue("Implementation-Version");
			if (version == null) version = main.getValue("Bundle-Version");
		}
		return new JarIdentity(null, stem, "", version == null ? "0" : version, false, fileBaseName);
	}

	/**
	 * The file name without version and {@code .jar}, classifier kept ({@code guava} for
	 * {@code guava-33.3.1-jre.jar}, {@code nd4j-native-linux-x86_64} for its native jar): Fiji's
	 * updater takes two files with one base name for two versions of one file.
	 */
	public static String baseName(final String fileName) {
		final String stem = fileName.endsWith(".jar") ? fileName.substring(0, fileName.length() - 4) : fileName;
		final Matcher m = VERSIONED_NAME.matcher(stem);
		if (!m.matches()) return stem;
		return m.group(3) == null ? m.group(1) : m.group(1) + "-" + m.group(3);
	}

	/** The groupId, or null for a jar known by its file name only. */
	public String groupId() {
		return groupId;
	}

	public String artifactId() {
		return artifactId;
	}

	/** The classifier ({@code linux-x86_64}), empty for the main jar. */
	public String classifier() {
		return classifier;
	}

	public Version version() {
		return version;
	}

	/** True if read from pom.properties, false if guessed from the file name. */
	public boolean fromMetadata() {
		return fromMetadata;
	}

	/** {@code groupId:artifactId}, or {@code artifactId} alone for a jar known by its file name. */
	public String library() {
		return groupId == null ? artifactId : groupId + ":" + artifactId;
	}

	/** {@code groupId:artifactId:version[:classifier]}, as the install record stores it. */
	public String coordinates() {
		return library() + ":" + version + (classifier.isEmpty() ? "" : ":" + classifier);
	}

	/**
	 * True if both are one library: by groupId:artifactId; if either lacks metadata, by their file
	 * names without version (not by artifactId: nd4j-shade-guava's artifactId is guava).
	 */
	public boolean sameLibrary(final JarIdentity other) {
		if (groupId != null && other.groupId != null) return groupId.equals(other.groupId) && artifactId.equals(other.artifactId);
		return fileBaseName.equals(other.fileBaseName);
	}

	@Override
	public String toString() {
		return coordinates();
	}
}

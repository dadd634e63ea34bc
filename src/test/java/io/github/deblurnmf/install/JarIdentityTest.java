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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading which library a jar is from its Maven metadata. */
class JarIdentityTest {

	@TempDir
	Path tmp;

	@Test
	void readsGroupArtifactAndVersionFromPomProperties() throws IOException {
		final JarIdentity id = JarIdentity.read(FakeJars.jar(tmp, "guava-33.3.1-jre.jar", "com.google.guava", "guava", "33.3.1-jre"));
		assertEquals("com.google.guava:guava", id.library());
		assertEquals("33.3.1-jre", id.version().toString());
		assertEquals("", id.classifier());
		assertTrue(id.fromMetadata());
	}

	@Test
	void theClassifierComesFromTheFileName() throws IOException {
		final JarIdentity id = JarIdentity.read(FakeJars.jar(tmp, "nd4j-native-1.0.0-M2.1-linux-x86_64-onednn.jar", "org.nd4j", "nd4j-native", "1.0.0-M2.1"));
		assertEquals("linux-x86_64-onednn", id.classifier());
		assertEquals("org.nd4j:nd4j-native:1.0.0-M2.1:linux-x86_64-onednn", id.coordinates());
	}

	@Test
	void aShadedJarIsTheOnePomItsNameHolds() throws IOException {
		// As ND4J's shaded guava: its own pom.properties and those of what it bundles.
		final Path jar = tmp.resolve("nd4j-shade-guava-1.0.0-M2.1.jar");
		try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, new Manifest())) {
			pom(zip, "com.google.guava", "guava", "30.1-jre");
			pom(zip, "org.nd4j", "guava", "1.0.0-M2.1");
			pom(zip, "com.google.guava", "failureaccess", "1.0.1");
		}
		final JarIdentity id = JarIdentity.read(jar);
		assertEquals("org.nd4j:guava", id.library());
		assertEquals("1.0.0-M2.1", id.version().toString());
		assertFalse(id.sameLibrary(JarIdentity.read(FakeJars.jar(tmp, "guava-33.3.1-jre.jar", "com.google.guava", "guava", "33.3.1-jre"))));
	}

	@Test
	void aJarWithoutMetadataIsKnownByItsFileName() throws IOException {
		final JarIdentity id = JarIdentity.read(FakeJars.jar(tmp, "fastutil-6.5.7.jar", null, null, null));
		assertFalse(id.fromMetadata());
		assertEquals("fastutil", id.library());
		assertEquals("6.5.7", id.version().toString());
		assertTrue(id.sameLibrary(JarIdentity.read(FakeJars.jar(tmp.resolve("fiji"), "fastutil-8.5.12.jar", "it.unimi.dsi", "fastutil", "8.5.12"))));
	}

	@Test
	void baseNamesAsFijisUpdaterSeesThem() {
		assertEquals("guava", JarIdentity.baseName("guava-33.3.1-jre.jar"));
		assertEquals("guava", JarIdentity.baseName("guava-1.0.0-M2.1.jar"));
		assertEquals("nd4j-shade-guava", JarIdentity.baseName("nd4j-shade-guava-1.0.0-M2.1.jar"));
		assertEquals("nd4j-native-linux-x86_64", JarIdentity.baseName("nd4j-native-1.0.0-M2.1-linux-x86_64.jar"));
		assertEquals("javassist", JarIdentity.baseName("javassist-3.30.2-GA.jar"));
	}

	private static void pom(final JarOutputStream zip, final String g, final String a, final String v) throws IOException {
		zip.putNextEntry(new JarEntry("META-INF/maven/" + g + "/" + a + "/pom.properties"));
		zip.write(("groupId=" + g + "\nartifactId=" + a + "\nversion=" + v + "\n").getBytes(StandardCharsets.UTF_8));
		zip.closeEntry();
	}
}

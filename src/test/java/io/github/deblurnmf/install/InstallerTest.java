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

import static io.github.deblurnmf.install.FakeJars.library;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Installer} on fake Fiji.app folders and fake builds of small jars with Maven metadata. */
class InstallerTest {

	@TempDir
	Path tmp;

	private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
	private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

	private static final FakeJars.Library SHADED_GUAVA = library("nd4j-shade-guava-1.0.0-M2.1.jar", "org.nd4j", "guava", "1.0.0-M2.1");
	private static final FakeJars.Library COMMONS_IO = library("commons-io-2.7.jar", "commons-io", "commons-io", "2.7");
	private static final FakeJars.Library JAVACPP = library("javacpp-1.5.7.jar", "org.bytedeco", "javacpp", "1.5.7");
	private static final FakeJars.Library JAVACPP_NATIVE = library("javacpp-1.5.7-linux-x86_64.jar", "org.bytedeco", "javacpp", "1.5.7");

	@Test
	void copiesThePluginAndEveryLibraryIntoAnEmptyFiji() throws Exception {
		final Path plugin = FakeJars.build(tmp.resolve("build"), "0.1.0", SHADED_GUAVA, COMMONS_IO, JAVACPP, JAVACPP_NATIVE);
		final Path fiji = FakeJars.fiji(tmp);
		assertTrue(install(plugin, fiji));
		assertSameBytes(plugin, fiji.resolve("plugins/Deblur_NMF-0.1.0.jar"));
		for (final String name : new String[] { "nd4j-shade-guava-1.0.0-M2.1.jar", "commons-io-2.7.jar", "javacpp-1.5.7.jar", "javacpp-1.5.7-linux-x86_64.jar" }) {
			assertSameBytes(tmp.resolve("build/jars").resolve(name), fiji.resolve("jars").resolve(name));
		}
		final String record = Files.readString(InstallRecord.location(fiji));
		assertEquals(5, record.lines().filter(line -> !line.startsWith("#")).count(), record);
		assertTrue(record.contains("jars/javacpp-1.5.7-linux-x86_64.jar\t"), record);
		assertTrue(printed().contains("copied    jars/commons-io-2.7.jar"), printed());
		assertNoTemporaryFiles(fiji);
	}

	@Test
	void shadedGuavaGoesBesideFijisGuava() throws Exception {
		final Path plugin = FakeJars.build(tmp.resolve("build"), "0.1.0", SHADED_GUAVA);
		final Path fiji = FakeJars.fiji(tmp);
		final Path fijiGuava = FakeJars.jar(fiji.resolve("jars"), "guava-33.3.1-jre.jar", "com.google.guava", "guava", "33.3.1-jre");
		final byte[] before = Files.readAllBytes(fijiGuava);
		install(plugin, fiji);
		assertSameBytes(tmp.resolve("build/jars/nd4j-shade-guava-1.0.0-M2.1.jar"), fiji.resolve("jars/nd4j-shade-guava-1.0.0-M2.1.jar"));
		assertArrayEquals(before, Files.readAllBytes(fijiGuava));
	}

	@Test
	void refusesAShadedJarUnderFijisBaseName() throws Exception {
		// The file name Maven gives org.nd4j:guava: Fiji's updater would take it for a version of Fiji's guava.
		final Path plugin = FakeJars.build(tmp.resolve("build"), "0.1.0", library("guava-1.0.0-M2.1.jar", "org.nd4j", "guava", "1.0.0-M2.1"));
		final Path fiji = FakeJars.fiji(tmp);
		FakeJars.jar(fiji.resolve("jars"), "guava-33.3.1-jre.jar", "com.google.guava", "guava", "33.3.1-jre");
		final Map<String, String> before = snapshot(fiji);
		final InstallException e = assertThrows(InstallException.class, () -> install(plugin, fiji));
		assertTrue(e.getMessage().contains("guava-33.3.1-jre.jar"), e.getMessage());
		assertEquals(before, snapshot(fiji));
	}

	@Test
	void skipsALibraryFijiHasInANewerOrTheSameVersion() throws Exception {
		final FakeJars.Library gson = library("gson-2.8.0.jar", "com.google.code.gson", "gson", "2.8.0");
		final Path plugin = FakeJars.build(tmp.resolve("build"), "0.1.0", COMMONS_IO, gson);
		final Path fiji = FakeJars.fiji(tmp);
		FakeJars.jar(fiji.resolve("jars"), "commons-io-2.17.0.jar", "commons-io", "commons-io", "2.17.0");
		// The same version under another file name (Fiji's updater may rename): still the same library.
		FakeJars.jar(fiji.resolve("jars"), "gson.jar", "com.google.code.gson", "gson", "2.8.0");
		final Map<String, String> fijisJars = snapshot(fiji);
		install(plugin, fiji);
		assertFalse(Files.exists(fiji.resolve("jars/commons-io-2.7.jar")));
		assertFalse(Files.exists(fiji.resolve("jars/gson-2.8.0.jar")));
		assertTrue(Files.exists(fiji.resolve("plugins/Deblur_NMF-0.1.0.jar")));
		assertTrue(printed().contains("skipped   jars/commons-io-2.7.jar: Fiji has commons-io:commons-io 2.17.0 (jars/commons-io-2.17.0.jar): newer, same major version"), printed());
		assertTrue(printed().contains("skipped   jars/gson-2.8.0.jar: Fiji has com.google.code.gson:gson 2.8.0 (jars/gson.jar): the same version"), printed());
		final Map<String, String> after = snapshot(fiji);
		after.keySet().retainAll(fijisJars.keySet());
		assertEquals(fijisJars, after);
	}

	@Test
	void refusesWhenFijiHasAnOlderVersionAndCopiesNothing() throws Exception {
		final Path plugin = FakeJars.build(tmp.resolve("build"), "0.1.0", SHADED_GUAVA, COMMONS_IO);
		final Path fiji = FakeJars.fiji(tmp);
		FakeJars.jar(fiji.resolve("jars"), "commons-io-2.5.jar", "commons-io", "commons-io", "2.5");
		final Map<String, String> before = snapshot(fiji);
		final InstallException e = assertThrows(InstallException.class, () -> install(plugin, fiji));
		assertTrue(e.getMessage().contains("commons-io:commons-io 2.5"), e.getMessage());
		assertTrue(e.getMessage().contains("2.7"), e.getMessage());
		assertTrue(e.getMessage().contains("update Fiji"), e.getMessage());
		assertEquals(before, snapshot(fiji));
	}

	@Test
	void refusesAnotherJavaCppVersionEvenANewerOne() throws Exception {
		final Path plugin = FakeJars.build(tmp.resolve("build"), "0.1.0", JAVACPP, JAVACPP_NATIVE);
		final Path fiji = FakeJars.fiji(tmp);
		FakeJars.jar(fiji.resolve("jars"), "javacpp-1.5.10.jar", "org.bytedeco", "javacpp", "1.5.10");
		final Map<String, String> before = snapshot(fiji);
		final InstallException e = assertThrows(InstallException.class, () -> install(plugin, fiji));
		assertTrue(e.getMessage().contains("2 jars conflict"), e.getMessage());
		assertTrue(printed().contains("refused   jars/javacpp-1.5.7.jar: Fiji has org.bytedeco:javacpp 1.5.10 (jars/javacpp-1.5.10.jar), Deblur NMF needs exactly 1.5.7"), printed());
		assertEquals(before, snapshot(fiji));
	}

	@Test
	void copiesTheNativeJarFijiLacksBesideFijisOwnSameVersion() throws Exception {
		final Path plugin = FakeJars.build(tmp.resolve("build"), "0.1.0", JAVACPP, JAVACPP_NATIVE);
		final Path fiji = FakeJars.fiji(tmp);
		final Path fijiJavacpp = FakeJars.jar(fiji.resolve("jars"), "javacpp-1.5.7.jar", "org.bytedeco", "javacpp", "1.5.7");
		final byte[] before = Files.readAllBytes(fijiJavacpp);
		install(plugin, fiji);
		assertArrayEquals(before, Files.readAllBytes(fijiJavacpp));
		assertSameBytes(tmp.resolve("build/jars/javacpp-1.5.7-linux-x86_64.jar"), fiji.resolve("jars/javacpp-1.5.7-linux-x86_64.jar"));
	}

	@Test
	void aSecondRunChangesNothing() throws Exception {
		final Path plugin = FakeJars.build(tmp.resolve("build"), "0.1.0", SHADED_GUAVA, COMMONS_IO);
		final Path fiji = FakeJars.fiji(tmp);
		FakeJars.jar(fiji.resolve("jars"), "guava-33.3.1-jre.jar", "com.google.guava", "guava", "33.3.1-jre");
		assertTrue(install(plugin, fiji));
		final Map<String, String> first = snapshot(fiji);
		final Map<String, Long> times = modificationTimes(fiji);
		printed.reset();
		assertFalse(install(plugin, fiji));
		assertEquals(first, snapshot(fiji));
		assertEquals(times, modificationTimes(fiji));
		assertTrue(printed().contains("Nothing to do"), printed());
	}

	@Test
	void anUpgradeReplacesOnlyThePluginsOwnFiles() throws Exception {
		final FakeJars.Library bytes1 = library("byteunits-0.9.1.jar", "com.jakewharton.byteunits", "byteunits", "0.9.1");
		final FakeJars.Library bytes2 = library("byteunits-0.9.2.jar", "com.jakewharton.byteunits", "byteunits", "0.9.2");
		final FakeJars.Library math = library("commons-math3-3.6.1.jar", "org.apache.commons", "commons-math3", "3.6.1");
		final Path old = FakeJars.build(tmp.resolve("old"), "0.1.0", SHADED_GUAVA, bytes1, COMMONS_IO);
		final Path fiji = FakeJars.fiji(tmp);
		FakeJars.jar(fiji.resolve("jars"), "guava-33.3.1-jre.jar", "com.google.guava", "guava", "33.3.1-jre");
		FakeJars.jar(fiji.resolve("jars"), "commons-io-2.17.0.jar", "commons-io", "commons-io", "2.17.0");
		final Map<String, String> fijisOwn = snapshot(fiji);
		install(old, fiji);
		final byte[] guavaOfFirstInstall = Files.readAllBytes(fiji.resolve("jars/nd4j-shade-guava-1.0.0-M2.1.jar"));

		// The new build: same shaded guava (other bytes, same name), byteunits upgraded, commons-math3 new.
		final Path newer = FakeJars.build(tmp.resolve("new"), "0.2.0", SHADED_GUAVA, bytes2, math, COMMONS_IO);
		install(newer, fiji);
		assertFalse(Files.exists(fiji.resolve("plugins/Deblur_NMF-0.1.0.jar")));
		assertSameBytes(newer, fiji.resolve("plugins/Deblur_NMF-0.2.0.jar"));
		assertFalse(Files.exists(fiji.resolve("jars/byteunits-0.9.1.jar")));
		assertSameBytes(tmp.resolve("new/jars/byteunits-0.9.2.jar"), fiji.resolve("jars/byteunits-0.9.2.jar"));
		assertSameBytes(tmp.resolve("new/jars/commons-math3-3.6.1.jar"), fiji.resolve("jars/commons-math3-3.6.1.jar"));
		assertSameBytes(tmp.resolve("new/jars/nd4j-shade-guava-1.0.0-M2.1.jar"), fiji.resolve("jars/nd4j-shade-guava-1.0.0-M2.1.jar"));
		assertFalse(java.util.Arrays.equals(guavaOfFirstInstall, Files.readAllBytes(fiji.resolve("jars/nd4j-shade-guava-1.0.0-M2.1.jar"))));
		assertFalse(Files.exists(fiji.resolve("jars/commons-io-2.7.jar")));
		final Map<String, String> after = snapshot(fiji);
		after.keySet().retainAll(fijisOwn.keySet());
		assertEquals(fijisOwn, after);
		assertTrue(printed().contains("removed   plugins/Deblur_NMF-0.1.0.jar"), printed());
		assertTrue(printed().contains("replaced  jars/nd4j-shade-guava-1.0.0-M2.1.jar"), printed());

		// And uninstalling the upgrade leaves exactly Fiji's jars.
		printed.reset();
		Installer.uninstall(fiji, out);
		assertEquals(fijisOwn, snapshot(fiji));
	}

	@Test
	void uninstallRemovesWhatInstallCopiedAndNothingOfFijis() throws Exception {
		final Path plugin = FakeJars.build(tmp.resolve("build"), "0.1.0", SHADED_GUAVA, COMMONS_IO, JAVACPP, JAVACPP_NATIVE);
		final Path fiji = FakeJars.fiji(tmp);
		FakeJars.jar(fiji.resolve("jars"), "guava-33.3.1-jre.jar", "com.google.guava", "guava", "33.3.1-jre");
		FakeJars.jar(fiji.resolve("jars"), "commons-io-2.7.jar", "commons-io", "commons-io", "2.7"); // Fiji's, same name and version as ours
		FakeJars.jar(fiji.resolve("plugins"), "Other_Plugin-1.0.jar", "org.example", "Other_Plugin", "1.0");
		final Map<String, String> fijisOwn = snapshot(fiji);
		install(plugin, fiji);
		// A jar that the user replaced after the install is no longer the plugin's own.
		FakeJars.jar(fiji.resolve("jars"), "javacpp-1.5.7.jar", "org.bytedeco", "javacpp", "1.5.7-patched");
		final byte[] replacedByUser = Files.readAllBytes(fiji.resolve("jars/javacpp-1.5.7.jar"));
		assertTrue(Installer.uninstall(fiji, out));
		final Map<String, String> expected = new TreeMap<>(fijisOwn);
		expected.put("jars/javacpp-1.5.7.jar", InstallRecord.sha256(fiji.resolve("jars/javacpp-1.5.7.jar")));
		assertEquals(expected, snapshot(fiji));
		assertArrayEquals(replacedByUser, Files.readAllBytes(fiji.resolve("jars/javacpp-1.5.7.jar")));
		assertFalse(Files.exists(InstallRecord.location(fiji)));
		assertTrue(printed().contains("left      jars/javacpp-1.5.7.jar"), printed());
		printed.reset();
		assertFalse(Installer.uninstall(fiji, out));
		assertTrue(printed().contains("Nothing to do"), printed());
	}

	@Test
	void anUnwritableFolderIsAClearErrorAndNothingIsCopied() throws Exception {
		final Path plugin = FakeJars.build(tmp.resolve("build"), "0.1.0", SHADED_GUAVA, COMMONS_IO);
		final Path fiji = FakeJars.fiji(tmp);
		final Path plugins = fiji.resolve("plugins");
		final boolean immutable = makeUnwritable(plugins);
		try {
			final InstallException e = assertThrows(InstallException.class, () -> install(plugin, fiji));
			assertTrue(e.getMessage().startsWith("Cannot write into " + plugins), e.getMessage());
			assertTrue(e.getMessage().contains("nothing was changed"), e.getMessage());
		}
		finally {
			makeWritable(plugins, immutable);
		}
		// jars/ was writable, and still nothing went there: the check comes before any copy.
		assertEquals(Map.of(), snapshot(fiji));
	}

	@Test
	void refusesAnotherDeblurNmfCopiedByHand() throws Exception {
		final Path plugin = FakeJars.build(tmp.resolve("build"), "0.2.0", COMMONS_IO);
		final Path fiji = FakeJars.fiji(tmp);
		FakeJars.jar(fiji.resolve("plugins"), "Deblur_NMF-0.1.0.jar", "io.github.deblurnmf", "Deblur_NMF", "0.1.0");
		final Map<String, String> before = snapshot(fiji);
		final InstallException e = assertThrows(InstallException.class, () -> install(plugin, fiji));
		assertTrue(e.getMessage().startsWith("plugins/Deblur_NMF-0.1.0.jar: another Deblur NMF (0.1.0)"), e.getMessage());
		assertEquals(before, snapshot(fiji));
	}

	@Test
	void aBuildWithMissingJarsIsRefusedUpFront() throws Exception {
		final Path plugin = FakeJars.build(tmp.resolve("build"), "0.1.0", COMMONS_IO);
		Files.delete(tmp.resolve("build/jars/commons-io-2.7.jar"));
		final InstallException e = assertThrows(InstallException.class, () -> new Installer(plugin, out));
		assertTrue(e.getMessage().contains("../jars/commons-io-2.7.jar"), e.getMessage());
	}

	// -- Helpers --

	private boolean install(final Path plugin, final Path fiji) throws IOException, InstallException {
		return new Installer(plugin, out).install(fiji);
	}

	private String printed() {
		return printed.toString(StandardCharsets.UTF_8);
	}

	private static void assertSameBytes(final Path expected, final Path actual) throws IOException {
		assertTrue(Files.isRegularFile(actual), actual + " is missing");
		assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(actual), actual.toString());
	}

	/** Every file of the Fiji.app (the install record included) → its SHA-256. */
	private static Map<String, String> snapshot(final Path fiji) throws IOException {
		final Map<String, String> files = new TreeMap<>();
		try (Stream<Path> walk = Files.walk(fiji)) {
			for (final Path file : walk.filter(Files::isRegularFile).collect(Collectors.toList())) {
				files.put(fiji.relativize(file).toString(), InstallRecord.sha256(file));
			}
		}
		return files;
	}

	private static Map<String, Long> modificationTimes(final Path fiji) throws IOException {
		final Map<String, Long> times = new TreeMap<>();
		try (Stream<Path> walk = Files.walk(fiji)) {
			for (final Path file : walk.collect(Collectors.toList())) times.put(fiji.relativize(file).toString(), Files.getLastModifiedTime(file).toMillis());
		}
		return times;
	}

	private static void assertNoTemporaryFiles(final Path fiji) throws IOException {
		try (Stream<Path> walk = Files.walk(fiji)) {
			assertEquals(java.util.List.of(), walk.filter(p -> p.getFileName().toString().endsWith(".part") || p.getFileName().toString().endsWith(".tmp")).collect(Collectors.toList()));
		}
	}

	/**
	 * Makes {@code folder} unwritable: read-only permissions, and where those do not stop this user
	 * (root), the immutable attribute. Skips the test if neither works.
	 *
	 * @return true if the immutable attribute was set
	 */
	private static boolean makeUnwritable(final Path folder) throws IOException, InterruptedException {
		Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
		if (!canCreateFileIn(folder)) return false;
		final boolean immutable = new ProcessBuilder("chattr", "+i", folder.toString()).redirectErrorStream(true).start().waitFor() == 0;
		Assumptions.assumeTrue(immutable && !canCreateFileIn(folder), "cannot make a folder unwritable for this user (root without chattr)");
		return true;
	}

	private static void makeWritable(final Path folder, final boolean immutable) throws IOException, InterruptedException {
		if (immutable) new ProcessBuilder("chattr", "-i", folder.toString()).start().waitFor();
		Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
	}

	private static boolean canCreateFileIn(final Path folder) {
		try {
			Files.delete(Files.createTempFile(folder, "probe", ".tmp"));
			return true;
		}
		catch (final IOException e) {
			return false;
		}
	}
}

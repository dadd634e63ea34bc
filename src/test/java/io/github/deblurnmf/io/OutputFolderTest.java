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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.deblurnmf.task.UserInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one output path of all commands: races, all-or-nothing sets, overwrite, inputs, SIGINT. */
class OutputFolderTest {

	private static final String LABEL = "Test Command";
	private static final List<String> SET = List.of("bases.tif", "coefficients.csv");
	/** A process id that no process has (Linux caps pids far below). */
	private static final long DEAD = 999_999_999L;

	@TempDir
	Path tmp;

	private static OutputFolder prepare(final Path dir, final boolean overwrite, final List<String> names) {
		return OutputFolder.prepare(LABEL, dir.toFile(), overwrite, names, List.of());
	}

	/** Writes every name of {@code names} with content {@code tag + name} and commits. */
	private static void write(final OutputFolder folder, final String tag, final List<String> names) throws IOException {
		try (OutputFolder.Staging out = folder.stage()) {
			for (final String name : names) out.writeText(name, tag + name);
			out.commit();
		}
	}

	private static String read(final Path file) throws IOException {
		return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
	}

	/** The names in {@code dir}, hidden ones included. */
	private static Set<String> entries(final Path dir) throws IOException {
		try (Stream<Path> list = Files.list(dir)) {
			return list.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
		}
	}

	private static Set<String> visible(final Path dir) throws IOException {
		return entries(dir).stream().filter(n -> !n.startsWith(".")).collect(Collectors.toCollection(TreeSet::new));
	}

	@Test
	void theSecondOfTwoRunsFailsAndTheFirstRunsFilesStay() throws IOException {
		final Path dir = tmp.resolve("out");
		// Both checked while the folder is empty, as two runs started together are.
		final OutputFolder first = prepare(dir, false, SET), second = prepare(dir, false, SET);
		write(first, "first ", SET);
		final UserInputException e = assertThrows(UserInputException.class, () -> write(second, "second ", SET));
		assertTrue(e.getMessage().contains("written by another run meanwhile") && e.getMessage().contains("nothing of this run was kept"), e.getMessage());
		for (final String name : SET) assertEquals("first " + name, read(dir.resolve(name)));
		assertEquals(Set.of(".deblurnmf-test-command.outputs", "bases.tif", "coefficients.csv"), entries(dir), "no lock, no temporary folder left");
	}

	@Test
	void withOverwriteTooARunThatFinishedMeanwhileIsNotReplaced() throws IOException {
		final Path dir = tmp.resolve("out");
		write(prepare(dir, false, SET), "old ", SET);
		final OutputFolder first = prepare(dir, true, SET), second = prepare(dir, true, SET);
		// The other run commits between this run's check and its commit.
		second.beforeClaim = () -> {
			try {
				write(first, "first ", SET);
			}
			catch (final IOException e) {
				throw new AssertionError(e);
			}
		};
		assertThrows(UserInputException.class, () -> write(second, "second ", SET));
		for (final String name : SET) assertEquals("first " + name, read(dir.resolve(name)));
	}

	@Test
	void aRunThatHoldsTheLockMakesTheOtherFail() throws IOException {
		final Path dir = tmp.resolve("out");
		final OutputFolder training = prepare(dir, false, List.of("model.zip")), other = prepare(dir, false, SET);
		try (OutputFolder.Claim claim = training.claim()) {
			claim.write("model.zip", t -> Files.write(t, new byte[] { 1 }));
			final UserInputException e = assertThrows(UserInputException.class, () -> write(other, "other ", SET));
			assertTrue(e.getMessage().contains("being written by another run (process " + ProcessHandle.current().pid() + ")"), e.getMessage());
			assertFalse(Files.exists(dir.resolve("bases.tif")));
		}
		assertFalse(Files.exists(dir.resolve(OutputFolder.LOCK_NAME)), "released");
		write(prepare(dir, false, SET), "later ", SET);
		assertEquals("later bases.tif", read(dir.resolve("bases.tif")));
	}

	@Test
	void aFailedWriteLeavesNothingAndKeepsThePreviousSet() throws IOException {
		final Path dir = tmp.resolve("new/out");
		final OutputFolder folder = prepare(dir, false, SET);
		assertThrows(IOException.class, () -> {
			try (OutputFolder.Staging out = folder.stage()) {
				out.writeText("bases.tif", "complete");
				throw new IOException("No space left on device"); // while writing coefficients.csv
			}
		});
		assertFalse(Files.exists(tmp.resolve("new")), "not even the folders it created");

		final Path existing = tmp.resolve("out");
		write(prepare(existing, false, SET), "old ", SET);
		assertThrows(IOException.class, () -> {
			try (OutputFolder.Staging out = prepare(existing, true, SET).stage()) {
				out.writeText("bases.tif", "new");
				throw new IOException("No space left on device");
			}
		});
		for (final String name : SET) assertEquals("old " + name, read(existing.resolve(name)));
		assertEquals(Set.of(".deblurnmf-test-command.outputs", "bases.tif", "coefficients.csv"), entries(existing));
	}

	@Test
	void whatAKilledRunLeftDoesNotBlockTheNext() throws IOException {
		final Path dir = Files.createDirectories(tmp.resolve("out"));
		// A run killed while writing: its temporary folder with a part of the set, and its lock.
		final Path abandoned = Files.createDirectories(dir.resolve(".deblurnmf-tmp-" + DEAD + "-1234"));
		Files.write(abandoned.resolve("bases.tif"), new byte[] { 1 });
		Files.write(dir.resolve(OutputFolder.LOCK_NAME), (DEAD + " token Test Command\n").getBytes(StandardCharsets.UTF_8));
		write(prepare(dir, false, SET), "next ", SET);
		assertEquals("next bases.tif", read(dir.resolve("bases.tif")));
		assertEquals(Set.of(".deblurnmf-test-command.outputs", "bases.tif", "coefficients.csv"), entries(dir), "the abandoned folder and lock are gone");
	}

	@Test
	void overwriteRemovesOnlyThisCommandsEarlierOutputs() throws IOException {
		final Path dir = tmp.resolve("out");
		final List<String> deep = List.of("bases.tif", "coefficients.csv", "layer1_bases.tif", "layer2_bases.tif");
		write(prepare(dir, false, deep), "deep ", deep);
		Files.write(dir.resolve("notes.txt"), "mine".getBytes(StandardCharsets.UTF_8));
		write(OutputFolder.prepare("Other Command", dir.toFile(), false, List.of("denoised.tif"), List.of()), "other ", List.of("denoised.tif"));

		write(prepare(dir, true, SET), "plain ", SET);
		assertEquals(Set.of("bases.tif", "coefficients.csv", "denoised.tif", "notes.txt"), visible(dir));
		assertEquals("plain bases.tif", read(dir.resolve("bases.tif")));
		assertEquals("mine", read(dir.resolve("notes.txt")));
		assertEquals(SET, OutputFolder.recorded(dir, LABEL));
	}

	@Test
	void withoutOverwriteAnExistingNameIsRefusedAndAFolderNameAlways() throws IOException {
		final Path dir = Files.createDirectories(tmp.resolve("out"));
		Files.write(dir.resolve("coefficients.csv"), new byte[0]);
		assertTrue(assertThrows(UserInputException.class, () -> prepare(dir, false, SET)).getMessage().contains("overwrite=true"));
		Files.createDirectory(dir.resolve("bases.tif"));
		assertTrue(assertThrows(UserInputException.class, () -> prepare(dir, true, SET)).getMessage().contains("is a folder"));
	}

	@Test
	void anOutputFolderThatIsInsideOrContainsAFolderInputIsRefusedAlsoThroughSymlinks() throws IOException {
		final Path input = Files.createDirectories(tmp.resolve("data/images"));
		final Path link = Files.createSymbolicLink(tmp.resolve("link"), input);
		for (final Path out : List.of(input, input.resolve("out"), tmp.resolve("data"), link, link.resolve("out"))) {
			final UserInputException e = assertThrows(UserInputException.class,
				() -> OutputFolder.prepare(LABEL, out.toFile(), false, SET, List.of(input)), out.toString());
			assertTrue(e.getMessage().contains("input folder"), e.getMessage());
		}
		// And the input given through the link.
		assertThrows(UserInputException.class, () -> OutputFolder.prepare(LABEL, input.resolve("x").toFile(), false, SET, List.of(link)));
		OutputFolder.prepare(LABEL, tmp.resolve("data/out").toFile(), false, SET, List.of(link));
	}

	@Test
	void onSigintTheTemporaryFilesAndTheLockGo() throws IOException {
		final Path dir = tmp.resolve("out");
		final OutputFolder.Claim claim = prepare(dir, false, List.of("model.zip")).claim();
		final Path part = AtomicFiles.tempSibling(dir.resolve("model.zip"), ".model.tmp");
		Files.write(part, new byte[] { 1 });
		final OutputFolder.Staging staging = prepare(tmp.resolve("other"), false, SET).stage();
		staging.writeText("bases.tif", "half");
		AtomicFiles.cleanUp(); // what the shutdown hook runs on SIGINT
		assertEquals(Set.of(), entries(dir));
		assertEquals(Set.of(), entries(tmp.resolve("other")));
		claim.close();
		staging.close();
	}
}

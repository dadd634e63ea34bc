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
package io.github.deblurnmf.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.FloatProcessor;
import io.github.deblurnmf.headless.HeadlessRunner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Runs commands through the headless runner and reads and writes the small files the tests use. */
final class CommandRuns {

	private CommandRuns() {}

	/** What a run printed, and its exit code. */
	static final class Result {

		final int exit;
		final String out;
		final String err;

		Result(final int exit, final String out, final String err) {
			this.exit = exit;
			this.out = out;
			this.err = err;
		}

		/** The {@code key=value} lines of standard output. */
		Map<String, String> values() {
			final Map<String, String> values = new LinkedHashMap<>();
			for (final String line : out.split("\n")) {
				if (line.isEmpty()) continue;
				final int eq = line.indexOf('=');
				assertTrue(eq > 0, "not a key=value line: '" + line + "'\n" + this);
				values.put(line.substring(0, eq), line.substring(eq + 1));
			}
			return values;
		}

		double number(final String key) {
			final String value = values().get(key);
			assertNotNull(value, key + " not printed\n" + this);
			return Double.parseDouble(value);
		}

		List<String> errorLines() {
			return Arrays.stream(err.split("\n")).filter(line -> line.startsWith("ERROR:")).collect(Collectors.toList());
		}

		@Override
		public String toString() {
			return "exit " + exit + "\n--- out:\n" + out + "--- err:\n" + err;
		}
	}

	/** Runs {@code --run label options} with captured standard output and error. */
	static Result run(final String label, final String options) {
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		final int exit = HeadlessRunner.run(new String[] { "--run", label, options }, new PrintStream(out, true, StandardCharsets.UTF_8),
			new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	/** Asserts success and returns the result. */
	static Result succeeds(final String label, final String options) {
		final Result result = run(label, options);
		assertEquals(0, result.exit, result.toString());
		assertEquals(List.of(), result.errorLines(), result.toString());
		return result;
	}

	/**
	 * Asserts that the run fails with exit 1, nothing on standard output and exactly one
	 * {@code ERROR:} line that contains every one of {@code words} (ignoring case); returns that line.
	 */
	static String fails(final String label, final String options, final String... words) {
		final Result result = run(label, options);
		assertEquals(1, result.exit, result.toString());
		assertEquals("", result.out, result.toString());
		final List<String> errors = result.errorLines();
		assertEquals(1, errors.size(), result.toString());
		final String line = errors.get(0);
		for (final String word : words) {
			assertTrue(line.toLowerCase(Locale.ROOT).contains(word.toLowerCase(Locale.ROOT)), "'" + word + "' missing from: " + line);
		}
		return line;
	}

	/** Asserts that nothing exists at {@code dir}: a failed run must not even create its outputdir. */
	static void assertNotCreated(final Path dir) {
		assertFalse(Files.exists(dir), dir + " was created: " + Arrays.toString(dir.toFile().list()));
	}

	/** The option value form of a path: quoted, since temporary folders may hold spaces or commas. */
	static String quoted(final Path path) {
		return "'" + path + "'";
	}

	// -- Images --

	/** A 32-bit stack of {@code planes.length} slices of {@code width × height}. */
	static ImagePlus floatStack(final int width, final int height, final float[]... planes) {
		final ImageStack stack = new ImageStack(width, height);
		for (final float[] plane : planes) stack.addSlice(null, new FloatProcessor(width, height, plane.clone()));
		return new ImagePlus("stack", stack);
	}

	/** Saves {@code image} as TIFF (a stack if it has several slices) and returns {@code file}. */
	static Path writeTiff(final ImagePlus image, final Path file) {
		final FileSaver saver = new FileSaver(image);
		final boolean ok = image.getStackSize() > 1 ? saver.saveAsTiffStack(file.toString()) : saver.saveAsTiff(file.toString());
		assertTrue(ok, "could not write " + file);
		return file;
	}

	static ImagePlus readTiff(final Path file) {
		assertTrue(Files.isRegularFile(file), file + " was not written");
		final ImagePlus image = IJ.openImage(file.toString());
		assertNotNull(image, "ImageJ cannot read " + file);
		return image;
	}

	/** Slice {@code n} (1-based, in stack order) of {@code image} as floats. */
	static float[] plane(final ImagePlus image, final int n) {
		return (float[]) image.getStack().getProcessor(n).convertToFloat().getPixels();
	}

	// -- Tables --

	static List<String> lines(final Path file) {
		try {
			return Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static byte[] bytes(final Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The numbers of the rows after the header, each row split at commas. */
	static double[][] numbers(final List<String> lines) {
		return lines.stream().skip(1).map(line -> Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray())
			.toArray(double[][]::new);
	}
}

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

import static io.github.deblurnmf.command.CommandRuns.assertNotCreated;
import static io.github.deblurnmf.command.CommandRuns.fails;
import static io.github.deblurnmf.command.CommandRuns.floatStack;
import static io.github.deblurnmf.command.CommandRuns.quoted;
import static io.github.deblurnmf.command.CommandRuns.writeTiff;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NMF Decompose refuses bad input with one clear {@code ERROR:} line and a non-zero exit, before
 * it writes anything: the outputdir is not even created.
 */
class NmfDecomposeBadInputTest {

	private static final String DECOMPOSE = "NMF Decompose";
	private static final int WIDTH = 5, HEIGHT = 4;

	@TempDir
	Path tmp;

	/** Where the runs put their output; no test may find it afterwards. */
	private Path out() {
		return tmp.resolve("out");
	}

	private Path stack(final float[]... planes) {
		return writeTiff(floatStack(WIDTH, HEIGHT, planes), tmp.resolve("input.tif"));
	}

	private Path goodStack() {
		return stack(NmfDecomposeCommandTest.randomPlanes(WIDTH, HEIGHT, 6, 1));
	}

	/** Six good planes, one pixel of the fourth replaced by {@code value}. */
	private Path stackWithPixel(final float value) {
		final float[][] planes = NmfDecomposeCommandTest.randomPlanes(WIDTH, HEIGHT, 6, 1);
		planes[3][7] = value;
		return stack(planes);
	}

	private String failsInto(final Path input, final String more, final String... words) {
		final String line = fails(DECOMPOSE, "input=" + quoted(input) + ", outputdir=" + quoted(out()) + ", iterations=20, " + more, words);
		assertNotCreated(out());
		return line;
	}

	@Test
	void singleImage() {
		failsInto(stack(NmfDecomposeCommandTest.randomPlanes(WIDTH, HEIGHT, 1, 1)), "rank=1", "stack of at least 2 images", "has 1");
	}

	@Test
	void rankZero() {
		failsInto(goodStack(), "rank=0", "rank must be between 1 and", "got 0");
	}

	@Test
	void rankAboveTheNumberOfImages() {
		// 20 pixels × 6 images: at most rank 6.
		failsInto(goodStack(), "rank=7", "rank must be between 1 and min(pixels, images) = 6", "got 7");
		failsInto(goodStack(), "layers='7,2'", "the first of layers must be between 1 and min(pixels, images) = 6", "got 7");
	}

	@Test
	void rankAboveTheNumberOfPixels() {
		final Path input = writeTiff(floatStack(2, 2, NmfDecomposeCommandTest.randomPlanes(2, 2, 6, 1)), tmp.resolve("small.tif"));
		failsInto(input, "rank=5", "min(pixels, images) = 4", "got 5");
	}

	@Test
	void layersNotDecreasing() {
		failsInto(goodStack(), "layers='4,8'", "layer sizes must decrease", "[4, 8]");
	}

	@Test
	void negativePixel() {
		failsInto(stackWithPixel(-0.5f), "rank=2", "negative", "-0.5", "image 4");
	}

	@Test
	void nanPixel() {
		failsInto(stackWithPixel(Float.NaN), "rank=2", "NaN or infinite", "slice 4");
	}

	@Test
	void infinitePixel() {
		failsInto(stackWithPixel(Float.POSITIVE_INFINITY), "rank=2", "NaN or infinite", "slice 4");
	}

	@Test
	void allZero() {
		failsInto(stack(new float[WIDTH * HEIGHT], new float[WIDTH * HEIGHT], new float[WIDTH * HEIGHT]), "rank=1", "all zero");
	}

	@Test
	void folderOfImagesOfMixedSizes() throws IOException {
		final Path folder = Files.createDirectories(tmp.resolve("images"));
		writeTiff(floatStack(WIDTH, HEIGHT, NmfDecomposeCommandTest.randomPlanes(WIDTH, HEIGHT, 1, 1)), folder.resolve("a.tif"));
		writeTiff(floatStack(WIDTH + 1, HEIGHT, NmfDecomposeCommandTest.randomPlanes(WIDTH + 1, HEIGHT, 1, 2)), folder.resolve("b.tif"));
		failsInto(folder, "rank=1", "mixed sizes", "a.tif is 5×4", "b.tif is 6×4");
	}

	@Test
	void missingInputFile() {
		failsInto(tmp.resolve("no such.tif"), "rank=1", "File not found", "no such.tif");
	}

	@Test
	void outputdirThatIsAFile() throws IOException {
		final Path file = Files.write(tmp.resolve("out.txt"), new byte[] { 42 });
		fails(DECOMPOSE, "input=" + quoted(goodStack()) + ", outputdir=" + quoted(file) + ", rank=2", "outputdir is a file", file.toString());
		assertArrayEquals(new byte[] { 42 }, Files.readAllBytes(file));
		try (var files = Files.list(tmp)) {
			assertTrue(files.allMatch(p -> p.equals(file) || p.getFileName().toString().equals("input.tif")), "nothing else is written");
		}
	}

	@Test
	void outputdirInAReadOnlyFolder() throws IOException {
		final Path readOnly = Files.createDirectories(tmp.resolve("read-only"));
		Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
		try {
			assumeFalse(canCreateFileIn(readOnly), "permissions do not stop writes here (running as root)");
			final Path out = readOnly.resolve("out");
			fails(DECOMPOSE, "input=" + quoted(goodStack()) + ", outputdir=" + quoted(out) + ", rank=2", "outputdir is not writable", out.toString());
			assertNotCreated(out);
		}
		finally {
			Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
	}

	@Test
	void outputdirWhereNobodyCanWrite() {
		// Not even root may create files in a process folder of /proc.
		final Path proc = Path.of("/proc/self");
		assumeTrue(Files.isDirectory(proc) && !canCreateFileIn(proc), "needs a Linux /proc");
		final Path out = proc.resolve("deblur-nmf-out");
		fails(DECOMPOSE, "input=" + quoted(goodStack()) + ", outputdir=" + quoted(out) + ", rank=2", "outputdir is not writable", out.toString());
		assertNotCreated(out);
	}

	/** Whether a file can really be created in {@code dir}; removes it again. */
	private static boolean canCreateFileIn(final Path dir) {
		try {
			Files.delete(Files.createTempFile(dir, "probe", ".tmp"));
			return true;
		}
		catch (final IOException e) {
			return false;
		}
	}
}

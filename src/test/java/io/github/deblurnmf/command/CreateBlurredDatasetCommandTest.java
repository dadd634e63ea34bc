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
import static io.github.deblurnmf.command.CommandRuns.quoted;
import static io.github.deblurnmf.command.CommandRuns.readTiff;
import static io.github.deblurnmf.command.CommandRuns.succeeds;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import io.github.deblurnmf.blur.DatasetParameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Create Blurred Dataset through the headless runner: the files it writes, and what it refuses. */
class CreateBlurredDatasetCommandTest {

	private static final String CREATE = "Create Blurred Dataset";

	@TempDir
	Path tmp;

	private static ImagePlus image(final int width, final int height, final boolean rgb, final long seed) {
		final Random random = new Random(seed);
		if (rgb) {
			final int[] pixels = new int[width * height];
			for (int i = 0; i < pixels.length; i++) pixels[i] = random.nextInt() | 0xff000000;
			return new ImagePlus("rgb", new ColorProcessor(width, height, pixels));
		}
		final byte[] pixels = new byte[width * height];
		random.nextBytes(pixels);
		return new ImagePlus("gray", new ByteProcessor(width, height, pixels));
	}

	/** A folder with a 40×30 gray TIFF (2 tiles of 16) and a 40×40 RGB PNG (4 tiles). */
	private Path inputFolder() {
		final Path in = tmp.resolve("in");
		try {
			Files.createDirectories(in);
		}
		catch (final IOException e) {
			throw new AssertionError(e);
		}
		assertTrue(new FileSaver(image(40, 30, false, 1)).saveAsTiff(in.resolve("a.tif").toString()));
		// ImageIO, not IJ.saveAs: ImageJ's PNG writer needs a display.
		final java.awt.image.BufferedImage png = new java.awt.image.BufferedImage(40, 40, java.awt.image.BufferedImage.TYPE_INT_RGB);
		png.setRGB(0, 0, 40, 40, (int[]) image(40, 40, true, 2).getProcessor().getPixels(), 0, 40);
		try {
			assertTrue(javax.imageio.ImageIO.write(png, "png", in.resolve("b.png").toFile()));
		}
		catch (final IOException e) {
			throw new AssertionError(e);
		}
		return in;
	}

	private static String options(final Path in, final Path out, final String more) {
		final StringBuilder options = new StringBuilder("input=" + quoted(in) + ", output=" + quoted(out));
		// Small defaults for the tests, unless given in more.
		for (final String option : new String[] { "size=16", "kernel=6", "sigma=1" }) {
			if (!more.contains(option.substring(0, option.indexOf('=') + 1))) options.append(", ").append(option);
		}
		return options + (more.isEmpty() ? "" : ", " + more);
	}

	private static List<String> files(final Path dir) throws IOException {
		try (Stream<Path> walk = Files.walk(dir)) {
			return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().collect(Collectors.toList());
		}
	}

	/** Nothing but {@code names} beside the output: no temporary folder is left. */
	private void assertOnly(final String... names) throws IOException {
		try (Stream<Path> list = Files.list(tmp)) {
			assertEquals(List.of(names), list.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
		}
	}

	/** Files of the input folder that are not read are named in the log, so that fewer pairs than expected are explained. */
	@Test
	void theFilesNotReadAreNamed() throws IOException {
		final Path in = inputFolder();
		final CommandRuns.Result clean = succeeds(CREATE, options(in, tmp.resolve("clean"), ""));
		assertTrue(clean.err.contains("Create Blurred Dataset: 6 pairs") && !clean.err.contains("not read"), clean.err);
		Files.write(in.resolve("notes.txt"), List.of("x"));
		Files.write(in.resolve(".hidden.tif"), List.of("x"));
		Files.createDirectory(in.resolve("sub"));
		final CommandRuns.Result result = succeeds(CREATE, options(in, tmp.resolve("out"), ""));
		assertEquals("6", result.values().get("pairs"));
		assertTrue(result.err.contains("not read, since only TIFF, PNG and JPEG files are: .hidden.tif, notes.txt, sub/"), result.err);
	}

	@Test
	void writesNumberedPairsAndDatasetJson() throws IOException {
		final Path in = inputFolder(), out = tmp.resolve("out");
		final Map<String, String> values = succeeds(CREATE, options(in, out, "noise=0.02, seed=5")).values();
		assertEquals("6", values.get("pairs"));
		assertEquals("0", values.get("skipped"));
		assertTrue(Double.parseDouble(values.get("millis")) > 0);
		final List<String> expected = new java.util.ArrayList<>(List.of("dataset.json"));
		for (int i = 1; i <= 6; i++) {
			expected.add(String.format("blurred/%04d.tif", i));
			expected.add(String.format("sharp/%04d.tif", i));
		}
		expected.sort(null);
		assertEquals(expected, files(out));
		for (int i = 1; i <= 6; i++) {
			for (final String kind : new String[] { "sharp", "blurred" }) {
				final ImagePlus tile = readTiff(out.resolve(String.format("%s/%04d.tif", kind, i)));
				assertEquals(8, tile.getBitDepth(), kind + " " + i);
				assertEquals(16, tile.getWidth());
				assertEquals(16, tile.getHeight());
			}
		}
		// The first gray tile is the source's pixels at (4, 7): the 2×1 grid centred in 40×30.
		final ImagePlus source = IJ.openImage(in.resolve("a.tif").toString());
		final ImagePlus sharp = readTiff(out.resolve("sharp/0001.tif"));
		for (int y = 0; y < 16; y++) {
			for (int x = 0; x < 16; x++) assertEquals(source.getProcessor().get(4 + x, 7 + y), sharp.getProcessor().get(x, y));
		}

		final DatasetParameters read = DatasetParameters.read(out);
		assertEquals(in.toString(), read.input);
		assertEquals(16, read.size);
		assertEquals(6, read.kernel);
		assertEquals(7, read.taps());
		assertEquals(1.0, read.sigma);
		assertEquals(0.02, read.noise);
		assertTrue(read.grayscale);
		assertEquals(5, read.seed);
		assertEquals(6, read.pairs());
		assertEquals(0, read.skipped);
		assertEquals("a.tif", read.tiles.get(0).source);
		assertEquals(4, read.tiles.get(0).x);
		assertEquals(7, read.tiles.get(0).y);
		assertEquals("b.png", read.tiles.get(2).source);
		assertEquals("sharp/0006.tif", read.tiles.get(5).sharp());
		final String json = new String(Files.readAllBytes(out.resolve("dataset.json")), StandardCharsets.UTF_8);
		assertTrue(json.contains("\"creator\": \"Deblur NMF\""), json);
		assertTrue(json.contains("\"format\": 1"), json);
		assertEquals(json, read.toJson(), "dataset.json round trip");
		assertOnly("in", "out");
	}

	@Test
	void grayscaleFalseWritesRgb() throws IOException {
		final Path in = inputFolder(), out = tmp.resolve("out");
		succeeds(CREATE, options(in, out, "grayscale=false"));
		assertEquals(24, readTiff(out.resolve("sharp/0001.tif")).getBitDepth(), "a gray source becomes RGB too");
		final ImagePlus rgb = readTiff(out.resolve("sharp/0003.tif"));
		assertEquals(24, rgb.getBitDepth());
		assertEquals(24, readTiff(out.resolve("blurred/0003.tif")).getBitDepth());
		final ImagePlus source = IJ.openImage(tmp.resolve("in/b.png").toString());
		assertEquals(source.getProcessor().get(4, 4) & 0xffffff, rgb.getProcessor().get(0, 0) & 0xffffff, "tile (4, 4) of 40×40, colour kept");
		assertEquals(3, DatasetParameters.read(out).channels());
	}

	@Test
	void replacesItsOwnDatasetOnlyWithOverwrite() throws IOException {
		final Path in = inputFolder(), out = tmp.resolve("out");
		succeeds(CREATE, options(in, out, ""));
		final byte[] json = Files.readAllBytes(out.resolve("dataset.json"));
		fails(CREATE, options(in, out, "size=8"), "already a Deblur NMF dataset", "overwrite=true");
		assertArrayEquals(json, Files.readAllBytes(out.resolve("dataset.json")), "the old dataset is untouched");
		succeeds(CREATE, options(in, out, "size=20, overwrite=true"));
		assertEquals(20, DatasetParameters.read(out).size);
		assertEquals(2 + 4, DatasetParameters.read(out).pairs(), "20×20 tiles: 2×1 of the 40×30 image, 2×2 of the 40×40 one");
		assertOnly("in", "out");
	}

	// -- Bad input writes nothing --

	@Test
	void missingInput() throws IOException {
		final Path out = tmp.resolve("out");
		fails(CREATE, options(tmp.resolve("nothing"), out, ""), "input not found", "nothing");
		assertNotCreated(out);
		assertOnly();
	}

	@Test
	void emptyFolder() throws IOException {
		final Path in = Files.createDirectory(tmp.resolve("in")), out = tmp.resolve("out");
		Files.write(in.resolve("notes.txt"), List.of("not an image"));
		fails(CREATE, options(in, out, ""), "no tiff, png or jpeg images");
		assertNotCreated(out);
		assertOnly("in");
	}

	@Test
	void allImagesTooSmall() throws IOException {
		final Path in = inputFolder(), out = tmp.resolve("deeper").resolve("out");
		fails(CREATE, options(in, out, "size=64"), "at least 64×64", "2 skipped");
		assertOnly("in");
	}

	@Test
	void outputInsideInput() throws IOException {
		final Path in = inputFolder();
		fails(CREATE, options(in, in.resolve("dataset"), ""), "inside", "input folder");
		fails(CREATE, options(in, in, ""), "input folder");
		assertEquals(List.of("a.tif", "b.png"), files(in));
		assertOnly("in");
	}

	@Test
	void outputIsAFile() throws IOException {
		final Path in = inputFolder(), out = Files.write(tmp.resolve("out"), List.of("x"));
		fails(CREATE, options(in, out, ""), "is a file");
		assertEquals(List.of("x"), Files.readAllLines(out));
		assertOnly("in", "out");
	}

	@Test
	void nonEmptyForeignOutputFolder() throws IOException {
		final Path in = inputFolder(), out = Files.createDirectory(tmp.resolve("out"));
		Files.write(out.resolve("keep.txt"), List.of("mine"));
		Files.write(out.resolve("dataset.json"), List.of("{\"creator\": \"someone else\"}"));
		fails(CREATE, options(in, out, "overwrite=true"), "not empty and is not a Deblur NMF dataset");
		assertEquals(List.of("dataset.json", "keep.txt"), files(out));
		assertEquals(List.of("mine"), Files.readAllLines(out.resolve("keep.txt")));
		assertOnly("in", "out");
	}

	@Test
	void badParameters() throws IOException {
		final Path in = inputFolder(), out = tmp.resolve("out");
		fails(CREATE, options(in, out, "noise=-0.1"), "noise");
		fails(CREATE, options(in, out, "sigma=0"), "sigma");
		assertNotCreated(out);
	}

	@Test
	void overwriteRefusesADatasetThatHoldsTheUsersFiles() throws IOException {
		final Path in = inputFolder(), out = tmp.resolve("out");
		succeeds(CREATE, options(in, out, ""));
		final List<String> dataset = files(out);
		final String[][] extras = { { "model.zip" }, { "notes.txt" }, { "runs", "a.csv" }, { "sharp", "extra.tif" }, { "blurred", "9999.tif" } };
		for (final String[] extra : extras) {
			final Path file = out.resolve(String.join("/", extra));
			Files.createDirectories(file.getParent());
			Files.write(file, List.of("mine"));
			final String line = fails(CREATE, options(in, out, "size=20, overwrite=true"), "did not write", String.join("/", extra).replace("runs/a.csv", "runs/"));
			assertTrue(line.contains("nothing was changed"), line);
			assertEquals(List.of("mine"), Files.readAllLines(file), "the user's file stays");
			assertEquals(16, DatasetParameters.read(out).size, "the old dataset stays");
			Files.delete(file);
			if (extra.length > 1 && extra[0].equals("runs")) Files.delete(file.getParent());
			assertEquals(dataset, files(out));
		}
		succeeds(CREATE, options(in, out, "size=20, overwrite=true"));
		assertEquals(20, DatasetParameters.read(out).size, "with only its own files it is replaced");
	}

	@Test
	void anInputReachedThroughASymlinkIsStillTheInput() throws IOException {
		final Path in = inputFolder();
		final Path link = Files.createSymbolicLink(tmp.resolve("link"), in);
		fails(CREATE, options(link, in.resolve("dataset"), ""), "inside", "input folder");
		fails(CREATE, options(in, link.resolve("dataset"), ""), "inside", "input folder");
		fails(CREATE, options(link, in, ""), "input folder");
		assertEquals(List.of("a.tif", "b.png"), files(in));
	}
}

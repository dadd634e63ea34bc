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
package io.github.deblurnmf.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deblur Image on Spark: equal to the command on one machine, resumable, no duplicates under retries. */
class SparkDeblurTest {

	@TempDir
	static Path dir;
	static Path input;
	static List<Path> images;

	@BeforeAll
	static void folder() throws Exception {
		input = dir.resolve("blurred");
		images = SparkRuns.images(input, 4, 48, 40);
	}

	private static SparkRuns.Result deblur(final String master, final String options, final Path out, final String... conf) {
		final List<String> args = new ArrayList<>(List.of("--master", master));
		for (final String c : conf) {
			args.add("--conf");
			args.add(c);
		}
		args.addAll(List.of("--run", "Deblur Image", "input='" + input + "',outputdir='" + out + "'" + (options.isEmpty() ? "" : "," + options)));
		return SparkRuns.spark(args.toArray(new String[0]));
	}

	private static List<String> listing(final Path folder) throws Exception {
		try (Stream<Path> s = Files.list(folder)) {
			return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(SparkDeblur.ROWS)).sorted().collect(Collectors.toList());
		}
	}

	private static List<String> expected() {
		final List<String> names = new ArrayList<>();
		for (final Path p : images) names.add(p.getFileName().toString().replace(".tif", "_deblurred.tif"));
		names.add("summary.csv");
		names.sort(null);
		return names;
	}

	@Test
	void aFolderEqualsTheCommandOnEachImage() throws Exception {
		final Path out = dir.resolve("wiener");
		final SparkRuns.Result r = deblur("local[2]", "method=wiener,reference='" + input + "'", out);
		assertEquals(0, r.code, r.err);
		assertEquals(expected(), listing(out));
		assertEquals("4", r.figure("images"));
		for (final Path image : images) {
			final Path single = dir.resolve("single-" + image.getFileName());
			SparkRuns.headless("Deblur Image", "input='" + image + "',method=wiener,outputdir='" + single + "'");
			assertArrayEquals(SparkRuns.pixels(single.resolve("deblurred.tif")),
				SparkRuns.pixels(out.resolve(image.getFileName().toString().replace(".tif", "_deblurred.tif"))), image.toString());
		}
		final List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
		assertEquals(SparkDeblur.CSV_HEADER, summary.get(0));
		assertEquals(5, summary.size());
		assertTrue(summary.get(1).startsWith("img00.tif,48,40,"), summary.get(1));
		assertTrue(!summary.get(1).endsWith(",,,,"), "PSNR and SSIM against the reference: " + summary.get(1));
	}

	@Test
	void theNetworkGivesTheSameImagesAsTheCommand() throws Exception {
		final Path out = dir.resolve("network");
		final SparkRuns.Result r = deblur("local[2]", "", out);
		assertEquals(0, r.code, r.err);
		final Path image = images.get(1);
		final Path single = dir.resolve("single-network");
		SparkRuns.headless("Deblur Image", "input='" + image + "',outputdir='" + single + "'");
		assertArrayEquals(SparkRuns.pixels(single.resolve("deblurred.tif")), SparkRuns.pixels(out.resolve("img01_deblurred.tif")));
	}

	@Test
	void aRestartedJobResumes() throws Exception {
		final Path out = dir.resolve("resume");
		assertEquals(0, deblur("local[2]", "method=wiener", out).code);
		// As if the job had died after two images: two outputs gone, a temporary file left behind.
		Files.delete(out.resolve("img01_deblurred.tif"));
		Files.delete(out.resolve("img03_deblurred.tif"));
		Files.writeString(out.resolve(".img03_deblurred.tif.dead-job.tmp"), "half");
		final FileTime before = FileTime.fromMillis(1000);
		Files.setLastModifiedTime(out.resolve("img00_deblurred.tif"), before);
		final SparkRuns.Result r = deblur("local[2]", "method=wiener", out);
		assertEquals(0, r.code, r.err);
		assertEquals("2", r.figure("skipped"));
		assertEquals("2", r.figure("deblurred"));
		assertEquals(before, Files.getLastModifiedTime(out.resolve("img00_deblurred.tif")), "a finished output is not redone");
		assertTrue(Files.exists(out.resolve("img03_deblurred.tif")));
		assertEquals(5, Files.readAllLines(out.resolve("summary.csv")).size());
	}

	@Test
	void retriedTasksLeaveNeitherDuplicatesNorPartialFiles() throws Exception {
		final Path clean = dir.resolve("clean");
		assertEquals(0, deblur("local[2]", "method=richardson-lucy,iterations=5", clean).code);
		for (final String stage : List.of("before-commit", "after-commit")) {
			final Path out = dir.resolve("retry-" + stage);
			final Path marker = dir.resolve("failed-" + stage);
			final SparkRuns.Result r = deblur("local[2,2]", "method=richardson-lucy,iterations=5", out,
				SparkRunner.FAIL_ONCE + "=" + marker, SparkRunner.FAIL_AT + "=" + stage);
			assertEquals(0, r.code, r.err);
			assertTrue(Files.exists(marker), "the fault was injected");
			assertEquals(expected(), listing(out), stage);
			for (final Path image : images) {
				final String name = image.getFileName().toString().replace(".tif", "_deblurred.tif");
				assertArrayEquals(SparkRuns.pixels(clean.resolve(name)), SparkRuns.pixels(out.resolve(name)), stage + " " + name);
			}
		}
	}

	/** A 160×240 8-bit image and a 32-bit one (its own range, not [0, 255]) in a folder of their own. */
	private static Path largeImages() throws Exception {
		final Path folder = dir.resolve("large");
		if (Files.isDirectory(folder)) return folder;
		final List<Path> made = SparkRuns.images(folder, 1, 160, 240);
		final ImagePlus gray = IJ.openImage(made.get(0).toString());
		final ij.process.FloatProcessor fp = (ij.process.FloatProcessor) gray.getProcessor().convertToFloat();
		for (int i = 0; i < 160 * 240; i++) fp.setf(i, 3.5f * fp.getf(i) - 120);
		new ij.io.FileSaver(new ImagePlus("float", fp)).saveAsTiff(folder.resolve("img01.tif").toString());
		return folder;
	}

	private static SparkRuns.Result deblurFolder(final String master, final Path folder, final String options, final Path out, final String... conf) {
		final List<String> args = new ArrayList<>(List.of("--master", master));
		for (final String c : conf) {
			args.add("--conf");
			args.add(c);
		}
		args.addAll(List.of("--run", "Deblur Image", "input='" + folder + "',outputdir='" + out + "'," + options));
		return SparkRuns.spark(args.toArray(new String[0]));
	}

	private static final String BANDS = "tile=64,overlap=8,tilegroup=0.02";

	@Test
	void anImageInBandsOfRowsEqualsTheCommandBitForBit() throws Exception {
		final Path folder = largeImages();
		final Path out = dir.resolve("bands");
		final Path marker = dir.resolve("failed-band");
		// A band's task fails once and is retried (local[2,2]): the retry computes the same band.
		final SparkRuns.Result r = deblurFolder("local[2,2]", folder, BANDS, out, SparkRunner.FAIL_ONCE + "=" + marker, SparkRunner.FAIL_AT + "=band");
		assertEquals(0, r.code, r.err);
		assertTrue(Files.exists(marker), "the fault was injected");
		assertEquals(2, r.err.lines().filter(l -> l.contains(": 5 bands of rows, one task each")).count(), r.err);
		assertEquals("2", r.figure("deblurred"));
		for (final String name : List.of("img00", "img01")) {
			final Path single = dir.resolve("single-bands-" + name);
			SparkRuns.headless("Deblur Image", "input='" + folder.resolve(name + ".tif") + "',tile=64,overlap=8,outputdir='" + single + "'");
			final Path expected = single.resolve("deblurred.tif"), actual = out.resolve(name + "_deblurred.tif");
			assertArrayEquals(SparkRuns.pixels(expected), SparkRuns.pixels(actual), name);
			final ImagePlus e = IJ.openImage(expected.toString()), a = IJ.openImage(actual.toString());
			assertEquals(e.getDisplayRangeMin(), a.getDisplayRangeMin(), 0, name);
			assertEquals(e.getDisplayRangeMax(), a.getDisplayRangeMax(), 0, name);
			assertEquals(e.getBitDepth(), a.getBitDepth(), name);
		}
		// One task per image when no image is over the limit: the same pixels.
		final Path whole = dir.resolve("bands-whole");
		assertEquals(0, deblurFolder("local[2]", folder, "tile=64,overlap=8", whole).code);
		assertArrayEquals(SparkRuns.pixels(whole.resolve("img01_deblurred.tif")), SparkRuns.pixels(out.resolve("img01_deblurred.tif")));
	}

	@Test
	void anImageWhoseBandFailedLeavesNoOutputAndResumes() throws Exception {
		final Path folder = largeImages();
		final Path out = dir.resolve("bands-failed");
		final Path marker = dir.resolve("failed-band-once");
		final SparkRuns.Result failed = deblurFolder("local[2]", folder, BANDS, out, SparkRunner.FAIL_ONCE + "=" + marker, SparkRunner.FAIL_AT + "=band");
		assertEquals(1, failed.code, failed.err);
		assertTrue(Files.exists(marker));
		assertEquals(List.of(), listing(out).stream().filter(n -> n.endsWith(".tif") || n.endsWith(".tmp")).collect(Collectors.toList()),
			"no output and no temporary file of a half-done image");
		final SparkRuns.Result resumed = deblurFolder("local[2]", folder, BANDS, out);
		assertEquals(0, resumed.code, resumed.err);
		assertEquals(List.of("img00_deblurred.tif", "img01_deblurred.tif", "summary.csv"), listing(out));
	}

	@Test
	void badInputGivesOneErrorLine() throws Exception {
		final SparkRuns.Result method = deblur("local[1]", "method=sharpen", dir.resolve("bad1"));
		assertEquals(1, method.code);
		assertEquals(1, method.errorLines().size(), method.err);
		assertTrue(method.errorLines().get(0).contains("sharpen"), method.err);
		final SparkRuns.Result missing = SparkRuns.spark("--master", "local[1]", "--run", "Deblur Image", "input=/nonexistent/folder,outputdir='" + dir.resolve("bad2") + "'");
		assertEquals(1, missing.code);
		assertEquals(List.of("ERROR: Input file not found: file:/nonexistent/folder"), missing.errorLines());
		final SparkRuns.Result key = deblur("local[1]", "sigmaa=2", dir.resolve("bad3"));
		assertEquals(2, key.code);
		assertEquals(1, key.errorLines().size());
		final SparkRuns.Result label = SparkRuns.spark("--run", "Train Deblur AE", "dataset=x");
		assertEquals(2, label.code);
		assertEquals(1, label.errorLines().size());
	}
}

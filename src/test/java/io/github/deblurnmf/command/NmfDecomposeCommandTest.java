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

import static io.github.deblurnmf.command.CommandRuns.bytes;
import static io.github.deblurnmf.command.CommandRuns.fails;
import static io.github.deblurnmf.command.CommandRuns.floatStack;
import static io.github.deblurnmf.command.CommandRuns.lines;
import static io.github.deblurnmf.command.CommandRuns.numbers;
import static io.github.deblurnmf.command.CommandRuns.plane;
import static io.github.deblurnmf.command.CommandRuns.quoted;
import static io.github.deblurnmf.command.CommandRuns.readTiff;
import static io.github.deblurnmf.command.CommandRuns.succeeds;
import static io.github.deblurnmf.command.CommandRuns.writeTiff;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ColorProcessor;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NMF Decompose through the headless runner: the files it writes and what they hold. */
class NmfDecomposeCommandTest {

	private static final String DECOMPOSE = "NMF Decompose";
	/** Width and height differ so that a swapped axis changes the shape of the outputs. */
	private static final int WIDTH = 5, HEIGHT = 4, SLICES = 8;

	@TempDir
	Path tmp;

	/** Random positive planes: not of low rank, so the factorization leaves a visible error. */
	static float[][] randomPlanes(final int width, final int height, final int slices, final long seed) {
		final Random random = new Random(seed);
		final float[][] planes = new float[slices][width * height];
		for (final float[] plane : planes) {
			for (int i = 0; i < plane.length; i++) plane[i] = 0.1f + random.nextFloat();
		}
		return planes;
	}

	private Path input() {
		return writeTiff(floatStack(WIDTH, HEIGHT, randomPlanes(WIDTH, HEIGHT, SLICES, 7)), tmp.resolve("input.tif"));
	}

	private static String decompose(final Path input, final Path out, final String more) {
		return "input=" + quoted(input) + ", outputdir=" + quoted(out) + ", iterations=40" + (more.isEmpty() ? "" : ", " + more);
	}

	@Test
	void basesHaveMaximumOneAndTheMontageLaysThemOnAGridAsTheyAre() {
		final Path input = input(), out = tmp.resolve("out");
		succeeds(DECOMPOSE, decompose(input, out, "rank=3, montage=true"));
		final ImagePlus bases = readTiff(out.resolve("bases.tif"));
		final ImagePlus montage = readTiff(out.resolve("bases_montage.tif"));
		// 3 components: 2 columns × 2 rows of 5×4 tiles with 1-pixel white lines; the 4th cell stays white.
		assertEquals(List.of(2 * WIDTH + 1, 2 * HEIGHT + 1, 1), List.of(montage.getWidth(), montage.getHeight(), montage.getStackSize()));
		final float[] grid = plane(montage, 1);
		final int[][] corners = { { 0, 0 }, { WIDTH + 1, 0 }, { 0, HEIGHT + 1 } };
		for (int j = 0; j < 3; j++) {
			final float[] component = plane(bases, j + 1);
			float max = 0;
			for (final float v : component) max = Math.max(max, v);
			assertEquals(1f, max, "basis " + (j + 1) + " is scaled to a maximum of 1");
			assertEquals("Component " + (j + 1), bases.getStack().getSliceLabel(j + 1));
			for (int y = 0; y < HEIGHT; y++) {
				for (int x = 0; x < WIDTH; x++) {
					assertEquals(component[y * WIDTH + x], grid[(corners[j][1] + y) * montage.getWidth() + corners[j][0] + x],
						"component " + (j + 1) + " at " + x + "," + y);
				}
			}
		}
		assertEquals(1f, grid[WIDTH * 1 + 0 * montage.getWidth()], "the separating line");
		assertEquals(1f, grid[(HEIGHT + 1) * montage.getWidth() + WIDTH + 1], "the empty fourth cell");
		assertEquals("NMF components 1-3, each on [0, 1]", montage.getStack().getSliceLabel(1));
		for (final ImagePlus image : List.of(bases, montage)) {
			assertEquals(List.of(0.0, 1.0), List.of(image.getDisplayRangeMin(), image.getDisplayRangeMax()), "displayed on [0, 1]: " + image);
		}
	}

	@Test
	void writesBasesCoefficientsReconstructionAndErrorCurve() {
		final Path input = input(), out = tmp.resolve("out");
		final CommandRuns.Result result = succeeds(DECOMPOSE, decompose(input, out, "rank=3"));

		final ImagePlus bases = readTiff(out.resolve("bases.tif"));
		assertEquals(List.of(WIDTH, HEIGHT, 3), List.of(bases.getWidth(), bases.getHeight(), bases.getStackSize()));
		assertEquals(32, bases.getBitDepth());

		final List<String> coefficients = lines(out.resolve("coefficients.csv"));
		assertEquals(1 + 3, coefficients.size(), coefficients.toString());
		for (final String line : coefficients) assertEquals(1 + SLICES, line.split(",").length, line);

		final ImagePlus reconstruction = readTiff(out.resolve("reconstruction.tif"));
		assertEquals(List.of(WIDTH, HEIGHT, SLICES), List.of(reconstruction.getWidth(), reconstruction.getHeight(), reconstruction.getStackSize()));

		final List<String> errors = lines(out.resolve("error.csv"));
		assertEquals("iteration,frobenius,relative,millis,divergence", errors.get(0));
		final double[][] curve = numbers(errors);
		assertEquals(0, curve[0][0], "the first row is the initialization");
		for (int i = 1; i < curve.length; i++) {
			assertTrue(curve[i][0] > curve[i - 1][0], "iterations increase: " + errors);
			assertTrue(curve[i][3] >= curve[i - 1][3], "millis do not decrease: " + errors);
		}
		final double[] last = curve[curve.length - 1];
		assertEquals(last[0], result.number("iterations_run"));
		assertEquals(last[2], result.number("relative"), 1e-9);
		assertEquals(last[1], result.number("frobenius"), 1e-9);
		for (final double[] row : curve) assertEquals(0.5 * row[1] * row[1], row[4], 1e-9 * row[4], "frobenius: ½‖A − WH‖²");
	}

	@Test
	void kullbackLeiblerRecordsItsDivergenceAndBadPenaltiesAreRefused() {
		final Path input = input(), out = tmp.resolve("out");
		succeeds(DECOMPOSE, decompose(input, out, "rank=3,algorithm=mu,loss=kullback-leibler,tolerance=0"));
		final double[][] curve = numbers(lines(out.resolve("error.csv")));
		assertEquals(1 + 40, curve.length);
		final double[] first = curve[0], last = curve[curve.length - 1];
		assertTrue(last[4] < first[4], "the KL divergence falls: " + first[4] + " → " + last[4]);
		assertTrue(Math.abs(last[4] - 0.5 * last[1] * last[1]) > 1e-3 * last[4], "it is not the Frobenius figure");
		succeeds(DECOMPOSE, decompose(input, tmp.resolve("o1"), "rank=3,algorithm=mu,loss=kullback-leibler,alphaw=0.1,alphah=0.1,l1ratio=0.5"));
		assertTrue(fails(DECOMPOSE, decompose(input, tmp.resolve("o2"), "rank=3,alphaw=-1")).contains("alphaw must be 0 or more"));
		assertTrue(fails(DECOMPOSE, decompose(input, tmp.resolve("o3"), "rank=3,l1ratio=2")).contains("l1ratio must be between 0 and 1"));
		assertTrue(fails(DECOMPOSE, decompose(input, tmp.resolve("o4"), "rank=3,loss=kullback-leibler")).contains("needs algorithm=mu"));
		fails(DECOMPOSE, decompose(input, tmp.resolve("o5"), "rank=3,loss=kl"), "loss", "kl");
	}

	@Test
	void basesTimesCoefficientsIsTheReconstructionAndThePrintedErrorIsItsDistanceToTheInput() {
		final Path input = input(), out = tmp.resolve("out");
		final CommandRuns.Result result = succeeds(DECOMPOSE, decompose(input, out, "rank=3"));
		final double[][] wh = product(readTiff(out.resolve("bases.tif")), numbers(lines(out.resolve("coefficients.csv"))));
		final ImagePlus reconstruction = readTiff(out.resolve("reconstruction.tif"));
		final ImagePlus a = readTiff(input);

		double residual = 0, norm = 0;
		for (int n = 0; n < SLICES; n++) {
			final float[] written = plane(reconstruction, n + 1), original = plane(a, n + 1);
			for (int p = 0; p < written.length; p++) {
				assertEquals(wh[n][p], written[p], 1e-5 * (1 + Math.abs(wh[n][p])), "pixel " + p + " of slice " + (n + 1));
				residual += (original[p] - wh[n][p]) * (original[p] - wh[n][p]);
				norm += (double) original[p] * original[p];
			}
		}
		final double relative = Math.sqrt(residual / norm);
		assertTrue(relative > 0.05, "random data is not of rank 3: the error cannot be " + relative);
		assertEquals(relative, result.number("relative"), 1e-5);
		assertEquals(Math.sqrt(residual), result.number("frobenius"), 1e-5 * Math.sqrt(norm));
	}

	/**
	 * W·H as planes: {@code bases} holds one slice per component (all channels of a component
	 * together), {@code h} one row per component: the component number, then one value per image.
	 */
	static double[][] product(final ImagePlus bases, final double[][] h) {
		final int k = h.length, images = h[0].length - 1;
		final int channels = bases.getStackSize() / k, size = bases.getWidth() * bases.getHeight();
		final double[][] wh = new double[images][channels * size];
		for (int j = 0; j < k; j++) {
			assertEquals(j + 1, h[j][0], "component number");
			for (int c = 0; c < channels; c++) {
				final float[] w = plane(bases, j * channels + c + 1);
				for (int n = 0; n < images; n++) {
					for (int p = 0; p < size; p++) wh[n][c * size + p] += w[p] * h[j][n + 1];
				}
			}
		}
		return wh;
	}

	@Test
	void deepLayersWriteEveryLayersBasesAndTheLastAsBases() {
		final Path input = input(), out = tmp.resolve("out");
		succeeds(DECOMPOSE, decompose(input, out, "layers='6,3'"));
		final ImagePlus layer1 = readTiff(out.resolve("layer1_bases.tif")), layer2 = readTiff(out.resolve("layer2_bases.tif"));
		final ImagePlus bases = readTiff(out.resolve("bases.tif"));
		assertEquals(List.of(WIDTH, HEIGHT, 6), List.of(layer1.getWidth(), layer1.getHeight(), layer1.getStackSize()));
		assertEquals(List.of(WIDTH, HEIGHT, 3), List.of(layer2.getWidth(), layer2.getHeight(), layer2.getStackSize()));
		assertEquals(3, bases.getStackSize());
		for (int j = 1; j <= 3; j++) assertArrayEquals(plane(layer2, j), plane(bases, j), "component " + j);
		assertFalse(out.resolve("layer3_bases.tif").toFile().exists());
		assertEquals(0, succeeds(DECOMPOSE, "input=" + quoted(input) + ", outputdir=" + quoted(tmp.resolve("none"))
			+ ", layers='6,3', iterations=0").number("iterations_run"),
			"no iterations: the second layer's initial row of error.csv is none");

		final double[][] h = numbers(lines(out.resolve("coefficients.csv")));
		assertEquals(3, h.length);
		final double[][] wh = product(bases, h);
		final ImagePlus reconstruction = readTiff(out.resolve("reconstruction.tif"));
		for (int n = 0; n < SLICES; n++) {
			final float[] written = plane(reconstruction, n + 1);
			for (int p = 0; p < written.length; p++) assertEquals(wh[n][p], written[p], 1e-5 * (1 + Math.abs(wh[n][p])));
		}
	}

	@Test
	void rgbSlicesGiveBasesOfThreeChannels() {
		final Random random = new Random(3);
		final ImageStack stack = new ImageStack(WIDTH, HEIGHT);
		for (int n = 0; n < 6; n++) {
			final ColorProcessor rgb = new ColorProcessor(WIDTH, HEIGHT);
			for (int i = 0; i < WIDTH * HEIGHT; i++) rgb.set(i, (20 + random.nextInt(200)) << 16 | (20 + random.nextInt(200)) << 8 | 20 + random.nextInt(200));
			stack.addSlice(null, rgb);
		}
		final Path input = writeTiff(new ImagePlus("rgb", stack), tmp.resolve("rgb.tif")), out = tmp.resolve("out");
		succeeds(DECOMPOSE, decompose(input, out, "rank=2, montage=true"));

		final ImagePlus bases = readTiff(out.resolve("bases.tif"));
		assertEquals(List.of(WIDTH, HEIGHT, 3, 2), List.of(bases.getWidth(), bases.getHeight(), bases.getNChannels(), bases.getNSlices()));
		final double[][] h = numbers(lines(out.resolve("coefficients.csv")));
		assertEquals(2, h.length);
		assertEquals(1 + 6, h[0].length, "one column per RGB slice");
		final ImagePlus reconstruction = readTiff(out.resolve("reconstruction.tif"));
		assertEquals(List.of(3, 6 * 3), List.of(reconstruction.getNChannels(), reconstruction.getStackSize()));
		assertEquals(List.of("Component 1, red", "Component 1, green", "Component 1, blue", "Component 2, red"),
			List.of(bases.getStack().getSliceLabel(1), bases.getStack().getSliceLabel(2), bases.getStack().getSliceLabel(3), bases.getStack().getSliceLabel(4)));
		final ImagePlus montage = readTiff(out.resolve("bases_montage.tif"));
		assertEquals(List.of("red, components 1-2", "green, components 1-2", "blue, components 1-2"),
			List.of(montage.getStack().getSliceLabel(1), montage.getStack().getSliceLabel(2), montage.getStack().getSliceLabel(3)));
		// The reconstruction is shown as the RGB input: red, green and blue channels on 0..255.
		assertTrue(reconstruction.isComposite());
		for (int c = 1; c <= 3; c++) {
			final ij.process.LUT lut = ((ij.CompositeImage) reconstruction).getChannelLut(c);
			assertEquals(List.of(0.0, 255.0), List.of(lut.min, lut.max), "channel " + c);
			assertEquals(new int[] { 0xff0000, 0x00ff00, 0x0000ff }[c - 1], lut.getRGB(255) & 0xffffff, "colour of channel " + c);
		}
	}

	@Test
	void aStackLabelledAsChannelsIsTreatedAsImages() {
		final ImagePlus channels = floatStack(WIDTH, HEIGHT, randomPlanes(WIDTH, HEIGHT, SLICES, 11));
		channels.setDimensions(SLICES, 1, 1);
		final Path input = writeTiff(channels, tmp.resolve("channels.tif")), out = tmp.resolve("out");
		assertEquals(SLICES, readTiff(input).getNChannels(), "the file must read back as channels");
		succeeds(DECOMPOSE, decompose(input, out, "rank=2"));

		final ImagePlus bases = readTiff(out.resolve("bases.tif"));
		assertEquals(List.of(1, 2), List.of(bases.getNChannels(), bases.getStackSize()));
		final double[][] h = numbers(lines(out.resolve("coefficients.csv")));
		assertEquals(1 + SLICES, h[0].length, "one column per channel image");
		assertEquals(SLICES, readTiff(out.resolve("reconstruction.tif")).getStackSize());
	}

	@Test
	void existingOutputIsNotOverwrittenUnlessAsked() {
		final Path input = input(), out = tmp.resolve("out");
		succeeds(DECOMPOSE, decompose(input, out, "rank=2"));
		final Path coefficients = out.resolve("coefficients.csv"), bases = out.resolve("bases.tif");
		final byte[] firstCoefficients = bytes(coefficients), firstBases = bytes(bases);

		// Another initialization would give other files, were they written.
		fails(DECOMPOSE, decompose(input, out, "rank=2, init=random, seed=5"), bases.toString(), "overwrite=true");
		assertArrayEquals(firstCoefficients, bytes(coefficients));
		assertArrayEquals(firstBases, bytes(bases));

		succeeds(DECOMPOSE, decompose(input, out, "rank=2, init=random, seed=5, overwrite=true"));
		assertFalse(Arrays.equals(firstCoefficients, bytes(coefficients)), "overwrite=true must replace the files");
	}

	@Test
	void sameSeedGivesTheSameCoefficientsAndAnotherSeedOthers() {
		final Path input = input();
		final String options = "rank=2, init=random, seed=";
		succeeds(DECOMPOSE, decompose(input, tmp.resolve("a"), options + 1));
		succeeds(DECOMPOSE, decompose(input, tmp.resolve("b"), options + 1));
		succeeds(DECOMPOSE, decompose(input, tmp.resolve("c"), options + 2));
		final List<String> a = lines(tmp.resolve("a/coefficients.csv"));
		assertEquals(a, lines(tmp.resolve("b/coefficients.csv")));
		assertFalse(a.equals(lines(tmp.resolve("c/coefficients.csv"))), "seeds 1 and 2 gave the same coefficients " + a);
	}

	@Test
	void overwriteRemovesWhatAnEarlierDeepRunWroteButNotTheUsersFiles() throws java.io.IOException {
		final Path input = input(), out = tmp.resolve("out");
		succeeds(DECOMPOSE, decompose(input, out, "layers='6,3', montage=true"));
		java.nio.file.Files.write(out.resolve("notes.txt"), List.of("mine"));
		succeeds(DECOMPOSE, decompose(input, out, "rank=2, overwrite=true"));
		try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(out)) {
			assertEquals(List.of("bases.tif", "coefficients.csv", "error.csv", "notes.txt", "reconstruction.tif"),
				files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().collect(java.util.stream.Collectors.toList()));
		}
		assertEquals(2, readTiff(out.resolve("bases.tif")).getStackSize());
	}

	@Test
	void anOutputdirThatIsOrLiesInsideTheInputFolderIsRefused() throws java.io.IOException {
		final Path folder = java.nio.file.Files.createDirectory(tmp.resolve("images"));
		final float[][] planes = randomPlanes(WIDTH, HEIGHT, 3, 5);
		for (int n = 0; n < planes.length; n++) writeTiff(floatStack(WIDTH, HEIGHT, planes[n]), folder.resolve("slice" + n + ".tif"));
		final Path link = java.nio.file.Files.createSymbolicLink(tmp.resolve("link"), folder);
		for (final Path out : List.of(folder, folder.resolve("out"), link, tmp)) {
			fails(DECOMPOSE, "input=" + quoted(folder) + ", outputdir=" + quoted(out) + ", rank=2, iterations=5", "input folder");
		}
		fails(DECOMPOSE, "input=" + quoted(link) + ", outputdir=" + quoted(folder) + ", rank=2, iterations=5", "input folder");
		try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(folder)) {
			assertEquals(List.of("slice0.tif", "slice1.tif", "slice2.tif"), files.map(p -> p.getFileName().toString()).sorted()
				.collect(java.util.stream.Collectors.toList()), "nothing written into the input folder");
		}
		succeeds(DECOMPOSE, "input=" + quoted(folder) + ", outputdir=" + quoted(tmp.resolve("out")) + ", rank=2, iterations=5");
	}

	@Test
	void headlessWithoutOutputdirIsAUsageErrorBeforeAnyWork() {
		final CommandRuns.Result result = CommandRuns.run(DECOMPOSE, "input=" + quoted(input()) + ", rank=2");
		assertEquals(2, result.exit, result.toString());
		assertEquals(List.of("ERROR: NMF Decompose: Missing parameter 'outputdir': headless runs write the images there"
			+ " (without it they would be computed and discarded)"), result.errorLines());
		assertFalse(result.err.contains("relative error"), "no work done: " + result.err);
	}
}

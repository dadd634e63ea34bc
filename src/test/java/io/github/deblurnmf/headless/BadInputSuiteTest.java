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
package io.github.deblurnmf.headless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import io.github.deblurnmf.io.RawTiff;
import io.github.deblurnmf.net.BrokenModels;
import io.github.deblurnmf.train.TrainingDatasets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input as one suite through the headless runner: every case must end with
 * exactly one {@code ERROR: <label>: <reason>} line naming the problem, its exit code, nothing on
 * standard output, no stack trace, and no output file. The display names count the cases
 * ("case 7/{@value #COUNT}: …"), so that a new kind of bad input is added to this list.
 */
class BadInputSuiteTest {

	/** The number of cases; checked against the list. */
	static final int COUNT = 56;

	@TempDir
	static Path dir;

	/** One bad run: label, options ({@code {d}} = the fixture folder, {@code {out}} = this case's output), exit code, words of the reason. */
	static final class Case {

		final String name, label, options;
		final int exit;
		final String[] words;

		Case(final String name, final String label, final String options, final int exit, final String... words) {
			this.name = name;
			this.label = label;
			this.options = options;
			this.exit = exit;
			this.words = words;
		}

		@Override
		public String toString() {
			return label + ": " + name;
		}
	}

	private static final String DECOMPOSE = "NMF Decompose", DENOISE = "NMF Denoise", DEBLUR = "Deblur Image", COMPARE = "Compare Images",
		CREATE = "Create Blurred Dataset", TRAIN = "Train Deblur AE";

	static List<Case> cases() {
		final List<Case> c = new ArrayList<>();
		// Truncated TIFFs, in every command and in training tiles.
		c.add(new Case("truncated input", DECOMPOSE, "input='{d}/truncated.tif',outputdir='{out}'", 1, "Truncated TIFF", "truncated.tif"));
		c.add(new Case("truncated input", DENOISE, "input='{d}/truncated.tif',outputdir='{out}'", 1, "Truncated TIFF"));
		c.add(new Case("truncated input", DEBLUR, "input='{d}/truncated.tif',method=wiener,outputdir='{out}'", 1, "Truncated TIFF"));
		c.add(new Case("truncated reference", COMPARE, "reference='{d}/truncated.tif',input='{d}/stack8.tif'", 1, "Truncated TIFF"));
		c.add(new Case("truncated image in the input folder", CREATE, "input='{d}/withtruncated',output='{out}',size=16", 1, "Truncated TIFF", "b.tif"));
		c.add(new Case("truncated dataset tile", TRAIN, "dataset='{d}/cutdataset',model='{out}/m.zip',epochs=1,batch=2,basewidth=4", 1, "Truncated TIFF"));
		// Divergence and NaN weights.
		c.add(new Case("learningrate=1e10 diverges", TRAIN, "dataset='{d}/dataset',model='{out}/m.zip',epochs=2,batch=1,basewidth=4,learningrate=1e10", 1,
			"Training diverged", "nothing was written"));
		c.add(new Case("model with NaN weights", DEBLUR, "input='{d}/stack8.tif',model='{d}/nan.zip',outputdir='{out}'", 1, "NaN or infinite weight"));
		// NaN and infinity, refused alike.
		c.add(new Case("NaN input, network", DEBLUR, "input='{d}/nan.tif',model='{d}/identity.zip',outputdir='{out}'", 1, "nan.tif has NaN or infinite values"));
		c.add(new Case("NaN input, wiener", DEBLUR, "input='{d}/nan.tif',method=wiener,outputdir='{out}'", 1, "nan.tif has NaN or infinite values"));
		c.add(new Case("NaN input, richardson-lucy", DEBLUR, "input='{d}/nan.tif',method=richardson-lucy,outputdir='{out}'", 1, "nan.tif has NaN or infinite values"));
		c.add(new Case("infinite input, network", DEBLUR, "input='{d}/inf.tif',model='{d}/identity.zip',outputdir='{out}'", 1, "-Infinity at"));
		c.add(new Case("NaN reference", DEBLUR, "input='{d}/stack8.tif',method=wiener,reference='{d}/nan.tif',outputdir='{out}'", 1, "reference nan.tif has NaN"));
		c.add(new Case("NaN input", COMPARE, "reference='{d}/stack8.tif',input='{d}/nan.tif'", 1, "input nan.tif has NaN"));
		c.add(new Case("infinite reference", COMPARE, "reference='{d}/inf.tif',input='{d}/stack8.tif'", 1, "reference inf.tif has NaN or infinite"));
		c.add(new Case("NaN reference", DENOISE, "input='{d}/stack8.tif',reference='{d}/nan.tif',outputdir='{out}'", 1, "reference nan.tif has NaN"));
		c.add(new Case("NaN input", DECOMPOSE, "input='{d}/nan.tif',outputdir='{out}'", 1, "input nan.tif has NaN"));
		// Signed 16-bit is signed.
		c.add(new Case("signed 16-bit with negative values", DECOMPOSE, "input='{d}/signed.tif',rank=1,outputdir='{out}'", 1, "negative"));
		// A zero Wiener ratio; NaN pixels for a dataset.
		c.add(new Case("nsr=0", DEBLUR, "input='{d}/stack8.tif',method=wiener,nsr=0,outputdir='{out}'", 1, "nsr", "must be positive"));
		c.add(new Case("NaN input", CREATE, "input='{d}/nan.tif',output='{out}',size=16", 1, "nan.tif has NaN or infinite values"));
		// Numbers that are not numbers, empty values, widths beyond memory: plain language.
		c.add(new Case("nsr=NaN", DEBLUR, "input='{d}/stack8.tif',method=wiener,nsr=NaN,outputdir='{out}'", 1, "nsr", "must be a number"));
		c.add(new Case("tolerance=NaN", DECOMPOSE, "input='{d}/stack8.tif',tolerance=NaN,outputdir='{out}'", 1, "tolerance must be a number"));
		c.add(new Case("sigma=NaN", DEBLUR, "input='{d}/stack8.tif',method=wiener,sigma=NaN,outputdir='{out}'", 1, "sigma must be a number"));
		c.add(new Case("empty rank=", DECOMPOSE, "input='{d}/stack8.tif',rank=,outputdir='{out}'", 1, "rank", "leave rank out"));
		c.add(new Case("empty iterations=", DEBLUR, "input='{d}/stack8.tif',method=richardson-lucy,iterations=,outputdir='{out}'", 1, "iterations"));
		c.add(new Case("huge basewidth", TRAIN, "dataset='{d}/dataset',model='{out}/m.zip',epochs=1,batch=2,basewidth=100000", 1, "basewidth must be 0 (the architecture's default) or 1"));
		// Kernel bounds.
		c.add(new Case("kernel=2147483647", CREATE, "input='{d}/stack8.tif',output='{out}',size=16,kernel=2147483647", 1, "kernel must be 1"));
		c.add(new Case("kernel=100000", CREATE, "input='{d}/stack8.tif',output='{out}',size=16,kernel=100000", 1, "kernel must be 1"));
		c.add(new Case("kernel=1000000", DEBLUR, "input='{d}/stack8.tif',method=wiener,kernel=1000000,outputdir='{out}'", 1, "kernel must be 1"));
		c.add(new Case("kernel=2147483647", DEBLUR, "input='{d}/stack8.tif',method=richardson-lucy,kernel=2147483647,outputdir='{out}'", 1, "kernel must be 1"));
		// Missing files, bad choices, values out of range, an output inside its input.
		c.add(new Case("input not found", DECOMPOSE, "input='{d}/missing.tif',outputdir='{out}'", 1, "not found"));
		c.add(new Case("rank larger than the stack", DECOMPOSE, "input='{d}/stack8.tif',rank=1000,outputdir='{out}'", 1, "rank"));
		c.add(new Case("a single image", DECOMPOSE, "input='{d}/single.tif',outputdir='{out}'", 1, "at least 2 images"));
		c.add(new Case("unknown algorithm", DECOMPOSE, "input='{d}/stack8.tif',algorithm=foo,outputdir='{out}'", 1, "Invalid value for algorithm"));
		c.add(new Case("rank=abc", DECOMPOSE, "input='{d}/stack8.tif',rank=abc,outputdir='{out}'", 1, "Invalid value for rank"));
		c.add(new Case("unknown method", DEBLUR, "input='{d}/stack8.tif',method=foo,outputdir='{out}'", 1, "Invalid value for method"));
		c.add(new Case("tile=8", DEBLUR, "input='{d}/stack8.tif',model='{d}/identity.zip',tile=8,outputdir='{out}'", 1, "tile must be"));
		c.add(new Case("model that is not a zip", DEBLUR, "input='{d}/stack8.tif',model='{d}/notazip.zip',outputdir='{out}'", 1, "Not a valid model zip"));
		c.add(new Case("reference of another size", COMPARE, "reference='{d}/single.tif',input='{d}/stack8.tif'", 1, "reference is"));
		c.add(new Case("epochs=0", TRAIN, "dataset='{d}/dataset',model='{out}/m.zip',epochs=0", 1, "epochs must be at least 1"));
		c.add(new Case("batch larger than the pairs", TRAIN, "dataset='{d}/dataset',model='{out}/m.zip',batch=100", 1, "batch 100 is larger"));
		c.add(new Case("no dataset", TRAIN, "dataset='{d}/missing',model='{out}/m.zip'", 1, "Dataset folder not found"));
		c.add(new Case("output inside the input folder", CREATE, "input='{d}/withtruncated',output='{d}/withtruncated/out',size=16", 1, "must not be"));
		c.add(new Case("size larger than every image", CREATE, "input='{d}/stack8.tif',output='{out}',size=64", 1, "no pair made"));
		// Below a parameter's declared minimum or above its maximum, as the dialog's widget would not let through.
		c.add(new Case("sigma=0.05", DEBLUR, "input='{d}/stack8.tif',method=wiener,sigma=0.05,outputdir='{out}'", 1, "sigma must be at least 0.1", "got 0.05"));
		c.add(new Case("nsr=1e-13", DEBLUR, "input='{d}/stack8.tif',method=wiener,nsr=1e-13,outputdir='{out}'", 1, "nsr", "at least 1.0E-12"));
		c.add(new Case("sigma=0.005", CREATE, "input='{d}/stack8.tif',output='{out}',size=16,sigma=0.005", 1, "sigma must be at least 0.01"));
		c.add(new Case("validation=0.995", TRAIN, "dataset='{d}/dataset',model='{out}/m.zip',epochs=1,batch=1,validation=0.995", 1,
			"validation must be between 0 and 0.99"));
		// A leading ~ is not the home folder for ImageJ or Java: refused, not a folder named ~ in the working directory.
		c.add(new Case("outputdir=~/…", DEBLUR, "input='{d}/stack8.tif',method=wiener,outputdir='~/deblur-nmf-test-out'", 1, "outputdir starts with '~'"));
		c.add(new Case("output=~/…", CREATE, "input='{d}/stack8.tif',output='~/deblur-nmf-test-out',size=16", 1, "output starts with '~'"));
		c.add(new Case("model=~/…", TRAIN, "dataset='{d}/dataset',model='~/deblur-nmf-test.zip',epochs=1,batch=1", 1, "model starts with '~'"));
		c.add(new Case("noise=5 (gray levels, not a fraction)", CREATE, "input='{d}/stack8.tif',output='{out}',size=16,noise=5", 1, "noise must be at most 1"));
		c.add(new Case("dataset= its dataset.json", TRAIN, "dataset='{d}/dataset/dataset.json',model='{out}/m.zip',epochs=1,batch=1", 1,
			"dataset is a file, not a folder"));
		c.add(new Case("input=/dev/null", DEBLUR, "input='/dev/null',method=wiener,outputdir='{out}'", 1, "Not a regular file"));
		c.add(new Case("alpha on a single plane of 4 channels", DECOMPOSE, "input='{d}/rgba1.tif',rank=1,alpha=true,outputdir='{out}'", 1,
			"is a single plane of 4 channels"));
		c.add(new Case("input=~/…", COMPARE, "reference='{d}/stack8.tif',input='~/deblur-nmf-test.tif'", 1, "File not found", "'~' is not expanded"));
		return c;
	}

	@BeforeAll
	static void fixtures() throws IOException {
		final Random random = new Random(1);
		final ImageStack stack = new ImageStack(32, 32);
		for (int s = 0; s < 4; s++) {
			final ByteProcessor bp = new ByteProcessor(32, 32);
			for (int i = 0; i < 32 * 32; i++) bp.set(i, 20 + random.nextInt(200));
			stack.addSlice(bp);
		}
		save(new ImagePlus("stack8", stack), "stack8.tif");
		save(new ImagePlus("single", stack.getProcessor(1).duplicate()), "single.tif");
		final ImagePlus rgba = new ImagePlus("rgba1", stack.duplicate());
		rgba.setDimensions(4, 1, 1);
		save(new ij.CompositeImage(rgba, ij.CompositeImage.COMPOSITE), "rgba1.tif");
		final ImageStack nan = new ImageStack(32, 32), inf = new ImageStack(32, 32);
		for (int s = 1; s <= 4; s++) {
			final FloatProcessor a = (FloatProcessor) stack.getProcessor(s).convertToFloat();
			final FloatProcessor b = (FloatProcessor) a.duplicate();
			a.setf(3, 2, Float.NaN);
			b.setf(4, 1, Float.NEGATIVE_INFINITY);
			nan.addSlice(a);
			inf.addSlice(b);
		}
		save(new ImagePlus("nan", nan), "nan.tif");
		save(new ImagePlus("inf", inf), "inf.tif");
		final Path truncated = save(new ImagePlus("stack8", stack), "truncated.tif");
		RawTiff.cutTo(truncated, RawTiff.pixelOffset(truncated) + 3 * 32 * 32 + 100);
		Files.createDirectories(dir.resolve("withtruncated"));
		save(new ImagePlus("a", stack.getProcessor(1)), "withtruncated/a.tif");
		final Path b = save(new ImagePlus("b", stack.getProcessor(2)), "withtruncated/b.tif");
		RawTiff.cutTo(b, RawTiff.pixelOffset(b) + 500);
		RawTiff.write16(dir.resolve("signed.tif"), 16, 16, true, RawTiff.ramp(256, -100, 1), RawTiff.ramp(256, 50, 1));
		BrokenModels.withNanWeight(dir.resolve("nan.zip"));
		io.github.deblurnmf.net.DeblurNetwork.create(io.github.deblurnmf.net.Architecture.UNET, 1, 1, 1e-3, 0.1, 4).save(dir.resolve("identity.zip"),
			java.util.Map.of());
		Files.write(dir.resolve("notazip.zip"), "not a zip".getBytes(StandardCharsets.UTF_8));
		TrainingDatasets.make(dir.resolve("dataset"), 3, 2);
		final Path cut = TrainingDatasets.make(dir.resolve("cutdataset"), 3, 2);
		final Path tile = cut.resolve("blurred/0004.tif");
		RawTiff.cutTo(tile, RawTiff.pixelOffset(tile) + 100);
	}

	private static Path save(final ImagePlus image, final String name) {
		final Path file = dir.resolve(name);
		final FileSaver saver = new FileSaver(image);
		assertTrue(image.getStackSize() > 1 ? saver.saveAsTiffStack(file.toString()) : saver.saveAsTiff(file.toString()), "cannot write " + file);
		return file;
	}

	static Stream<Case> all() {
		return cases().stream();
	}

	@Test
	void theSuiteCountsItsCases() {
		assertEquals(COUNT, cases().size(), "update COUNT, which the display names show");
	}

	@ParameterizedTest(name = "case {index}/" + COUNT + ": {0}")
	@MethodSource("all")
	void failsWithOneErrorLineAndLeavesNothing(final Case c) throws IOException {
		final Path out = dir.resolve("out-" + Integer.toHexString((c.label + c.name).hashCode()));
		final String options = c.options.replace("{d}", dir.toString()).replace("{out}", out.toString());
		final ByteArrayOutputStream stdout = new ByteArrayOutputStream(), stderr = new ByteArrayOutputStream();
		final int exit = HeadlessRunner.run(new String[] { "--run", c.label, options }, new PrintStream(stdout, true, StandardCharsets.UTF_8),
			new PrintStream(stderr, true, StandardCharsets.UTF_8));
		final String err = stderr.toString(StandardCharsets.UTF_8), report = "exit " + exit + "\n--- err:\n" + err;
		assertEquals(c.exit, exit, report);
		assertEquals("", stdout.toString(StandardCharsets.UTF_8), report);
		final List<String> errors = Arrays.stream(err.split("\n")).filter(line -> line.startsWith("ERROR:")).collect(Collectors.toList());
		assertEquals(1, errors.size(), report);
		final String line = errors.get(0);
		assertTrue(line.startsWith("ERROR: " + c.label + ": "), line);
		for (final String word : c.words) assertTrue(line.toLowerCase(Locale.ROOT).contains(word.toLowerCase(Locale.ROOT)), "'" + word + "' missing from: " + line);
		assertFalse(err.contains("\tat ") || err.contains("Exception:") && !line.contains("Exception:"), "a stack trace:\n" + err);
		if (Files.exists(out)) {
			try (Stream<Path> left = Files.walk(out)) {
				assertEquals(List.of(out), left.collect(Collectors.toList()), "files left behind");
			}
		}
	}
}

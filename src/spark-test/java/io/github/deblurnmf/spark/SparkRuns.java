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

import static org.junit.jupiter.api.Assertions.assertEquals;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import io.github.deblurnmf.headless.HeadlessRunner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Runs the Spark runner and the headless runner in this JVM, capturing their output. */
final class SparkRuns {

	static final class Result {
		final int code;
		final String out, err;

		Result(final int code, final String out, final String err) {
			this.code = code;
			this.out = out;
			this.err = err;
		}

		List<String> errorLines() {
			return err.lines().filter(l -> l.startsWith("ERROR:")).collect(Collectors.toList());
		}

		String figure(final String key) {
			return out.lines().filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1)).findFirst().orElse(null);
		}
	}

	private SparkRuns() {}

	static Result spark(final String... args) {
		final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		final int code = SparkRunner.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		final Result r = new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
		System.err.println("spark " + String.join(" ", args) + " -> " + code + "\n" + r.out + r.err.lines().filter(l -> l.startsWith("ERROR") || l.startsWith("[")).collect(Collectors.joining("\n")));
		return r;
	}

	static Result headless(final String label, final String options) {
		final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		final int code = HeadlessRunner.run(new String[] { "--run", label, options }, new PrintStream(out, true, StandardCharsets.UTF_8),
			new PrintStream(err, true, StandardCharsets.UTF_8));
		final Result r = new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
		assertEquals(0, code, r.err);
		return r;
	}

	/** {@code count} small 8-bit images (smooth blobs, different per image) in {@code dir}. */
	static List<Path> images(final Path dir, final int count, final int width, final int height) throws IOException {
		Files.createDirectories(dir);
		final List<Path> paths = new ArrayList<>();
		for (int n = 0; n < count; n++) {
			final ij.process.ByteProcessor ip = new ij.process.ByteProcessor(width, height);
			for (int y = 0; y < height; y++) {
				for (int x = 0; x < width; x++) {
					final double v = 128 + 60 * Math.sin((x + 3 * n) / 5.0) * Math.cos((y - n) / 7.0) + 40 * ((x / 8 + y / 8 + n) % 2);
					ip.set(x, y, (int) Math.max(0, Math.min(255, v)));
				}
			}
			ip.blurGaussian(2);
			final Path p = dir.resolve(String.format("img%02d.tif", n));
			new ij.io.FileSaver(new ImagePlus("img" + n, ip)).saveAsTiff(p.toString());
			paths.add(p);
		}
		return paths;
	}

	static float[] pixels(final Path tif) {
		final ImagePlus image = IJ.openImage(tif.toString());
		final ImageStack stack = image.getStack();
		final int plane = image.getWidth() * image.getHeight();
		final float[] all = new float[plane * stack.getSize()];
		for (int s = 1; s <= stack.getSize(); s++) {
			final float[] p = (float[]) stack.getProcessor(s).convertToFloat().getPixels();
			System.arraycopy(p, 0, all, (s - 1) * plane, plane);
		}
		return all;
	}

	/** The numbers of a CSV file (header and first column dropped), row by row. */
	static double[] csvValues(final Path csv, final int dropColumns) throws IOException {
		final List<String> lines = Files.readAllLines(csv);
		final List<Double> values = new ArrayList<>();
		for (final String line : lines.subList(1, lines.size())) {
			final String[] f = line.split(",");
			for (int i = dropColumns; i < f.length; i++) values.add(Double.parseDouble(f[i]));
		}
		return values.stream().mapToDouble(Double::doubleValue).toArray();
	}

	static double relativeDifference(final float[] a, final float[] b) {
		assertEquals(a.length, b.length);
		double d = 0, s = 0;
		for (int i = 0; i < a.length; i++) {
			d += (a[i] - b[i]) * (double) (a[i] - b[i]);
			s += (double) a[i] * a[i];
		}
		return Math.sqrt(d / s);
	}

	static double relativeDifference(final double[] a, final double[] b) {
		assertEquals(a.length, b.length);
		double d = 0, s = 0;
		for (int i = 0; i < a.length; i++) {
			d += (a[i] - b[i]) * (a[i] - b[i]);
			s += a[i] * a[i];
		}
		return Math.sqrt(d / s);
	}
}

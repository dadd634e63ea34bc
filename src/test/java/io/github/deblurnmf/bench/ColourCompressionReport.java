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
package io.github.deblurnmf.bench;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import io.github.deblurnmf.io.ImageFiles;
import io.github.deblurnmf.metrics.ImageMetrics;
import io.github.deblurnmf.nmf.Nmf;
import io.github.deblurnmf.nmf.NmfDenoiser;
import io.github.deblurnmf.nmf.NmfOptions;
import io.github.deblurnmf.nmf.NmfResult;
import io.github.deblurnmf.task.TaskMonitor;

import java.awt.Color;
import java.awt.Font;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Colour image compression by patch NMF (not a unit test): an RGB photo cut into non-overlapping
 * p × p patches, each patch one column of A (p·p·3 values: the three channel planes of the patch),
 * factorized at several ranks; the image is W·H put back together. Compression ratio = values of
 * the image / values of W and H, r·(m + n); PSNR and SSIM (mean of the three channels) on [0, 1].
 * <p>
 * Arguments ({@code key=value}): {@code input} (default ../shared/data/photos/astronaut.png),
 * {@code out} (docs/figures), {@code patch} (8), {@code ranks} (1,2,4,8,16,32,64). Writes
 * {@code colour_compression.csv}, {@code colour_compression_plot.png} and
 * {@code colour_compression.png} (the original and the reconstructions at ranks 4, 16 and 64, shown at most 256 pixels wide). See docs/nmf-reports.md.
 */
public final class ColourCompressionReport {

	private ColourCompressionReport() {}

	public static void main(final String[] args) throws IOException {
		final Map<String, String> defaults = new LinkedHashMap<>();
		defaults.put("input", "../shared/data/photos/astronaut.png");
		defaults.put("out", "docs/figures");
		defaults.put("patch", "8");
		defaults.put("ranks", "1,2,4,8,16,32,64");
		final Map<String, String> a = BenchmarkArgs.parse(args, defaults);
		final ImagePlus photo = ImageFiles.open(new File(a.get("input")));
		if (photo.getType() != ImagePlus.COLOR_RGB) throw new IllegalArgumentException(a.get("input") + " is not an RGB image");
		final int patch = Integer.parseInt(a.get("patch"));
		// Whole patches only: the image is cropped to a multiple of the patch size.
		final int width = photo.getWidth() / patch * patch, height = photo.getHeight() / patch * patch;
		final float[] planes = planes((ColorProcessor) photo.getProcessor(), width, height);
		final INDArray matrix = NmfDenoiser.patches(planes, width, height, 3, patch, patch);
		final long values = 3L * width * height, m = matrix.rows(), n = matrix.columns();

		final File out = new File(a.get("out"));
		out.mkdirs();
		final List<String> csv = new ArrayList<>();
		csv.add("rank,compression_ratio,psnr,ssim,relative_error,iterations,seconds");
		final List<Double> ratios = new ArrayList<>(), psnrs = new ArrayList<>();
		final List<ImageProcessor> shown = new ArrayList<>();
		final List<String> captions = new ArrayList<>();
		shown.add(photo.getProcessor().crop().resize(width, height));
		captions.add("original " + width + "×" + height);
		final String[] ranks = a.get("ranks").split(",");
		for (final String text : ranks) {
			final int rank = Integer.parseInt(text.trim());
			final long start = System.nanoTime();
			final NmfResult result = Nmf.factorize(matrix, new NmfOptions().rank(rank), TaskMonitor.NONE);
			final double seconds = (System.nanoTime() - start) / 1e9;
			final float[] back = NmfDenoiser.averagePatches(result.reconstruction(), width, height, 3, patch, patch);
			for (int i = 0; i < back.length; i++) back[i] = Math.min(1, Math.max(0, back[i]));
			final double ratio = (double) values / (rank * (m + n));
			final double psnr = ImageMetrics.psnr(planes, back);
			double ssim = 0;
			for (int c = 0; c < 3; c++) {
				ssim += ImageMetrics.ssim(plane(planes, c, width * height), plane(back, c, width * height), width, height) / 3;
			}
			csv.add(String.format(Locale.ROOT, "%d,%.2f,%.3f,%.4f,%.5f,%d,%.2f", rank, ratio, psnr, ssim, result.last().relative,
				result.history().size() - 1, seconds));
			System.out.println(csv.get(csv.size() - 1));
			ratios.add(ratio);
			psnrs.add(psnr);
			if (rank == 4 || rank == 16 || rank == 64) {
				shown.add(toRgb(back, width, height));
				captions.add(String.format(Locale.ROOT, "rank %d: %.1f:1, %.1f dB", rank, ratio, psnr));
			}
		}
		Files.write(new File(out, "colour_compression.csv").toPath(), csv, StandardCharsets.UTF_8);

		final Plot plot = new Plot("Colour compression by patch NMF", "compression ratio (values of the image / values of W and H)", "PSNR (dB)");
		plot.setColor(Color.BLUE);
		plot.addPoints(ratios.stream().mapToDouble(Double::doubleValue).toArray(), psnrs.stream().mapToDouble(Double::doubleValue).toArray(),
			Plot.CONNECTED_CIRCLES);
		plot.setLogScaleX();
		plot.setLimits(ratios.stream().mapToDouble(Double::doubleValue).min().getAsDouble() / 1.5,
			ratios.stream().mapToDouble(Double::doubleValue).max().getAsDouble() * 1.5,
			Math.floor(psnrs.stream().mapToDouble(Double::doubleValue).min().getAsDouble() - 1),
			Math.ceil(psnrs.stream().mapToDouble(Double::doubleValue).max().getAsDouble() + 1));
		plot.addLabel(0.02, 0.08, "patch NMF of " + new File(a.get("input")).getName() + ", " + patch + "×" + patch + " patches, ranks " + a.get("ranks"));
		ImageIO.write(plot.getProcessor().getBufferedImage(), "png", new File(out, "colour_compression_plot.png"));
		ImageIO.write(montage(shown, captions).getBufferedImage(), "png", new File(out, "colour_compression.png"));
		System.out.println("wrote=" + out);
	}

	/** The three channel planes of an RGB image on [0, 1], red first, cropped to width × height. */
	private static float[] planes(final ColorProcessor rgb, final int width, final int height) {
		final float[] out = new float[3 * width * height];
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				final int c = rgb.get(x, y);
				final int i = y * width + x;
				out[i] = ((c >> 16) & 0xff) / 255f;
				out[width * height + i] = ((c >> 8) & 0xff) / 255f;
				out[2 * width * height + i] = (c & 0xff) / 255f;
			}
		}
		return out;
	}

	private static float[] plane(final float[] planes, final int c, final int size) {
		return java.util.Arrays.copyOfRange(planes, c * size, (c + 1) * size);
	}

	private static ColorProcessor toRgb(final float[] planes, final int width, final int height) {
		final ColorProcessor rgb = new ColorProcessor(width, height);
		final int size = width * height;
		for (int i = 0; i < size; i++) {
			final int r = Math.round(planes[i] * 255), g = Math.round(planes[size + i] * 255), b = Math.round(planes[2 * size + i] * 255);
			rgb.set(i % width, i / width, (r << 16) | (g << 8) | b);
		}
		return rgb;
	}

	/** The images side by side, each with its caption below. */
	private static ColorProcessor montage(final List<ImageProcessor> images, final List<String> captions) {
		final int w = Math.min(256, images.get(0).getWidth()), h = images.get(0).getHeight() * w / images.get(0).getWidth(), gap = 8, text = 24;
		final ColorProcessor out = new ColorProcessor(images.size() * (w + gap) - gap, h + text);
		out.setColor(Color.WHITE);
		out.fill();
		out.setColor(Color.BLACK);
		out.setFont(new Font("SansSerif", Font.PLAIN, 14));
		out.setAntialiasedText(true);
		for (int i = 0; i < images.size(); i++) {
			final ImageProcessor scaled = images.get(i).convertToRGB();
			scaled.setInterpolationMethod(ImageProcessor.BILINEAR);
			out.insert(scaled.resize(w, h, true), i * (w + gap), 0);
			out.drawString(captions.get(i), i * (w + gap) + 4, h + text - 6);
		}
		return out;
	}
}

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
package io.github.deblurnmf.train;

import io.github.deblurnmf.deblur.Dihedral;
import io.github.deblurnmf.deblur.GaussianPsf;
import io.github.deblurnmf.deblur.PlaneOperator;
import io.github.deblurnmf.deblur.PsfFirstStage;
import io.github.deblurnmf.deblur.RichardsonLucy;
import io.github.deblurnmf.deblur.WienerDeconvolution;
import io.github.deblurnmf.metrics.ImageMetrics;
import io.github.deblurnmf.net.DeblurNetwork;
import io.github.deblurnmf.bench.BenchmarkArgs;

import java.io.IOException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The table of issue 9 on held-out photos: blurred input, Wiener (the plugin's default K and the best K of a
 * grid, chosen on these tiles themselves), Richardson–Lucy, the blind U-Net and the PSF-aware network (with and
 * without 8-fold test-time augmentation), PSNR and SSIM at each σ, by the plugin's own metrics on [0, 1].
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.github.deblurnmf.train.DeblurTable \
 *   -Dexec.args="photos=/work/data/photos/heldout model=models/deblur-default.zip blind=models/blind/deblur-unet.zip"
 * </pre>
 * Tiles: the photos in gray at {@code scale} (½) of their size (BT.601 luma, 2×2 means, as {@link PhotoCrops} reads them,
 * then area averaging for another scale; above ½ from the originals in gray),
 * cut into non-overlapping {@code size × size} tiles (tiles with std &lt; 0.02 left out), each blurred from a
 * margin of the photo around it (no border effects), with noise of std {@code noise}, rounded to 8 bits. Each
 * method sees a tile alone (its own edges). PSNR from the MSE over all tiles' pixels, SSIM the mean over
 * tiles. Arguments: {@code photos}, {@code model} (a psf-unet zip; empty skips), {@code blind} (a blind
 * model zip; empty skips), {@code sigmas} (1.5,3,5), {@code kernels} (12,20,40: the windows of the blur and
 * of every method's PSF), {@code size} (160), {@code scale} (0.5, at most 1), {@code noise} (0), {@code seed} (1), {@code tta} (true).
 */
public final class DeblurTable {

	static final double[] NSR_GRID = { 1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1 };

	private DeblurTable() {}

	public static void main(final String[] args) throws IOException {
		final Map<String, String> defaults = new LinkedHashMap<>();
		defaults.put("photos", "/work/data/photos/heldout");
		defaults.put("model", "models/deblur-default.zip");
		defaults.put("blind", "");
		defaults.put("sigmas", "1.5,3,5");
		defaults.put("kernels", "12,20,40");
		defaults.put("size", "160");
		defaults.put("scale", "0.5");
		defaults.put("noise", "0");
		defaults.put("seed", "1");
		defaults.put("tta", "true");
		final Map<String, String> a = BenchmarkArgs.parse(args, defaults);
		final String[] sigmaText = a.get("sigmas").split(","), kernelText = a.get("kernels").split(",");
		final int size = Integer.parseInt(a.get("size"));
		final double scale = Double.parseDouble(a.get("scale"));
		if (!(scale > 0 && scale <= 1)) throw new IllegalArgumentException("scale must be in (0, 1], got " + scale);
		// The photos binned 2×2 as PhotoCrops reads them, unless the tiles need finer pixels; per: source pixels per tile pixel.
		final int binning = scale > 0.5 ? 1 : 2;
		final double per = 1 / (scale * binning);
		final double noise = Double.parseDouble(a.get("noise"));
		final DeblurNetwork psfNet = a.get("model").isEmpty() ? null : DeblurNetwork.load(Paths.get(a.get("model")));
		final DeblurNetwork blind = a.get("blind").isEmpty() ? null : DeblurNetwork.load(Paths.get(a.get("blind")));
		final boolean tta = Boolean.parseBoolean(a.get("tta"));
		final List<float[]> sharpBig = new ArrayList<>();
		final int margin = 64;
		final int side = size + 2 * margin;
		for (final PhotoCrops.Photo photo : PhotoCrops.readGray(Paths.get(a.get("photos")), binning)) {
			for (double y = 0; y + side * per <= photo.height; y += size * per)
				for (double x = 0; x + side * per <= photo.width; x += size * per) {
					final float[] big = PhotoCrops.resample(photo, x, y, side * per, side);
					if (PhotoCrops.std(PhotoCrops.center(big, side, margin, size)) >= 0.02) sharpBig.add(big);
				}
		}
		System.out.printf(Locale.ROOT, "# %d tiles of %dx%d from %s (scale %s, gray), noise %s, 8 bits%n", sharpBig.size(), size, size, a.get(
			"photos"), a.get("scale"), noise);
		System.out.println("sigma,kernel,method,psnr,ssim,seconds");
		for (int s = 0; s < sigmaText.length; s++) {
			final double sigma = Double.parseDouble(sigmaText[s]);
			final int kernel = Integer.parseInt(kernelText[s]);
			final GaussianPsf psf = PsfFirstStage.psf(sigma, kernel);
			final int m = psf.radius();
			final Random random = new Random(Long.parseLong(a.get("seed")) * 31 + s);
			final List<float[]> blurred = new ArrayList<>(), sharp = new ArrayList<>();
			for (final float[] big : sharpBig) {
				final float[] region = PhotoCrops.center(big, side, margin - m, size + 2 * m);
				blurred.add(PhotoCrops.degrade(region, size + 2 * m, psf.weights(), size, noise, random));
				sharp.add(PhotoCrops.center(big, side, margin, size));
			}
			final String prefix = String.format(Locale.ROOT, "%s,%d,", sigmaText[s], kernel);
			row(prefix + "blurred", (image, w, h) -> image.clone(), blurred, sharp, size);
			row(prefix + "wiener K=1e-3 (default)", new WienerDeconvolution(psf, WienerDeconvolution.DEFAULT_NOISE_TO_SIGNAL)::deconvolve, blurred,
				sharp, size);
			double best = Double.NEGATIVE_INFINITY, bestK = 0;
			for (final double k : NSR_GRID) {
				final double psnr = measure(new WienerDeconvolution(psf, k)::deconvolve, blurred, sharp, size)[0];
				if (psnr > best) {
					best = psnr;
					bestK = k;
				}
			}
			row(prefix + "wiener K=" + bestK + " (best of the grid)", new WienerDeconvolution(psf, bestK)::deconvolve, blurred, sharp, size);
			row(prefix + "richardson-lucy 30", new RichardsonLucy(psf, 30)::deconvolve, blurred, sharp, size);
			row(prefix + "richardson-lucy 100", new RichardsonLucy(psf, 100)::deconvolve, blurred, sharp, size);
			if (blind != null) row(prefix + "blind unet (" + a.get("blind") + ")", blind::predict, blurred, sharp, size);
			if (psfNet != null) {
				final PlaneOperator net = (image, w, h) -> psfNet.predict(image, w, h, sigma, kernel);
				row(prefix + "psf-unet (" + a.get("model") + ")", net, blurred, sharp, size);
				if (tta) row(prefix + "psf-unet tta", Dihedral.averaged(net, 1), blurred, sharp, size);
			}
		}
	}

	private static void row(final String what, final PlaneOperator operator, final List<float[]> blurred, final List<float[]> sharp, final int size) {
		final long start = System.nanoTime();
		final double[] m = measure(operator, blurred, sharp, size);
		System.out.printf(Locale.ROOT, "%s,%.2f,%.4f,%.1f%n", what, m[0], m[1], (System.nanoTime() - start) / 1e9);
	}

	/** {PSNR from the pooled MSE, mean SSIM}, the outputs clipped to [0, 1]. */
	static double[] measure(final PlaneOperator operator, final List<float[]> blurred, final List<float[]> sharp, final int size) {
		double mse = 0, ssim = 0;
		for (int i = 0; i < blurred.size(); i++) {
			final float[] out = operator.apply(blurred.get(i), size, size);
			for (int p = 0; p < out.length; p++) out[p] = Math.min(1, Math.max(0, out[p]));
			mse += ImageMetrics.mse(sharp.get(i), out) / blurred.size();
			ssim += ImageMetrics.ssim(sharp.get(i), out, size, size) / blurred.size();
		}
		return new double[] { 10 * Math.log10(1 / mse), ssim };
	}
}

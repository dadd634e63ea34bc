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

import ij.ImagePlus;
import io.github.deblurnmf.convert.FiniteValues;
import io.github.deblurnmf.convert.ImagePlusBridge;
import io.github.deblurnmf.io.ImageFiles;
import io.github.deblurnmf.io.OutputFolder;
import io.github.deblurnmf.metrics.ImageMetrics;
import io.github.deblurnmf.nmf.Nmf;
import io.github.deblurnmf.nmf.NmfAlgorithm;
import io.github.deblurnmf.nmf.NmfDenoiser;
import io.github.deblurnmf.nmf.NmfLoss;
import io.github.deblurnmf.nmf.NmfOptions;
import io.github.deblurnmf.task.UserInputException;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Denoises by low-rank NMF ({@link NmfDenoiser}): a stack through its W·H at a small rank, the
 * overlapping patches of all slices through one shared dictionary, or each image through the NMF
 * of its own patches. Rank 0 chooses the rank by an estimate of the result's error; mode auto chooses the mode.
 */
@Plugin(type = Command.class, label = "NMF Denoise", visible = false, attrs = @Attr(name = DeblurNmfCommand.NO_RECORD),
	description = "Denoise a stack (or an image, by patches) through a low-rank NMF reconstruction")
public class NmfDenoiseCommand extends DeblurNmfCommand {

	static final String LABEL = "NMF Denoise";

	// -- Parameters --

	@Parameter(label = "Input image or stack", description = "The noisy image or stack (8-, 16-, 32-bit or RGB)")
	private ImagePlus input;

	@Parameter(label = "Rank (0 = choose automatically)", min = "0",
		description = "Rank of the NMF reconstruction; 0 chooses it by an estimate of the error against the clean images (SURE)")
	private int rank = 0;

	@Parameter(label = "Mode", choices = { Choices.AUTO, Choices.STACK, Choices.POOLED, Choices.PATCHES },
		description = "auto: stack or pooled, whichever predicts held-out pixels better; stack: NMF across the slices;"
			+ " pooled: one NMF of the overlapping patches of all slices; patches: one NMF per image of its patches")
	private String mode = Choices.AUTO;

	@Parameter(label = "Patch size (pixels, patch modes)", min = "2", description = "Side of the square patches of the pooled and patches modes, in pixels")
	private int patch = NmfDenoiser.DEFAULT_PATCH;

	@Parameter(label = "Algorithm", choices = { Choices.HALS, Choices.MU }, description = "hals: fast coordinate descent; mu: Lee-Seung multiplicative updates")
	private String algorithm = Choices.HALS;

	@Parameter(label = "Maximum iterations", min = "1", description = "At most this many iterations per NMF")
	private int iterations = 500;

	@Parameter(label = "Random seed", description = "The same seed gives the same numbers")
	private long seed = 1;

	@Parameter(label = "Loss", choices = { Choices.FROBENIUS, Choices.KULLBACK_LEIBLER, Choices.ITAKURA_SAITO },
		description = "The divergence minimized: frobenius (least squares), kullback-leibler (photon counts), itakura-saito (positive data only); the last two need algorithm mu")
	private String loss = Choices.FROBENIUS;

	@Parameter(label = "Penalty on the bases (alpha W)", min = "0", stepSize = "0.1", required = false,
		description = "scikit-learn's alpha_W: the penalty on W, times the number of columns (images or patches); 0 = none")
	private double alphaw = 0;

	@Parameter(label = "Penalty on the coefficients (alpha H)", min = "0", stepSize = "0.1", required = false,
		description = "scikit-learn's alpha_H: the penalty on H, times the number of rows (pixels of an image or patch); 0 = none")
	private double alphah = 0;

	@Parameter(label = "L1 ratio of the penalties", min = "0", max = "1", stepSize = "0.1", required = false,
		description = "0 = L2 (ridge), 1 = L1 (sparse factors), between: a mix")
	private double l1ratio = 0;

	@Parameter(label = "Clean reference (optional, for PSNR)", required = false,
		description = "A clean image of the same size: PSNR and SSIM of the input and of the result are printed")
	private ImagePlus reference;

	@Parameter(label = "Output folder", style = "directory", required = false,
		description = "Write denoised.tif (and rank_sweep.csv) here instead of showing the result")
	private File outputdir;

	@Parameter(label = "Overwrite existing files", required = false, persist = false, description = "Replace output files that exist already")
	private boolean overwrite = false;

	@Parameter(type = ItemIO.OUTPUT, label = "Denoised")
	private ImagePlus denoised;

	@Parameter(type = ItemIO.OUTPUT, label = "Rank used")
	private int rank_used;

	@Parameter(type = ItemIO.OUTPUT, label = "Mode used")
	private String mode_used;

	@Parameter(type = ItemIO.OUTPUT, label = "PSNR (dB)")
	private Double psnr;

	@Parameter(type = ItemIO.OUTPUT, label = "SSIM")
	private Double ssim;

	@Parameter(type = ItemIO.OUTPUT, label = "PSNR of the input (dB)")
	private Double psnr_input;

	// -- DeblurNmfCommand methods --

	@Override
	protected void execute() throws IOException {
		// SciJava's DefaultValuePreprocessor sets null Number outputs to 0 before the run: without a
		// reference, the headless runner would print psnr=0.0, a real-looking figure.
		psnr = ssim = psnr_input = null;
		UserInputException.require(input != null, "No input image");
		final RandomAccessibleInterval<? extends RealType<?>> pixels = ImagePlusBridge.wrapImages(input);
		final long width = pixels.dimension(0), height = pixels.dimension(1), channels = pixels.dimension(2), images = pixels.dimension(3);
		final NmfDenoiser.Mode how = NmfDenoiser.Mode.fromKey(mode);
		NmfDenoiser.check(width, height, channels, images, how, rank, patch);
		FiniteValues.require(input, "input");
		if (reference != null) {
			FiniteValues.require(reference, "reference");
			ImagePlusBridge.requireComparable(reference, input);
		}
		UserInputException.require(iterations >= 1, "iterations must be at least 1, got " + iterations);
		final NmfOptions options = new NmfOptions().algorithm(NmfAlgorithm.fromKey(algorithm)).iterations(iterations).seed(seed)
			.loss(NmfLoss.fromKey(loss)).alphaW(alphaw).alphaH(alphah).l1Ratio(l1ratio).check();
		final float[] unit = ImagePlusBridge.toUnitFloats(pixels, 1);
		// on the images, so that an error names a slice, not one of the patches they are cut into
		Nmf.checkValues(unit, width * height * channels);
		if (options.loss == NmfLoss.ITAKURA_SAITO) Nmf.checkPositive(unit, width * height * channels);
		final List<String> names = new ArrayList<>(List.of("denoised.tif"));
		if (rank == 0) names.add("rank_sweep.csv");
		final OutputFolder folder = outputdir == null ? null : OutputFolder.prepare(LABEL, outputdir, overwrite, names,
			OutputFolder.inputPaths(input, reference));
		log().info("NMF Denoise: " + input.getTitle() + ", " + how.key() + " mode; " + describeBackend());

		final NmfDenoiser.Result denoisedStack = NmfDenoiser.denoise(unit, (int) width, (int) height, (int) channels,
			(int) images, how, rank, patch, options, monitor());
		rank_used = denoisedStack.rank;
		mode_used = denoisedStack.mode.key();
		final NmfDenoiser.RankSweep sweep = denoisedStack.sweep;
		if (denoisedStack.warning != null) log().warn("NMF Denoise: " + denoisedStack.warning);
		final Img<FloatType> result = ArrayImgs.floats(denoisedStack.values, width, height, channels, images);
		final ImagePlus unshaped = ImagePlusBridge.toImagePlus(result, "NMF denoised " + input.getTitle());
		ImagePlusBridge.copyLayout(input, unshaped);
		final ImagePlus output = ImagePlusBridge.displayLike(ImageFiles.displaySource(input), unshaped);
		if (reference != null) {
			final double max = ImagePlusBridge.comparedMaxValue(input, reference);
			final RandomAccessibleInterval<FloatType> clean = ImagePlusBridge.unitImages(reference, input);
			final ImageMetrics.Comparison after = ImageMetrics.compare(clean, ImagePlusBridge.scaled(result, max));
			psnr = after.psnr;
			ssim = after.ssim;
			psnr_input = ImageMetrics.compare(clean, ImagePlusBridge.scaled(pixels, max)).psnr;
		}
		log().info(String.format(Locale.ROOT, "NMF Denoise: %s mode, rank %d%s", mode_used, rank_used,
			psnr == null ? "" : String.format(Locale.ROOT, ", PSNR %.2f dB (input %.2f dB), SSIM %.4f", psnr, psnr_input, ssim)));
		if (folder != null) {
			try (OutputFolder.Staging out = folder.stage()) {
				out.writeTiff("denoised.tif", output);
				if (sweep != null) out.writeCsv("rank_sweep.csv", sweep.toCsv());
				out.commit();
			}
			log().info("NMF Denoise: wrote " + folder.path());
		}
		else {
			denoised = output;
		}
	}
}

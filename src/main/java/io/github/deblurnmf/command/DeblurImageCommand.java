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
import io.github.deblurnmf.convert.Normalization;
import io.github.deblurnmf.deblur.Dihedral;
import io.github.deblurnmf.deblur.GaussianPsf;
import io.github.deblurnmf.deblur.MeasuredPsf;
import io.github.deblurnmf.deblur.Psf;
import io.github.deblurnmf.deblur.ImageDeblur;
import io.github.deblurnmf.deblur.PsfFirstStage;
import io.github.deblurnmf.deblur.PlaneOperator;
import io.github.deblurnmf.deblur.RichardsonLucy;
import io.github.deblurnmf.deblur.TiledDeblur;
import io.github.deblurnmf.deblur.WienerDeconvolution;
import io.github.deblurnmf.io.ImageFiles;
import io.github.deblurnmf.io.OutputFolder;
import io.github.deblurnmf.metrics.ImageMetrics;
import io.github.deblurnmf.net.DeblurNetwork;
import io.github.deblurnmf.task.TaskMonitor;
import io.github.deblurnmf.task.UserInputException;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Deblurs an image or stack with a trained network (tiled, any size) or by classical
 * deconvolution with a Gaussian PSF (Wiener, Richardson–Lucy).
 */
@Plugin(type = Command.class, label = "Deblur Image", visible = false, attrs = @Attr(name = DeblurNmfCommand.NO_RECORD),
	description = "Deblur an image with a trained network, or by Wiener or Richardson-Lucy deconvolution")
public class DeblurImageCommand extends DeblurNmfCommand {

	static final String LABEL = "Deblur Image";

	/**
	 * For runners that deblur many images with one model (the Spark runner): while set on a thread, the
	 * runs of this command on that thread take their network from it instead of loading {@code model}
	 * for each image. Null (the default) loads the model as usual.
	 */
	public static final ThreadLocal<java.util.function.Supplier<DeblurNetwork>> NETWORK_SOURCE = new ThreadLocal<>();

	/** The smallest image (pixels, all planes) whose deblurring speed is printed as {@code megapixels_per_second}. */
	public static final long RATE_MIN_PIXELS = 1 << 20;

	/** The smallest Gaussian sigma the command takes, in pixels (the dialog's minimum too). */
	static final String MIN_SIGMA = "0.1";

	// -- Parameters --

	@Parameter(label = "Input image or stack", description = "The blurred image or stack (8-, 16-, 32-bit or RGB); stacks are deblurred slice by slice")
	private ImagePlus input;

	@Parameter(label = "Model (.zip, empty = the shipped default)", required = false, style = "open",
		description = "A model zip written by Train Deblur AE, for method network; empty = the model shipped in the plugin")
	private File model;

	@Parameter(label = "Method", choices = { Choices.NETWORK, Choices.WIENER, Choices.RICHARDSON_LUCY },
		description = "network: the trained network (model); wiener: Wiener deconvolution and richardson-lucy: Richardson-Lucy iterations, both with the Gaussian PSF of sigma and kernel, or the measured psf")
	private String method = Choices.NETWORK;

	@Parameter(label = "Blur sigma (pixels; classical methods, PSF-aware models)", min = MIN_SIGMA, stepSize = "0.1",
		description = "Standard deviation of the Gaussian PSF in pixels, for wiener, richardson-lucy and PSF-aware models (psf-unet)")
	private double sigma = GaussianPsf.DEFAULT_SIGMA;

	@Parameter(label = "Blur window in pixels (0 = ±4 sigma)", min = "0",
		description = "Width of the Gaussian window, as in Create Blurred Dataset (20: taps -10..10); 0 covers ±4 sigma (24 at sigma 3)")
	private int kernel = 0;

	@Parameter(label = "Noise-to-signal ratio (Wiener)", min = "1e-12", stepSize = "1e-4",
		description = "Wiener's noise-to-signal power ratio K, positive; larger values smooth more")
	private double nsr = WienerDeconvolution.DEFAULT_NOISE_TO_SIGNAL;

	@Parameter(label = "Iterations (Richardson-Lucy)", min = "1", description = "Richardson-Lucy iterations; more sharpen more and take longer")
	private int iterations = RichardsonLucy.DEFAULT_ITERATIONS;

	@Parameter(label = "Measured PSF (optional; wiener, richardson-lucy)", required = false,
		description = "An image of a point source (a bead), its background subtracted, to deconvolve with instead of the Gaussian of sigma and kernel: any shape, scaled to sum 1, centred at its intensity centroid")
	private ImagePlus psf;

	@Parameter(label = "Tile size (pixels, 0 = 512 + overlap)", min = "0",
		description = "Side of the square tiles the network sees, in pixels, at least 16; 0 = 512 + overlap, a step of 512 from tile to tile (halved when memory runs out)")
	private int tile = 0;

	@Parameter(label = "Tile overlap (pixels)", min = "0", description = "Pixels shared by neighbouring tiles, blended so that no seam shows")
	private int overlap = 32;

	@Parameter(label = "Test-time augmentation (network, 8× the time)", required = false,
		description = "Average the network's output over the 8 flips and quarter turns of each tile")
	private boolean tta = false;

	@Parameter(label = "Sharp reference (optional, for PSNR and SSIM)", required = false,
		description = "A sharp image of the same size: PSNR and SSIM of the input and of the result are printed")
	private ImagePlus reference;

	@Parameter(label = "Output folder", style = "directory", required = false,
		description = "Write deblurred.tif here instead of showing the result")
	private File outputdir;

	@Parameter(label = "Overwrite existing files", required = false, persist = false, description = "Replace output files that exist already")
	private boolean overwrite = false;

	@Parameter(type = ItemIO.OUTPUT, label = "Deblurred")
	private ImagePlus deblurred;

	@Parameter(type = ItemIO.OUTPUT, label = "PSNR (dB)")
	private Double psnr;

	@Parameter(type = ItemIO.OUTPUT, label = "SSIM")
	private Double ssim;

	@Parameter(type = ItemIO.OUTPUT, label = "PSNR of the input (dB)")
	private Double psnr_input;

	@Parameter(type = ItemIO.OUTPUT, label = "SSIM of the input")
	private Double ssim_input;

	@Parameter(type = ItemIO.OUTPUT, label = "Seconds (deblurring, without loading the model)")
	private double seconds;

	/** Only from {@link #RATE_MIN_PIXELS} on: on a smaller image the fixed start-up cost of the first tile decides the figure. */
	@Parameter(type = ItemIO.OUTPUT, label = "Megapixels per second")
	private Double megapixels_per_second;

	// -- DeblurNmfCommand methods --

	@Override
	protected void execute() throws IOException {
		// SciJava sets unset number outputs to 0 before a run; null keeps them from being printed.
		psnr = ssim = psnr_input = ssim_input = megapixels_per_second = null;
		UserInputException.require(input != null, "No input image");
		// NaN goes on to the PSF's own check, which names it
		UserInputException.require(psf != null || !(sigma < Double.parseDouble(MIN_SIGMA)), "sigma must be at least " + MIN_SIGMA
			+ " pixels, got " + sigma);
		final RandomAccessibleInterval<? extends RealType<?>> pixels = ImagePlusBridge.wrap(input);
		final int width = (int) pixels.dimension(0), height = (int) pixels.dimension(1);
		final int channels = (int) pixels.dimension(2), images = (int) pixels.dimension(3);
		FiniteValues.require(input, "input");
		if (reference != null) checkReference(reference, input);
		final TaskMonitor monitor = monitor();
		if (kernel == 1 && psf == null) log().warn(LABEL + ": kernel 1 is a single tap, a PSF that blurs nothing, so nothing is deblurred (0 covers ±4 sigma)");
		if (tta && !Choices.NETWORK.equalsIgnoreCase(method)) log().warn(LABEL + ": tta is for method=network; " + method + " is ignoring it");
		final PlaneOperator operator;
		final int operatorChannels;
		final String what;
		if (Choices.NETWORK.equalsIgnoreCase(method)) {
			UserInputException.require(psf == null, "psf is for method wiener or richardson-lucy: the network was trained on Gaussian blurs, give their sigma instead");
			final DeblurNetwork network = loadNetwork();
			network.requireChannels(input.getTitle(), channels);
			operatorChannels = network.channels();
			final String name = "network " + (model == null ? "(shipped default)" : model.getName()) + " (" + network.architecture().label();
			final String augmented = tta ? ", 8-fold test-time augmentation" : "";
			operator = network.operator(sigma, kernel, tta, Normalization.clipsOutput(input.getBitDepth())); // checks sigma and kernel
			if (network.usesPsf()) {
				final String outside = network.psfInput().outsideRange(sigma);
				if (outside != null) log().warn(LABEL + ": " + outside);
				what = name + ", sigma " + sigma + ", window " + PsfFirstStage.psf(sigma, kernel).kernel() + augmented + "); " + describeBackend();
			}
			else {
				what = name + augmented + "); " + describeBackend();
			}
		}
		else if (Choices.WIENER.equalsIgnoreCase(method) || Choices.RICHARDSON_LUCY.equalsIgnoreCase(method)) {
			final Psf blur = psf != null ? measured(psf) : PsfFirstStage.psf(sigma, kernel);
			operatorChannels = 1;
			if (Choices.WIENER.equalsIgnoreCase(method)) {
				operator = new WienerDeconvolution(blur, nsr)::deconvolve;
			}
			else {
				UserInputException.require(iterations >= 1, "iterations must be at least 1, got " + iterations);
				final RichardsonLucy rl = new RichardsonLucy(blur, iterations);
				operator = (image, w, h) -> rl.deconvolve(image, w, h, monitor);
			}
			what = method + " with " + blur.description() + (psf != null ? " (" + psf.getTitle() + ")" : "");
		}
		else {
			throw new UserInputException("method must be network, wiener or richardson-lucy, got '" + method + "'");
		}
		final double scale = ImagePlusBridge.maxValue(input);
		final ImageDeblur deblur = Choices.NETWORK.equalsIgnoreCase(method) ? ImageDeblur.tiled(operator, operatorChannels, tile, overlap, input.getBitDepth())
			: ImageDeblur.whole(operator, scale);
		final OutputFolder folder = outputdir == null ? null : OutputFolder.prepare(LABEL, outputdir, overwrite, List.of("deblurred.tif"),
			OutputFolder.inputPaths(input, reference));
		log().info("Deblur Image: " + input.getTitle() + " (" + width + "×" + height + "×" + channels + " channels×" + images + "), " + what);

		final int plane = width * height;
		final float[] all = new float[plane * channels * images];
		final long start = System.nanoTime();
		for (int n = 0; n < images; n++) {
			final float[] out = deblur.apply(ImagePlusBridge.toUnitFloats(Views.hyperSlice(pixels, 3, n), 1), width, height, channels, monitor);
			System.arraycopy(out, 0, all, n * channels * plane, out.length);
			monitor.progress(n + 1, images, "Deblurred image " + (n + 1) + "/" + images);
		}
		seconds = (System.nanoTime() - start) / 1e9;
		if ((long) plane * images >= RATE_MIN_PIXELS) megapixels_per_second = (double) plane * images / seconds / 1e6;
		final Finished finished = finish(input, reference, all);
		final ImagePlus output = finished.output;
		psnr = finished.psnr;
		ssim = finished.ssim;
		psnr_input = finished.psnrInput;
		ssim_input = finished.ssimInput;
		log().info(String.format(Locale.ROOT, "Deblur Image: %.2f s%s%s%s", seconds,
			megapixels_per_second == null ? "" : String.format(Locale.ROOT, ", %.2f megapixels/s", megapixels_per_second),
			deblur.tiles() == null ? "" : ", tiles of " + tileSides(deblur.tiles(), width, height) + " px",
			psnr == null ? "" : String.format(Locale.ROOT, ", PSNR %.2f dB (input %.2f dB), SSIM %.4f (input %.4f)", psnr, psnr_input, ssim, ssim_input)));
		if (folder != null) {
			try (OutputFolder.Staging out = folder.stage()) {
				out.writeTiff("deblurred.tif", output);
				out.commit();
			}
			log().info("Deblur Image: wrote " + folder.path());
		}
		else {
			deblurred = output;
		}
	}

	// -- The steps a runner that splits an image into bands of rows (the Spark runner) shares --

	/** Refuses a reference that is not finite or does not match {@code input} (its size, channels and planes). */
	public static void checkReference(final ImagePlus reference, final ImagePlus input) {
		FiniteValues.require(reference, "reference");
		ImagePlusBridge.requireComparable(reference, input);
	}

	/** The output image and, with a reference, its figures. */
	public static final class Finished {
		public final ImagePlus output;
		public final Double psnr, ssim, psnrInput, ssimInput;

		Finished(final ImagePlus output, final Double psnr, final Double ssim, final Double psnrInput, final Double ssimInput) {
			this.output = output;
			this.psnr = psnr;
			this.ssim = ssim;
			this.psnrInput = psnrInput;
			this.ssimInput = ssimInput;
		}
	}

	/**
	 * The deblurred image as Deblur Image shows and writes it, from {@code all} (the planes of
	 * {@code input} deblurred, channel by channel within each image): 32-bit, in {@code input}'s layout
	 * and display; and with a {@code reference}, PSNR and SSIM of the output and of {@code input}
	 * (which then needs all its pixels; without one, only its width, channels, slices, type and display
	 * are read, so a band of its rows will do).
	 */
	public static Finished finish(final ImagePlus input, final ImagePlus reference, final float[] all) {
		final RandomAccessibleInterval<? extends RealType<?>> pixels = ImagePlusBridge.wrap(input);
		final long[] dims = pixels.dimensionsAsLongArray();
		dims[1] = all.length / (dims[0] * dims[2] * dims[3]); // input may be a band of its rows, for its layout and display
		final RandomAccessibleInterval<net.imglib2.type.numeric.real.FloatType> result = ArrayImgs.floats(all, dims);
		final ImagePlus unshaped = ImagePlusBridge.toImagePlus(result, "Deblurred " + input.getTitle());
		ImagePlusBridge.copyLayout(input, unshaped);
		final ImagePlus output = ImagePlusBridge.displayLike(ImageFiles.displaySource(input), unshaped);
		if (reference == null) return new Finished(output, null, null, null, null);
		final double scale = ImagePlusBridge.comparedMaxValue(input, reference);
		final RandomAccessibleInterval<net.imglib2.type.numeric.real.FloatType> sharp = ImagePlusBridge.unitImages(reference, input);
		final ImageMetrics.Comparison after = ImageMetrics.compare(sharp, ImagePlusBridge.scaled(result, scale));
		final ImageMetrics.Comparison before = ImageMetrics.compare(sharp, ImagePlusBridge.scaled(pixels, scale));
		return new Finished(output, after.psnr, after.ssim, before.psnr, before.ssim);
	}

	/** The sides of the tiles an image of {@code width × height} is deblurred in: {@code 544}, or {@code 128×96} where they differ. */
	private static String tileSides(final TiledDeblur tiles, final int width, final int height) {
		final int w = tiles.side(width), h = tiles.side(height);
		return w == h ? String.valueOf(w) : w + "×" + h;
	}

	/** The PSF of a measured image: one gray plane. */
	private static MeasuredPsf measured(final ImagePlus image) {
		UserInputException.require(image.getBitDepth() != 24, "psf must be one gray plane (8-, 16- or 32-bit), got an RGB image: " + image.getTitle());
		UserInputException.require(image.getStackSize() == 1, "psf must be one gray plane (8-, 16- or 32-bit), got " + image.getTitle() + " with "
			+ image.getStackSize() + " planes");
		return MeasuredPsf.of(ImagePlusBridge.toUnitFloats(Views.hyperSlice(ImagePlusBridge.wrap(image), 3, 0), 1), image.getWidth(), image.getHeight());
	}

	private DeblurNetwork loadNetwork() throws IOException {
		final java.util.function.Supplier<DeblurNetwork> source = NETWORK_SOURCE.get();
		if (source != null) return source.get();
		if (model != null && !model.getPath().isEmpty()) {
			UserInputException.require(model.isFile(), "Model file not found: " + model);
			return DeblurNetwork.load(model.toPath());
		}
		return DeblurNetwork.loadDefault();
	}
}

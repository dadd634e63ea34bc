package io.github.deblurnmf.command;

import ij.ImagePlus;
import io.github.deblurnmf.convert.ImagePlusBridge;
import io.github.deblurnmf.convert.MatrixBridge;
import io.github.deblurnmf.io.OutputFolder;
import io.github.deblurnmf.nmf.Nmf;
import io.github.deblurnmf.nmf.NmfAlgorithm;
import io.github.deblurnmf.nmf.NmfDenoiser;
import io.github.deblurnmf.nmf.NmfOptions;
import io.github.deblurnmf.task.Nd4jInfo;
import io.github.deblurnmf.task.TaskMonitor;
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
import net.imglib2.view.Views;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Denoises by low-rank NMF: a stack through its W·H at a small rank, or each image through the
 * NMF of its overlapping patches, averaged back. Rank 0 chooses the rank by held-out pixels.
 */
@Plugin(type = Command.class, label = "NMF Denoise", attrs = @Attr(name = DeblurNmfCommand.NO_RECORD),
	description = "Denoise a stack (or an image, by patches) through a low-rank NMF reconstruction")
public class NmfDenoiseCommand extends DeblurNmfCommand {

	static final String LABEL = "NMF Denoise";

	/** Patch mode uses at most this many windows per image (the stride grows beyond). */
	private static final long MAX_PATCHES = 100_000;

	// -- Parameters --

	@Parameter(label = "Input image or stack")
	private ImagePlus input;

	@Parameter(label = "Rank (0 = choose automatically)", min = "0")
	private int rank = 0;

	@Parameter(label = "Mode", choices = { Choices.STACK, Choices.PATCHES },
		description = "stack: NMF across the slices; patches: NMF of each image's overlapping patches")
	private String mode = Choices.STACK;

	@Parameter(label = "Patch size (patches mode)", min = "2")
	private int patch = 8;

	@Parameter(label = "Algorithm", choices = { Choices.HALS, Choices.MU })
	private String algorithm = Choices.HALS;

	@Parameter(label = "Maximum iterations", min = "1")
	private int iterations = 500;

	@Parameter(label = "Random seed")
	private long seed = 1;

	@Parameter(label = "Clean reference (optional, for PSNR)", required = false)
	private ImagePlus reference;

	@Parameter(label = "Output folder", style = "directory", required = false,
		description = "Write denoised.tif (and rank_sweep.csv) here instead of showing the result")
	private File outputdir;

	@Parameter(label = "Overwrite existing files", required = false)
	private boolean overwrite = false;

	@Parameter(type = ItemIO.OUTPUT, label = "Denoised")
	private ImagePlus denoised;

	@Parameter(type = ItemIO.OUTPUT, label = "Rank used")
	private int rank_used;

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
		UserInputException.require(rank >= 0, "rank must be 0 (automatic) or more, got " + rank);
		final RandomAccessibleInterval<? extends RealType<?>> pixels = ImagePlusBridge.wrapImages(input);
		final long width = pixels.dimension(0), height = pixels.dimension(1), channels = pixels.dimension(2), images = pixels.dimension(3);
		final boolean patches = Choices.PATCHES.equalsIgnoreCase(mode);
		UserInputException.require(patches || Choices.STACK.equalsIgnoreCase(mode), "mode must be stack or patches, got '" + mode + "'");
		UserInputException.require(patches || images >= 2,
			"Stack mode needs a stack of at least 2 images; for a single image use mode=patches");
		if (patches) UserInputException.require(patch <= width && patch <= height, "patch " + patch + " is larger than the image (" + width + "×" + height + ")");
		if (rank > 0) Nmf.checkRank(rank, patches ? (long) patch * patch * channels : width * height * channels, patches ? Long.MAX_VALUE : images);
		if (reference != null) CompareImagesCommand.Comparison.checkReference(reference, input);
		final List<String> names = new ArrayList<>(List.of("denoised.tif"));
		if (rank == 0) names.add("rank_sweep.csv");
		final OutputFolder folder = outputdir == null ? null : OutputFolder.prepare(LABEL, outputdir, overwrite, names,
			OutputFolder.inputFolders(input, reference));
		final NmfOptions options = new NmfOptions().algorithm(NmfAlgorithm.fromKey(algorithm)).iterations(iterations).seed(seed);
		log().info("NMF Denoise: " + input.getTitle() + ", " + mode + " mode; " + Nd4jInfo.describe());

		final TaskMonitor monitor = monitor();
		NmfDenoiser.RankSweep sweep = null;
		final Img<FloatType> result;
		if (!patches) {
			final INDArray a = MatrixBridge.toMatrix(pixels);
			if (rank == 0) sweep = NmfDenoiser.chooseRank(a, options, monitor);
			rank_used = rank == 0 ? sweep.best() : rank;
			result = MatrixBridge.toStack(Nmf.factorize(a, options.rank(rank_used), monitor).reconstruction(), width, height, channels);
		}
		else {
			final int w = (int) width, h = (int) height, c = (int) channels;
			final int stride = NmfDenoiser.stride(w, h, patch, MAX_PATCHES);
			final float[] all = new float[w * h * c * (int) images];
			for (int n = 0; n < images; n++) {
				final float[] image = ImagePlusBridge.toUnitFloats(Views.hyperSlice(pixels, 3, n), 1);
				final INDArray a = NmfDenoiser.patches(image, w, h, c, patch, stride);
				if (sweep == null && rank == 0) sweep = NmfDenoiser.chooseRank(a, options, monitor);
				rank_used = rank == 0 ? sweep.best() : rank;
				final INDArray low = Nmf.factorize(a, options.copy().rank(rank_used), monitor).reconstruction();
				final float[] averaged = NmfDenoiser.averagePatches(low, w, h, c, patch, stride);
				System.arraycopy(averaged, 0, all, n * averaged.length, averaged.length);
			}
			result = ArrayImgs.floats(all, width, height, channels, images);
		}
		final ImagePlus output = ImagePlusBridge.toImagePlus(result, "NMF denoised " + input.getTitle());
		ImagePlusBridge.copySliceLabels(input, output);
		if (reference != null) {
			final double max = ImagePlusBridge.maxValue(input);
			final CompareImagesCommand.Comparison after = CompareImagesCommand.Comparison.of(reference, result, max);
			psnr = after.psnr;
			ssim = after.ssim;
			psnr_input = CompareImagesCommand.Comparison.of(reference, pixels, max).psnr;
		}
		log().info(String.format(Locale.ROOT, "NMF Denoise: rank %d%s", rank_used,
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

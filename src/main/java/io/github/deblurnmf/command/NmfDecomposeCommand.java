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

import ij.CompositeImage;
import ij.ImagePlus;
import ij.gui.Plot;
import ij.measure.Calibration;
import ij.measure.ResultsTable;
import io.github.deblurnmf.convert.FiniteValues;
import io.github.deblurnmf.convert.ImagePlusBridge;
import io.github.deblurnmf.convert.MatrixBridge;
import io.github.deblurnmf.io.ImageFiles;
import io.github.deblurnmf.io.OutputFolder;
import io.github.deblurnmf.nmf.DeepNmf;
import io.github.deblurnmf.nmf.DeepNmfResult;
import io.github.deblurnmf.nmf.ErrorRecord;
import io.github.deblurnmf.nmf.Nmf;
import io.github.deblurnmf.nmf.NmfAlgorithm;
import io.github.deblurnmf.nmf.NmfInit;
import io.github.deblurnmf.nmf.NmfLoss;
import io.github.deblurnmf.nmf.NmfOptions;
import io.github.deblurnmf.nmf.NmfResult;
import io.github.deblurnmf.task.UserInputException;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import net.imglib2.FinalInterval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Factors a stack A (pixels × images) ≈ W·H and shows the bases W as a stack, the coefficients
 * H as a table, the reconstruction and the error curve; with {@code layers}, deep NMF.
 */
@Plugin(type = Command.class, label = "NMF Decompose", visible = false, attrs = @Attr(name = DeblurNmfCommand.NO_RECORD),
	description = "Non-negative matrix factorization of an image stack: bases, coefficients, reconstruction")
public class NmfDecomposeCommand extends DeblurNmfCommand implements ImageDependentInputs {

	static final String LABEL = "NMF Decompose";

	// -- Parameters --

	@Parameter(label = "Input stack", description = "Each slice is one column of A; RGB slices put their 3 channels in the pixel axis")
	private ImagePlus input;

	@Parameter(label = "Rank", min = "1", description = "Number of components, 1 to min(pixels, images) (ignored when layers is set)")
	private int rank = 16;

	@Parameter(label = "Algorithm", choices = { Choices.HALS, Choices.MU }, description = "hals: fast coordinate descent; mu: Lee-Seung multiplicative updates")
	private String algorithm = Choices.HALS;

	@Parameter(label = "Deep NMF layers (e.g. 64,32,16)", required = false,
		description = "Decreasing ranks, comma-separated, for A = W1 W2 W3 H (deep NMF); overrides rank; empty for one layer")
	private String layers = "";

	@Parameter(label = "Maximum iterations", min = "0", description = "At most this many iterations (per layer for deep NMF)")
	private int iterations = 500;

	@Parameter(label = "Tolerance", min = "0", stepSize = "1e-4", description = "Stop once the best error so far fell by less than this fraction over the last 10 iterations; 0 = run all iterations")
	private double tolerance = 1e-4;

	@Parameter(label = "Initialization", choices = { Choices.NNDSVD, Choices.RANDOM },
		description = "nndsvd: from a randomized SVD of the stack (deterministic for a seed); random: uniform random factors")
	private String init = Choices.NNDSVD;

	@Parameter(label = "Random seed", description = "The same seed gives the same numbers")
	private long seed = 1;

	@Parameter(label = "Loss", choices = { Choices.FROBENIUS, Choices.KULLBACK_LEIBLER, Choices.ITAKURA_SAITO },
		description = "The divergence minimized: frobenius (least squares), kullback-leibler (photon counts), itakura-saito (positive data only); the last two need algorithm mu")
	private String loss = Choices.FROBENIUS;

	@Parameter(label = "Penalty on the bases (alpha W)", min = "0", stepSize = "0.1", required = false,
		description = "scikit-learn's alpha_W: the penalty on W, times the number of images; 0 = none")
	private double alphaw = 0;

	@Parameter(label = "Penalty on the coefficients (alpha H)", min = "0", stepSize = "0.1", required = false,
		description = "scikit-learn's alpha_H: the penalty on H, times the number of pixels; 0 = none")
	private double alphah = 0;

	@Parameter(label = "L1 ratio of the penalties", min = "0", max = "1", stepSize = "0.1", required = false,
		description = "0 = L2 (ridge), 1 = L1 (sparse factors), between: a mix")
	private double l1ratio = 0;

	@Parameter(label = "Last channel is opacity (2 or more channels)", required = false,
		description = "For images of 2 or more channels (RGBA as 4 channels): the last channel is an opacity mask, kept out of the factorization and put back on the results")
	private boolean alpha = false;

	@Parameter(label = "Montage of the bases", required = false,
		description = "Also the bases side by side in one image (bases_montage.tif), each on [0, 1] as in bases.tif")
	private boolean montage = false;

	@Parameter(label = "Output folder", style = "directory", required = false,
		description = "Write bases.tif, coefficients.csv, reconstruction.tif, error.csv here instead of showing them")
	private File outputdir;

	@Parameter(label = "Overwrite existing files", required = false, persist = false, description = "Replace output files that exist already")
	private boolean overwrite = false;

	@Parameter(type = ItemIO.OUTPUT, label = "NMF bases")
	private ImagePlus bases;

	@Parameter(type = ItemIO.OUTPUT, label = "NMF bases montage")
	private ImagePlus bases_montage;

	@Parameter(type = ItemIO.OUTPUT, label = "NMF reconstruction")
	private ImagePlus reconstruction;

	@Parameter(type = ItemIO.OUTPUT, label = "Relative error")
	private double relative;

	@Parameter(type = ItemIO.OUTPUT, label = "Frobenius error")
	private double frobenius;

	@Parameter(type = ItemIO.OUTPUT, label = "Iterations run")
	private int iterations_run;

	@Parameter(type = ItemIO.OUTPUT, label = "Milliseconds")
	private double millis;

	// -- DeblurNmfCommand methods --

	@Override
	protected void execute() throws IOException {
		UserInputException.require(input != null, "No input image");
		final RandomAccessibleInterval<? extends RealType<?>> all = ImagePlusBridge.wrapImages(input);
		UserInputException.require(!alpha || all.dimension(2) >= 2, "alpha=true needs an image whose last channel is the opacity (e.g. RGBA as 4 channels); "
			+ input.getTitle() + (input.getNChannels() > 1 ? " is a single plane of " + input.getNChannels() + " channels, which NMF Decompose reads as "
				+ input.getNChannels() + " images (a stack of such planes keeps its channels)" : " has 1 channel"));
		final long width = all.dimension(0), height = all.dimension(1), channels = all.dimension(2) - (alpha ? 1 : 0), images = all.dimension(3);
		final RandomAccessibleInterval<? extends RealType<?>> pixels = alpha ? Views.interval(all, new FinalInterval(width, height, channels, images)) : all;
		// The opacity stays out of A and goes back onto the images shown: per image on the
		// reconstruction, its mean over the images on the bases.
		final INDArray opacity = alpha ? MatrixBridge.toMatrix(Views.hyperSlice(all, 2, channels)) : null;
		FiniteValues.require(input, "input");
		UserInputException.require(images >= 2, "NMF Decompose needs a stack of at least 2 images; " + input.getTitle() + " has 1");
		final int[] deep = layers == null || layers.trim().isEmpty() ? null : DeepNmf.parseLayers(layers);
		final NmfOptions options = new NmfOptions().rank(deep == null ? rank : deep[0]).algorithm(NmfAlgorithm.fromKey(algorithm))
			.iterations(iterations).tolerance(tolerance).init(NmfInit.fromKey(init)).seed(seed)
			.loss(NmfLoss.fromKey(loss)).alphaW(alphaw).alphaH(alphah).l1Ratio(l1ratio).check();
		UserInputException.require(deep == null || options.loss == NmfLoss.FROBENIUS && !(alphaw > 0 || alphah > 0),
			"deep NMF (layers) takes loss=frobenius and no alphaw or alphah");
		Nmf.checkRank(deep == null ? "rank" : DeepNmf.FIRST_LAYER, options.rank, width * height * channels, images);
		final INDArray a = MatrixBridge.toMatrix(pixels);
		if (options.loss == NmfLoss.ITAKURA_SAITO) Nmf.checkPositive(a.data().asFloat(), width * height * channels);
		final OutputFolder folder = outputdir == null ? null : OutputFolder.prepare(LABEL, outputdir, overwrite, outputNames(deep, montage),
			OutputFolder.inputPaths(input));

		log().info("NMF Decompose: " + input.getTitle() + " as " + a.rows() + " pixels × " + a.columns() + " images, " +
			(deep == null ? options.algorithm.key() + " rank " + options.rank : "deep NMF layers " + layers) + "; " + describeBackend());
		final NmfResult result = deep == null ? Nmf.factorize(a, options, monitor()) : DeepNmf.factorize(a, deep, options, monitor());

		final ErrorRecord last = result.last();
		relative = last.relative;
		frobenius = last.frobenius;
		iterations_run = result.iterationsRun();
		millis = last.millis;
		log().info(String.format(Locale.ROOT, "NMF Decompose: relative error %.5f after %d iterations in %.0f ms", relative, iterations_run, millis));

		final SliceShape shape = new SliceShape(width, height, channels, input.getType() == ImagePlus.COLOR_RGB,
			opacity == null ? null : opacity.mean(1).reshape(width * height, 1), ImagePlusBridge.spatialCalibration(input));
		// Bases on [0, 1] (each its maximum 1), H in the input's units: the same W·H, bases that read alike.
		final NmfResult unit = result.withUnitMaxBases();
		final ImagePlus basesImage = shape.bases(unit.w(), "NMF bases of " + input.getTitle());
		final ImagePlus unshaped = shape.image(result.reconstruction(), opacity, "NMF reconstruction of " + input.getTitle());
		ImagePlusBridge.copyLayout(input, unshaped);
		final ImagePlus reconstructionImage = ImagePlusBridge.displayLike(ImageFiles.displaySource(input), unshaped);
		final ImagePlus montageImage = montage ? shape.montage(basesImage, "NMF bases montage of " + input.getTitle()) : null;
		if (folder != null) {
			try (OutputFolder.Staging out = folder.stage()) {
				out.writeTiff("bases.tif", basesImage);
				if (montageImage != null) out.writeTiff("bases_montage.tif", montageImage);
				out.writeCsv("coefficients.csv", coefficientsCsv(unit.h()));
				out.writeTiff("reconstruction.tif", reconstructionImage);
				out.writeCsv("error.csv", errorCsv(result.history()));
				if (result instanceof DeepNmfResult) {
					final List<INDArray> layerBases = ((DeepNmfResult) result).layerBases();
					for (int i = 0; i < layerBases.size(); i++) {
						out.writeTiff("layer" + (i + 1) + "_bases.tif",
							shape.bases(NmfResult.unitMaxColumns(layerBases.get(i)), "Layer " + (i + 1) + " bases of " + input.getTitle()));
					}
				}
				out.commit();
			}
			log().info("NMF Decompose: wrote " + folder.path());
			return;
		}
		bases = basesImage;
		bases_montage = montageImage;
		reconstruction = reconstructionImage;
		if (!isHeadless()) {
			ResultWindows.show(errorPlot(result.history(), input.getTitle()));
			final String table = "NMF coefficients of " + input.getTitle();
			coefficientsTable(unit.h()).show(table);
			final java.awt.Frame window = ij.WindowManager.getFrame(table);
			if (window != null) ResultWindows.place(window);
		}
	}

	// -- ImageDependentInputs methods --

	/** The rank's allowed range for {@code image}: 1 to min(pixels, images), as {@link Nmf#checkRank} checks it. */
	@Override
	public String label(final String key, final ImagePlus image) {
		final long[] dims = key.equals("rank") ? dimensions(image) : null;
		return dims == null ? null : "Rank (1 to " + Math.min(dims[0] * dims[1] * dims[2], dims[3]) + ")";
	}

	/** The opacity checkbox only for an image of 2 or more channels that is not packed RGB (which has no opacity). */
	@Override
	public boolean applies(final String key, final ImagePlus image) {
		if (!key.equals("alpha") || image == null) return true;
		final long[] dims = dimensions(image);
		return dims != null && dims[2] >= 2 && image.getType() != ImagePlus.COLOR_RGB;
	}

	/** Width, height, channels and images of {@code image} as the factorization sees it; null if it cannot take it. */
	private static long[] dimensions(final ImagePlus image) {
		if (image == null) return null;
		try {
			final RandomAccessibleInterval<? extends RealType<?>> all = ImagePlusBridge.wrapImages(image);
			return new long[] { all.dimension(0), all.dimension(1), all.dimension(2), all.dimension(3) };
		}
		catch (final UserInputException e) {
			return null;
		}
	}

	// -- Helper methods --

	private static List<String> outputNames(final int[] deep, final boolean montage) {
		final List<String> names = new ArrayList<>(List.of("bases.tif", "coefficients.csv", "reconstruction.tif", "error.csv"));
		if (montage) names.add("bases_montage.tif");
		if (deep != null) for (int i = 1; i <= deep.length; i++) names.add("layer" + i + "_bases.tif");
		return names;
	}

	/** How a column of A maps back onto an image: slice size, channels, and the opacity to restore. */
	static final class SliceShape {

		final long width, height, channels;
		final boolean rgb;
		/** Mean opacity over the images, (width·height) × 1, or null. */
		final INDArray meanOpacity;
		/** The input's pixel size and unit, which the bases share; their slices are components, not z or t. */
		final Calibration plane;

		SliceShape(final long width, final long height, final long channels, final boolean rgb, final INDArray meanOpacity,
			final Calibration spatial)
		{
			this.width = width;
			this.height = height;
			this.channels = channels;
			this.rgb = rgb;
			this.meanOpacity = meanOpacity;
			plane = spatial.copy();
			plane.pixelDepth = 1;
			plane.frameInterval = 0;
		}

		/**
		 * Bases W (pixels × k) as k images labelled "Component j" (with the channel's name when there are
		 * several), displayed on [0, 1]: W as {@link NmfResult#withUnitMaxBases} scales it. The opacity
		 * channel keeps its own range.
		 */
		ImagePlus bases(final INDArray w, final String title) {
			final ImagePlus image = image(w, meanOpacity == null ? null : Nd4j.tile(meanOpacity, 1, (int) w.columns()), title);
			final int perComponent = image.getNChannels();
			final List<String> names = channelNames();
			for (int j = 0; j < w.columns(); j++) {
				for (int c = 1; c <= perComponent; c++) {
					image.getStack().setSliceLabel("Component " + (j + 1) + (perComponent == 1 ? "" : ", " + names.get(c - 1)), j * perComponent + c);
				}
			}
			ImagePlusBridge.setDisplayRange(image, (int) channels, 0, 1);
			image.setCalibration(plane.copy());
			return image;
		}

		/** The montage of {@link #bases}' image {@code bases} ({@link BasesMontage}). */
		ImagePlus montage(final ImagePlus bases, final String title) {
			return BasesMontage.of(bases, channelNames(), title);
		}

		/** The names of the channels of an image of this shape: red, green, blue for RGB, then opacity if any. */
		List<String> channelNames() {
			final List<String> names = new ArrayList<>();
			for (int c = 1; c <= channels; c++) names.add(rgb && channels == 3 ? List.of("red", "green", "blue").get(c - 1) : "channel " + c);
			if (meanOpacity != null) names.add("opacity");
			return names;
		}

		/** Columns of {@code m} as images, the opacity (pixels × columns) as an extra last channel. */
		ImagePlus image(final INDArray m, final INDArray opacity, final String title) {
			final RandomAccessibleInterval<FloatType> stack = MatrixBridge.toStack(m, width, height, channels);
			final RandomAccessibleInterval<FloatType> all = opacity == null ? stack : Views.concatenate(2, stack, MatrixBridge.toStack(opacity, width, height, 1));
			final ImagePlus image = ImagePlusBridge.toImagePlus(all, title);
			return image.getNChannels() > 1 && (rgb || opacity != null) ? new CompositeImage(image, CompositeImage.COMPOSITE) : image;
		}
	}

	/** H: a row per component, a column per image. */
	static List<String> coefficientsCsv(final INDArray h) {
		final List<String> lines = new ArrayList<>();
		final StringBuilder header = new StringBuilder("component");
		for (int i = 1; i <= h.columns(); i++) header.append(",image").append(i);
		lines.add(header.toString());
		for (int j = 0; j < h.rows(); j++) {
			final StringBuilder row = new StringBuilder().append(j + 1);
			for (int i = 0; i < h.columns(); i++) row.append(',').append(h.getFloat(j, i));
			lines.add(row.toString());
		}
		return lines;
	}

	static List<String> errorCsv(final List<ErrorRecord> history) {
		final List<String> lines = new ArrayList<>();
		lines.add(ErrorRecord.CSV_HEADER);
		for (final ErrorRecord r : history) lines.add(r.toCsv());
		return lines;
	}

	private static ResultsTable coefficientsTable(final INDArray h) {
		final ResultsTable table = new ResultsTable();
		for (int j = 0; j < h.rows(); j++) {
			table.incrementCounter();
			table.addLabel("Component " + (j + 1));
			for (int i = 0; i < h.columns(); i++) table.addValue("Image " + (i + 1), h.getFloat(j, i));
		}
		return table;
	}

	private static Plot errorPlot(final List<ErrorRecord> history, final String title) {
		final double[] x = new double[history.size()], y = new double[history.size()];
		for (int i = 0; i < x.length; i++) {
			x[i] = history.get(i).iteration;
			y[i] = history.get(i).relative;
		}
		final Plot plot = new Plot("NMF error of " + title, "Iteration", "Relative error ‖A − WH‖ / ‖A‖");
		plot.add("line", x, y);
		plot.setLimitsToFit(false);
		return plot;
	}
}

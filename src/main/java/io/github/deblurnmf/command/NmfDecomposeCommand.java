package io.github.deblurnmf.command;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.measure.ResultsTable;
import io.github.deblurnmf.convert.ImagePlusBridge;
import io.github.deblurnmf.convert.MatrixBridge;
import io.github.deblurnmf.io.OutputFolder;
import io.github.deblurnmf.nmf.DeepNmf;
import io.github.deblurnmf.nmf.DeepNmfResult;
import io.github.deblurnmf.nmf.ErrorRecord;
import io.github.deblurnmf.nmf.Nmf;
import io.github.deblurnmf.nmf.NmfAlgorithm;
import io.github.deblurnmf.nmf.NmfInit;
import io.github.deblurnmf.nmf.NmfOptions;
import io.github.deblurnmf.nmf.NmfResult;
import io.github.deblurnmf.task.Nd4jInfo;
import io.github.deblurnmf.task.UserInputException;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Factors a stack A (pixels × images) ≈ W·H and shows the bases W as a stack, the coefficients
 * H as a table, the reconstruction and the error curve; with {@code layers}, deep NMF.
 */
@Plugin(type = Command.class, menuPath = DeblurNmfCommand.MENU + "NMF Decompose",
	description = "Non-negative matrix factorization of an image stack: bases, coefficients, reconstruction")
public class NmfDecomposeCommand extends DeblurNmfCommand {

	// -- Parameters --

	@Parameter(label = "Input stack", description = "Each slice is one column of A; RGB slices put their 3 channels in the pixel axis")
	private ImagePlus input;

	@Parameter(label = "Rank", min = "1", description = "Number of components (ignored when layers is set)")
	private int rank = 16;

	@Parameter(label = "Algorithm", choices = { Choices.HALS, Choices.MU }, description = "hals: fast coordinate descent; mu: Lee-Seung multiplicative updates")
	private String algorithm = Choices.HALS;

	@Parameter(label = "Deep NMF layers", required = false, description = "Decreasing sizes like 64,32,16 for A = W1 W2 W3 H; empty for one layer")
	private String layers = "";

	@Parameter(label = "Maximum iterations", min = "0")
	private int iterations = 500;

	@Parameter(label = "Tolerance", min = "0", stepSize = "1e-4", description = "Stop when the error improves by less than this fraction in one iteration")
	private double tolerance = 1e-4;

	@Parameter(label = "Initialization", choices = { Choices.NNDSVD, Choices.RANDOM })
	private String init = Choices.NNDSVD;

	@Parameter(label = "Random seed")
	private long seed = 1;

	@Parameter(label = "Output folder", style = "directory", required = false,
		description = "Write bases.tif, coefficients.csv, reconstruction.tif, error.csv here instead of showing them")
	private File outputdir;

	@Parameter(label = "Overwrite existing files", required = false)
	private boolean overwrite = false;

	@Parameter(type = ItemIO.OUTPUT, label = "NMF bases")
	private ImagePlus bases;

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
		final RandomAccessibleInterval<? extends RealType<?>> pixels = ImagePlusBridge.wrapImages(input);
		final long width = pixels.dimension(0), height = pixels.dimension(1), channels = pixels.dimension(2), images = pixels.dimension(3);
		UserInputException.require(images >= 2, "NMF Decompose needs a stack of at least 2 images; " + input.getTitle() + " has 1");
		final int[] deep = layers == null || layers.trim().isEmpty() ? null : DeepNmf.parseLayers(layers);
		final NmfOptions options = new NmfOptions().rank(deep == null ? rank : deep[0]).algorithm(NmfAlgorithm.fromKey(algorithm))
			.iterations(iterations).tolerance(tolerance).init(NmfInit.fromKey(init)).seed(seed);
		UserInputException.require(tolerance >= 0, "tolerance must not be negative");
		UserInputException.require(iterations >= 0, "iterations must not be negative");
		Nmf.checkRank(options.rank, width * height * channels, images);
		final OutputFolder folder = outputdir == null ? null : OutputFolder.prepare(outputdir, overwrite, outputNames(deep));

		final INDArray a = MatrixBridge.toMatrix(pixels);
		log().info("NMF Decompose: " + input.getTitle() + " as " + a.rows() + " pixels × " + a.columns() + " images, " +
			(deep == null ? options.algorithm.key() + " rank " + options.rank : "deep NMF layers " + layers) + "; " + Nd4jInfo.describe());
		final NmfResult result = deep == null ? Nmf.factorize(a, options, monitor()) : DeepNmf.factorize(a, deep, options, monitor());

		final ErrorRecord last = result.last();
		relative = last.relative;
		frobenius = last.frobenius;
		iterations_run = last.iteration;
		millis = last.millis;
		log().info(String.format(Locale.ROOT, "NMF Decompose: relative error %.5f after %d iterations in %.0f ms", relative, iterations_run, millis));

		final boolean rgb = input.getType() == ImagePlus.COLOR_RGB;
		final ImagePlus basesImage = basesImage(result.w(), width, height, channels, rgb, "NMF bases of " + input.getTitle());
		final ImagePlus reconstructionImage = ImagePlusBridge.toImagePlus(MatrixBridge.toStack(result.reconstruction(), width, height, channels),
			"NMF reconstruction of " + input.getTitle());
		ImagePlusBridge.copySliceLabels(input, reconstructionImage);
		if (folder != null) {
			folder.writeTiff("bases.tif", basesImage);
			folder.writeCsv("coefficients.csv", coefficientsCsv(result.h()));
			folder.writeTiff("reconstruction.tif", reconstructionImage);
			folder.writeCsv("error.csv", errorCsv(result.history()));
			if (result instanceof DeepNmfResult) {
				final List<INDArray> layerBases = ((DeepNmfResult) result).layerBases();
				for (int i = 0; i < layerBases.size(); i++) {
					folder.writeTiff("layer" + (i + 1) + "_bases.tif",
						basesImage(layerBases.get(i), width, height, channels, rgb, "Layer " + (i + 1) + " bases of " + input.getTitle()));
				}
			}
			log().info("NMF Decompose: wrote " + folder.path());
			return;
		}
		bases = basesImage;
		reconstruction = reconstructionImage;
		if (!isHeadless()) {
			coefficientsTable(result.h()).show("NMF coefficients of " + input.getTitle());
			errorPlot(result.history(), input.getTitle()).show();
		}
	}

	// -- Helper methods --

	private static List<String> outputNames(final int[] deep) {
		final List<String> names = new ArrayList<>(List.of("bases.tif", "coefficients.csv", "reconstruction.tif", "error.csv"));
		if (deep != null) for (int i = 1; i <= deep.length; i++) names.add("layer" + i + "_bases.tif");
		return names;
	}

	/** W (pixels × k) as k slices shaped like the input; RGB inputs give a 3-channel composite. */
	static ImagePlus basesImage(final INDArray w, final long width, final long height, final long channels, final boolean rgb, final String title) {
		final ImagePlus image = ImagePlusBridge.toImagePlus(MatrixBridge.toStack(w, width, height, channels), title);
		for (int j = 1; j <= w.columns(); j++) {
			for (int c = 1; c <= channels; c++) image.getStack().setSliceLabel("Component " + j, (int) ((j - 1) * channels + c));
		}
		return rgb ? new ij.CompositeImage(image, ij.CompositeImage.COMPOSITE) : image;
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

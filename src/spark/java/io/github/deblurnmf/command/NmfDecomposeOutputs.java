package io.github.deblurnmf.command;

import ij.ImagePlus;
import io.github.deblurnmf.io.OutputFolder;
import io.github.deblurnmf.nmf.NmfResult;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The output files of NMF Decompose for a factorization computed elsewhere (the Spark runner): the
 * same names and the same writers as {@link NmfDecomposeCommand} (bases scaled to a maximum of 1 and
 * shaped through its SliceShape, the CSV tables through its formatters). Without opacity and deep layers, which the Spark runner refuses.
 */
public final class NmfDecomposeOutputs {

	public static final String LABEL = NmfDecomposeCommand.LABEL;

	private NmfDecomposeOutputs() {}

	/** The names written: bases.tif, coefficients.csv, reconstruction.tif (when asked), error.csv, bases_montage.tif (when asked). */
	public static List<String> names(final boolean reconstruction, final boolean montage) {
		final List<String> names = new ArrayList<>(List.of("bases.tif", "coefficients.csv"));
		if (reconstruction) names.add("reconstruction.tif");
		names.add("error.csv");
		if (montage) names.add("bases_montage.tif");
		return names;
	}

	/** Writes the set into {@code out} (not committed). */
	public static void write(final OutputFolder.Staging out, final NmfResult result, final long width, final long height, final long channels,
		final boolean rgb, final String title, final boolean reconstruction, final boolean montage) throws IOException
	{
		final NmfDecomposeCommand.SliceShape shape = new NmfDecomposeCommand.SliceShape(width, height, channels, rgb, null);
		final NmfResult unit = result.withUnitMaxBases();
		final ImagePlus bases = shape.bases(unit.w(), "NMF bases of " + title);
		out.writeTiff("bases.tif", bases);
		if (montage) out.writeTiff("bases_montage.tif", shape.montage(bases, "NMF bases montage of " + title));
		out.writeCsv("coefficients.csv", NmfDecomposeCommand.coefficientsCsv(unit.h()));
		if (reconstruction) out.writeTiff("reconstruction.tif", shape.image(result.reconstruction(), null, "NMF reconstruction of " + title));
		out.writeCsv("error.csv", NmfDecomposeCommand.errorCsv(result.history()));
	}
}

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
import ij.measure.Calibration;
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
		// the tasks see pixels only: the bases, like the reconstruction, come out uncalibrated
		final NmfDecomposeCommand.SliceShape shape = new NmfDecomposeCommand.SliceShape(width, height, channels, rgb, null, new Calibration());
		final NmfResult unit = result.withUnitMaxBases();
		final ImagePlus bases = shape.bases(unit.w(), "NMF bases of " + title);
		out.writeTiff("bases.tif", bases);
		if (montage) out.writeTiff("bases_montage.tif", shape.montage(bases, "NMF bases montage of " + title));
		out.writeCsv("coefficients.csv", NmfDecomposeCommand.coefficientsCsv(unit.h()));
		if (reconstruction) out.writeTiff("reconstruction.tif", shape.image(result.reconstruction(), null, "NMF reconstruction of " + title));
		out.writeCsv("error.csv", NmfDecomposeCommand.errorCsv(result.history()));
	}
}

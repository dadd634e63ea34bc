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

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.io.FileInfo;
import ij.io.FileOpener;
import ij.io.TiffDecoder;
import io.github.deblurnmf.convert.FiniteValues;
import io.github.deblurnmf.convert.ImagePlusBridge;
import io.github.deblurnmf.convert.Normalization;
import io.github.deblurnmf.deblur.ImageDeblur;
import io.github.deblurnmf.deblur.PlaneOperator;
import io.github.deblurnmf.deblur.TiledDeblur;
import io.github.deblurnmf.net.DeblurNetwork;
import io.github.deblurnmf.task.TaskMonitor;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.Locale;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Deblur Image (method network) on an image too large for one task: its rows are split into bands
 * ({@link TiledDeblur#bands}), each band one task that reads only its rows of the TIFF (and the row of
 * tiles above, which the band before also computes) and deblurs them by
 * {@link ImageDeblur#deblurRows}, the command's own steps, with the whole planes'
 * normalizations. The bands put together are the command's result bit for bit. Bands can be read
 * straight from an uncompressed TIFF with one header (ImageJ's own, also for stacks) of 8-bit, 16-bit
 * unsigned, 32-bit float or RGB pixels; other inputs are deblurred whole, in one task.
 */
final class TileGroups {

	/** The Spark-only option: the most megapixels (counting every channel and slice) one task reads; 0 = never split. */
	static final String OPTION = "tilegroup";
	/**
	 * Bytes of task memory a pixel of a band takes, estimated: the band as read, as floats, its copy on the
	 * [0, 1] scale, the tiles' sums and weights, the band's output and its serialized copy (about 30 bytes),
	 * with room for the network's own memory on a tile (which does not grow with the band).
	 */
	static final long BYTES_PER_PIXEL = 64;

	private TileGroups() {}

	/** The most pixels (all channels and slices) one task reads: the option, else executor memory per core / {@link #BYTES_PER_PIXEL}. */
	static long limit(final String option, final org.apache.spark.SparkConf conf) {
		final String text = option == null ? "" : option.trim();
		if (!text.isEmpty()) {
			final double megapixels;
			try {
				megapixels = Double.parseDouble(text);
			}
			catch (final NumberFormatException e) {
				throw new io.github.deblurnmf.task.UserInputException(OPTION + " must be a number of megapixels (0 = never split), got '" + text + "'");
			}
			io.github.deblurnmf.task.UserInputException.require(megapixels >= 0 && Double.isFinite(megapixels),
				OPTION + " must be 0 or more megapixels, got " + text);
			return megapixels == 0 ? Long.MAX_VALUE : Math.max(1, (long) (megapixels * 1e6));
		}
		final long memory = conf.getSizeAsBytes("spark.executor.memory", "1g");
		final int cores = Math.max(1, conf.getInt("spark.executor.cores", 1));
		return memory / cores / BYTES_PER_PIXEL;
	}

	/** What the driver reads of a TIFF: its header only. */
	static FileInfo[] header(final HadoopFiles files, final Path path) throws IOException {
		final String name = path.getName();
		if (!name.toLowerCase(Locale.ROOT).matches(".*\\.tiff?")) return null;
		try {
			if (files.isLocal(path)) {
				final java.io.File f = HadoopFiles.localFile(path);
				return new TiffDecoder(f.getParent() + java.io.File.separator, f.getName()).getTiffInfo();
			}
			try (InputStream in = files.fs(path).open(path)) {
				return new TiffDecoder(in, name).getTiffInfo();
			}
		}
		catch (final IOException | RuntimeException e) {
			return null; // the task that opens it whole gives the reader's error
		}
	}

	/** Why {@code info} cannot be read band by band, or null if it can; {@code length} is the file's. */
	static String unreadable(final FileInfo[] info, final long length) {
		if (info == null || info.length == 0) return "not a TIFF";
		if (info.length > 1) return "a TIFF with a header per plane";
		final FileInfo fi = info[0];
		if (fi.compression != FileInfo.COMPRESSION_NONE) return "a compressed TIFF";
		if (fi.fileType != FileInfo.GRAY8 && fi.fileType != FileInfo.GRAY16_UNSIGNED && fi.fileType != FileInfo.GRAY32_FLOAT && fi.fileType != FileInfo.RGB) {
			return "a TIFF of pixel type " + fi.fileType + " (not 8-bit, 16-bit unsigned, 32-bit float or RGB)";
		}
		if (fi.whiteIsZero) return "a white-is-zero TIFF";
		final long rowBytes = (long) fi.width * fi.getBytesPerPixel(), plane = rowBytes * fi.height;
		if (fi.stripOffsets != null && fi.stripOffsets.length > 1) {
			long next = fi.getOffset();
			for (int i = 0; i < fi.stripOffsets.length; i++) {
				if ((fi.stripOffsets[i] & 0xffffffffL) != next) return "a TIFF whose strips are not contiguous";
				next += fi.stripLengths[i] & 0xffffffffL;
			}
		}
		final int images = Math.max(1, fi.nImages);
		if (images > 1 && plane + fi.gapBetweenImages > Integer.MAX_VALUE) return "a stack of planes over 2 GB";
		if (fi.getOffset() + images * plane + (images - 1L) * fi.gapBetweenImages > length) return "a TIFF shorter than its header says";
		return null;
	}

	/**
	 * Rows {@code [from, to)} of every plane of a band-readable TIFF, as ImageJ's opener gives the whole
	 * image (type, LUT, layout, the display range of the header's description), but {@code to − from} high.
	 */
	static ImagePlus openRows(final HadoopFiles files, final Path path, final FileInfo header, final int from, final int to) throws IOException {
		final FileInfo fi = (FileInfo) header.clone();
		final long rowBytes = (long) fi.width * fi.getBytesPerPixel();
		fi.longOffset = header.getOffset() + from * rowBytes;
		fi.offset = 0;
		fi.height = to - from;
		fi.gapBetweenImages = (int) (header.gapBetweenImages + (header.height - fi.height) * rowBytes);
		fi.stripOffsets = null;
		fi.stripLengths = null;
		fi.rowsPerStrip = 0;
		final FileSystem fs = files.fs(path);
		try (InputStream in = fs.open(path)) {
			fi.inputStream = in;
			ImagePlus imp = new FileOpener(fi).openImage();
			if (imp == null) throw new IOException("Cannot read rows " + from + "-" + to + " of " + path);
			// As ImageJ's Opener does after FileOpener for a TIFF: channels with a mode become a composite.
			final int c = imp.getNChannels();
			final boolean composite = c > 1 && fi.description != null && fi.description.contains("mode=");
			if (c > 1 && (imp.getOpenAsHyperStack() || composite) && !imp.isComposite() && imp.getType() != ImagePlus.COLOR_RGB) {
				int mode = IJ.COLOR;
				if (fi.description != null && fi.description.contains("mode=composite")) mode = IJ.COMPOSITE;
				else if (fi.description != null && fi.description.contains("mode=gray")) mode = IJ.GRAYSCALE;
				imp = new CompositeImage(imp, mode);
			}
			imp.setTitle(path.getName());
			return imp;
		}
	}

	/** One image split into bands of rows, with what every band's task needs. */
	static final class Plan implements Serializable {
		private static final long serialVersionUID = 1L;
		SparkDeblur.Job job;
		int width, height, channels, images, bitDepth;
		int tile, overlap, kernel;
		/** The network's side multiple ({@link PlaneOperator#sideMultiple()}), for planning the tiles on the driver, which does not load it. */
		int sideMultiple = 1;
		double sigma;
		boolean tta;
		/** Band starts, the height at the end. */
		int[] bounds;
		/** The minimum and maximum of each plane's channels (image n, channel c at n × channels + c); null when not needed. */
		double[][] ranges;

		int bands() {
			return bounds.length - 1;
		}

		/** The tiling of a band's task with its network, or with none the same tiling for planning the bands. */
		TiledDeblur tiles(final DeblurNetwork network) {
			return new TiledDeblur(network == null ? planning(sideMultiple) : network.operator(sigma, kernel, tta, Normalization.clipsOutput(bitDepth)),
				network == null ? 1 : network.channels(), tile, overlap);
		}

		private static PlaneOperator planning(final int sideMultiple) {
			return PlaneOperator.withSideMultiple(sideMultiple, (image, width, height) -> {
				throw new IllegalStateException("plans tiles only");
			});
		}
	}

	/** The minimum and maximum of each plane's channels over the band's own rows (the pre-pass for 32-bit planes). */
	static double[][] ranges(final Plan plan, final int band, final HadoopFiles files) throws IOException {
		final Path path = new Path(plan.job.input);
		final ImagePlus rows = openRows(files, path, header(files, path)[0], plan.bounds[band], plan.bounds[band + 1]);
		final RandomAccessibleInterval<? extends RealType<?>> pixels = ImagePlusBridge.wrap(rows);
		final double[][] ranges = new double[plan.images * plan.channels][];
		for (int n = 0; n < plan.images; n++) {
			final float[] image = ImagePlusBridge.toUnitFloats(Views.hyperSlice(pixels, 3, n), 1);
			final int plane = image.length / plan.channels;
			for (int c = 0; c < plan.channels; c++) ranges[n * plan.channels + c] = Normalization.range(image, c * plane, plane);
		}
		return ranges;
	}

	static double[][] merge(final double[][] a, final double[][] b) {
		final double[][] m = new double[a.length][];
		for (int i = 0; i < a.length; i++) m[i] = new double[] { Math.min(a[i][0], b[i][0]), Math.max(a[i][1], b[i][1]) };
		return m;
	}

	/**
	 * One band's task: rows {@code [bounds[band], bounds[band + 1])} of every plane deblurred, image by
	 * image and channel by channel ({@code images × channels × rows × width}), in the input's units.
	 */
	static float[] deblur(final Plan plan, final int band, final HadoopFiles files, final DeblurNetwork network) throws IOException {
		final Path path = new Path(plan.job.input);
		final TiledDeblur tiles = plan.tiles(network);
		final int r0 = plan.bounds[band], r1 = plan.bounds[band + 1];
		final int[] in = tiles.inputRows(r0, r1, plan.height);
		final ImagePlus rows = openRows(files, path, header(files, path)[0], in[0], in[1]);
		FiniteValues.require(rows, "input", in[0]);
		network.requireChannels(path.getName(), plan.channels);
		final RandomAccessibleInterval<? extends RealType<?>> pixels = ImagePlusBridge.wrap(rows);
		final int outPlanes = plan.channels * (r1 - r0) * plan.width;
		final float[] out = new float[plan.images * outPlanes];
		for (int n = 0; n < plan.images; n++) {
			final float[] image = ImagePlusBridge.toUnitFloats(Views.hyperSlice(pixels, 3, n), 1);
			final Normalization[] normalizations = new Normalization[plan.channels];
			for (int c = 0; c < plan.channels; c++) {
				final double[] range = plan.ranges == null ? new double[2] : plan.ranges[n * plan.channels + c];
				normalizations[c] = Normalization.of(plan.bitDepth, range[0], range[1]);
			}
			final float[] part = ImageDeblur.deblurRows(tiles, network.channels(), image, normalizations, plan.width, plan.height, in[0], r0, r1,
				TaskMonitor.NONE);
			System.arraycopy(part, 0, out, n * outPlanes, outPlanes);
		}
		return out;
	}

	/** Puts band {@code band}'s output ({@link #deblur}) into its rows of {@code all} (every plane, {@code images × channels × height × width}). */
	static void place(final Plan plan, final int band, final float[] part, final float[] all) {
		final int r0 = plan.bounds[band], rows = plan.bounds[band + 1] - r0, plane = plan.width * plan.height, partPlane = rows * plan.width;
		for (int p = 0; p < plan.images * plan.channels; p++) System.arraycopy(part, p * partPlane, all, p * plane + r0 * plan.width, partPlane);
	}
}

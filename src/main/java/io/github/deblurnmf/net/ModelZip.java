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
package io.github.deblurnmf.net;

import io.github.deblurnmf.io.AtomicFiles;
import io.github.deblurnmf.task.UserInputException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * A model's zip: DL4J's ModelSerializer zip (weights, configuration, Adam's state) with one more entry,
 * {@value #METADATA_ENTRY}, our JSON: the format, the network's description and the training metadata.
 * Its JSON goes through DL4J's own (shaded) Jackson, which the zip's other entries need anyway.
 */
final class ModelZip {

	/** The zip entry holding our JSON; ModelSerializer's own entries sit beside it. */
	static final String METADATA_ENTRY = "deblurnmf.json";
	private static final String FORMAT = "deblurnmf-network";
	private static final int FORMAT_VERSION = 1;
	private static final ObjectMapper JSON = new ObjectMapper();

	private ModelZip() {}

	/**
	 * Writes {@code graph} with the JSON entry ({@code network}: the network's description, {@code metadata}: values that
	 * Jackson can write). Written to a temporary file in the same folder, then moved over {@code zip}, so a failed save
	 * leaves any previous file intact.
	 */
	static void write(final ComputationGraph graph, final Path zip, final Map<String, Object> network, final Map<String, Object> metadata)
		throws IOException
	{
		final Path target = zip.toAbsolutePath();
		final Path folder = target.getParent();
		if (folder != null) Files.createDirectories(folder);
		final Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("format", FORMAT);
		entry.put("version", FORMAT_VERSION);
		entry.put("network", network);
		entry.put("metadata", metadata);
		final byte[] json = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(entry);

		// Not Files.createTempFile: its files are private (mode 600), and the model is moved into place.
		final Path model = AtomicFiles.tempSibling(target, ".model.tmp");
		try {
			AtomicFiles.write(target, combined -> {
				ModelSerializer.writeModel(graph, model.toFile(), true);
				try (ZipFile source = new ZipFile(model.toFile());
					OutputStream file = Files.newOutputStream(combined);
					ZipOutputStream out = new ZipOutputStream(file))
				{
					out.putNextEntry(new ZipEntry(METADATA_ENTRY));
					out.write(json);
					out.closeEntry();
					final Enumeration<? extends ZipEntry> entries = source.entries();
					while (entries.hasMoreElements()) {
						final ZipEntry item = entries.nextElement();
						out.putNextEntry(new ZipEntry(item.getName()));
						try (InputStream in = source.getInputStream(item)) {
							in.transferTo(out);
						}
						out.closeEntry();
					}
				}
			});
		}
		finally {
			Files.deleteIfExists(model);
			AtomicFiles.forget(model);
		}
	}

	/**
	 * Reads and checks the JSON entry of {@code zip}: its format, and a {@code network} map.
	 *
	 * @throws UserInputException if the file is missing, not a zip, corrupt, or not a Deblur NMF model
	 */
	static Map<String, Object> read(final Path zip) throws IOException {
		if (!Files.isRegularFile(zip)) throw new UserInputException("Model file not found: " + zip);
		final Map<String, Object> entry;
		try (ZipFile file = new ZipFile(zip.toFile())) {
			final ZipEntry metadataEntry = file.getEntry(METADATA_ENTRY);
			if (metadataEntry == null) {
				throw new UserInputException("Not a Deblur NMF model (no " + METADATA_ENTRY + " inside): " + zip);
			}
			final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			try (InputStream in = file.getInputStream(metadataEntry)) {
				in.transferTo(bytes);
			}
			entry = JSON.readValue(bytes.toByteArray(), new TypeReference<LinkedHashMap<String, Object>>() {});
		}
		catch (final ZipException e) {
			throw new UserInputException("Not a valid model zip (not a zip file, or corrupt): " + zip, e);
		}
		catch (final IOException e) {
			if (e instanceof java.nio.file.NoSuchFileException) throw e;
			throw new UserInputException("Cannot read the model's metadata in " + zip + ": " + e.getMessage(), e);
		}
		if (!FORMAT.equals(entry.get("format")) || !(entry.get("network") instanceof Map)) {
			throw new UserInputException("Not a Deblur NMF model (unknown metadata format): " + zip);
		}
		return entry;
	}

	/** The network of {@code zip}, with finite weights. */
	static ComputationGraph graph(final Path zip) {
		final ComputationGraph graph;
		try {
			graph = restore(zip);
		}
		catch (final IOException | RuntimeException e) {
			throw new UserInputException("Corrupt model zip (the network cannot be read): " + zip + " (" + e
				.getMessage() + ")", e);
		}
		requireFiniteWeights(graph, zip);
		return graph;
	}

	/**
	 * Refuses a network with a NaN or infinite weight (a diverged training): it would turn every image
	 * into NaN.
	 */
	static void requireFiniteWeights(final ComputationGraph graph, final Path zip) {
		final INDArray params = graph.params();
		if (params == null || params.isEmpty()) return;
		final float[] values = params.castTo(DataType.FLOAT).data().asFloat();
		long bad = 0;
		for (final float v : values) if (!Float.isFinite(v)) bad++;
		if (bad > 0) {
			throw new UserInputException("The model's network has " + bad + " NaN or infinite weight(s) of " + values.length
				+ " (its training diverged): " + zip + "; train it again with a smaller learningrate");
		}
	}

	/**
	 * Reads the graph; one saved in NHWC is rebuilt with DL4J's oneDNN helpers off, whose NHWC backward pass
	 * is wrong (see {@link Architectures#NEW_FORMAT}).
	 */
	private static ComputationGraph restore(final Path zip) throws IOException {
		Backend.setUp();
		final ComputationGraph graph = ModelSerializer.restoreComputationGraph(zip.toFile(), true);
		if (Architectures.formatOf(graph) == CNN2DFormat.NCHW) return graph;
		synchronized (ModelZip.class) {
			final String setting = System.getProperty(Backend.HELPERS_DISABLE_PROPERTY);
			System.setProperty(Backend.HELPERS_DISABLE_PROPERTY, "true");
			try {
				return ModelSerializer.restoreComputationGraph(zip.toFile(), true);
			}
			finally {
				if (setting == null) System.clearProperty(Backend.HELPERS_DISABLE_PROPERTY);
				else System.setProperty(Backend.HELPERS_DISABLE_PROPERTY, setting);
			}
		}
	}
}

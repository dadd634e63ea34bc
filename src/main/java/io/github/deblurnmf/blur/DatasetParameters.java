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
package io.github.deblurnmf.blur;

import io.github.deblurnmf.metrics.GaussianFilter;
import io.github.deblurnmf.task.UserInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;


/**
 * How a blurred dataset is made, and what it holds: the contents of its {@code dataset.json}.
 * <p>
 * The JSON object has {@code creator} ({@value #CREATOR}), {@code format} ({@value #FORMAT}),
 * the parameters {@code input}, {@code size}, {@code kernel}, {@code taps}, {@code sigma},
 * {@code noise}, {@code grayscale}, {@code seed}, then {@code channels} (1 or 3), {@code pairs},
 * {@code skipped}, and {@code tiles}: one object per pair, in numbering order, with
 * {@code number}, {@code sharp} and {@code blurred} (paths relative to the dataset folder),
 * {@code source} (file name or image title), {@code slice} (1-based), {@code x}, {@code y}
 * (the tile's top-left corner in the source image).
 */
public final class DatasetParameters {

	/** The marker that a folder is a dataset made by this plugin. */
	public static final String CREATOR = "Deblur NMF";

	/** The version of the dataset.json layout. */
	public static final int FORMAT = 1;

	/** The file name inside a dataset folder. */
	public static final String FILE_NAME = "dataset.json";

	/** The smallest blur sigma a dataset takes, in pixels (Create Blurred Dataset's minimum). */
	public static final double MIN_SIGMA = 0.01;

	/** Where one pair comes from. */
	public static final class Tile {

		public final int number;
		public final String source;
		public final int slice, x, y;

		public Tile(final int number, final String source, final int slice, final int x, final int y) {
			this.number = number;
			this.source = source;
			this.slice = slice;
			this.x = x;
			this.y = y;
		}

		/** The sharp tile's path relative to the dataset folder: {@code sharp/0001.tif}. */
		public String sharp() {
			return "sharp/" + fileName(number);
		}

		/** The blurred tile's path relative to the dataset folder: {@code blurred/0001.tif}. */
		public String blurred() {
			return "blurred/" + fileName(number);
		}
	}

	public final String input;
	public final int size;
	public final int kernel;
	public final double sigma;
	public final double noise;
	public final boolean grayscale;
	public final long seed;
	/** Filled in by the creator; empty before. */
	public final List<Tile> tiles;
	public final int skipped;

	/**
	 * The parameters of a dataset to make.
	 *
	 * @throws UserInputException if a value is out of range
	 */
	public DatasetParameters(final String input, final int size, final int kernel, final double sigma, final double noise,
		final boolean grayscale, final long seed)
	{
		this(input, size, kernel, sigma, noise, grayscale, seed, List.of(), 0);
	}

	private DatasetParameters(final String input, final int size, final int kernel, final double sigma, final double noise,
		final boolean grayscale, final long seed, final List<Tile> tiles, final int skipped)
	{
		UserInputException.require(size >= 1, "size must be at least 1, got " + size);
		UserInputException.require(kernel >= 1 && kernel <= GaussianFilter.MAX_WINDOW, GaussianFilter.windowMessage(kernel));
		UserInputException.require(sigma >= MIN_SIGMA && Double.isFinite(sigma), "sigma must be at least " + MIN_SIGMA + " pixels, got " + sigma);
		UserInputException.require(noise >= 0 && Double.isFinite(noise), "noise must be 0 or more, got " + noise);
		UserInputException.require(noise <= 1, "noise must be at most 1, got " + noise + ": it is a fraction of the value range (5 of 255 gray levels is 0.02)");
		this.input = input == null ? "" : input;
		this.size = size;
		this.kernel = kernel;
		this.sigma = sigma;
		this.noise = noise;
		this.grayscale = grayscale;
		this.seed = seed;
		this.tiles = Collections.unmodifiableList(new ArrayList<>(tiles));
		this.skipped = skipped;
	}

	/** These parameters with the pairs made and the number of source images skipped. */
	public DatasetParameters withTiles(final List<Tile> made, final int skippedImages) {
		return new DatasetParameters(input, size, kernel, sigma, noise, grayscale, seed, made, skippedImages);
	}

	/** The number of taps of the blur kernel: {@code 2·⌊kernel/2⌋ + 1}, 21 for the seed's 20. */
	public int taps() {
		return 2 * (kernel / 2) + 1;
	}

	/** 1 for gray, 3 for RGB. */
	public int channels() {
		return grayscale ? 1 : 3;
	}

	/** The number of pairs. */
	public int pairs() {
		return tiles.size();
	}

	/** The file name of pair {@code number}: 0001.tif, …, 9999.tif, 10000.tif, …. */
	public static String fileName(final int number) {
		return String.format(Locale.ROOT, "%04d.tif", number);
	}

	// -- JSON --

	private static final Gson JSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

	/** The dataset.json text. */
	public String toJson() {
		final JsonObject root = new JsonObject();
		root.addProperty("creator", CREATOR);
		root.addProperty("format", FORMAT);
		root.addProperty("input", input);
		root.addProperty("size", size);
		root.addProperty("kernel", kernel);
		root.addProperty("taps", taps());
		root.addProperty("sigma", sigma);
		root.addProperty("noise", noise);
		root.addProperty("grayscale", grayscale);
		root.addProperty("seed", seed);
		root.addProperty("channels", channels());
		root.addProperty("pairs", pairs());
		root.addProperty("skipped", skipped);
		final JsonArray list = new JsonArray();
		for (final Tile t : tiles) {
			final JsonObject node = new JsonObject();
			node.addProperty("number", t.number);
			node.addProperty("sharp", t.sharp());
			node.addProperty("blurred", t.blurred());
			node.addProperty("source", t.source);
			node.addProperty("slice", t.slice);
			node.addProperty("x", t.x);
			node.addProperty("y", t.y);
			list.add(node);
		}
		root.add("tiles", list);
		return JSON.toJson(root) + "\n";
	}

	/**
	 * Reads a dataset's parameters: {@code path} is the dataset folder or its dataset.json.
	 *
	 * @throws UserInputException if there is no dataset.json, or it is not one made by this plugin
	 *           in a format this version reads
	 */
	public static DatasetParameters read(final Path path) throws IOException {
		final Path file = Files.isDirectory(path) ? path.resolve(FILE_NAME) : path;
		UserInputException.require(Files.isRegularFile(file), "Not a Deblur NMF dataset (no " + FILE_NAME + "): " + path);
		final JsonElement parsed;
		try {
			parsed = parse(file);
		}
		catch (final JsonParseException e) {
			throw new UserInputException("Not a Deblur NMF dataset (unreadable " + FILE_NAME + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())
				+ "): " + file);
		}
		UserInputException.require(isOurs(parsed), "Not a Deblur NMF dataset (" + FILE_NAME + " without \"creator\": \"" + CREATOR + "\"): " + file);
		final JsonObject root = parsed.getAsJsonObject();
		final int format = optionalInt(root, "format", -1);
		UserInputException.require(format == FORMAT, "Dataset format " + format + " is not supported (this version reads format " + FORMAT + "): " + file);
		try {
			final List<Tile> tiles = new ArrayList<>();
			final JsonElement list = root.get("tiles");
			if (list != null && list.isJsonArray()) {
				for (final JsonElement element : list.getAsJsonArray()) {
					UserInputException.require(element.isJsonObject(), "a tile that is not an object");
					final JsonObject t = element.getAsJsonObject();
					tiles.add(new Tile(required(t, "number").getAsInt(), optionalText(t, "source", ""), optionalInt(t, "slice", 1), optionalInt(t, "x", 0),
						optionalInt(t, "y", 0)));
				}
			}
			final DatasetParameters p = new DatasetParameters(optionalText(root, "input", ""), required(root, "size").getAsInt(), required(root, "kernel")
				.getAsInt(), required(root, "sigma").getAsDouble(), required(root, "noise").getAsDouble(), bool(required(root, "grayscale")),
				required(root, "seed").getAsLong(), tiles, optionalInt(root, "skipped", 0));
			final int pairs = optionalInt(root, "pairs", -1);
			UserInputException.require(p.pairs() == pairs, "Dataset " + file + " lists " + p.pairs() + " tiles but says pairs=" + root.get("pairs"));
			return p;
		}
		catch (final UserInputException | NumberFormatException | UnsupportedOperationException e) {
			throw new UserInputException("Invalid " + FILE_NAME + " (" + e.getMessage() + "): " + file);
		}
	}

	/** Whether {@code file} is a readable dataset.json that says it was made by this plugin. */
	static boolean isOurs(final Path file) {
		try {
			return isOurs(parse(file));
		}
		catch (final IOException | JsonParseException e) {
			return false;
		}
	}

	private static JsonElement parse(final Path file) throws IOException {
		return JsonParser.parseString(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
	}

	private static boolean isOurs(final JsonElement root) {
		if (root == null || !root.isJsonObject()) return false;
		final JsonElement creator = root.getAsJsonObject().get("creator");
		return creator != null && creator.isJsonPrimitive() && CREATOR.equals(creator.getAsString());
	}

	/** A value that must be there and be a number, text or boolean. */
	private static JsonPrimitive required(final JsonObject node, final String key) {
		final JsonElement value = node.get(key);
		if (value == null || !value.isJsonPrimitive()) throw new UserInputException("missing \"" + key + "\"");
		return value.getAsJsonPrimitive();
	}

	private static int optionalInt(final JsonObject node, final String key, final int absent) {
		final JsonElement value = node.get(key);
		if (value == null || !value.isJsonPrimitive()) return absent;
		try {
			return value.getAsInt();
		}
		catch (final NumberFormatException e) {
			return absent;
		}
	}

	private static String optionalText(final JsonObject node, final String key, final String absent) {
		final JsonElement value = node.get(key);
		return value == null || !value.isJsonPrimitive() ? absent : value.getAsString();
	}

	/** A boolean as Jackson's asBoolean read it: true, or the text "true". */
	private static boolean bool(final JsonPrimitive value) {
		return value.isBoolean() ? value.getAsBoolean() : "true".equalsIgnoreCase(value.getAsString().trim());
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "size %d, kernel %d (%d taps), sigma %s, noise %s, %s, seed %d", size, kernel, taps(), sigma, noise,
			grayscale ? "gray" : "RGB", seed);
	}
}

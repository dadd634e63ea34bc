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

import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

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
		UserInputException.require(sigma > 0 && Double.isFinite(sigma), "sigma must be positive, got " + sigma);
		UserInputException.require(noise >= 0 && Double.isFinite(noise), "noise must be 0 or more, got " + noise);
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

	private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

	/** The dataset.json text. */
	public String toJson() {
		final ObjectNode root = JSON.createObjectNode();
		root.put("creator", CREATOR);
		root.put("format", FORMAT);
		root.put("input", input);
		root.put("size", size);
		root.put("kernel", kernel);
		root.put("taps", taps());
		root.put("sigma", sigma);
		root.put("noise", noise);
		root.put("grayscale", grayscale);
		root.put("seed", seed);
		root.put("channels", channels());
		root.put("pairs", pairs());
		root.put("skipped", skipped);
		final ArrayNode list = root.putArray("tiles");
		for (final Tile t : tiles) {
			final ObjectNode node = list.addObject();
			node.put("number", t.number);
			node.put("sharp", t.sharp());
			node.put("blurred", t.blurred());
			node.put("source", t.source);
			node.put("slice", t.slice);
			node.put("x", t.x);
			node.put("y", t.y);
		}
		try {
			return JSON.writeValueAsString(root) + "\n";
		}
		catch (final JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
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
		final JsonNode root;
		try {
			root = JSON.readTree(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
		}
		catch (final JsonProcessingException e) {
			throw new UserInputException("Not a Deblur NMF dataset (unreadable " + FILE_NAME + ": " + e.getOriginalMessage() + "): " + file);
		}
		UserInputException.require(isOurs(root), "Not a Deblur NMF dataset (" + FILE_NAME + " without \"creator\": \"" + CREATOR + "\"): " + file);
		final int format = root.path("format").asInt(-1);
		UserInputException.require(format == FORMAT, "Dataset format " + format + " is not supported (this version reads format " + FORMAT + "): " + file);
		try {
			final List<Tile> tiles = new ArrayList<>();
			for (final JsonNode t : root.path("tiles")) {
				tiles.add(new Tile(required(t, "number").asInt(), t.path("source").asText(""), t.path("slice").asInt(1), t.path("x").asInt(), t.path("y").asInt()));
			}
			final DatasetParameters p = new DatasetParameters(root.path("input").asText(""), required(root, "size").asInt(), required(root, "kernel").asInt(),
				required(root, "sigma").asDouble(), required(root, "noise").asDouble(), required(root, "grayscale").asBoolean(), required(root, "seed").asLong(),
				tiles, root.path("skipped").asInt(0));
			UserInputException.require(p.pairs() == root.path("pairs").asInt(-1), "Dataset " + file + " lists " + p.pairs() + " tiles but says pairs=" + root.path("pairs"));
			return p;
		}
		catch (final UserInputException e) {
			throw new UserInputException("Invalid " + FILE_NAME + " (" + e.getMessage() + "): " + file);
		}
	}

	/** Whether {@code file} is a readable dataset.json that says it was made by this plugin. */
	static boolean isOurs(final Path file) {
		try {
			return isOurs(JSON.readTree(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)));
		}
		catch (final IOException e) {
			return false;
		}
	}

	private static boolean isOurs(final JsonNode root) {
		return root != null && root.isObject() && CREATOR.equals(root.path("creator").asText(null));
	}

	private static JsonNode required(final JsonNode node, final String key) {
		final JsonNode value = node.get(key);
		if (value == null || value.isNull() || value.isContainerNode()) throw new UserInputException("missing \"" + key + "\"");
		return value;
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "size %d, kernel %d (%d taps), sigma %s, noise %s, %s, seed %d", size, kernel, taps(), sigma, noise,
			grayscale ? "gray" : "RGB", seed);
	}
}

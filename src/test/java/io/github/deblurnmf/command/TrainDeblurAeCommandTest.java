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

import static io.github.deblurnmf.command.CommandRuns.assertNotCreated;
import static io.github.deblurnmf.command.CommandRuns.fails;
import static io.github.deblurnmf.command.CommandRuns.lines;
import static io.github.deblurnmf.command.CommandRuns.numbers;
import static io.github.deblurnmf.command.CommandRuns.quoted;
import static io.github.deblurnmf.command.CommandRuns.succeeds;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import io.github.deblurnmf.blur.DatasetParameters;
import io.github.deblurnmf.metrics.ImageMetrics;
import io.github.deblurnmf.net.DeblurNetwork;
import io.github.deblurnmf.train.Trainer;
import io.github.deblurnmf.train.TrainingDatasets;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Train Deblur AE through the headless runner; tiny: 6 pairs of 32×32 (2 for validation), base width 4. */
class TrainDeblurAeCommandTest {

	private static final String TRAIN = "Train Deblur AE";

	@TempDir
	Path tmp;

	private Path dataset;

	@BeforeEach
	void makeDataset() {
		dataset = TrainingDatasets.make(tmp.resolve("data"), 3, 2);
	}

	/** Tiny defaults, each unless {@code more} gives that key. */
	private String options(final Path model, final String more) {
		final StringBuilder options = new StringBuilder("model=" + quoted(model));
		for (final String option : new String[] { "dataset=" + quoted(dataset), "epochs=2", "batch=2", "validation=0.34", "basewidth=4",
			"learningrate=0.01", "seed=2" })
		{
			final String key = option.substring(0, option.indexOf('=') + 1);
			if (!more.startsWith(key) && !more.contains(", " + key)) options.append(", ").append(option);
		}
		return options + (more.isEmpty() ? "" : ", " + more);
	}

	/** The tile as floats on [0, 1]. */
	private float[] tile(final String relative) {
		return unitTile(dataset.resolve(relative));
	}

	/** An 8-bit tile as floats on [0, 1]. */
	static float[] unitTile(final Path file) {
		final ImagePlus image = IJ.openImage(file.toString());
		final byte[] pixels = (byte[]) image.getProcessor().getPixels();
		final float[] values = new float[pixels.length];
		for (int i = 0; i < values.length; i++) values[i] = (pixels[i] & 0xff) / 255f;
		return values;
	}

	/**
	 * The loss of the blurred training tiles (all but the model's validation pairs) against their sharp ones:
	 * an untrained U-Net returns its input (its correction starts at zero) and a batch's loss is taken before
	 * its step, so with one step of all training pairs this is the first epoch's training loss (flips and
	 * quarter turns change neither MSE nor SSIM).
	 */
	static double blurredTilesLoss(final Path dataset, final Path model, final double ssimWeight) throws IOException {
		final List<?> validation = (List<?>) DeblurNetwork.load(model).metadata().get("validationPairs");
		final List<float[]> inputs = new java.util.ArrayList<>(), targets = new java.util.ArrayList<>();
		for (final DatasetParameters.Tile t : DatasetParameters.read(dataset).tiles) {
			if (validation.stream().anyMatch(v -> ((Number) v).intValue() == t.number)) continue;
			inputs.add(unitTile(dataset.resolve(t.blurred())));
			targets.add(unitTile(dataset.resolve(t.sharp())));
		}
		assertEquals(4, inputs.size(), "the tiny dataset's training pairs");
		return figures(inputs.toArray(new float[0][]), targets.toArray(new float[0][]), ssimWeight)[0];
	}

	/**
	 * {loss, PSNR, SSIM} of gray 32×32 predictions against their targets, worked out here from the contract's
	 * definitions, not by the trainer's code: the mean over images of {@code MSE + w·(1 − SSIM)}, PSNR from
	 * the MSE over all pixels (peak 1), SSIM the mean over images; SSIM by {@link ImageMetrics#ssim}, which
	 * ImageMetricsTest checks against scikit-image.
	 */
	static double[] figures(final float[][] predictions, final float[][] targets, final double ssimWeight) {
		double loss = 0, squares = 0, ssimSum = 0;
		long pixels = 0;
		for (int i = 0; i < predictions.length; i++) {
			double imageSquares = 0;
			for (int p = 0; p < predictions[i].length; p++) {
				final double d = (double) predictions[i][p] - targets[i][p];
				imageSquares += d * d;
			}
			final double ssim = ImageMetrics.ssim(targets[i], predictions[i], 32, 32);
			loss += imageSquares / predictions[i].length + ssimWeight * (1 - ssim);
			ssimSum += ssim;
			squares += imageSquares;
			pixels += predictions[i].length;
		}
		return new double[] { loss / predictions.length, 10 * Math.log10(1 / (squares / pixels)), ssimSum / predictions.length };
	}

	@Test
	void writesModelAndTableWithTheBestEpoch() throws IOException {
		final Path model = tmp.resolve("out/model.zip");
		final Map<String, String> values = succeeds(TRAIN, options(model, "")).values();
		final List<String> csv = lines(tmp.resolve("out/model_training.csv"));
		assertEquals("epoch,train_loss,validation_loss,validation_psnr,validation_ssim,seconds,steps", csv.get(0));
		final double[][] rows = numbers(csv);
		assertEquals(2, rows.length);
		assertEquals(1, rows[0][0]);
		assertEquals(2, rows[1][0]);
		assertEquals(2, rows[0][6], "2 steps per epoch (4 training pairs, batch 2), counted cumulatively");
		assertEquals(4, rows[1][6]);
		final int best = rows[0][2] <= rows[1][2] ? 0 : 1;
		assertEquals(String.valueOf(best + 1), values.get("best_epoch"));
		assertEquals("2", values.get("epochs_run"));
		assertEquals("4", values.get("steps"));
		assertEquals(rows[best][3], Double.parseDouble(values.get("validation_psnr")));
		assertEquals(rows[best][4], Double.parseDouble(values.get("validation_ssim")));
		assertEquals(rows[1][1], Double.parseDouble(values.get("train_loss")));

		final DeblurNetwork network = DeblurNetwork.load(model);
		final Map<String, Object> metadata = network.metadata();
		assertEquals("Train Deblur AE", metadata.get("tool"));
		assertEquals("unet", metadata.get("architecture"));
		assertEquals(32, ((Number) metadata.get("inputSize")).intValue());
		assertEquals(best + 1, ((Number) metadata.get("bestEpoch")).intValue());
		assertEquals(2, ((List<?>) metadata.get("history")).size());
		assertEquals(6, ((Number) ((Map<?, ?>) metadata.get("dataset")).get("pairs")).intValue());
		assertTrue(metadata.get("normalization").toString().contains("255"));

		// The best epoch's PSNR is that of the saved network on the validation pairs.
		final List<?> validation = (List<?>) metadata.get("validationPairs");
		assertEquals(2, validation.size());
		final float[][] predictions = new float[2][], targets = new float[2][];
		for (int i = 0; i < 2; i++) {
			final String name = DatasetParameters.fileName(((Number) validation.get(i)).intValue());
			predictions[i] = network.predict(tile("blurred/" + name), 32, 32);
			targets[i] = tile("sharp/" + name);
		}
		final double[] measured = figures(predictions, targets, 0.1);
		assertEquals(measured[0], rows[best][2], 1e-9, "validation loss");
		assertEquals(measured[1], rows[best][3], 1e-9, "validation PSNR");
		assertEquals(measured[2], rows[best][4], 1e-12, "validation SSIM");
		assertTrue(measured[1] > 10 && measured[1] < 60 && measured[2] > 0 && measured[2] <= 1, java.util.Arrays.toString(measured));
		try (Stream<Path> files = Files.list(tmp.resolve("out"))) {
			assertEquals(List.of("model.zip", "model_training.csv"), files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
		}
	}

	/** With one step of all 4 training pairs, the first epoch's training loss is that of the blurred tiles. */
	@Test
	void theFirstTrainingLossIsThatOfTheBlurredTiles() throws IOException {
		final Path model = tmp.resolve("out/model.zip");
		final Map<String, String> values = succeeds(TRAIN, options(model, "epochs=1, batch=4, ssimweight=0.3")).values();
		assertEquals("1", values.get("steps"));
		final double expected = blurredTilesLoss(dataset, model, 0.3);
		final double[][] rows = numbers(lines(Trainer.csvPath(model)));
		assertEquals(expected, rows[0][1], 1e-6 * expected, "train_loss in the training table");
		assertEquals(expected, Double.parseDouble(values.get("train_loss")), 1e-6 * expected, "train_loss printed");
	}

	@Test
	void resumeContinuesTheEpochNumbers() {
		final Path first = tmp.resolve("a/model.zip"), second = tmp.resolve("b/model.zip");
		succeeds(TRAIN, options(first, "epochs=1"));
		final Map<String, String> values = succeeds(TRAIN, options(second, "epochs=2, resume=" + quoted(first))).values();
		assertEquals("2", values.get("epochs_run"));
		final double[][] before = numbers(lines(tmp.resolve("a/model_training.csv")));
		final double[][] rows = numbers(lines(tmp.resolve("b/model_training.csv")));
		assertEquals(3, rows.length);
		assertArrayEquals(before[0], rows[0], "the old history is kept");
		assertEquals(2, rows[1][0]);
		assertEquals(3, rows[2][0]);
		assertEquals(6, rows[2][6], "steps continue");
		// Resuming in place: the same file as model and resume, no overwrite needed.
		succeeds(TRAIN, options(second, "epochs=1, resume=" + quoted(second)));
		assertEquals(4, numbers(lines(tmp.resolve("b/model_training.csv"))).length);
	}

	@Test
	void twoModelsInOneFolderKeepATableEach() {
		succeeds(TRAIN, options(tmp.resolve("out/first.zip"), "epochs=1"));
		succeeds(TRAIN, options(tmp.resolve("out/second.zip"), "epochs=2"));
		assertEquals(1, numbers(lines(tmp.resolve("out/first_training.csv"))).length);
		assertEquals(2, numbers(lines(tmp.resolve("out/second_training.csv"))).length);
		assertFalse(Files.exists(tmp.resolve("out/training.csv")), "no shared table");
	}

	@Test
	void autoencoderAndNoValidation() {
		final Path model = tmp.resolve("out/ae.zip");
		final Map<String, String> values = succeeds(TRAIN, options(model, "architecture=autoencoder, validation=0, epochs=1, batch=6")).values();
		assertEquals("1", values.get("steps"));
		assertTrue(!values.containsKey("validation_psnr"), "no validation, no PSNR: " + values);
		final List<String> csv = lines(tmp.resolve("out/ae_training.csv"));
		assertTrue(csv.get(1).contains(",NaN,NaN,NaN,"), csv.get(1));
	}

	// -- Bad input writes nothing --

	private void assertNothingWritten() throws IOException {
		try (Stream<Path> files = Files.list(tmp)) {
			assertEquals(List.of("data"), files.map(p -> p.getFileName().toString()).collect(Collectors.toList()));
		}
	}

	@Test
	void badDatasets() throws IOException {
		final Path model = tmp.resolve("out/model.zip");
		fails(TRAIN, options(model, "dataset=" + quoted(tmp.resolve("nothing"))), "dataset folder not found");
		final Path plain = Files.createDirectories(tmp.resolve("data/plain"));
		fails(TRAIN, options(model, "dataset=" + quoted(plain)), "not a deblur nmf dataset", "dataset.json");
		final Path empty = Files.createDirectories(tmp.resolve("data/empty"));
		Files.write(empty.resolve("dataset.json"), new DatasetParameters("x", 32, 6, 1, 0, true, 1).toJson().getBytes(StandardCharsets.UTF_8));
		fails(TRAIN, options(model, "dataset=" + quoted(empty)), "holds no pairs");
		final Path odd = TrainingDatasets.make(tmp.resolve("data/odd"), 2, 1, 24);
		fails(TRAIN, options(model, "dataset=" + quoted(odd)), "multiple of 16", "24");
		fails(TRAIN, options(model, "architecture=autoencoder, dataset=" + quoted(TrainingDatasets.make(tmp.resolve("data/s48"), 2, 1, 48))),
			"multiple of 32");
		assertNotCreated(tmp.resolve("out"));
		assertNothingWritten();
	}

	@Test
	void badParameters() throws IOException {
		final Path model = tmp.resolve("out/model.zip");
		fails(TRAIN, options(model, "epochs=0"), "epochs must be at least 1");
		fails(TRAIN, options(model, "batch=5"), "batch 5 is larger than the 4 training pairs");
		fails(TRAIN, options(model, "validation=1"), "validation must be");
		fails(TRAIN, options(model, "learningrate=0"), "learningrate must be positive");
		fails(TRAIN, options(model, "architecture=vgg"), "architecture", "vgg", "unet");
		fails(TRAIN, options(tmp.resolve("out/model.bin"), ""), "must end with .zip");
		fails(TRAIN, options(Path.of("/proc/deblurnmf-test/model.zip"), ""), "not writable");
		assertNotCreated(tmp.resolve("out"));
		assertNothingWritten();
	}

	@Test
	void badResume() throws IOException {
		final Path model = tmp.resolve("out/model.zip");
		final Path inputs = Files.createDirectories(tmp.resolve("data/inputs"));
		fails(TRAIN, options(model, "resume=" + quoted(inputs.resolve("missing.zip"))), "model file not found");
		final Path text = Files.write(inputs.resolve("text.zip"), List.of("not a zip"));
		fails(TRAIN, options(model, "resume=" + quoted(text)), "not a valid model zip");
		final Path foreign = inputs.resolve("foreign.zip");
		try (OutputStream file = Files.newOutputStream(foreign); ZipOutputStream zip = new ZipOutputStream(file)) {
			zip.putNextEntry(new ZipEntry("readme.txt"));
			zip.write("hello".getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
		}
		fails(TRAIN, options(model, "resume=" + quoted(foreign)), "not a deblur nmf model");
		final Path bare = inputs.resolve("bare.zip");
		DeblurNetwork.create(io.github.deblurnmf.net.Architecture.UNET, 1, 1, 0.01, 0.1, 2).save(bare, Map.of());
		fails(TRAIN, options(model, "resume=" + quoted(bare)), "not a model written by train deblur ae");
		final Path trained = tmp.resolve("data/trained/model.zip");
		succeeds(TRAIN, options(trained, "epochs=1"));
		fails(TRAIN, options(model, "architecture=autoencoder, resume=" + quoted(trained)), "has architecture=unet", "has architecture=autoencoder");
		final byte[] bytes = Files.readAllBytes(trained);
		final Path truncated = Files.write(inputs.resolve("truncated.zip"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
		fails(TRAIN, options(model, "resume=" + quoted(truncated)), "model zip", "corrupt");
		assertNotCreated(tmp.resolve("out"));
		assertNothingWritten();
	}

	@Test
	void existingModelNeedsOverwrite() throws IOException {
		final Path model = tmp.resolve("out/model.zip");
		succeeds(TRAIN, options(model, "epochs=1"));
		final byte[] zip = Files.readAllBytes(model), csv = Files.readAllBytes(tmp.resolve("out/model_training.csv"));
		fails(TRAIN, options(model, "epochs=1"), "model file exists", "overwrite=true");
		Files.delete(model);
		fails(TRAIN, options(model, "epochs=1"), "training table exists", "overwrite=true");
		assertArrayEquals(csv, Files.readAllBytes(tmp.resolve("out/model_training.csv")));
		Files.write(model, zip);
		succeeds(TRAIN, options(model, "epochs=1, overwrite=true"));
	}
}

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
package io.github.deblurnmf.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.deblurnmf.net.Architecture;
import io.github.deblurnmf.task.TaskCanceledException;
import io.github.deblurnmf.task.TaskMonitor;
import io.github.deblurnmf.task.UserInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer's core: split, determinism, cancel. Tiny: 6 pairs of 32×32, base width 4. */
class TrainerTest {

	@TempDir
	Path tmp;

	private Trainer.Options options(final Path dataset, final Path model) {
		final Trainer.Options o = new Trainer.Options();
		o.dataset = dataset;
		o.model = model;
		o.architecture = Architecture.UNET;
		o.epochs = 2;
		o.batch = 2;
		o.learningRate = 0.01;
		o.validation = 0.34;
		o.baseWidth = 4;
		o.seed = 3;
		return o;
	}

	@Test
	void splitIsSeededAndDisjoint() throws IOException {
		final Path dataset = TrainingDatasets.make(tmp.resolve("data"), 3, 2);
		final Trainer a = Trainer.prepare(options(dataset, tmp.resolve("a/m.zip")));
		final Trainer b = Trainer.prepare(options(dataset, tmp.resolve("b/m.zip")));
		assertEquals(2, a.validationIndices().length, "round(0.34 · 6) = 2");
		assertEquals(4, a.trainingPairs());
		assertEquals(2, a.stepsPerEpoch());
		assertEquals(List.of(a.validationIndices()[0], a.validationIndices()[1]), List.of(b.validationIndices()[0], b.validationIndices()[1]));
		assertEquals(1, Trainer.validationCount(0.01, 6), "at least 1 when the fraction is positive");
		assertEquals(0, Trainer.validationCount(0, 6));
	}

	@Test
	void sameSeedSameLosses() throws IOException {
		final Path dataset = TrainingDatasets.make(tmp.resolve("data"), 3, 2);
		final Path first = tmp.resolve("a/m.zip"), second = tmp.resolve("b/m.zip"), other = tmp.resolve("c/m.zip");
		final Trainer.Result a = Trainer.prepare(options(dataset, first)).train(TaskMonitor.NONE, h -> {});
		final Trainer.Result b = Trainer.prepare(options(dataset, second)).train(TaskMonitor.NONE, h -> {});
		final Trainer.Options otherSeed = options(dataset, other);
		otherSeed.seed = 4;
		final Trainer.Result c = Trainer.prepare(otherSeed).train(TaskMonitor.NONE, h -> {});
		assertEquals(2, a.history.size());
		assertEquals(2, b.history.size());
		for (int e = 0; e < 2; e++) {
			final double[] x = figures(a.history.get(e)), y = figures(b.history.get(e));
			for (int i = 0; i < x.length; i++) {
				assertTrue(Double.isFinite(x[i]), "epoch " + (e + 1) + ", figure " + i + ": " + x[i]);
				assertEquals(x[i], y[i], 0.0, "DL4J on CPU is deterministic for one seed: epoch " + (e + 1) + ", figure " + i);
			}
		}
		// The seed matters (another split, other weights): equal figures above are not constants.
		assertNotEquals(a.history.get(0).trainLoss, c.history.get(0).trainLoss);
		// The table holds the numbers the trainer returned, to the last digit.
		assertHistoryInCsv(a, first);
		assertHistoryInCsv(c, other);
	}

	/** epoch, train loss, validation loss, PSNR, SSIM, steps. */
	private static double[] figures(final EpochRecord r) {
		return new double[] { r.epoch, r.trainLoss, r.validationLoss, r.validationPsnr, r.validationSsim, r.steps };
	}

	private static void assertHistoryInCsv(final Trainer.Result result, final Path model) throws IOException {
		final List<String> lines = Files.readAllLines(Trainer.csvPath(model), StandardCharsets.UTF_8);
		assertEquals("epoch,train_loss,validation_loss,validation_psnr,validation_ssim,seconds,steps", lines.get(0));
		assertEquals(result.history.size() + 1, lines.size());
		for (int e = 0; e < result.history.size(); e++) {
			final double[] row = java.util.Arrays.stream(lines.get(e + 1).split(",")).mapToDouble(Double::parseDouble).toArray();
			final EpochRecord r = result.history.get(e);
			assertArrayEquals(figures(r), new double[] { row[0], row[1], row[2], row[3], row[4], row[6] }, 0.0, lines.get(e + 1));
			assertEquals(r.seconds, row[5], 0.0005, "seconds, to the millisecond");
			assertTrue(row[5] > 0, lines.get(e + 1));
		}
	}

	@Test
	void aDivergedTrainingStopsWithAnErrorAndWritesNothing() throws IOException {
		final Path dataset = TrainingDatasets.make(tmp.resolve("data"), 3, 2);
		final Trainer.Options o = options(dataset, tmp.resolve("m/m.zip"));
		o.learningRate = 1e10;
		o.batch = 1;
		final UserInputException e = assertThrows(UserInputException.class, () -> Trainer.prepare(o).train(TaskMonitor.NONE, h -> {}));
		assertTrue(e.getMessage().startsWith("Training diverged: the loss became "), e.getMessage());
		assertTrue(e.getMessage().contains("nothing was written") && e.getMessage().contains("smaller learningrate"), e.getMessage());
		assertFalse(Files.exists(tmp.resolve("m/m.zip")));
		assertFalse(Files.exists(Trainer.csvPath(tmp.resolve("m/m.zip"))));
	}

	@Test
	void aResumedRunChoosesItsBestAmongItsOwnEpochs() throws IOException {
		final Path first = TrainingDatasets.make(tmp.resolve("first"), 3, 2);
		final Path model = tmp.resolve("a/m.zip");
		Trainer.prepare(options(first, model)).train(TaskMonitor.NONE, h -> {});
		// Another dataset whose inputs are noise: its epochs validate far worse than the first run's.
		final Path second = TrainingDatasets.make(tmp.resolve("second"), 3, 2);
		final java.util.Random random = new java.util.Random(5);
		try (Stream<Path> tiles = Files.list(second.resolve("blurred"))) {
			for (final Path tile : tiles.collect(Collectors.toList())) {
				final ij.process.ByteProcessor noise = new ij.process.ByteProcessor(32, 32);
				for (int i = 0; i < 32 * 32; i++) noise.set(i, random.nextInt(256));
				assertTrue(new ij.io.FileSaver(new ij.ImagePlus("noise", noise)).saveAsTiff(tile.toString()));
			}
		}
		final Trainer.Options o = options(second, tmp.resolve("b/m.zip"));
		o.resume = model;
		o.epochs = 1;
		final Trainer.Result result = Trainer.prepare(o).train(TaskMonitor.NONE, h -> {});
		assertEquals(3, result.history.size(), "the history continues");
		assertEquals(3, result.best.epoch, "the only epoch of this run, on this run's validation pairs");
		final Map<String, Object> metadata = io.github.deblurnmf.net.DeblurNetwork.load(tmp.resolve("b/m.zip")).metadata();
		assertEquals(3, ((Number) metadata.get("bestEpoch")).intValue());
		assertEquals(second.toString(), ((Map<?, ?>) metadata.get("dataset")).get("folder"));
	}

	@Test
	void cancelAfterTheFirstStepWritesNothing() throws IOException {
		final Path dataset = TrainingDatasets.make(tmp.resolve("data"), 3, 2);
		final Path model = tmp.resolve("out/deeper/m.zip");
		final List<Long> steps = new ArrayList<>();
		final TaskMonitor cancelAfterFirstStep = new TaskMonitor() {

			@Override
			public void progress(final long done, final long total, final String message) {
				if (message.startsWith("Training")) steps.add(done);
			}

			@Override
			public boolean isCanceled() {
				return !steps.isEmpty();
			}
		};
		final TaskCanceledException e = assertThrows(TaskCanceledException.class, () -> Trainer.prepare(options(dataset, model)).train(
			cancelAfterFirstStep, h -> {}));
		assertTrue(e.getMessage().contains("nothing was written"), e.getMessage());
		assertEquals(List.of(1L), steps, "stops right after the step");
		assertFalse(Files.exists(tmp.resolve("out")), "not even the folder");
	}

	@Test
	void cancelAfterAnEpochKeepsTheBestCheckpoint() throws IOException {
		final Path dataset = TrainingDatasets.make(tmp.resolve("data"), 3, 2);
		final Path model = tmp.resolve("out/m.zip");
		final List<Long> steps = new ArrayList<>();
		final TaskMonitor cancelInEpoch2 = new TaskMonitor() {

			@Override
			public void progress(final long done, final long total, final String message) {
				if (message.startsWith("Training")) steps.add(done);
			}

			@Override
			public boolean isCanceled() {
				return steps.size() >= 3; // the first step of epoch 2
			}
		};
		final Trainer.Options o = options(dataset, model);
		o.epochs = 3;
		final TaskCanceledException e = assertThrows(TaskCanceledException.class, () -> Trainer.prepare(o).train(cancelInEpoch2, h -> {}));
		assertTrue(e.getMessage().contains("1 finished epoch"), e.getMessage());
		assertEquals(2, Files.readAllLines(Trainer.csvPath(model)).size(), "header and epoch 1");
		final Map<String, Object> metadata = io.github.deblurnmf.net.DeblurNetwork.load(model).metadata();
		assertEquals(true, metadata.get("canceled"));
		assertEquals(1, ((Number) metadata.get("bestEpoch")).intValue());
		try (Stream<Path> files = Files.list(tmp.resolve("out"))) {
			assertEquals(List.of("m.zip", "m_training.csv"), files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()),
				"no temporary files left");
		}
	}

	@Test
	void aModelWrittenByAnotherRunMeanwhileIsNotReplaced() throws IOException {
		final Path dataset = TrainingDatasets.make(tmp.resolve("data"), 3, 2);
		final Path model = tmp.resolve("out/m.zip");
		final Trainer second = Trainer.prepare(options(dataset, model));
		// The first run, checked at the same time, finished in between.
		Files.createDirectories(model.getParent());
		Files.write(model, "the first run's model".getBytes(StandardCharsets.UTF_8));
		final io.github.deblurnmf.task.UserInputException e = assertThrows(io.github.deblurnmf.task.UserInputException.class,
			() -> second.train(TaskMonitor.NONE, h -> {}));
		assertTrue(e.getMessage().contains("written by another run meanwhile"), e.getMessage());
		assertEquals("the first run's model", new String(Files.readAllBytes(model), StandardCharsets.UTF_8));
		try (Stream<Path> files = Files.list(model.getParent())) {
			assertEquals(List.of("m.zip"), files.map(p -> p.getFileName().toString()).collect(Collectors.toList()), "no table, lock or temporary file");
		}
	}

	@Test
	void aSecondRunIntoTheSameModelFolderFailsBeforeTraining() throws IOException {
		final Path dataset = TrainingDatasets.make(tmp.resolve("data"), 3, 2);
		final Path model = tmp.resolve("out/m.zip");
		final Trainer first = Trainer.prepare(options(dataset, model)), second = Trainer.prepare(options(dataset, model));
		final List<String> errors = new ArrayList<>();
		// The second run starts while the first trains (after its first epoch).
		first.train(TaskMonitor.NONE, history -> {
			if (history.size() == 1) errors.add(assertThrows(io.github.deblurnmf.task.UserInputException.class,
				() -> second.train(TaskMonitor.NONE, h -> {})).getMessage());
		});
		assertEquals(1, errors.size());
		assertTrue(errors.get(0).contains("being written by another run"), errors.get(0));
		assertEquals(3, Files.readAllLines(Trainer.csvPath(model)).size(), "the first run's two epochs");
	}

	@Test
	void theTableIsNamedAfterItsModel() {
		assertEquals(Path.of("/models/run1_training.csv"), Trainer.csvPath(Path.of("/models/run1.zip")));
		assertEquals(Path.of("/models/Deblur.v2_training.csv"), Trainer.csvPath(Path.of("/models/x/../Deblur.v2.ZIP")));
		assertEquals(tmp.resolve("a_training.csv").toAbsolutePath(), Trainer.csvPath(tmp.resolve("a.zip")));
	}
}

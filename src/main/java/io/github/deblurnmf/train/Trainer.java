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

import io.github.deblurnmf.blur.DatasetParameters;
import io.github.deblurnmf.deblur.Dihedral;
import io.github.deblurnmf.io.AtomicFiles;
import io.github.deblurnmf.io.OutputFolder;
import io.github.deblurnmf.metrics.ImageMetrics;
import io.github.deblurnmf.net.Architecture;
import io.github.deblurnmf.net.DeblurNetwork;
import io.github.deblurnmf.task.TaskCanceledException;
import io.github.deblurnmf.task.TaskMonitor;
import io.github.deblurnmf.task.UserInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Trains a {@link DeblurNetwork} on a dataset folder made by Create Blurred Dataset (no ImageJ UI).
 * <ul>
 * <li><b>Data</b>: every pair, 8-bit values / 255 → [0, 1]; input = blurred tile, target = sharp tile.</li>
 * <li><b>Split</b>: the pair indices 0…n−1 shuffled by {@code Collections.shuffle(list, new Random(seed))}; the
 * first {@code v} are the validation pairs, {@code v = max(1, round(validation · n))} when {@code validation > 0}
 * (0 otherwise), the rest train. The validation pairs' tile numbers are stored in the metadata.</li>
 * <li><b>Epoch</b> {@code e} (1-based, continuing on resume): the training pairs shuffled by
 * {@code new Random(seed · 1000003 + e)}, each given a random one of the 8 flips/quarter turns
 * ({@link Dihedral}, the same on input and target) from that generator, cut into batches of {@code batch} in
 * order; the last batch may be smaller (it is kept). One {@link DeblurNetwork#fit} step per batch.</li>
 * <li><b>Validation</b> after each epoch: {@link DeblurNetwork#predict} (clipped to [0, 1]) of each validation
 * input, not augmented; loss = mean over images of {@code MSE + w·(1 − mean SSIM over channels)} (the training
 * loss's definition); PSNR from the MSE over all validation pixels; SSIM the mean over images and channels, by
 * {@link ImageMetrics}.</li>
 * <li><b>Checkpoint</b>: the best epoch has the lowest validation loss (training loss when there is no
 * validation); whenever it improves the network is saved to the model zip (atomically). The table beside
 * it, {@code <model name>_training.csv} ({@link #csvPath}), is rewritten (temporary file + rename) after
 * every epoch. At the end (or on cancel) the zip holds the best network with the whole history in its
 * metadata.</li>
 * <li><b>Cancel</b>: checked after every step; the unfinished epoch is dropped, the best checkpoint so far is
 * kept, and a {@link TaskCanceledException} says so. Before the first epoch finishes nothing is written.</li>
 * <li><b>Resume</b>: continues from a model zip written by this trainer (its best network, with Adam's state);
 * architecture and channels must agree with the options and the dataset; the learning rate and SSIM weight
 * are the options'; epoch numbers and the history continue.</li>
 * </ul>
 * All checks happen in {@link #prepare}, before anything is written.
 */
public final class Trainer {

	/** What the model's metadata says under {@code tool}. */
	public static final String TOOL = "Train Deblur AE";
	/** Version of the training metadata layout. */
	public static final int METADATA_VERSION = 1;

	/** The largest {@code basewidth}: a wider first layer makes networks whose allocations fail in native code. */
	public static final int MAX_BASE_WIDTH = 256;

	/** The largest fraction of the pairs held out for validation (Train Deblur AE's maximum). */
	public static final double MAX_VALIDATION = 0.99;

	/** What the table written beside the model adds to the model's name without {@code .zip}. */
	public static final String CSV_SUFFIX = "_training.csv";

	/** The settings of a run; defaults are the command's. */
	public static final class Options {

		public Path dataset;
		public Path model;
		public Architecture architecture = Architecture.UNET;
		public int epochs = 20;
		public int batch = 64;
		public double learningRate = 0.001;
		public double ssimWeight = 0.1;
		public double validation = 0.1;
		public long seed = 1;
		/** A model zip to continue from, or null. */
		public Path resume;
		public boolean overwrite;
		/**
		 * Channels of the first layer of a new network, 0 for the architecture's default ({@link #defaultBaseWidth});
		 * ignored on resume.
		 */
		public int baseWidth = 0;
	}

	/** What a run did. */
	public static final class Result {

		/** The whole history, resumed epochs included. */
		public final List<EpochRecord> history;
		public final int epochsRun;
		public final EpochRecord best;
		public final long steps;
		public final double seconds;
		public final Path model;
		public final Path csv;

		Result(final List<EpochRecord> history, final int epochsRun, final EpochRecord best, final long steps, final double seconds, final Path model,
			final Path csv)
		{
			this.history = Collections.unmodifiableList(new ArrayList<>(history));
			this.epochsRun = epochsRun;
			this.best = best;
			this.steps = steps;
			this.seconds = seconds;
			this.model = model;
			this.csv = csv;
		}

		public EpochRecord last() {
			return history.get(history.size() - 1);
		}
	}

	private final Options options;
	private final Path dataset;
	private final DatasetParameters parameters;
	private final Path model;
	private final Path csv;
	private final DeblurNetwork resumed;
	private final List<EpochRecord> previous;
	private final int[] validationIndices;
	private final int[] trainingIndices;
	/** The model's folder as an output set: the model zip and the table. */
	private final OutputFolder output;
	/** The lock on {@link #output} while {@link #train} runs. */
	private OutputFolder.Claim claim;
	/** What an interrupt (SIGINT) now leaves, for the message. */
	private volatile String interrupted;

	private Trainer(final Options options, final Path dataset, final DatasetParameters parameters, final Path model, final DeblurNetwork resumed,
		final List<EpochRecord> previous, final int[] validationIndices, final int[] trainingIndices, final OutputFolder output)
	{
		this.output = output;
		this.options = options;
		this.dataset = dataset;
		this.parameters = parameters;
		this.model = model;
		this.csv = csvPath(model);
		this.resumed = resumed;
		this.previous = previous;
		this.validationIndices = validationIndices;
		this.trainingIndices = trainingIndices;
	}

	/**
	 * The training table beside {@code model}: {@code <model name>_training.csv} ({@code run1.zip} →
	 * {@code run1_training.csv}), so that models trained into one folder keep a table each.
	 */
	public static Path csvPath(final Path model) {
		final Path path = model.toAbsolutePath().normalize();
		return path.resolveSibling(path.getFileName().toString().replaceFirst("(?i)\\.zip$", "") + CSV_SUFFIX);
	}

	/**
	 * Checks every option, the dataset's description and the resumed model; writes nothing.
	 *
	 * @throws UserInputException with a one-line reason if anything is wrong
	 */
	public static Trainer prepare(final Options options) throws IOException {
		UserInputException.require(options.architecture != null, "No architecture given");
		UserInputException.require(options.epochs >= 1, "epochs must be at least 1, got " + options.epochs);
		UserInputException.require(options.batch >= 1, "batch must be at least 1, got " + options.batch);
		UserInputException.require(options.validation >= 0 && options.validation <= MAX_VALIDATION, "validation must be between 0 and "
			+ MAX_VALIDATION + ", got " + options.validation);
		UserInputException.require(options.learningRate > 0 && Double.isFinite(options.learningRate), "learningrate must be positive, got "
			+ options.learningRate);
		UserInputException.require(options.ssimWeight >= 0 && Double.isFinite(options.ssimWeight), "ssimweight must be 0 or more, got "
			+ options.ssimWeight);
		UserInputException.require(options.baseWidth >= 0 && options.baseWidth <= MAX_BASE_WIDTH, "basewidth must be 0 (the architecture's default) or 1 … "
			+ MAX_BASE_WIDTH + " (16 is the seed's; deeper layers have up to 16 times as many channels), got " + options.baseWidth);

		final Path dataset = options.dataset == null ? null : options.dataset.toAbsolutePath().normalize();
		final DatasetParameters parameters = TrainingData.describe(dataset);
		final int n = parameters.pairs();
		final int multiple = options.architecture.sizeMultiple();
		UserInputException.require(parameters.size % multiple == 0, "The " + options.architecture + " needs tiles whose side is a multiple of "
			+ multiple + ", but the dataset's tiles are " + parameters.size + "×" + parameters.size
			+ " (make the dataset with a size that is a multiple of " + multiple + ")");
		final int validationCount = validationCount(options.validation, n);
		UserInputException.require(options.validation == 0 || n >= 2, "validation " + options.validation
			+ " needs at least 2 pairs, but the dataset holds " + n + " (set validation=0)");
		final int trainingCount = n - validationCount;
		UserInputException.require(trainingCount >= 1, "No training pairs left: " + n + " pairs, " + validationCount + " for validation");
		UserInputException.require(options.batch <= trainingCount, "batch " + options.batch + " is larger than the " + trainingCount
			+ " training pairs (" + n + " pairs, " + validationCount + " for validation)");

		final Path model = checkModelPath(options);
		// The existence checks are above (with their own messages); this notes the files' state, so that a
		// run that writes them meanwhile makes this one fail instead of being overwritten.
		final OutputFolder output = OutputFolder.prepare(TOOL, model.getParent().toFile(), true, List.of(model.getFileName().toString(),
			csvPath(model).getFileName().toString()), List.of());

		DeblurNetwork resumed = null;
		List<EpochRecord> previous = List.of();
		if (options.resume != null) {
			resumed = DeblurNetwork.load(options.resume);
			final Map<String, Object> metadata = resumed.metadata();
			UserInputException.require(TOOL.equals(metadata.get("tool")), "Not a model written by Train Deblur AE (no training history): "
				+ options.resume);
			UserInputException.require(resumed.architecture() == options.architecture, "The model to resume has architecture=" + resumed.architecture()
				+ " but this run has architecture=" + options.architecture + ": " + options.resume);
			UserInputException.require(resumed.channels() == networkChannels(options.architecture, parameters), "The model to resume has "
				+ resumed.channels() + " channel(s) but the dataset's tiles have " + parameters.channels() + ": " + options.resume);
			previous = readHistory(metadata, options.resume);
		}

		final List<Integer> order = IntStream.range(0, n).boxed().collect(Collectors.toList());
		Collections.shuffle(order, new Random(options.seed));
		final int[] validation = order.subList(0, validationCount).stream().mapToInt(Integer::intValue).sorted().toArray();
		final int[] training = order.subList(validationCount, n).stream().mapToInt(Integer::intValue).sorted().toArray();
		return new Trainer(options, dataset, parameters, model, resumed, previous, validation, training, output);
	}

	/** The number of validation pairs among {@code n}: 0, or {@code max(1, round(fraction · n))}. */
	public static int validationCount(final double fraction, final int n) {
		if (fraction <= 0) return 0;
		return (int) Math.max(1, Math.round(fraction * n));
	}

	/** The first layer's width a new network gets for {@code basewidth=0}: 24 for the psf-unet, 16 (the seed's) otherwise. */
	public static int defaultBaseWidth(final Architecture architecture) {
		return architecture.usesPsf() ? DeblurNetwork.PSF_UNET_BASE_WIDTH : 16;
	}

	/**
	 * The channels of the network trained on {@code parameters}' tiles: the psf-unet is gray and learns from
	 * each colour plane of an RGB dataset as from a gray tile.
	 */
	static int networkChannels(final Architecture architecture, final DatasetParameters parameters) {
		return architecture.usesPsf() ? 1 : parameters.channels();
	}

	private static Path checkModelPath(final Options options) {
		UserInputException.require(options.model != null && !options.model.toString().trim().isEmpty(), "No model file given");
		AtomicFiles.requireNoTilde("model", options.model);
		final Path model = options.model.toAbsolutePath().normalize();
		UserInputException.require(model.getFileName() != null && model.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip"),
			"The model file must end with .zip: " + model);
		UserInputException.require(!Files.isDirectory(model), "The model path is a folder: " + model);
		UserInputException.require(!Files.isDirectory(csvPath(model)), "The training table's path is a folder: " + csvPath(model));
		final boolean inPlace = options.resume != null && Files.exists(model) && Files.exists(options.resume) && isSameFile(model, options.resume);
		if (!options.overwrite && !inPlace) {
			UserInputException.require(!Files.exists(model), "Model file exists: " + model + " (choose another name, or set overwrite=true)");
			UserInputException.require(!Files.exists(csvPath(model)), "Training table exists: " + csvPath(model)
				+ " (choose another folder, or set overwrite=true)");
		}
		Path existing = model.getParent();
		while (existing != null && !Files.exists(existing)) existing = existing.getParent();
		UserInputException.require(existing != null && Files.isDirectory(existing) && AtomicFiles.canCreateFileIn(existing), "The model's folder is not writable: "
			+ model.getParent());
		return model;
	}

	private static boolean isSameFile(final Path a, final Path b) {
		try {
			return Files.isSameFile(a, b);
		}
		catch (final IOException e) {
			return false;
		}
	}

	private static List<EpochRecord> readHistory(final Map<String, Object> metadata, final Path zip) {
		final List<EpochRecord> history = new ArrayList<>();
		try {
			for (final Object item : (List<?>) metadata.get("history"))
				history.add(EpochRecord.fromMap((Map<?, ?>) item));
		}
		catch (final RuntimeException e) {
			throw new UserInputException("The model's training history is unreadable: " + zip, e);
		}
		return history;
	}

	public DatasetParameters dataset() {
		return parameters;
	}

	public Path model() {
		return model;
	}

	public Path csv() {
		return csv;
	}

	/** Indices (into the dataset's pairs) of the validation pairs, ascending. */
	public int[] validationIndices() {
		return validationIndices.clone();
	}

	public int trainingPairs() {
		return trainingIndices.length;
	}

	/** The optimizer steps of one epoch: {@code ceil(training pairs / batch)}. */
	public int stepsPerEpoch() {
		return (trainingIndices.length + options.batch - 1) / options.batch;
	}

	/**
	 * Trains. {@code listener} hears of each finished epoch with the whole history, after the checkpoint and
	 * the training table are written.
	 *
	 * @throws TaskCanceledException on cancel (the best checkpoint so far is kept)
	 */
	public Result train(final TaskMonitor monitor, final Consumer<List<EpochRecord>> listener) throws IOException {
		if (claim != null) throw new IllegalStateException("train runs once");
		// Before any work: a second run into the same model folder fails here, not after hours.
		try (OutputFolder.Claim taken = output.claim()) {
			claim = taken;
			// Ctrl-C ends the JVM without unwinding: the temporary files go (AtomicFiles), the checkpoint stays, and this says so.
			interrupted = resumed == null ? "interrupted before the first epoch finished: nothing was written"
				: "interrupted before an epoch of this run finished: " + model + " was not changed by this run";
			final Runnable sayWhatIsKept = () -> System.err.println("ERROR: " + TOOL + ": " + interrupted);
			AtomicFiles.runOnExit(sayWhatIsKept);
			try {
				return trainClaimed(monitor, listener);
			}
			finally {
				AtomicFiles.forgetOnExit(sayWhatIsKept);
			}
		}
	}

	private Result trainClaimed(final TaskMonitor monitor, final Consumer<List<EpochRecord>> listener) throws IOException {
		final long start = System.nanoTime();
		final TrainingData data = TrainingData.load(dataset, parameters, monitor);
		final DeblurNetwork network;
		final boolean psf = options.architecture.usesPsf();
		final int baseWidth = options.baseWidth == 0 ? defaultBaseWidth(options.architecture) : options.baseWidth;
		if (resumed != null) {
			network = resumed;
			network.setLearningRate(options.learningRate);
			// The psf-unet's loss is L1; the SSIM weight only enters the validation criterion.
			if (!psf) network.setSsimWeight(options.ssimWeight);
		}
		else if (psf) {
			// Made for the dataset's one blur; the learning rate decays by a cosine over this run's steps.
			network = DeblurNetwork.createPsfUnet(DeblurNetwork.PsfInput.shipped(parameters.sigma, parameters.sigma), options.seed,
				options.learningRate, (long) options.epochs * stepsPerEpoch(), baseWidth);
		}
		else {
			network = DeblurNetwork.create(options.architecture, parameters.channels(), options.seed, options.learningRate, options.ssimWeight,
				baseWidth);
		}
		final List<EpochRecord> history = new ArrayList<>(previous);
		// The best of this run's epochs, measured on this run's validation pairs, and where its network is
		// stored: a resumed model's old epochs were measured on other data (perhaps another dataset) and compete not.
		EpochRecord best = null;
		Path bestStore = null;

		final int size = parameters.size;
		final int channels = parameters.channels();
		final int stepsPerEpoch = stepsPerEpoch();
		final long totalSteps = (long) options.epochs * stepsPerEpoch;
		long stepsDone = 0;
		long stepCount = history.isEmpty() ? 0 : history.get(history.size() - 1).steps;
		final int firstEpoch = history.isEmpty() ? 1 : history.get(history.size() - 1).epoch + 1;
		final long trainStart = System.nanoTime();
		try {
			for (int e = 0; e < options.epochs; e++) {
				final int epoch = firstEpoch + e;
				final long epochStart = System.nanoTime();
				final Random random = new Random(options.seed * 1000003L + epoch);
				final List<Integer> order = IntStream.of(trainingIndices).boxed().collect(Collectors.toList());
				Collections.shuffle(order, random);
				double lossSum = 0;
				double lastLoss = Double.NaN;
				for (int step = 0; step < stepsPerEpoch; step++) {
					final int from = step * options.batch;
					final int to = Math.min(order.size(), from + options.batch);
					final float[][] inputs = new float[to - from][];
					final float[][] targets = new float[to - from][];
					for (int i = from; i < to; i++) {
						final int k = random.nextInt(Dihedral.COUNT);
						inputs[i - from] = Dihedral.apply(data.inputs[order.get(i)], channels, size, k);
						targets[i - from] = Dihedral.apply(data.targets[order.get(i)], channels, size, k);
					}
					lastLoss = psf ? fitPlanes(network, inputs, targets, channels) : network.fit(inputs, targets, size, size);
					if (!Double.isFinite(lastLoss)) throw new Diverged(String.format(Locale.ROOT, "the loss became %s at epoch %d, step %d", lastLoss, epoch, step + 1));
					lossSum += lastLoss * (to - from);
					stepsDone++;
					stepCount++;
					final double elapsed = (System.nanoTime() - trainStart) / 1e9;
					monitor.progress(stepsDone, totalSteps, String.format(Locale.ROOT, "Training: epoch %d (%d/%d), step %d/%d, loss %.5f, ETA %s", epoch,
						e + 1, options.epochs, step + 1, stepsPerEpoch, lastLoss, duration(elapsed / stepsDone * (totalSteps - stepsDone))));
					monitor.checkCanceled();
				}
				final double trainLoss = lossSum / order.size();
				final double[] validation = validate(network, data);
				final EpochRecord record = new EpochRecord(epoch, trainLoss, validation[0], validation[1], validation[2], (System.nanoTime() - epochStart)
					/ 1e9, stepCount);
				if (!Double.isFinite(criterion(record))) {
					throw new Diverged(String.format(Locale.ROOT, "the %s loss of epoch %d is %s", validationIndices.length > 0 ? "validation" : "training",
						epoch, criterion(record)));
				}
				history.add(record);
				if (best == null || criterion(record) < criterion(best)) {
					best = record;
					save(network, metadata(history, best, false));
					bestStore = model;
				}
				writeCsv(history);
				interrupted = String.format(Locale.ROOT, "interrupted after %d finished epoch(s): %s holds the best network so far (epoch %d), %s the finished epochs",
					history.size() - previous.size(), model, best.epoch, csv.getFileName());
				listener.accept(Collections.unmodifiableList(new ArrayList<>(history)));
				monitor.checkCanceled();
			}
		}
		catch (final TaskCanceledException c) {
			final int done = history.size() - previous.size();
			if (done == 0) throw new TaskCanceledException("Canceled before the first epoch finished: nothing was written");
			finish(history, best, bestStore, true);
			throw new TaskCanceledException(String.format(Locale.ROOT,
				"Canceled after %d finished epoch(s): %s holds the best network so far (epoch %d)", done, model, best.epoch));
		}
		catch (final Diverged d) {
			final int done = history.size() - previous.size();
			final String advice = "; try a smaller learningrate than " + options.learningRate;
			if (done == 0) {
				throw new UserInputException("Training diverged: " + d.getMessage() + (resumed == null ? "; nothing was written"
					: "; " + model + " was not changed by this run") + advice);
			}
			finish(history, best, bestStore, false);
			throw new UserInputException(String.format(Locale.ROOT, "Training diverged: %s; %s holds the best network before it (epoch %d)%s",
				d.getMessage(), model, best.epoch, advice));
		}
		finish(history, best, bestStore, false);
		return new Result(history, options.epochs, best, stepsDone, (System.nanoTime() - start) / 1e9, model, csv);
	}

	/** Thrown inside {@link #train} when the loss is NaN or infinite: that network is never saved. */
	private static final class Diverged extends RuntimeException {

		Diverged(final String message) {
			super(message, null, false, false);
		}
	}

	/** The best network (from where it was stored) saved to the model zip with the whole history. */
	private void finish(final List<EpochRecord> history, final EpochRecord best, final Path bestStore, final boolean canceled) throws IOException {
		final DeblurNetwork bestNetwork = DeblurNetwork.load(bestStore);
		save(bestNetwork, metadata(history, best, canceled));
		writeCsv(history);
	}

	private void save(final DeblurNetwork network, final Map<String, Object> metadata) throws IOException {
		network.save(model, metadata);
		claim.wrote(model.getFileName().toString());
	}

	/** The value the best epoch minimizes: validation loss, or training loss without validation. */
	private double criterion(final EpochRecord record) {
		return validationIndices.length > 0 ? record.validationLoss : record.trainLoss;
	}

	/** One step of the psf-unet on the pairs' colour planes, each a gray pair blurred by the dataset's PSF. */
	private double fitPlanes(final DeblurNetwork network, final float[][] inputs, final float[][] targets, final int channels) {
		final int size = parameters.size, plane = size * size;
		final float[][] blurred = new float[inputs.length * channels][], sharp = new float[inputs.length * channels][];
		for (int i = 0; i < inputs.length; i++) {
			for (int c = 0; c < channels; c++) {
				blurred[i * channels + c] = java.util.Arrays.copyOfRange(inputs[i], c * plane, (c + 1) * plane);
				sharp[i * channels + c] = java.util.Arrays.copyOfRange(targets[i], c * plane, (c + 1) * plane);
			}
		}
		final double[] sigmas = new double[blurred.length];
		java.util.Arrays.fill(sigmas, parameters.sigma);
		return network.fit(blurred, sharp, sigmas, parameters.kernel, size, size);
	}

	/** The network's output for a validation tile: the psf-unet deblurs each colour plane with the dataset's PSF. */
	private float[] predict(final DeblurNetwork network, final float[] tile, final int channels) {
		final int size = parameters.size;
		if (!network.usesPsf()) return network.predict(tile, size, size);
		final int plane = size * size;
		final float[] out = new float[tile.length];
		for (int c = 0; c < channels; c++) {
			final float[] deblurred = network.predict(java.util.Arrays.copyOfRange(tile, c * plane, (c + 1) * plane), size, size, parameters.sigma,
				parameters.kernel);
			System.arraycopy(deblurred, 0, out, c * plane, plane);
		}
		return out;
	}

	/** {loss, PSNR, SSIM} of the validation pairs; NaN without validation pairs. */
	private double[] validate(final DeblurNetwork network, final TrainingData data) {
		if (validationIndices.length == 0) return new double[] { Double.NaN, Double.NaN, Double.NaN };
		final float[][] predictions = new float[validationIndices.length][];
		final float[][] targets = new float[validationIndices.length][];
		for (int i = 0; i < validationIndices.length; i++) {
			predictions[i] = predict(network, data.inputs[validationIndices[i]], data.channels);
			targets[i] = data.targets[validationIndices[i]];
		}
		return metrics(predictions, targets, data.channels, data.size, options.ssimWeight);
	}

	/**
	 * {loss, PSNR, SSIM} of predictions against targets ({@code channels} planes of {@code size × size}): loss =
	 * mean over images of {@code MSE + w·(1 − mean SSIM over channels)}, PSNR from the MSE over all pixels, SSIM
	 * the mean over images and channels.
	 */
	public static double[] metrics(final float[][] predictions, final float[][] targets, final int channels, final int size, final double ssimWeight) {
		final int planeSize = size * size;
		double loss = 0, mseSum = 0, ssimSum = 0;
		for (int i = 0; i < predictions.length; i++) {
			final double mse = ImageMetrics.mse(targets[i], predictions[i]);
			double ssim = 0;
			for (int c = 0; c < channels; c++) {
				final float[] target = java.util.Arrays.copyOfRange(targets[i], c * planeSize, (c + 1) * planeSize);
				final float[] prediction = java.util.Arrays.copyOfRange(predictions[i], c * planeSize, (c + 1) * planeSize);
				ssim += ImageMetrics.ssim(target, prediction, size, size);
			}
			ssim /= channels;
			loss += mse + ssimWeight * (1 - ssim);
			mseSum += mse;
			ssimSum += ssim;
		}
		final double mse = mseSum / predictions.length;
		final double psnr = mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(1 / mse);
		return new double[] { loss / predictions.length, psnr, ssimSum / predictions.length };
	}

	private Map<String, Object> metadata(final List<EpochRecord> history, final EpochRecord best, final boolean canceled) {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("tool", TOOL);
		m.put("trainingMetadataVersion", METADATA_VERSION);
		final String version = Trainer.class.getPackage().getImplementationVersion();
		m.put("pluginVersion", version == null ? "development" : version);
		m.put("architecture", options.architecture.label());
		m.put("channels", parameters.channels());
		m.put("inputSize", parameters.size);
		m.put("sizeMultiple", options.architecture.sizeMultiple());
		m.put("normalization", io.github.deblurnmf.convert.Normalization.DESCRIPTION);
		m.put("loss", options.architecture.usesPsf() ? "L1 (the validation criterion: MSE + ssimWeight * (1 - SSIM))" : "MSE + ssimWeight * (1 - SSIM)");
		m.put("ssimWeight", options.ssimWeight);
		m.put("learningRate", options.learningRate);
		m.put("batch", options.batch);
		m.put("seed", options.seed);
		m.put("validationFraction", options.validation);
		m.put("augmentation", "a random one of the 8 flips/quarter turns per pair and epoch");
		final List<Integer> validationPairs = new ArrayList<>();
		for (final int i : validationIndices) validationPairs.add(parameters.tiles.get(i).number);
		m.put("validationPairs", validationPairs);
		m.put("trainingPairs", trainingIndices.length);
		final Map<String, Object> d = new LinkedHashMap<>();
		d.put("folder", dataset.toString());
		d.put("input", parameters.input);
		d.put("size", parameters.size);
		d.put("kernel", parameters.kernel);
		d.put("taps", parameters.taps());
		d.put("sigma", parameters.sigma);
		d.put("noise", parameters.noise);
		d.put("grayscale", parameters.grayscale);
		d.put("seed", parameters.seed);
		d.put("channels", parameters.channels());
		d.put("pairs", parameters.pairs());
		m.put("dataset", d);
		if (options.resume != null) m.put("resumedFrom", options.resume.toAbsolutePath().toString());
		m.put("epochs", history.size());
		m.put("bestEpoch", best.epoch);
		m.put("best", best.toMap());
		m.put("canceled", canceled);
		m.put("history", history.stream().map(EpochRecord::toMap).collect(Collectors.toList()));
		return m;
	}

	private void writeCsv(final List<EpochRecord> history) throws IOException {
		final List<String> lines = new ArrayList<>();
		lines.add(EpochRecord.CSV_HEADER);
		for (final EpochRecord record : history) lines.add(record.csvRow());
		claim.write(csv.getFileName().toString(), tmp -> Files.write(tmp, lines, StandardCharsets.UTF_8));
	}

	/** {@code 1 h 02 min}, {@code 3 min 05 s}, {@code 12 s}. */
	static String duration(final double seconds) {
		if (!Double.isFinite(seconds)) return "?";
		final long s = Math.round(seconds);
		if (s >= 3600) return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s / 60 % 60);
		if (s >= 60) return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
		return s + " s";
	}
}

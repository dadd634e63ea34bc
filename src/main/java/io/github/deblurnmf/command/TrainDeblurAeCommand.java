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

import ij.gui.Plot;
import ij.gui.PlotWindow;
import io.github.deblurnmf.net.Architecture;
import io.github.deblurnmf.net.DeblurNetwork;
import io.github.deblurnmf.train.EpochRecord;
import io.github.deblurnmf.train.Trainer;

import java.awt.Color;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Trains the deblurring network on a dataset made by Create Blurred Dataset; writes the model zip and
 * {@code <model name>_training.csv} beside it. See {@link Trainer} for the split, augmentation, checkpoints and resume.
 */
@Plugin(type = Command.class, label = "Train Deblur AE", visible = false, attrs = @Attr(name = DeblurNmfCommand.NO_RECORD),
	description = "Trains the deblurring network (a U-Net, or a plain convolutional autoencoder) on a blurred dataset; writes a model zip and <model name>_training.csv")
public class TrainDeblurAeCommand extends DeblurNmfCommand {

	// -- Parameters --

	@Parameter(label = "Dataset folder", style = "directory", description = "A folder made by Create Blurred Dataset (sharp/, blurred/, dataset.json)")
	private File dataset;

	@Parameter(label = "Model file (.zip)", style = "save", description = "Where the trained network is written; <model name>_training.csv goes beside it")
	private File model;

	@Parameter(label = "Architecture", choices = { Choices.UNET, Choices.AUTOENCODER, Choices.PSF_UNET },
		description = "unet: a small U-Net with a global residual (tiles a multiple of 16); autoencoder: a plain convolutional autoencoder, 5 strided convolutions, then 5 up-samplings each with a convolution (tiles a multiple of 32); "
			+ "psf-unet: Wiener deconvolution with the dataset's Gaussian PSF, then a U-Net's correction (gray; RGB planes train as gray tiles; L1 loss; a multiple of 8)")
	private String architecture = Choices.UNET;

	@Parameter(label = "Epochs", min = "1", description = "Passes over the training pairs, at least 1")
	private int epochs = 20;

	@Parameter(label = "Batch size", min = "1", description = "Pairs per training step; at most the number of training pairs")
	private int batch = 64;

	@Parameter(label = "Learning rate", min = "0", stepSize = "0.0001", description = "Adam's learning rate")
	private double learningrate = 0.001;

	@Parameter(label = "SSIM weight", min = "0", stepSize = "0.05", description = "Loss = MSE + weight × (1 − SSIM)")
	private double ssimweight = 0.1;

	@Parameter(label = "Validation fraction", min = "0", max = "0.99", stepSize = "0.05",
		description = "Fraction of the pairs held out for validation (0 for none); the best epoch has the lowest validation loss")
	private double validation = 0.1;

	@Parameter(label = "Random seed", description = "Seed of the split, the shuffling, the augmentation and the initial weights")
	private long seed = 1;

	@Parameter(label = "Resume from model (optional)", required = false, style = "open",
		description = "A model zip written by this command to continue training from")
	private File resume;

	@Parameter(label = "Base width (channels, 0 = the architecture's default)", min = "0", max = "256", required = false,
		description = "Channels of the first layer of a new network, 1 to 256, the other layers scaled with it; 0 = 16 for unet and autoencoder (the autoencoder's 16: 16, 32, ..., 256), 24 for psf-unet (24, 32, 64, 128); ignored on resume")
	private int basewidth = 0;

	@Parameter(label = "Overwrite existing files", required = false, persist = false, description = "Replace an existing model zip and its training table")
	private boolean overwrite = false;

	@Parameter(type = ItemIO.OUTPUT, label = "Epochs run")
	private Integer epochs_run;

	@Parameter(type = ItemIO.OUTPUT, label = "Best epoch")
	private Integer best_epoch;

	@Parameter(type = ItemIO.OUTPUT, label = "Validation PSNR of the best epoch (dB)")
	private Double validation_psnr;

	@Parameter(type = ItemIO.OUTPUT, label = "Validation SSIM of the best epoch")
	private Double validation_ssim;

	@Parameter(type = ItemIO.OUTPUT, label = "Training loss of the last epoch")
	private Double train_loss;

	@Parameter(type = ItemIO.OUTPUT, label = "Seconds")
	private Double seconds;

	@Parameter(type = ItemIO.OUTPUT, label = "Training steps")
	private Long steps;

	// -- DeblurNmfCommand methods --

	@Override
	protected void execute() throws IOException {
		// SciJava sets null Number outputs to 0 before the run; keep them null until they are known.
		epochs_run = best_epoch = null;
		validation_psnr = validation_ssim = train_loss = seconds = null;
		steps = null;
		final Trainer.Options options = new Trainer.Options();
		options.dataset = dataset == null ? null : dataset.toPath();
		options.model = model == null ? null : model.toPath();
		options.architecture = Architecture.fromLabel(architecture == null ? "" : architecture);
		options.epochs = epochs;
		options.batch = batch;
		options.learningRate = learningrate;
		options.ssimWeight = ssimweight;
		options.validation = validation;
		options.seed = seed;
		options.resume = resume == null || resume.getPath().trim().isEmpty() ? null : resume.toPath();
		options.overwrite = overwrite;
		options.baseWidth = basewidth;
		final Trainer trainer = Trainer.prepare(options);
		log().info("Train Deblur AE: " + describeBackend());
		log().info("Train Deblur AE: " + options.architecture + " on " + trainer.dataset().pairs() + " pairs of " + trainer.dataset().size + "×"
			+ trainer.dataset().size + " (" + trainer.trainingPairs() + " training, " + trainer.validationIndices().length + " validation), "
			+ trainer.stepsPerEpoch() + " steps per epoch" + (options.resume == null ? "" : ", resuming " + options.resume) + " -> " + trainer.model());
		final Consumer<List<EpochRecord>> listener = isHeadless() ? history -> log().info("Train Deblur AE: " + history.get(history.size() - 1))
			: new LossPlot(log()::info, trainer.model().getFileName().toString(), options.architecture.usesPsf());
		final Trainer.Result result = trainer.train(monitor(), listener);
		epochs_run = result.epochsRun;
		best_epoch = result.best.epoch;
		validation_psnr = finite(result.best.validationPsnr);
		validation_ssim = finite(result.best.validationSsim);
		train_loss = result.last().trainLoss;
		seconds = result.seconds;
		steps = result.steps;
		log().info("Train Deblur AE: best " + result.best + "; model " + result.model + ", table " + result.csv);
	}

	private static Double finite(final double value) {
		return Double.isNaN(value) ? null : value;
	}

	/** The live plot of training and validation loss per epoch, shown at the first epoch, then redrawn. */
	private static final class LossPlot implements Consumer<List<EpochRecord>> {

		private final Consumer<String> log;
		private final String model;
		private final boolean l1;
		private PlotWindow window;

		LossPlot(final Consumer<String> log, final String model, final boolean l1) {
			this.log = log;
			this.model = model;
			this.l1 = l1;
		}

		@Override
		public void accept(final List<EpochRecord> history) {
			log.accept("Train Deblur AE: " + history.get(history.size() - 1));
			final Plot plot = lossPlot(history, model, l1);
			if (window == null || !window.isVisible()) window = ResultWindows.show(plot);
			else window.drawPlot(plot);
		}
	}

	/**
	 * The loss per epoch of {@code history}: training in blue, validation (when there is any) in red,
	 * circles and lines each in its legend's colour; epochs as whole numbers on the x axis. With
	 * {@code l1} (psf-unet) the training loss is L1 and only the validation loss MSE + w·(1 − SSIM): the
	 * legend says which is which.
	 */
	static Plot lossPlot(final List<EpochRecord> history, final String model, final boolean l1) {
		final int n = history.size();
		final double[] epochs = new double[n], train = new double[n], validation = new double[n];
		boolean hasValidation = false;
		for (int i = 0; i < n; i++) {
			epochs[i] = history.get(i).epoch;
			train[i] = history.get(i).trainLoss;
			validation[i] = history.get(i).validationLoss;
			hasValidation |= history.get(i).hasValidation();
		}
		final String criterion = "MSE + w·(1 − SSIM)";
		final Plot plot = new Plot("Training loss of " + model, "Epoch", l1 ? "Loss" : "Loss (" + criterion + ")");
		// The second colour is the line's of a connected-circle curve (black if unset) and the legend's.
		plot.setColor(Color.BLUE, Color.BLUE);
		plot.add("connected circle", epochs, train);
		if (hasValidation) {
			plot.setColor(Color.RED, Color.RED);
			plot.add("connected circle", epochs, validation);
			plot.setColor(Color.BLACK);
			plot.addLegend(l1 ? "training (L1)\tvalidation (" + criterion + ")" : "training\tvalidation");
		}
		final int first = (int) epochs[0], last = (int) epochs[n - 1];
		plot.setOptions("xinterval=" + epochInterval(last - first + 2) + " xdecimals=0");
		plot.setLimits(first - 1, last + 1, Double.NaN, Double.NaN);
		return plot;
	}

	/** The step between epoch ticks on an axis {@code span} epochs long: the smallest of 1, 2, 5, 10, 20, 50, … giving at most 10 steps. */
	static int epochInterval(final int span) {
		for (long step = 1;; step *= 10) {
			for (final long m : new long[] { 1, 2, 5 }) {
				if (span <= 10 * m * step || m * step > Integer.MAX_VALUE / 10) return (int) (m * step);
			}
		}
	}
}

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

import io.github.deblurnmf.deblur.PsfFirstStage;
import io.github.deblurnmf.deblur.WienerDeconvolution;
import io.github.deblurnmf.io.AtomicFiles;
import io.github.deblurnmf.metrics.ImageMetrics;
import io.github.deblurnmf.net.Backend;
import io.github.deblurnmf.net.DeblurNetwork;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Trains the PSF-aware network ({@code psf-unet}, issue 9) on random crops of photos
 * ({@link PhotoCrops}), each blurred by a Gaussian of its own σ in [σmin, σmax], and measures it on
 * held-out photos against Wiener deconvolution with the best noise-to-signal ratio.
 * <pre>
 * java -cp "target/fiji/plugins/*:target/fiji/jars/*" io.github.deblurnmf.train.PhotoTraining \
 *   photos=/work/data/photos/train heldout=/work/data/photos/heldout model=/work/data/run1.zip minutes=600 [resume=/work/data/run1.zip]
 * </pre>
 * Options ({@code key=value}): {@code photos}, {@code heldout}, {@code model} (required); {@code steps} (20000:
 * the cosine decay's length and the last step; a resumed run keeps its model's decay), {@code stopat} (stop
 * at this step; default {@code steps}), {@code minutes} (0 = no limit: stop, with a checkpoint,
 * after this much time), {@code batch} (16), {@code size} (96), {@code lr} (0.001), {@code seed} (1),
 * {@code sigmamin}/{@code sigmamax} (1, 5), {@code noise} (0.02: the largest noise std), {@code clean} (0: the share of
 * noiseless crops), {@code minscale} (0.25: the smallest crop scale relative to the original photo, at most 0.5; a resumed
 * run takes it anew), {@code evalnoise} (0.01: the held-out noise std; a comma-separated list measures each), {@code nsr} (the first
 * stage's Wiener K, {@value PsfFirstStage#DEFAULT_NOISE_TO_SIGNAL}), {@code sigmaplane} (false), {@code width} (the first level's
 * width of a new network, {@value DeblurNetwork#PSF_UNET_BASE_WIDTH}; the levels are {@link DeblurNetwork#psfUnetWidths}), {@code widths}
 * (instead of {@code width}: every level's width, comma-separated, one level each), {@code spacetodepth} (false: the first level works
 * on 2×2 blocks at half resolution), {@code head} (0; with {@code spacetodepth}: the width of two k3 convolutions at full
 * resolution before the correction),
 * {@code details} (none: comma-separated Wiener K of the detail planes, {@link PsfFirstStage}), {@code init} (a psf-unet zip
 * whose weights a new network starts from, {@link DeblurNetwork#copyWeightsFrom}; its first stage is kept, its detail planes
 * unless {@code details} gives others, and its level widths unless {@code width} or {@code widths} widen them), {@code log}
 * (10), {@code eval} (200), {@code checkpoint} (200) in steps, {@code resume} (a checkpoint zip),
 * {@code decay} (0; only with {@code resume}: a new cosine decay from the checkpoint's learning rate down to
 * {@code lr}/100 at this step, which is then also the default {@code stopat}), {@code peak} (only with {@code decay}: the
 * new decay's first learning rate instead of the checkpoint's), {@code warmup} (0: the schedule's first steps, a new
 * network's or a new decay's, rise linearly to its first learning rate before the cosine starts; for a fresh Adam on trained
 * weights, {@code init}; with {@code resume} only together with {@code decay}, since a resumed run otherwise keeps its schedule), {@code loss} (the model's, {@code l1} for a new one: {@code l1} or {@code mse}, what the steps from
 * here on minimize; {@link DeblurNetwork#setPixelLoss}).
 * <p>
 * Batch {@code k} (0-based) is drawn from {@code new Random(seed · 1000003 + k)}, and the zip holds the
 * network, Adam's state and the step count (DL4J's iteration count, which also drives the learning-rate
 * schedule), so a resumed run makes the same steps as an uninterrupted one. The table
 * {@code <model name>_training.csv} beside the model gets a row every {@code log} steps
 * ({@code step,seconds,learning_rate,loss} = the mean over those steps of the loss per pixel, absolute or squared error) and, every
 * {@code eval} steps, the held-out PSNR of the network and of the tuned Wiener filter at σ 1.5, 3 and 5;
 * a resume drops the rows after its checkpoint. Held-out tiles: each held-out photo at ⅜ of its size (the
 * middle of the training scales), cut into 192×192 tiles, blurred without border effects, noise std
 * {@code evalnoise} (fixed seed), 8 bits. PSNR over all tiles' pixels, images on [0, 1]. With several
 * {@code evalnoise} values the columns are named {@code psnr_s<σ>_n<noise>}, {@code wiener_s<σ>_n<noise>}.
 */
public final class PhotoTraining {

	static final double[] EVAL_SIGMAS = { 1.5, 3, 5 };
	static final double[] NSR_GRID = { 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1 };
	static final int EVAL_TILE = 192, EVAL_MARGIN = 20;
	static final double EVAL_SCALE = 0.375;

	private PhotoTraining() {}

	/** Held-out tiles at one σ. */
	static final class EvalSet {

		final double sigma, noise;
		final String suffix;
		final List<float[]> blurred = new ArrayList<>(), sharp = new ArrayList<>();
		double wienerNsr, wienerPsnr;

		EvalSet(final double sigma, final double noise, final boolean named) {
			this.sigma = sigma;
			this.noise = noise;
			suffix = DeblurNetwork.PsfInput.formatSigma(sigma) + (named ? "_n" + noise : "");
		}
	}

	public static void main(final String[] args) throws IOException {
		final Map<String, String> o = new LinkedHashMap<>();
		for (final String arg : args) {
			final int eq = arg.indexOf('=');
			if (eq < 1) throw new IllegalArgumentException("expected key=value, got " + arg);
			o.put(arg.substring(0, eq).toLowerCase(Locale.ROOT), arg.substring(eq + 1));
		}
		for (final String key : new String[] { "photos", "heldout", "model" })
			if (!o.containsKey(key)) throw new IllegalArgumentException("missing " + key + "=");
		final Path photos = Paths.get(o.get("photos")), heldout = Paths.get(o.get("heldout")), model = Paths.get(o.get("model"));
		final long steps = Long.parseLong(o.getOrDefault("steps", "20000"));
		final long decay = Long.parseLong(o.getOrDefault("decay", "0"));
		final long warmup = Long.parseLong(o.getOrDefault("warmup", "0"));
		final long stopAt = Long.parseLong(o.getOrDefault("stopat", String.valueOf(decay > 0 ? decay : steps)));
		final double minutes = Double.parseDouble(o.getOrDefault("minutes", "0"));
		final int batch = Integer.parseInt(o.getOrDefault("batch", "16")), size = Integer.parseInt(o.getOrDefault("size", "96"));
		final double lr = Double.parseDouble(o.getOrDefault("lr", "0.001"));
		final long seed = Long.parseLong(o.getOrDefault("seed", "1"));
		final double sigmaMin = Double.parseDouble(o.getOrDefault("sigmamin", "1")), sigmaMax = Double.parseDouble(o.getOrDefault("sigmamax", "5"));
		final double noise = Double.parseDouble(o.getOrDefault("noise", "0.02"));
		final double clean = Double.parseDouble(o.getOrDefault("clean", "0"));
		final double[] evalNoise = doubles(o.getOrDefault("evalnoise", "0.01"));
		if (clean < 0 || clean > 1) throw new IllegalArgumentException("clean must be in [0, 1], got " + clean);
		final double nsr = Double.parseDouble(o.getOrDefault("nsr", String.valueOf(PsfFirstStage.DEFAULT_NOISE_TO_SIGNAL)));
		final boolean sigmaPlane = Boolean.parseBoolean(o.getOrDefault("sigmaplane", "false"));
		final int width = Integer.parseInt(o.getOrDefault("width", String.valueOf(DeblurNetwork.PSF_UNET_BASE_WIDTH)));
		final int[] widths = o.containsKey("widths") ? java.util.Arrays.stream(o.get("widths").split(",")).mapToInt(w -> Integer.parseInt(w
			.trim())).toArray() : DeblurNetwork.psfUnetWidths(width);
		final boolean spaceToDepth = Boolean.parseBoolean(o.getOrDefault("spacetodepth", "false"));
		final int head = Integer.parseInt(o.getOrDefault("head", "0"));
		final int logEvery = Integer.parseInt(o.getOrDefault("log", "10")), evalEvery = Integer.parseInt(o.getOrDefault("eval", "200"));
		final int checkpointEvery = Integer.parseInt(o.getOrDefault("checkpoint", "200"));
		final Path resume = o.containsKey("resume") && !o.get("resume").isEmpty() ? Paths.get(o.get("resume")) : null;
		final Path init = o.containsKey("init") && !o.get("init").isEmpty() ? Paths.get(o.get("init")) : null;
		final double[] details = doubles(o.getOrDefault("details", ""));
		if (resume != null && (init != null || details.length > 0)) throw new IllegalArgumentException("resume= keeps its model's input: no init= or details=");
		if (resume != null && warmup > 0 && decay == 0) throw new IllegalArgumentException("warmup= with resume= needs decay=: a resumed run keeps its schedule");
		if (decay > 0 && resume == null) throw new IllegalArgumentException("decay= needs resume=: a new run decays over steps=");
		if (o.containsKey("peak") && decay == 0) throw new IllegalArgumentException("peak= needs decay=: it is where a new cosine starts");

		final long loadStart = System.nanoTime();
		final PhotoCrops train = PhotoCrops.read(photos).minScale(Double.parseDouble(o.getOrDefault("minscale", String.valueOf(
			PhotoCrops.MIN_SCALE))));
		final PhotoCrops held = PhotoCrops.read(heldout);
		log(String.format(Locale.ROOT, "photos: %d for training (%.1f MP), %d held out (%.1f MP), read in %.1f s; %s", train.count(),
			train.megapixels(), held.count(), held.megapixels(), (System.nanoTime() - loadStart) / 1e9, Backend.describe()));
		final List<EvalSet> evals = evalSets(held, seed, evalNoise);

		final DeblurNetwork network;
		double seconds = 0;
		if (resume != null) {
			network = DeblurNetwork.load(resume);
			if (!network.usesPsf()) throw new IllegalArgumentException(resume + " is not a psf-unet model");
			final Object done = network.metadata().get("seconds");
			if (done instanceof Number) seconds = ((Number) done).doubleValue();
			log("resumed " + resume + " at step " + network.steps());
			if (decay > 0) {
				final double from = o.containsKey("peak") ? Double.parseDouble(o.get("peak")) : network.learningRate();
				network.setCosineDecay(from, lr / 100, decay, warmup);
				log(String.format(Locale.ROOT, "new cosine decay from %.6g at step %d (after a warm-up of %d steps) to %.6g at step %d", from,
					network.steps(), warmup, lr / 100, decay));
			}
		}
		else if (init != null) {
			final DeblurNetwork source = DeblurNetwork.load(init);
			if (!source.usesPsf()) throw new IllegalArgumentException(init + " is not a psf-unet model");
			final int[] layout = o.containsKey("widths") || o.containsKey("width") ? widths : DeblurNetwork.psfUnetWidths(source.baseWidth());
			final DeblurNetwork.PsfInput given = details.length > 0 ? source.psfInput().withDetails(details) : source.psfInput();
			network = DeblurNetwork.createPsfUnet(given, seed, lr, steps, layout, false, 0);
			network.copyWeightsFrom(source);
			log("started from the weights of " + init + " (step " + source.steps() + "), detail planes " + java.util.Arrays.toString(given
				.detailNoiseToSignal())
				+ ", widths " + java.util.Arrays.toString(layout));
		}
		else {
			network = DeblurNetwork.createPsfUnet(new DeblurNetwork.PsfInput(nsr, sigmaPlane, sigmaMin, sigmaMax, details), seed, lr, steps,
				widths, spaceToDepth, head);
		}
		if (resume == null && warmup > 0) network.setCosineDecay(lr, lr / 100, steps, warmup);
		if (o.containsKey("loss")) network.setPixelLoss(o.get("loss"));
		log("loss " + network.pixelLoss());
		final DeblurNetwork.PsfInput input = network.psfInput();
		final Path csv = Trainer.csvPath(model);
		Files.createDirectories(csv.getParent());
		final List<String> rows = new ArrayList<>();
		final StringBuilder header = new StringBuilder("step,seconds,learning_rate,loss");
		for (final EvalSet e : evals) header.append(",psnr_s").append(e.suffix).append(",wiener_s").append(e.suffix);
		rows.add(header.toString());
		if (resume != null && Files.isRegularFile(csv)) {
			for (final String line : Files.readAllLines(csv, StandardCharsets.UTF_8).subList(1, Files.readAllLines(csv).size())) {
				if (Long.parseLong(line.substring(0, line.indexOf(','))) <= network.steps()) rows.add(line);
			}
		}
		for (final EvalSet e : evals) log(String.format(Locale.ROOT, "held out sigma %s, noise %s: %d tiles, tuned Wiener nsr %s: %.2f dB",
			DeblurNetwork.PsfInput.formatSigma(e.sigma), e.noise, e.sharp.size(), e.wienerNsr, e.wienerPsnr));

		final long start = System.nanoTime();
		final double startSeconds = seconds;
		double lossSum = 0;
		int lossCount = 0;
		long step = network.steps();
		final long firstStep = step;
		if (step == 0) {
			rows.add(row(0, 0, network.learningRate(), Double.NaN, evaluate(network, evals), evals.size()));
			write(csv, rows);
		}
		while (step < stopAt && (minutes <= 0 || (System.nanoTime() - start) / 60e9 < minutes)) {
			final Random random = new Random(seed * 1_000_003L + step);
			final float[][] blurred = new float[batch][], sharp = new float[batch][];
			final double[] sigmas = new double[batch];
			for (int n = 0; n < batch; n++) {
				final PhotoCrops.Pair pair = train.crop(random, size, input.sigmaMin, input.sigmaMax, noise, clean);
				blurred[n] = pair.blurred;
				sharp[n] = pair.sharp;
				sigmas[n] = pair.sigma;
			}
			final double rate = network.learningRate();
			lossSum += network.fit(blurred, sharp, sigmas, size, size);
			lossCount++;
			step = network.steps();
			seconds = startSeconds + (System.nanoTime() - start) / 1e9;
			final boolean last = step >= stopAt || minutes > 0 && (System.nanoTime() - start) / 60e9 >= minutes;
			final boolean evalNow = step % evalEvery == 0 || last;
			if (step % logEvery == 0 || evalNow) {
				final double[] psnr = evalNow ? evaluate(network, evals) : null;
				rows.add(row(step, seconds, rate, lossSum / lossCount, psnr, evals.size()));
				log(rows.get(rows.size() - 1) + String.format(Locale.ROOT, " (%.2f s/step)", (seconds - startSeconds) / Math.max(1, step - firstStep)));
				lossSum = 0;
				lossCount = 0;
			}
			if (step % checkpointEvery == 0 || last) {
				final Map<String, Object> metadata = new LinkedHashMap<>();
				metadata.put("tool", "PhotoTraining");
				metadata.put("photos", photos.toString());
				metadata.put("heldout", heldout.toString());
				metadata.put("options", o);
				metadata.put("step", step);
				metadata.put("seconds", seconds);
				metadata.put("batch", batch);
				metadata.put("size", size);
				metadata.put("sigmaRange", List.of(input.sigmaMin, input.sigmaMax));
				metadata.put("noiseMax", noise);
				metadata.put("cleanShare", clean);
				metadata.put("scaleRange", List.of(train.minScale(), PhotoCrops.MAX_SCALE));
				metadata.put("normalization", "gray (BT.601 luma) / 255 -> [0, 1]; inputs [wiener, blurred" + (input.sigmaPlane ? ", sigma/5" : "")
					+ (input.detailNoiseToSignal().length > 0 ? ", detail planes " + java.util.Arrays.toString(input.detailNoiseToSignal()) : "") + "]");
				if (init != null) metadata.put("initializedFrom", init.toString());
				metadata.put("trainingPhotos", train.count());
				final Map<String, Object> wiener = new LinkedHashMap<>();
				for (final EvalSet e : evals) wiener.put(e.suffix, Map.of("nsr", e.wienerNsr, "psnr", e.wienerPsnr, "noise", e.noise));
				metadata.put("heldoutWiener", wiener);
				metadata.put("lastRow", rows.get(rows.size() - 1));
				network.save(model, metadata);
				write(csv, rows);
			}
		}
		log("done at step " + step + ": " + model + ", " + csv);
	}

	/** Held-out tiles per noise level and σ, with the tuned Wiener filter's PSNR. */
	static List<EvalSet> evalSets(final PhotoCrops held, final long seed, final double[] noises) {
		final List<EvalSet> sets = new ArrayList<>();
		final int side = EVAL_TILE + 2 * EVAL_MARGIN;
		// side pixels at 3/8 of the original = side / 0.75 pixels of the half-size photo
		final double length = side / (EVAL_SCALE / PhotoCrops.MAX_SCALE);
		final List<float[]> bigs = new ArrayList<>();
		for (final PhotoCrops.Photo photo : held.photos()) {
			for (int ty = 0; (ty + 1) * length <= photo.height; ty++)
				for (int tx = 0; (tx + 1) * length <= photo.width; tx++)
					bigs.add(PhotoCrops.resample(photo, tx * length, ty * length, length, side));
		}
		for (final double noise : noises) for (int s = 0; s < EVAL_SIGMAS.length; s++) {
			final EvalSet set = new EvalSet(EVAL_SIGMAS[s], noise, noises.length > 1);
			final double[] w = PsfFirstStage.psf(set.sigma, 0).weights();
			final int m = w.length / 2;
			final Random random = new Random(seed * 31 + 7 + s);
			for (final float[] big : bigs) {
				final float[] region = PhotoCrops.center(big, side, EVAL_MARGIN - m, EVAL_TILE + 2 * m);
				set.blurred.add(PhotoCrops.degrade(region, EVAL_TILE + 2 * m, w, EVAL_TILE, noise, random));
				set.sharp.add(PhotoCrops.center(big, side, EVAL_MARGIN, EVAL_TILE));
			}
			set.wienerPsnr = Double.NEGATIVE_INFINITY;
			for (final double nsr : NSR_GRID) {
				final WienerDeconvolution wiener = new WienerDeconvolution(PsfFirstStage.psf(set.sigma, 0), nsr);
				double mse = 0;
				for (int i = 0; i < set.sharp.size(); i++) {
					final float[] out = wiener.deconvolve(set.blurred.get(i), EVAL_TILE, EVAL_TILE);
					for (int p = 0; p < out.length; p++) out[p] = Math.min(1, Math.max(0, out[p]));
					mse += ImageMetrics.mse(set.sharp.get(i), out) / set.sharp.size();
				}
				final double psnr = 10 * Math.log10(1 / mse);
				if (psnr > set.wienerPsnr) {
					set.wienerPsnr = psnr;
					set.wienerNsr = nsr;
				}
			}
			sets.add(set);
		}
		return sets;
	}

	/** The network's held-out PSNR at each σ (network, Wiener, network, Wiener, …). */
	static double[] evaluate(final DeblurNetwork network, final List<EvalSet> sets) {
		final double[] result = new double[2 * sets.size()];
		for (int s = 0; s < sets.size(); s++) {
			final EvalSet set = sets.get(s);
			double mse = 0;
			for (int i = 0; i < set.sharp.size(); i++) {
				final float[] out = network.predict(set.blurred.get(i), EVAL_TILE, EVAL_TILE, set.sigma, 0);
				mse += ImageMetrics.mse(set.sharp.get(i), out) / set.sharp.size();
			}
			result[2 * s] = 10 * Math.log10(1 / mse);
			result[2 * s + 1] = set.wienerPsnr;
		}
		return result;
	}

	private static String row(final long step, final double seconds, final double rate, final double loss, final double[] psnr, final int sets) {
		final StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%d,%.1f,%.6g,%s", step, seconds, rate,
			Double.isNaN(loss) ? "" : String.format(Locale.ROOT, "%.6f", loss)));
		final int columns = 2 * sets;
		for (int i = 0; i < columns; i++) row.append(',').append(psnr == null ? "" : String.format(Locale.ROOT, "%.3f", psnr[i]));
		return row.toString();
	}


	/** The numbers of a comma-separated list; none for an empty text. */
	private static double[] doubles(final String list) {
		return list.isEmpty() ? new double[0] : java.util.Arrays.stream(list.split(",")).mapToDouble(Double::parseDouble).toArray();
	}

	private static void write(final Path csv, final List<String> rows) throws IOException {
		AtomicFiles.write(csv, tmp -> Files.write(tmp, rows, StandardCharsets.UTF_8));
	}

	private static void log(final String line) {
		System.err.println(String.format(Locale.ROOT, "[PhotoTraining %tT] %s", java.time.LocalTime.now(), line));
	}
}

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

import io.github.deblurnmf.deblur.Dihedral;
import io.github.deblurnmf.deblur.PlaneOperator;
import io.github.deblurnmf.deblur.PsfFirstStage;
import io.github.deblurnmf.metrics.GaussianFilter;

import io.github.deblurnmf.task.UserInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossL1;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * The deblurring network: the only network type the rest of the plugin uses (no DL4J type in its API).
 * <p>
 * Images are {@code float[]} of {@code channels · width · height} values on [0, 1], channel planes one after
 * the other, each plane row-major ({@code x + y·width}). Inside, a DL4J {@link ComputationGraph} works on
 * float32 NCHW arrays (NHWC for networks saved by earlier versions) and trains with Adam on {@link SsimLoss}
 * ({@code MSE + w·(1 − SSIM)} per image, through
 * a {@code CnnLossLayer} with {@link SsimLossFunction}).
 * <p>
 * {@link #fit} needs sides that are multiples of {@link Architecture#sizeMultiple()} (32 for the autoencoder,
 * 16 for the U-Net) and, with an SSIM term, at least 11 pixels. {@link #predict} takes any size: it pads
 * the image by reflection up to the next multiple and crops the result.
 * <p>
 * Not thread-safe.
 */
public final class DeblurNetwork {


	/**
	 * A system property naming the layout of the forward pass that networks loaded afterwards predict in, {@code nchw} or
	 * {@code nhwc}, instead of the one picked for the CPU: for benchmarks.
	 */
	public static final String FORWARD_LAYOUT_PROPERTY = DirectForward.LAYOUT_PROPERTY;

	private final ComputationGraph graph;
	private final Architecture architecture;
	/** Whether the graph takes NCHW arrays ({@link Architectures#NEW_FORMAT}) or NHWC (a network saved in NHWC). */
	private final boolean nchw;
	private final int channels;
	private final int baseWidth;
	private final Map<String, Object> metadata;
	/** The first stage's settings for {@link Architecture#PSF_UNET}, null for the others. */
	private final PsfInput psfInput;
	/** The forward pass that predicts; null if it does not run this graph ({@link DirectForward#of}), which then predicts through DL4J. */
	private final DirectForward forward;

	private DeblurNetwork(final ComputationGraph graph, final Architecture architecture, final int channels,
		final int baseWidth, final Map<String, Object> metadata, final PsfInput psfInput)
	{
		this.graph = graph;
		this.architecture = architecture;
		this.nchw = Architectures.formatOf(graph) == CNN2DFormat.NCHW;
		this.channels = channels;
		this.baseWidth = baseWidth;
		this.metadata = metadata;
		this.psfInput = psfInput;
		this.forward = DirectForward.of(graph);
	}

	/**
	 * How a PSF-aware network ({@link Architecture#PSF_UNET}) builds its input: the first stage's Wiener
	 * noise-to-signal ratio, whether a σ/5 plane is added, the detail planes' ratios, and the σ range it was
	 * made for. Immutable. The input planes are on [0, 1] (8-bit values / 255): the Wiener output of the
	 * blurred plane with the Gaussian PSF of σ (window ±4σ unless a kernel is given), the blurred plane,
	 * [σ / 5], [the Wiener output with each detail ratio] ({@link PsfFirstStage}).
	 */
	public static final class PsfInput {

		public final double noiseToSignal;
		public final boolean sigmaPlane;
		public final double sigmaMin, sigmaMax;
		private final double[] detailNoiseToSignal;

		public PsfInput(final double noiseToSignal, final boolean sigmaPlane, final double sigmaMin,
			final double sigmaMax)
		{
			this(noiseToSignal, sigmaPlane, sigmaMin, sigmaMax, new double[0]);
		}

		public PsfInput(final double noiseToSignal, final boolean sigmaPlane, final double sigmaMin,
			final double sigmaMax, final double[] detailNoiseToSignal)
		{
			if (!(noiseToSignal >= 0) || !(sigmaMin > 0) || !(sigmaMax >= sigmaMin)) {
				throw new IllegalArgumentException("bad PSF input settings: nsr " + noiseToSignal + ", sigma " + sigmaMin
					+ ".." + sigmaMax);
			}
			for (final double k : detailNoiseToSignal)
				if (!(k > 0 && k < Double.POSITIVE_INFINITY)) throw new IllegalArgumentException("bad detail plane nsr " + k);
			this.noiseToSignal = noiseToSignal;
			this.sigmaPlane = sigmaPlane;
			this.sigmaMin = sigmaMin;
			this.sigmaMax = sigmaMax;
			this.detailNoiseToSignal = detailNoiseToSignal.clone();
		}

		/** The defaults of issue 9: nsr {@value PsfFirstStage#DEFAULT_NOISE_TO_SIGNAL}, no σ plane, no detail planes, σ 1–5. */
		public static PsfInput defaults() {
			return new PsfInput(PsfFirstStage.DEFAULT_NOISE_TO_SIGNAL, false, 1, 5);
		}

		/**
		 * The first stage of the shipped model for blurs of σ in [{@code sigmaMin}, {@code sigmaMax}]: K
		 * {@value PsfFirstStage#DEFAULT_NOISE_TO_SIGNAL}, no σ plane, detail planes of K 1e-3 and 1e-4 (models/README.md).
		 */
		public static PsfInput shipped(final double sigmaMin, final double sigmaMax) {
			return new PsfInput(PsfFirstStage.DEFAULT_NOISE_TO_SIGNAL, false, sigmaMin, sigmaMax, new double[] { 1e-3, 1e-4 });
		}

		/** The same settings with these detail planes. */
		public PsfInput withDetails(final double... noiseToSignals) {
			return new PsfInput(noiseToSignal, sigmaPlane, sigmaMin, sigmaMax, noiseToSignals);
		}

		/** The detail planes' Wiener ratios, in input order. */
		public double[] detailNoiseToSignal() {
			return detailNoiseToSignal.clone();
		}

		/** The first stage for a blur of {@code sigma} (window {@code kernel}, 0 = ±4σ). */
		public PsfFirstStage firstStage(final double sigma, final int kernel) {
			return new PsfFirstStage(PsfFirstStage.psf(sigma, kernel), noiseToSignal, sigmaPlane, detailNoiseToSignal);
		}

		public int planes() {
			return PsfFirstStage.planes(sigmaPlane, detailNoiseToSignal.length);
		}

		/**
		 * Null if {@code sigma} lies in the trained range, else a one-line warning: the network still runs (its
		 * first stage is exact for any sigma), but its correction was never trained for that blur.
		 */
		public String outsideRange(final double sigma) {
			if (sigma >= sigmaMin - 1e-9 && sigma <= sigmaMax + 1e-9) return null;
			return String.format(java.util.Locale.ROOT,
				"sigma %s is outside the range this model was trained for (%s to %s): the result may be no better than method=wiener",
				formatSigma(sigma), formatSigma(sigmaMin), formatSigma(sigmaMax));
		}

		/** A sigma as people write it: {@code 3}, {@code 1.5}. */
		public static String formatSigma(final double value) {
			return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
		}

		Map<String, Object> describe() {
			final Map<String, Object> map = new LinkedHashMap<>();
			map.put("firstStage", "wiener");
			map.put("noiseToSignal", noiseToSignal);
			map.put("sigmaPlane", sigmaPlane);
			map.put("sigmaMin", sigmaMin);
			map.put("sigmaMax", sigmaMax);
			map.put("psfWindow", "2*ceil(4*sigma) unless a kernel is given");
			final List<Object> inputs = new ArrayList<>(List.of("wiener", "blurred"));
			if (sigmaPlane) inputs.add("sigma/5");
			final List<Double> details = new ArrayList<>();
			for (final double k : detailNoiseToSignal) {
				inputs.add("wiener nsr " + k);
				details.add(k);
			}
			if (!details.isEmpty()) map.put("detailNoiseToSignal", details);
			map.put("inputs", inputs);
			map.put("inputRange", List.of(0, 1));
			return map;
		}

		static PsfInput read(final Map<?, ?> map) {
			final Object details = map.get("detailNoiseToSignal");
			final double[] ks = details instanceof List ? ((List<?>) details).stream().mapToDouble(
				k -> ((Number) k).doubleValue()).toArray() : new double[0];
			return new PsfInput(((Number) map.get("noiseToSignal")).doubleValue(), Boolean.TRUE.equals(map.get(
				"sigmaPlane")), ((Number) map.get("sigmaMin")).doubleValue(), ((Number) map.get("sigmaMax")).doubleValue(), ks);
		}
	}

	/**
	 * A new, randomly initialized network.
	 *
	 * @param architecture which network
	 * @param channels image channels (1 for gray, 3 for RGB)
	 * @param seed seed of the weight initialization
	 * @param learningRate Adam's learning rate
	 * @param ssimWeight weight {@code w} of the {@code 1 − SSIM} term of the loss (0: MSE only)
	 * @param baseWidth channels of the first layer (16 = the seed's autoencoder); the others scale with it
	 */
	public static DeblurNetwork create(final Architecture architecture, final int channels, final long seed,
		final double learningRate, final double ssimWeight, final int baseWidth)
	{
		return create(architecture, channels, seed, learningRate, ssimWeight, baseWidth, baseWidth << 4);
	}

	/**
	 * A new {@link Architecture#AUTOENCODER} whose code, the output of its last (fifth) stride-2 convolution,
	 * has {@code codeChannels} channels instead of 16 · {@code baseWidth}; every other layer is that of
	 * {@link #create(Architecture, int, long, double, double, int)}. A 32 × 32 image is then coded by
	 * {@code codeChannels} numbers (1 × 1 × codeChannels): the code size can be set apart from the width of
	 * the layers around it (docs/nmf-reports.md compares it with NMF's rank).
	 */
	public static DeblurNetwork createAutoencoder(final int channels, final long seed, final double learningRate,
		final double ssimWeight, final int baseWidth, final int codeChannels)
	{
		if (codeChannels < 1) throw new IllegalArgumentException("code channels must be >= 1, got " + codeChannels);
		return create(Architecture.AUTOENCODER, channels, seed, learningRate, ssimWeight, baseWidth, codeChannels);
	}

	private static DeblurNetwork create(final Architecture architecture, final int channels, final long seed,
		final double learningRate, final double ssimWeight, final int baseWidth, final int codeChannels)
	{
		if (channels < 1) throw new IllegalArgumentException("channels must be >= 1, got " + channels);
		if (baseWidth < 1) throw new IllegalArgumentException("base width must be >= 1, got " + baseWidth);
		if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
		if (architecture.usesPsf()) {
			throw new IllegalArgumentException("a psf-unet is made by createPsfUnet, with its PSF input");
		}
		final ComputationGraph graph = Architectures.plain(architecture, channels, seed, learningRate, ssimWeight, baseWidth, codeChannels);
		return new DeblurNetwork(graph, architecture, channels, baseWidth, new LinkedHashMap<>(), null);
	}

	/** The first level's width of the shipped {@link Architecture#PSF_UNET}. */
	public static final int PSF_UNET_BASE_WIDTH = 24;

	/**
	 * The widths of {@link Architecture#PSF_UNET}'s four levels for a first level of {@code baseWidth}:
	 * {@code b, 4b/3, 8b/3, 16b/3} rounded (24 → 24, 32, 64, 128).
	 */
	public static int[] psfUnetWidths(final int baseWidth) {
		if (baseWidth < 1) throw new IllegalArgumentException("base width must be >= 1, got " + baseWidth);
		return new int[] { baseWidth, (int) Math.round(baseWidth * 4 / 3.0), (int) Math.round(baseWidth * 8 / 3.0), (int) Math.round(
			baseWidth * 16 / 3.0) };
	}

	/** {@link #createPsfUnet(PsfInput, long, double, long, int)} with the shipped widths 24, 32, 64, 128. */
	public static DeblurNetwork createPsfUnet(final PsfInput input, final long seed, final double learningRate,
		final long decaySteps)
	{
		return createPsfUnet(input, seed, learningRate, decaySteps, PSF_UNET_BASE_WIDTH);
	}

	/**
	 * A new {@link Architecture#PSF_UNET} (gray) with level widths {@link #psfUnetWidths}, L1 loss, Adam whose
	 * learning rate decays by a cosine from {@code learningRate} to 1 % of it over {@code decaySteps} steps.
	 */
	public static DeblurNetwork createPsfUnet(final PsfInput input, final long seed, final double learningRate,
		final long decaySteps, final int baseWidth)
	{
		return createPsfUnet(input, seed, learningRate, decaySteps, psfUnetWidths(baseWidth), false, 0);
	}

	/**
	 * A new {@link Architecture#PSF_UNET} with one level per entry of {@code widths} (the first at full resolution, or at half
	 * resolution on 2×2 blocks with {@code spaceToDepth}); each level halves the resolution, so at most
	 * log2({@link Architecture#sizeMultiple()}) halvings in all. On blocks, a {@code head} wider than 0 adds two k3 convolutions of
	 * that width at full resolution before the correction ({@link Architectures#psfUnet}).
	 */
	public static DeblurNetwork createPsfUnet(final PsfInput input, final long seed, final double learningRate,
		final long decaySteps, final int[] widths, final boolean spaceToDepth, final int head)
	{
		if (head < 0 || head > 0 && !spaceToDepth) {
			throw new IllegalArgumentException("A full-resolution head (width >= 1) goes with 2x2 blocks only, got width " + head);
		}
		if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
		final int halvings = widths.length - 1 + (spaceToDepth ? 1 : 0);
		if (widths.length < 1 || Architecture.PSF_UNET.sizeMultiple() % (1 << halvings) != 0) {
			throw new IllegalArgumentException("A psf-unet halves its sides at most " + Integer.numberOfTrailingZeros(Architecture.PSF_UNET
				.sizeMultiple()) + " times, got " + widths.length + " levels" + (spaceToDepth ? " on 2x2 blocks" : ""));
		}
		for (final int width : widths)
			if (width < 1) throw new IllegalArgumentException("level widths must be >= 1, got " + java.util.Arrays.toString(widths));
		final ComputationGraph graph = Architectures.psfUnet(input.planes() - 1, widths, spaceToDepth, head, seed, learningRate,
			decaySteps);
		return new DeblurNetwork(graph, Architecture.PSF_UNET, 1, widths[0], new LinkedHashMap<>(), input);
	}

	/** The seed's network with its widths (base width 16) and MSE + 0.1·(1 − SSIM). */
	public static DeblurNetwork create(final Architecture architecture, final int channels, final long seed,
		final double learningRate)
	{
		return create(architecture, channels, seed, learningRate, 0.1, 16);
	}

	public Architecture architecture() {
		return architecture;
	}

	public int channels() {
		return channels;
	}

	public int baseWidth() {
		return baseWidth;
	}

	/**
	 * The channels of an {@link Architecture#AUTOENCODER}'s code (16 · base width unless made by
	 * {@link #createAutoencoder}), read from the network itself, so also for a loaded one; 0 for the other
	 * architectures, which have no single code layer.
	 */
	public int codeChannels() {
		if (architecture != Architecture.AUTOENCODER) return 0;
		return (int) ((ConvolutionLayer) graph.getLayer(Architectures.CODE_LAYER).conf().getLayer()).getNOut();
	}

	/** Whether {@link #predict(float[], int, int, double, int)} (with the blur's sigma) is the way to predict. */
	public boolean usesPsf() {
		return psfInput != null;
	}

	/** The first stage's settings of a PSF-aware network, or null. */
	public PsfInput psfInput() {
		return psfInput;
	}

	/** Training steps done so far (DL4J's iteration count, saved with the network). */
	public long steps() {
		return graph.getConfiguration().getIterationCount();
	}

	/** Adam's learning rate at the current step. */
	public double learningRate() {
		final org.deeplearning4j.nn.api.Layer trained = java.util.Arrays.stream(graph.getLayers()).filter(layer -> layer.numParams() > 0)
			.findFirst().orElseThrow();
		return trained.conf().getLayer().getUpdaterByParam("W").getLearningRate(graph.getConfiguration().getIterationCount(), graph
			.getConfiguration().getEpochCount());
	}

	/**
	 * Replaces the learning-rate schedule (Adam's state stays): a cosine from {@code from} at the current step
	 * down to {@code to} at step {@code lastStep}, e.g. to end a long run's decay sooner.
	 */
	public void setCosineDecay(final double from, final double to, final long lastStep) {
		setCosineDecay(from, to, lastStep, 0);
	}

	/** {@link #setCosineDecay(double, double, long)} after a linear warm-up over {@code warmup} steps ({@link CosineSchedule}). */
	public void setCosineDecay(final double from, final double to, final long lastStep, final long warmup) {
		final long now = graph.getConfiguration().getIterationCount();
		if (lastStep <= now + warmup) throw new IllegalArgumentException("the decay must end after the current step " + now + " and the warm-up of "
			+ warmup + " steps, got " + lastStep);
		graph.setLearningRate(new CosineSchedule(from, to, now, lastStep, warmup));
	}

	/**
	 * Takes the weights of {@code source}, a network with the same layers, each at most as wide as this one's (a
	 * {@link Architecture#PSF_UNET} given detail planes, or wider levels): every parameter of the same shape is copied. A
	 * convolution with more output channels keeps its own weights for the new ones; one with more input channels gets the
	 * source's weights for the channels both have, found run by run through the concatenations that feed it (a skip
	 * connection's channels come after the up-sampled ones), and zeros for the others. So this network computes what the
	 * source does until training finds a use for its new channels. Adam's state and the step count are not copied.
	 *
	 * @throws IllegalArgumentException if a layer or parameter does not match
	 */
	public void copyWeightsFrom(final DeblurNetwork source) {
		if (source.graph.getLayers().length != graph.getLayers().length) {
			throw new IllegalArgumentException("the source network has " + source.graph.getLayers().length + " layers, this one " + graph
				.getLayers().length);
		}
		for (final Layer layer : graph.getLayers()) {
			final String name = layer.conf().getLayer().getLayerName();
			final GraphVertex vertex = source.graph.getVertex(name);
			if (vertex == null || !vertex.hasLayer()) throw new IllegalArgumentException("the source network has no layer " + name);
			final Map<String, INDArray> from = vertex.getLayer().paramTable();
			final Map<String, INDArray> to = layer.paramTable();
			if (!from.keySet().equals(to.keySet())) {
				throw new IllegalArgumentException("layer " + name + " has parameters " + to.keySet() + ", the source's " + from.keySet());
			}
			final boolean convolution = layer.conf().getLayer().getClass() == ConvolutionLayer.class;
			for (final Map.Entry<String, INDArray> entry : to.entrySet()) {
				final INDArray target = entry.getValue(), given = from.get(entry.getKey());
				if (java.util.Arrays.equals(target.shape(), given.shape())) {
					target.assign(given);
				}
				else if (convolution && "b".equals(entry.getKey()) && target.length() > given.length()) {
					target.reshape(target.length()).get(NDArrayIndex.interval(0, given.length())).assign(given.reshape(given.length()));
				}
				else if (convolution && "W".equals(entry.getKey()) && target.rank() == 4 && given.rank() == 4 && target.size(0) >= given.size(0)
					&& target.size(2) == given.size(2) && target.size(3) == given.size(3))
				{
					copyKernel(given, target, Architectures.inputRuns(source.graph, name, source.inputChannels()), Architectures.inputRuns(graph,
						name, inputChannels()), name);
				}
				else {
					throw new IllegalArgumentException("parameter " + name + "." + entry.getKey() + " is " + java.util.Arrays
						.toString(target.shape()) + ", the source's " + java.util.Arrays.toString(given.shape()));
				}
			}
		}
	}

	/** The channels of each of the graph's inputs: a psf-unet's Wiener plane and the other planes of its first stage, or the image's. */
	private int[] inputChannels() {
		return usesPsf() ? new int[] { 1, psfInput.planes() - 1 } : new int[] { channels };
	}

	/**
	 * A convolution kernel [out, in, kH, kW] into a wider one: the source's output channels, and for each run of input channels
	 * (the same runs in both, each at least as long in the target) the source's weights on its first channels, zeros on the rest.
	 */
	private static void copyKernel(final INDArray given, final INDArray target, final long[] givenRuns, final long[] targetRuns,
		final String name)
	{
		if (givenRuns.length != targetRuns.length) throw new IllegalArgumentException("layer " + name + " is fed differently in the two networks");
		final long out = given.size(0);
		long g = 0, t = 0;
		for (int run = 0; run < givenRuns.length; run++) {
			if (targetRuns[run] < givenRuns[run]) throw new IllegalArgumentException("layer " + name + " has fewer input channels than the source's");
			target.get(NDArrayIndex.interval(0, out), NDArrayIndex.interval(t, t + givenRuns[run]), NDArrayIndex.all(), NDArrayIndex.all())
				.assign(given.get(NDArrayIndex.all(), NDArrayIndex.interval(g, g + givenRuns[run]), NDArrayIndex.all(), NDArrayIndex.all()));
			if (targetRuns[run] > givenRuns[run]) {
				target.get(NDArrayIndex.interval(0, out), NDArrayIndex.interval(t + givenRuns[run], t + targetRuns[run]), NDArrayIndex.all(),
					NDArrayIndex.all()).assign(0);
			}
			g += givenRuns[run];
			t += targetRuns[run];
		}
		if (g != given.size(1) || t != target.size(1)) {
			throw new IllegalArgumentException("layer " + name + ": input runs of " + g + " and " + t + " channels for kernels of " + given.size(1)
				+ " and " + target.size(1));
		}
	}

	/** Number of trainable parameters. */
	public long parameterCount() {
		return graph.numParams();
	}

	/** The metadata last saved with or loaded from a zip (an unmodifiable copy; empty for a new network). */
	public Map<String, Object> metadata() {
		return Collections.unmodifiableMap(metadata);
	}

	/** The weight of the loss's SSIM term (0 for the L1 loss of {@link Architecture#PSF_UNET}). */
	public double ssimWeight() {
		final ILossFunction loss = loss();
		return loss instanceof SsimLossFunction ? ((SsimLossFunction) loss).getSsimWeight() : 0;
	}

	/** Changes the weight of the SSIM term (for example when resuming with other settings). */
	public void setSsimWeight(final double ssimWeight) {
		if (!(loss() instanceof SsimLossFunction)) {
			if (ssimWeight == 0) return;
			throw new UserInputException("The " + architecture + " network trains with an L1 loss, without an SSIM term");
		}
		lossFunction().setSsimWeight(ssimWeight);
	}

	/** Changes Adam's learning rate, keeping its state. */
	public void setLearningRate(final double learningRate) {
		graph.setLearningRate(learningRate);
	}

	/** The psf-unet's pixel losses: the mean absolute error (its default) and the mean squared error. */
	public static final String L1_LOSS = "l1", MSE_LOSS = "mse";

	/**
	 * Sets what a psf-unet's {@link #fit} minimizes and returns, per pixel: {@link #L1_LOSS} or {@link #MSE_LOSS} (PSNR is
	 * the mean squared error's, so a run may end on it). Kept in the saved network; Adam's state stays.
	 */
	public void setPixelLoss(final String name) {
		if (!usesPsf()) throw new IllegalStateException("The " + architecture + " network's loss is its own (MSE + SSIM)");
		final ILossFunction loss;
		if (L1_LOSS.equals(name)) loss = new LossL1();
		else if (MSE_LOSS.equals(name)) loss = new LossMSE();
		else throw new IllegalArgumentException("loss must be " + L1_LOSS + " or " + MSE_LOSS + ", got " + name);
		Architectures.lossLayer(graph).setLossFn(loss);
	}

	/** {@link #L1_LOSS} or {@link #MSE_LOSS} for a psf-unet. */
	public String pixelLoss() {
		return loss() instanceof LossMSE ? MSE_LOSS : L1_LOSS;
	}

	private SsimLossFunction lossFunction() {
		return (SsimLossFunction) loss();
	}

	private ILossFunction loss() {
		return Architectures.lossLayer(graph).getLossFn();
	}

	/**
	 * One Adam step on a batch of (blurred input, sharp target) pairs, all {@code width × height}.
	 *
	 * @return the batch's loss before the step: the mean over images of {@code MSE + w·(1 − SSIM)}
	 */
	public double fit(final float[][] inputs, final float[][] targets, final int width, final int height) {
		if (inputs.length == 0 || inputs.length != targets.length) {
			throw new IllegalArgumentException("fit needs as many targets as inputs (and at least one), got "
				+ inputs.length + " and " + targets.length);
		}
		if (usesPsf()) {
			throw new UserInputException("The " + architecture + " network trains with the blur's sigma: see fit(..., sigmas, ...)");
		}
		checkTrainingSize(width, height);
		final SsimLossFunction loss = lossFunction();
		loss.setPlaneSize(width, height);
		graph.fit(new INDArray[] { toArray(inputs, width, height) }, new INDArray[] { toArray(targets, width,
			height) });
		return graph.score();
	}

	private void checkTrainingSize(final int width, final int height) {
		final int multiple = architecture.sizeMultiple();
		if (width % multiple != 0 || height % multiple != 0 || width == 0 || height == 0) {
			throw new IllegalArgumentException("The " + architecture + " trains on sides that are multiples of "
				+ multiple + ", got " + width + "x" + height);
		}
	}

	/**
	 * One Adam step of a PSF-aware network on (blurred, sharp) gray pairs, all {@code width × height} on
	 * [0, 1], pair {@code n} blurred by the Gaussian of {@code sigmas[n]} with window ±4σ: the first stage
	 * ({@link PsfFirstStage}, the same as {@link #predict(float[], int, int, double, int)}'s) runs here.
	 *
	 * @return the batch's loss before the step: the mean absolute error per pixel ({@link #pixelLoss}: or the mean squared one)
	 */
	public double fit(final float[][] blurred, final float[][] sharp, final double[] sigmas, final int width,
		final int height)
	{
		return fit(blurred, sharp, sigmas, 0, width, height);
	}

	/**
	 * {@link #fit(float[][], float[][], double[], int, int)} for pairs blurred with a Gaussian window of
	 * {@code kernel} pixels (0 = ±4σ), as a dataset of Create Blurred Dataset says.
	 */
	public double fit(final float[][] blurred, final float[][] sharp, final double[] sigmas, final int kernel,
		final int width, final int height)
	{
		if (!usesPsf()) throw new IllegalStateException("The " + architecture + " network does not take the PSF");
		if (blurred.length == 0 || blurred.length != sharp.length || blurred.length != sigmas.length) {
			throw new IllegalArgumentException("fit needs as many targets and sigmas as inputs (and at least one), got "
				+ blurred.length + ", " + sharp.length + ", " + sigmas.length);
		}
		checkTrainingSize(width, height);
		final int plane = width * height;
		final int planes = psfInput.planes();
		final float[] wiener = new float[blurred.length * plane];
		final float[] guide = new float[blurred.length * (planes - 1) * plane];
		final float[] target = new float[blurred.length * plane];
		for (int n = 0; n < blurred.length; n++) {
			if (blurred[n].length != plane || sharp[n].length != plane) {
				throw new IllegalArgumentException("Pair " + n + " is not " + width + "x" + height + " gray");
			}
			final float[] inputs = psfInput.firstStage(sigmas[n], kernel).inputs(blurred[n], width, height);
			System.arraycopy(inputs, 0, wiener, n * plane, plane);
			System.arraycopy(inputs, plane, guide, n * (planes - 1) * plane, (planes - 1) * plane);
			System.arraycopy(sharp[n], 0, target, n * plane, plane);
		}
		final long n = blurred.length;
		graph.fit(new INDArray[] { Nd4j.create(wiener, new long[] { n, 1, height, width }, 'c'), Nd4j.create(guide,
			new long[] { n, planes - 1, height, width }, 'c') }, new INDArray[] { Nd4j.create(target, new long[] { n, 1,
				height, width }, 'c') });
		// The loss layer's score is the sum of the pixels' losses per image.
		return graph.score() / plane;
	}

	/**
	 * A PSF-aware network's output for one gray image of any size blurred by a Gaussian of {@code sigma}
	 * (window {@code kernel}; 0 = ±4σ): the first stage on the whole image (reflected borders), its planes
	 * padded by reflection to the next multiple of {@link Architecture#sizeMultiple()}, the network, cropped
	 * back, clipped to [0, 1].
	 */
	public float[] predict(final float[] image, final int width, final int height, final double sigma,
		final int kernel)
	{
		if (!usesPsf()) return predict(image, width, height);
		return new PsfPrediction(psfInput.firstStage(sigma, kernel), true).apply(image, width, height);
	}

	/**
	 * {@link #predict(float[], int, int, double, int)} for one blur, image after image: keeps the first stage's transforms and
	 * the input planes for the next image of the same size. Each of a tiled image's large arrays would otherwise be allocated
	 * anew per tile, and the garbage collector's work on them slowed the first stage twofold (docs/performance.md). Not
	 * thread-safe.
	 */
	private final class PsfPrediction implements PlaneOperator {

		private final PsfFirstStage firstStage;
		private final boolean clip;
		private float[] inputs = new float[0];

		PsfPrediction(final PsfFirstStage firstStage, final boolean clip) {
			this.firstStage = firstStage;
			this.clip = clip;
		}

		@Override
		public float[] apply(final float[] image, final int width, final int height) {
			final float[] out = new float[image.length];
			apply(image, width, height, out);
			return out;
		}

		@Override
		public void apply(final float[] image, final int width, final int height, final float[] out) {
			if (width < 1 || height < 1 || image.length != width * height) {
				throw new IllegalArgumentException("A " + width + "x" + height + " gray image has " + (long) width * height
					+ " values, got " + image.length);
			}
			final int planes = psfInput.planes();
			if (inputs.length != planes * width * height) inputs = new float[planes * width * height];
			firstStage.inputs(image, width, height, inputs);
			outputOfPadded(inputs, inputChannels(), width, height, out, clip);
		}

		@Override
		public int sideMultiple() {
			return architecture.sizeMultiple();
		}
	}

	/**
	 * The network's output for one image of any size: padded by reflection to the next multiple of
	 * {@link Architecture#sizeMultiple()}, run, cropped back to {@code width × height}; clipped to [0, 1].
	 * A PSF-aware network ({@link #usesPsf()}) needs {@link #predict(float[], int, int, double, int)}.
	 */
	public float[] predict(final float[] image, final int width, final int height) {
		if (usesPsf()) {
			throw new UserInputException("The " + architecture + " model needs the blur's sigma (and kernel) to deblur");
		}
		return plainPrediction(image, width, height, true);
	}

	private float[] plainPrediction(final float[] image, final int width, final int height, final boolean clip) {
		if (width < 1 || height < 1 || image.length != (long) channels * width * height) {
			throw new IllegalArgumentException("A " + width + "x" + height + " image with " + channels
				+ " channels has " + (long) channels * width * height + " values, got " + image.length);
		}
		return outputOfPadded(image, inputChannels(), width, height, new float[image.length], clip);
	}

	/**
	 * The graph's first output for {@code planes} ({@link #output}'s layout), padded by reflection to the next multiple of
	 * {@link Architecture#sizeMultiple()}, cropped back and, with {@code clip}, clipped to [0, 1], into {@code result}.
	 */
	private float[] outputOfPadded(final float[] planes, final int[] inputChannels, final int width, final int height,
		final float[] result, final boolean clip)
	{
		final int multiple = architecture.sizeMultiple();
		final int paddedWidth = (width + multiple - 1) / multiple * multiple;
		final int paddedHeight = (height + multiple - 1) / multiple * multiple;
		final boolean fits = paddedWidth == width && paddedHeight == height;
		final int count = java.util.Arrays.stream(inputChannels).sum();
		output(fits ? planes : reflectPadded(planes, count, width, height, paddedWidth, paddedHeight), inputChannels, paddedWidth,
			paddedHeight, width, height, result, clip);
		return result;
	}

	/**
	 * The graph's first output for one image whose inputs' channels are planes of {@code width × height} one after the other in
	 * {@code planes}, {@code inputChannels[i]} of them for input i, through {@link DirectForward} where it runs the graph, else
	 * through DL4J; its top left {@code cropWidth × cropHeight}, with {@code clip} clipped to [0, 1], into {@code result} (channel
	 * planes).
	 */
	private void output(final float[] planes, final int[] inputChannels, final int width, final int height, final int cropWidth,
		final int cropHeight, final float[] result, final boolean clip)
	{
		final int plane = width * height;
		final boolean nchwArrays = forward == null ? nchw : forward.nchw(); // arrays of channel planes; else NHWC
		final INDArray[] arrays = new INDArray[inputChannels.length];
		for (int i = 0, first = 0; i < arrays.length; first += inputChannels[i++]) {
			final int c = inputChannels[i];
			arrays[i] = Nd4j.createUninitialized(DataType.FLOAT, nchwArrays ? new long[] { 1, c, height, width } : new long[] { 1, height,
				width, c }, 'c');
			// Straight into native memory: a heap copy of a large tile's planes is one more large array per tile.
			final java.nio.FloatBuffer buffer = floats(arrays[i]);
			if (nchwArrays || c == 1) buffer.put(planes, first * plane, c * plane);
			else {
				for (int p = 0; p < plane; p++)
					for (int k = 0; k < c; k++) buffer.put(planes[(first + k) * plane + p]);
			}
		}
		final INDArray out = forward != null ? forward.output(arrays)[0] : graph.output(false, arrays)[0];
		final INDArray dense = out.dataType() == DataType.FLOAT && out.ordering() == 'c' && !out.isView() ? out : out.castTo(DataType.FLOAT)
			.dup('c');
		// Straight from native memory, for the same reason.
		final java.nio.FloatBuffer values = floats(dense);
		final int outputs = (int) (dense.length() / plane), cropPlane = cropWidth * cropHeight, base = (int) dense.offset();
		for (int c = 0; c < outputs; c++) {
			for (int y = 0; y < cropHeight; y++) {
				final int row = c * cropPlane + y * cropWidth;
				if (nchwArrays || outputs == 1) {
					values.position(base + (c * height + y) * width);
					values.get(result, row, cropWidth);
				}
				else {
					for (int x = 0; x < cropWidth; x++) result[row + x] = values.get(base + (y * width + x) * outputs + c);
				}
				if (clip) for (int x = row; x < row + cropWidth; x++) result[x] = Math.min(1f, Math.max(0f, result[x]));
			}
		}
		if (dense != out) dense.close();
		if (forward != null) out.close();
		for (final INDArray array : arrays) array.close();
	}

	/** The native memory of a float array's data buffer (the array's values start at its offset). */
	private static java.nio.FloatBuffer floats(final INDArray array) {
		return array.data().asNio().order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
	}

	/**
	 * The transpose of a row-major {@code rows × columns} matrix: channel planes ({@code channels × pixels}) to pixels with their
	 * channels innermost (NHWC), and back with the sides swapped. A single row or column is its own transpose.
	 */
	private static float[] transposed(final float[] matrix, final int rows, final int columns) {
		if (rows == 1 || columns == 1) return matrix;
		final float[] result = new float[matrix.length];
		for (int r = 0; r < rows; r++)
			for (int c = 0; c < columns; c++) result[c * rows + r] = matrix[r * columns + c];
		return result;
	}


	/**
	 * {@code count} planes of {@code width × height} (one after the other, each row-major) extended to
	 * {@code paddedWidth × paddedHeight} to the right and at the bottom by reflection
	 * ({@link GaussianFilter#reflect}, the edge pixel repeated): how {@link #predict} fills an image up to
	 * the sides the network takes, so that images trained on at those sides can be padded alike.
	 */
	public static float[] reflectPadded(final float[] planes, final int count, final int width, final int height,
		final int paddedWidth, final int paddedHeight)
	{
		if (width < 1 || height < 1 || paddedWidth < width || paddedHeight < height || planes.length != (long) count
			* width * height)
		{
			throw new IllegalArgumentException("Cannot pad " + count + " plane(s) of " + width + "x" + height + " ("
				+ planes.length + " values) to " + paddedWidth + "x" + paddedHeight);
		}
		final int plane = width * height, paddedPlane = paddedWidth * paddedHeight;
		final float[] padded = new float[count * paddedPlane];
		for (int c = 0; c < count; c++) {
			for (int y = 0; y < paddedHeight; y++) {
				final int source = c * plane + GaussianFilter.reflect(y, height) * width;
				final int target = c * paddedPlane + y * paddedWidth;
				for (int x = 0; x < paddedWidth; x++)
					padded[target + x] = planes[source + GaussianFilter.reflect(x, width)];
			}
		}
		return padded;
	}

	private long[] shape(final int images, final int width, final int height) {
		return nchw ? new long[] { images, channels, height, width } : new long[] { images, height, width, channels };
	}

	private INDArray toArray(final float[][] images, final int width, final int height) {
		final int planeSize = width * height;
		final float[] values = new float[images.length * channels * planeSize];
		for (int n = 0; n < images.length; n++) {
			final float[] image = images[n];
			if (image.length != channels * planeSize) {
				throw new IllegalArgumentException("Image " + n + " has " + image.length + " values; a " + width + "x"
					+ height + " image with " + channels + " channels has " + (long) channels * planeSize);
			}
			// NCHW is our own layout (channel planes one after the other).
			System.arraycopy(nchw ? image : transposed(image, channels, planeSize), 0, values, n * channels * planeSize, image.length);
		}
		return Nd4j.create(values, shape(images.length, width, height), 'c');
	}

	/**
	 * Writes the network (weights, configuration and Adam's state, as DL4J's ModelSerializer zip) with an
	 * extra JSON entry {@value ModelZip#METADATA_ENTRY} holding the architecture and {@code metadata} (values that
	 * Jackson can write: numbers, strings, booleans, lists, maps). Written to a temporary file in the same
	 * folder, then moved over {@code zip}, so a failed save leaves any previous file intact.
	 */
	public void save(final Path zip, final Map<String, Object> metadata) throws IOException {
		final Map<String, Object> network = new LinkedHashMap<>();
		network.put("architecture", architecture.label());
		network.put("channels", channels);
		network.put("baseWidth", baseWidth);
		network.put("sizeMultiple", architecture.sizeMultiple());
		network.put("ssimWeight", ssimWeight());
		network.put("loss", loss() instanceof SsimLossFunction ? "mse+ssim" : "l1");
		network.put("steps", steps());
		if (psfInput != null) {
			network.put("psfInput", psfInput.describe());
			network.put("levelWidths", Architectures.levelWidths(graph));
			network.put("spaceToDepth", Architectures.spaceToDepth(graph));
			network.put("headWidth", Architectures.headWidth(graph));
		}
		ModelZip.write(graph, zip, network, metadata);
		this.metadata.clear();
		this.metadata.putAll(metadata);
	}

	/**
	 * This network as Deblur Image applies it to a tile: a PSF-aware model (psf-unet) with the Gaussian of
	 * {@code sigma} and the window of {@code kernel} (both checked here), averaged over the 8 flips and
	 * quarter turns with {@code tta}; its output clipped to [0, 1]. It keeps buffers from tile to tile, so it serves one thread.
	 */
	public PlaneOperator operator(final double sigma, final int kernel, final boolean tta) {
		return operator(sigma, kernel, tta, true);
	}

	/**
	 * {@link #operator(double, int, boolean)}, its output clipped to [0, 1] or not ({@code Normalization.clipsOutput} says
	 * for which images).
	 */
	public PlaneOperator operator(final double sigma, final int kernel, final boolean tta, final boolean clip) {
		final PlaneOperator predict;
		if (usesPsf()) {
			predict = new PsfPrediction(psfInput.firstStage(sigma, kernel), clip);
		}
		else {
			predict = PlaneOperator.withSideMultiple(architecture.sizeMultiple(), (image, width, height) -> plainPrediction(image, width, height, clip));
		}
		return tta ? Dihedral.averaged(predict, channels()) : predict;
	}

	/** Refuses an image whose channels this model cannot take (a gray model takes each channel alone). */
	public void requireChannels(final String title, final int channels) {
		UserInputException.require(channels() == 1 || channels() == channels, "The model works on " + channels() + " channels but " + title + " has " + channels);
	}

	/** Where the plugin jar holds the model that Deblur Image uses when none is given. */
	public static final String DEFAULT_MODEL_RESOURCE = "/models/deblur-default.zip";

	/** The shipped model's zip, as bytes; null if this build ships none. */
	public static byte[] defaultModelBytes() throws IOException {
		try (InputStream in = DeblurNetwork.class.getResourceAsStream(DEFAULT_MODEL_RESOURCE)) {
			return in == null ? null : in.readAllBytes();
		}
	}

	/**
	 * The shipped model ({@value #DEFAULT_MODEL_RESOURCE} in the plugin jar).
	 *
	 * @throws UserInputException if this build ships none
	 */
	public static DeblurNetwork loadDefault() throws IOException {
		final byte[] zip = defaultModelBytes();
		UserInputException.require(zip != null,
			"No default model is shipped with this version: train one with Train Deblur AE and give model=<zip>, or use method=wiener");
		return load(zip);
	}

	/** A model from the bytes of its zip (ModelSerializer reads files: through a temporary copy). */
	public static DeblurNetwork load(final byte[] zip) throws IOException {
		final Path copy = Files.createTempFile("deblurnmf-model", ".zip");
		try {
			Files.write(copy, zip);
			return load(copy);
		}
		finally {
			Files.deleteIfExists(copy);
		}
	}

	/**
	 * Reads a network written by {@link #save}.
	 *
	 * @throws UserInputException if the file is missing, not a zip, corrupt, or not a Deblur NMF model
	 */
	public static DeblurNetwork load(final Path zip) throws IOException {
		final Map<String, Object> entry = ModelZip.read(zip);
		final Map<?, ?> network = (Map<?, ?>) entry.get("network");
		final Architecture architecture;
		final int channels;
		final int baseWidth;
		final PsfInput psfInput;
		try {
			architecture = Architecture.fromLabel(String.valueOf(network.get("architecture")));
			channels = ((Number) network.get("channels")).intValue();
			baseWidth = ((Number) network.get("baseWidth")).intValue();
			psfInput = architecture.usesPsf() ? PsfInput.read((Map<?, ?>) network.get("psfInput")) : null;
		}
		catch (final RuntimeException e) {
			throw new UserInputException("Not a Deblur NMF model (bad network description " + network + "): " + zip, e);
		}
		final ComputationGraph graph = ModelZip.graph(zip);
		final Map<String, Object> metadata = new LinkedHashMap<>();
		if (entry.get("metadata") instanceof Map) {
			for (final Map.Entry<?, ?> item : ((Map<?, ?>) entry.get("metadata")).entrySet())
				metadata.put(String.valueOf(item.getKey()), item.getValue());
		}
		return new DeblurNetwork(graph, architecture, channels, baseWidth, metadata, psfInput);
	}

	/** For tests in this package. */
	ComputationGraph graph() {
		return graph;
	}
}

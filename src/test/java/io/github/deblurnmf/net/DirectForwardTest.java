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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Random;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** {@link DirectForward} against DL4J's own forward pass of the same graph, for every architecture and psf-unet layout, in NHWC and NCHW. */
class DirectForwardTest {

	private static final int WIDTH = 64, HEIGHT = 32; // multiples of every architecture's size multiple

	/** The largest difference between DL4J's output (NCHW inputs) and DirectForward's (the same inputs in the layout given). */
	private static double largestDifference(final ComputationGraph graph, final boolean nchw, final int... channels) {
		return largestDifference(graph, DirectForward.of(graph, nchw), channels);
	}

	private static double largestDifference(final ComputationGraph graph, final DirectForward forward, final int... channels) {
		return batchDifference(graph, forward, 1, channels);
	}

	/** The same for a batch of {@code images}. */
	private static double batchDifference(final ComputationGraph graph, final DirectForward forward, final int images, final int... channels) {
		final Random random = new Random(7);
		final INDArray[] nchw = new INDArray[channels.length], given = new INDArray[channels.length];
		for (int i = 0; i < channels.length; i++) {
			final float[] values = new float[images * channels[i] * WIDTH * HEIGHT];
			for (int v = 0; v < values.length; v++) values[v] = random.nextFloat();
			nchw[i] = Nd4j.create(values, new long[] { images, channels[i], HEIGHT, WIDTH }, 'c');
			given[i] = forward == null || forward.nchw() ? nchw[i] : nchw[i].permute(0, 2, 3, 1).dup('c');
		}
		final INDArray expected = graph.output(false, nchw)[0];
		assertNotNull(forward, "DirectForward runs this graph");
		final INDArray output = forward.output(given)[0];
		final INDArray actual = forward.nchw() ? output : output.permute(0, 3, 1, 2);
		assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()));
		assertTrue(expected.stdNumber().doubleValue() > 1e-3, "a test output that varies");
		return expected.sub(actual).amaxNumber().doubleValue();
	}

	/** Shifts every weight by a small random amount, so that zero-initialized layers take part too. */
	private static ComputationGraph perturbed(final DeblurNetwork network) {
		final ComputationGraph graph = network.graph();
		final INDArray params = graph.params();
		params.addi(Nd4j.rand(DataType.FLOAT, params.shape()).subi(0.5).muli(0.1));
		return graph;
	}

	private static DeblurNetwork psfUnet(final int[] widths, final boolean blocks, final int head) {
		return DeblurNetwork.createPsfUnet(DeblurNetwork.PsfInput.shipped(1, 5), 3, 1e-3, 100, widths, blocks, head);
	}

	@ParameterizedTest(name = "nchw={0}")
	@ValueSource(booleans = { false, true })
	void theShippedModelPredictsAsThroughDl4j(final boolean nchw) throws IOException {
		final DeblurNetwork shipped = DeblurNetwork.loadDefault();
		assertTrue(largestDifference(shipped.graph(), nchw, 1, shipped.psfInput().planes() - 1) < 1e-5);
	}

	@ParameterizedTest(name = "nchw={0}")
	@ValueSource(booleans = { false, true })
	void everyPsfUnetLayoutPredictsAsThroughDl4j(final boolean nchw) {
		assertTrue(largestDifference(perturbed(psfUnet(new int[] { 8, 12, 16 }, false, 0)), nchw, 1, 3) < 1e-5, "three levels");
		assertTrue(largestDifference(perturbed(psfUnet(new int[] { 8, 12 }, true, 0)), nchw, 1, 3) < 1e-5, "2x2 blocks");
		assertTrue(largestDifference(perturbed(psfUnet(new int[] { 8, 12 }, true, 4)), nchw, 1, 3) < 1e-5, "2x2 blocks and a head");
		final ComputationGraph twoLevels = perturbed(psfUnet(new int[] { 8, 12 }, false, 0));
		assertTrue(batchDifference(twoLevels, DirectForward.of(twoLevels, nchw), 3, 1, 3) < 1e-5, "a batch of three");
	}

	@ParameterizedTest(name = "nchw={0}")
	@ValueSource(booleans = { false, true })
	void weightsChangedAfterItIsMadeAreTheOnesItUses(final boolean nchw) {
		final DeblurNetwork network = psfUnet(new int[] { 8, 12 }, false, 0);
		final DirectForward forward = DirectForward.of(network.graph(), nchw);
		assertTrue(largestDifference(perturbed(network), forward, 1, 3) < 1e-5);
		// again after a call: the up-sampled convolutions' phase kernels, made in the first, are remade
		assertTrue(largestDifference(perturbed(network), forward, 1, 3) < 1e-5, "after a second change");
		network.graph().getLayer("upconv0").getParam("b").addi(0.25);
		assertTrue(largestDifference(network.graph(), forward, 1, 3) < 1e-5, "after a change of a bias alone");
	}

	@ParameterizedTest(name = "nchw={0}")
	@ValueSource(booleans = { false, true })
	void theAutoencoderAndTheBlindUnetPredictAsThroughDl4j(final boolean nchw) {
		assertTrue(largestDifference(perturbed(DeblurNetwork.create(Architecture.AUTOENCODER, 1, 5, 1e-3)), nchw, 1) < 1e-5, "autoencoder");
		assertTrue(largestDifference(perturbed(DeblurNetwork.create(Architecture.UNET, 3, 5, 1e-3)), nchw, 3) < 1e-5, "blind U-Net, RGB");
	}

	/** Max pooling alone, on even sides (the NCHW pass's block reduction) and odd ones (libnd4j's op, same mode). */
	@ParameterizedTest(name = "{0}x{1}")
	@CsvSource({ "16,10", "9,7" })
	void maxPoolingOnEvenAndOddSidesIsDl4js(final int width, final int height) {
		final ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
			.setInputTypes(InputType.convolutional(height, width, 3)).addLayer("pool", new SubsamplingLayer.Builder(PoolingType.MAX)
				.kernelSize(2, 2).stride(2, 2).convolutionMode(ConvolutionMode.Same).build(), "in").addLayer("loss", new CnnLossLayer.Builder(
					LossFunctions.LossFunction.L1).build(), "pool").setOutputs("loss").build());
		graph.init();
		final INDArray nchw = Nd4j.rand(DataType.FLOAT, 2, 3, height, width);
		final INDArray expected = graph.output(false, nchw)[0];
		for (final boolean layout : new boolean[] { false, true }) {
			final INDArray output = DirectForward.of(graph, layout).output(layout ? nchw : nchw.permute(0, 2, 3, 1).dup('c'))[0];
			final INDArray actual = layout ? output : output.permute(0, 3, 1, 2);
			assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), "nchw=" + layout);
			assertEquals(0, expected.sub(actual).amaxNumber().doubleValue(), "nchw=" + layout);
		}
	}

	@Test
	void theLayoutFollowsThePropertyWhenSet() {
		final String before = System.getProperty(DirectForward.LAYOUT_PROPERTY);
		try {
			System.setProperty(DirectForward.LAYOUT_PROPERTY, "nchw");
			assertTrue(DirectForward.nchwPreferred());
			System.setProperty(DirectForward.LAYOUT_PROPERTY, "NHWC");
			assertTrue(!DirectForward.nchwPreferred());
			System.clearProperty(DirectForward.LAYOUT_PROPERTY);
			assertEquals(Backend.instructionLevel() == 1 || Backend.instructionLevel() == 2, DirectForward.nchwPreferred(), "level "
				+ Backend.instructionLevel());
		}
		finally {
			if (before == null) System.clearProperty(DirectForward.LAYOUT_PROPERTY);
			else System.setProperty(DirectForward.LAYOUT_PROPERTY, before);
		}
	}

	@Test
	void predictGoesThroughItAndKeepsChannelsApart() {
		final DeblurNetwork unet = DeblurNetwork.create(Architecture.UNET, 3, 5, 1e-3);
		final ComputationGraph graph = perturbed(unet);
		final Random random = new Random(3);
		final float[] image = new float[3 * WIDTH * HEIGHT];
		for (int v = 0; v < image.length; v++) image[v] = 0.2f + 0.6f * random.nextFloat();
		final float[] expected = graph.output(false, Nd4j.create(image, new long[] { 1, 3, HEIGHT, WIDTH }, 'c'))[0].dup('c')
			.data().asFloat();
		final float[] predicted = unet.predict(image, WIDTH, HEIGHT);
		double largest = 0;
		for (int v = 0; v < image.length; v++) largest = Math.max(largest, Math.abs(Math.min(1f, Math.max(0f, expected[v])) - predicted[v]));
		assertTrue(largest < 1e-5, "largest difference " + largest);
	}

	@Test
	void aSubclassOfAConvolutionIsNotRunAsOne() {
		final ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
			.setInputTypes(InputType.convolutional(16, 16, 2)).addLayer("depthwise", new DepthwiseConvolution2D.Builder(3, 3)
				.depthMultiplier(1).nOut(2).build(), "in").addLayer("loss", new CnnLossLayer.Builder(LossFunctions.LossFunction.L1).build(),
					"depthwise").setOutputs("loss").build());
		graph.init();
		assertNull(DirectForward.of(graph));
	}

	@Test
	void aGraphWithAVertexItDoesNotRunIsLeftToDl4j() {
		final ComputationGraph graph = DeblurNetwork.create(Architecture.UNET, 1, 5, 1e-3).graph();
		((ElementWiseVertex) graph.getConfiguration().getVertices().get("residual")).setOp(ElementWiseVertex.Op.Product);
		assertNull(DirectForward.of(graph));
	}
}

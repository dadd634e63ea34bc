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
package io.github.deblurnmf.bench;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;
import io.github.deblurnmf.io.ImageFiles;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Writes a clean and a noisy 32-bit copy of a stack for denoising figures (not a unit test): the
 * input scaled to [0, 1] by its bit depth, plus Gaussian noise of standard deviation
 * {@code sigma}, clipped to [0, 1]. Arguments: {@code input=FILE out=DIR sigma=0.1 seed=1}.
 * <p>
 * {@code mvn -q exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.github.deblurnmf.bench.NoisyStack
 * -Dexec.args="input=src/main/resources/samples/lfw_faces_25px.tif out=target/noisy sigma=0.1"}
 * writes {@code clean.tif} and {@code noisy.tif} there.
 */
public final class NoisyStack {

	private NoisyStack() {}

	public static void main(final String[] args) {
		final Map<String, String> defaults = new LinkedHashMap<>();
		defaults.put("input", "src/main/resources/samples/lfw_faces_25px.tif");
		defaults.put("out", "target/noisy");
		defaults.put("sigma", "0.1");
		defaults.put("seed", "1");
		final Map<String, String> a = BenchmarkArgs.parse(args, defaults);
		final ImagePlus input = ImageFiles.open(new File(a.get("input")));
		final double sigma = Double.parseDouble(a.get("sigma"));
		final Random random = new Random(Long.parseLong(a.get("seed")));
		final double max = input.getBitDepth() == 8 ? 255 : input.getBitDepth() == 16 ? 65535 : 1;
		final ImageStack clean = new ImageStack(input.getWidth(), input.getHeight()), noisy = new ImageStack(input.getWidth(), input.getHeight());
		for (int s = 1; s <= input.getStackSize(); s++) {
			final float[] c = (float[]) input.getStack().getProcessor(s).convertToFloatProcessor().getPixels();
			final float[] n = new float[c.length];
			for (int i = 0; i < c.length; i++) {
				c[i] = (float) (c[i] / max);
				n[i] = (float) Math.min(1, Math.max(0, c[i] + sigma * random.nextGaussian()));
			}
			clean.addSlice(new FloatProcessor(input.getWidth(), input.getHeight(), c));
			noisy.addSlice(new FloatProcessor(input.getWidth(), input.getHeight(), n));
		}
		final File out = new File(a.get("out"));
		out.mkdirs();
		IJ.saveAsTiff(new ImagePlus("clean", clean), new File(out, "clean.tif").getPath());
		IJ.saveAsTiff(new ImagePlus("noisy", noisy), new File(out, "noisy.tif").getPath());
		System.out.println("wrote=" + out);
	}
}

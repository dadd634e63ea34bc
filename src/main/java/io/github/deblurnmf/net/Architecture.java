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

import io.github.deblurnmf.task.UserInputException;

import java.util.Locale;

/** The deblurring networks {@link DeblurNetwork} can build. */
public enum Architecture {

	/**
	 * The seed project's plain autoencoder: 5 convolutions k3 s2 with 16, 32, 64, 128, 256 channels (for
	 * base width 16), ReLU, a mirrored up-path of 2× nearest up-sampling + k3 convolution (128, 64, 32, 16,
	 * then the image's channels), sigmoid output. Sides must be multiples of 32. The code, the fifth layer's
	 * output (1 × 1 × 256 for a 32 × 32 image), can be made narrower by {@link DeblurNetwork#createAutoencoder}.
	 */
	AUTOENCODER("autoencoder", 32),

	/**
	 * A small U-Net: four k3 stride-2 convolutions (base width ×1, ×2, ×4, ×8; the first one at half
	 * resolution already), a decoder of 2× up-sampling + concatenation with the encoder's features of the
	 * same scale + k3 convolution down to half resolution, and a full-resolution k3 correction layer that
	 * sees the up-sampled features and the input; with a global residual: the network predicts a correction
	 * that is added to the input (output = input + correction, not clipped while training;
	 * {@link DeblurNetwork#predict} clips to [0, 1]). The correction layer starts at zero, so the untrained
	 * network is the identity. Sides must be multiples of 16. (Models saved with the earlier, wider layout
	 * still load: the zip holds the layout.)
	 */
	UNET("unet", 16),

	/**
	 * The PSF-aware network (issue 9): a first stage outside the graph deconvolves the blurred gray plane with
	 * the known Gaussian PSF ({@link io.github.deblurnmf.deblur.PsfFirstStage}: Wiener, reflected borders),
	 * then a residual U-Net sees [Wiener output, blurred input (, σ/5)] and adds a correction to the Wiener
	 * output. U-Net: widths 24, 32, 64, 128, two k3 convolutions per level, the first level at full
	 * resolution, 2×2 max-pooling down, 2× up-sampling + k3 convolution up, skip concatenations, a
	 * zero-initialized k3 output layer (so the untrained network returns the Wiener output). L1 loss, Adam
	 * with cosine decay. Gray only; sides must be multiples of 8; {@link DeblurNetwork#predict(float[], int,
	 * int, double, int)} needs the blur's sigma.
	 */
	PSF_UNET("psf-unet", 8);

	private final String label;
	private final int sizeMultiple;

	Architecture(final String label, final int sizeMultiple) {
		this.label = label;
		this.sizeMultiple = sizeMultiple;
	}

	/** The lowercase name used in commands and in the model's metadata. */
	public String label() {
		return label;
	}

	/** Image sides the network accepts directly are multiples of this. */
	public int sizeMultiple() {
		return sizeMultiple;
	}

	/** Whether the network needs the blur's PSF (sigma) to predict. */
	public boolean usesPsf() {
		return this == PSF_UNET;
	}

	/** The architecture named {@code name} (case-insensitive: {@code unet}, {@code autoencoder}, {@code psf-unet}). */
	public static Architecture fromLabel(final String name) {
		for (final Architecture architecture : values()) {
			if (architecture.label.equalsIgnoreCase(name.trim())) return architecture;
		}
		throw new UserInputException("Unknown architecture '" + name + "': expected unet, autoencoder or psf-unet");
	}

	@Override
	public String toString() {
		return label.toLowerCase(Locale.ROOT);
	}
}

package io.github.deblurnmf.net;

import io.github.deblurnmf.task.UserInputException;

import java.util.Locale;

/** The deblurring networks {@link DeblurNetwork} can build. */
public enum Architecture {

	/**
	 * The seed project's plain autoencoder: 5 convolutions k3 s2 with 16, 32, 64, 128, 256 channels (for
	 * base width 16), ReLU, a mirrored up-path of 2× nearest up-sampling + k3 convolution (128, 64, 32, 16,
	 * then the image's channels), sigmoid output. Sides must be multiples of 32.
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
	UNET("unet", 16);

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

	/** The architecture named {@code name} (case-insensitive: {@code unet}, {@code autoencoder}). */
	public static Architecture fromLabel(final String name) {
		for (final Architecture architecture : values()) {
			if (architecture.label.equalsIgnoreCase(name.trim())) return architecture;
		}
		throw new UserInputException("Unknown architecture '" + name + "': expected unet or autoencoder");
	}

	@Override
	public String toString() {
		return label.toLowerCase(Locale.ROOT);
	}
}

package io.github.deblurnmf.net;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Model zips that a diverged training would have written, for tests that they are refused. */
public final class BrokenModels {

	private BrokenModels() {}

	/** A tiny U-Net whose first weight is NaN, saved to {@code zip} as Train Deblur AE would. */
	public static Path withNanWeight(final Path zip) throws IOException {
		final DeblurNetwork network = DeblurNetwork.create(Architecture.UNET, 1, 1, 1e-3, 0.1, 4);
		network.graph().params().putScalar(0, Double.NaN);
		network.save(zip, Map.of("tool", "Train Deblur AE"));
		return zip;
	}
}

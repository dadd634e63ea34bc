package org.nd4j.nativeblas;

/**
 * Shim for a DL4J 1.0.0-M2.1 bug, not part of ND4J. DL4J's {@code BaseMKLDNNHelper.mklDnnEnabled()} asks
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()} by reflection, but ND4J
 * M2.1 moved that class to {@code org.nd4j.linalg.cpu.nativecpu.bindings}; the lookup throws, and DL4J then
 * never uses its oneDNN helpers: every convolution goes through DL4J's own im2col + matrix multiply. This
 * class answers the lookup with the real environment's setting.
 */
public final class Nd4jCpu {

	private Nd4jCpu() {}

	/** What {@code BaseMKLDNNHelper} looks up. */
	public static final class Environment {

		private static final Environment INSTANCE = new Environment();
		private static final boolean ONEDNN_BUILD = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo()
			.contains("HAVE_ONEDNN");

		private Environment() {}

		public static Environment getInstance() {
			return INSTANCE;
		}

		/**
		 * Whether the loaded libnd4j was built with oneDNN (the {@code linux-x86_64-onednn} classifier) and
		 * may use it. The plain build also says {@code isUseONEDNN() = true}, so the build info decides: there
		 * the helpers would only swap DL4J's im2col for libnd4j's own conv2d, which is no faster there
		 * (docs/performance.md, "Levers of the first session").
		 */
		public boolean isUseMKLDNN() {
			return ONEDNN_BUILD && org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance()
				.isUseONEDNN();
		}
	}
}

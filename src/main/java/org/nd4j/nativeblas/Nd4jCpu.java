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

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
package io.github.deblurnmf.ij1;

import ij.IJ;

import org.scijava.Context;

/**
 * The SciJava context the ImageJ 1 menu entries run the commands in: Fiji's own one inside Fiji,
 * else one created on first use and kept for the session (creating it takes about a second).
 */
final class ImageJContext {

	private static Context own;

	private ImageJContext() {}

	static synchronized Context get() {
		if (own != null) return own;
		if (isFiji()) {
			// imagej-legacy answers this call with the running context (its documented hook).
			final Object fiji = IJ.runPlugIn(Context.class.getName(), "");
			if (fiji instanceof Context) return (Context) fiji;
		}
		own = withPluginClassLoader(Context::new);
		return own;
	}

	/**
	 * Runs {@code work} with the thread's context class loader set to the one that loaded this
	 * plugin: SciJava finds its plugins (and ours) through the context class loader, and in plain
	 * ImageJ 1 only ImageJ's plugin class loader sees the jars of {@code plugins/} and {@code jars/}.
	 */
	static <T, E extends Exception> T withPluginClassLoader(final Work<T, E> work) throws E {
		final Thread thread = Thread.currentThread();
		final ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(ImageJContext.class.getClassLoader());
		try {
			return work.call();
		}
		finally {
			thread.setContextClassLoader(previous);
		}
	}

	/** Work that returns a value and may throw {@code E} (a run's {@code RunFailure} reaches the caller as itself). */
	@FunctionalInterface
	interface Work<T, E extends Exception> {

		T call() throws E;
	}

	private static boolean isFiji() {
		try {
			Class.forName("net.imagej.legacy.LegacyService", false, ImageJContext.class.getClassLoader());
			return true;
		}
		catch (final ClassNotFoundException | LinkageError e) {
			return false;
		}
	}
}

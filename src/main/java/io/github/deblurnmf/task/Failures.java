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
package io.github.deblurnmf.task;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.ExecutionException;

/** The one-line message a user sees for an exception, wherever it is reported. */
public final class Failures {

	private Failures() {}

	/**
	 * The one-line message of {@code t} for the user: a {@link UserInputException} anywhere in the
	 * cause chain wins; then plain language for running out of memory ({@link #resourceMessage}); else
	 * the message of the first exception in the chain that is not only a wrapper ({@link #onlyWraps}).
	 */
	public static String messageOf(final Throwable t) {
		for (Throwable cause = t; cause != null; cause = cause.getCause()) {
			if (cause instanceof UserInputException) return oneLine(cause.getMessage());
		}
		final String resources = resourceMessage(t);
		if (resources != null) return resources;
		Throwable root = t;
		while (onlyWraps(root)) root = root.getCause();
		final String message = root.getMessage();
		return message == null || message.isBlank() ? root.getClass().getSimpleName() : oneLine(message);
	}

	/**
	 * Whether {@code t} says nothing of its own about its cause: a reflective or concurrent call's
	 * wrapper, or an exception without a message of its own, i.e. none or the one that
	 * {@code new X(cause)} sets, which is {@code cause.toString()}.
	 */
	static boolean onlyWraps(final Throwable t) {
		final Throwable cause = t.getCause();
		if (cause == null || cause == t) return false;
		return t instanceof InvocationTargetException || t instanceof ExecutionException ||
			t.getClass().getName().equals("org.scijava.module.MethodCallException") || t.getMessage() == null ||
			t.getMessage().equals(cause.toString());
	}

	/**
	 * Plain language for running out of memory or past Java's array limits anywhere in the cause chain:
	 * what ran out and what to do. Null for other errors.
	 */
	public static String resourceMessage(final Throwable t) {
		for (Throwable cause = t; cause != null; cause = cause.getCause()) {
			final String message = String.valueOf(cause.getMessage());
			if (message.contains("Requested array size exceeds VM limit") || cause instanceof NegativeArraySizeException
				|| (cause instanceof ArithmeticException && message.contains("overflow")))
			{
				return "an array larger than Java allows (2^31 values) would be needed: a parameter or the image is far too large (" + oneLine(message)
					+ "); use smaller values (e.g. kernel, size, tile, rank) or a smaller image";
			}
			if (cause instanceof OutOfMemoryError) {
				return "out of memory (the Java heap is full: " + oneLine(message) + "); use a smaller tile, batch or image, or give Java more heap,"
					+ " e.g. java -Xmx8g -jar … (in Fiji: Edit > Options > Memory & Threads)";
			}
			if (message.contains("std::bad_alloc") || message.contains("Allocation failed")) {
				return "out of native memory (ND4J could not allocate: " + oneLine(message) + "); use a smaller basewidth, batch, tile or image,"
					+ " or free memory (the Java heap's -Xmx does not cover native memory)";
			}
		}
		return null;
	}

	/** {@code text} on one line: line breaks and the spaces around them become one space. */
	public static String oneLine(final String text) {
		return text == null ? "" : text.trim().replaceAll("\\s*\\R\\s*", " ");
	}
}

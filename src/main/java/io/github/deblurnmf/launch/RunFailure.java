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
package io.github.deblurnmf.launch;

/**
 * Ends a headless run with a one-line message (printed as {@code ERROR: message}) and an exit code.
 */
public class RunFailure extends Exception {

	/** Exit code for bad input, a failed command or a canceled one. */
	public static final int FAILED = 1;

	/** Exit code for a malformed command line: no arguments, unknown command or parameter, bad options. */
	public static final int USAGE = 2;

	private final int exitCode;
	private final boolean canceled;

	private RunFailure(final String message, final int exitCode, final boolean canceled) {
		super(message);
		this.exitCode = exitCode;
		this.canceled = canceled;
	}

	/** A mistake in the command line itself (exit code {@value #USAGE}). */
	public static RunFailure usage(final String message) {
		return new RunFailure(message, USAGE, false);
	}

	/** Bad input values or a failed run (exit code {@value #FAILED}). */
	public static RunFailure failed(final String message) {
		return new RunFailure(message, FAILED, false);
	}

	/** A run the user canceled (exit code {@value #FAILED}, as a failure): not an error inside ImageJ. */
	public static RunFailure canceled(final String message) {
		return new RunFailure(message, FAILED, true);
	}

	/** Whether the user canceled the run (Esc, a cancel button) rather than something failing. */
	public boolean isCanceled() {
		return canceled;
	}

	/**
	 * This failure as {@code <label>: <reason>}, with the same exit code: every error about a command
	 * names it first (unless the message does already).
	 */
	public RunFailure named(final String label) {
		final String message = getMessage();
		return message.startsWith(label + ": ") ? this : new RunFailure(label + ": " + message, exitCode, canceled);
	}

	/** The process exit code this failure maps to. */
	public int exitCode() {
		return exitCode;
	}
}

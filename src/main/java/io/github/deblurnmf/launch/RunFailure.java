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

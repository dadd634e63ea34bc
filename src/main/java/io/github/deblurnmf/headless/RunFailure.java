package io.github.deblurnmf.headless;

/**
 * Ends a headless run with a one-line message (printed as {@code ERROR: message}) and an exit code.
 */
public class RunFailure extends Exception {

	/** Exit code for bad input, a failed command or a canceled one. */
	public static final int FAILED = 1;

	/** Exit code for a malformed command line: no arguments, unknown command or parameter, bad options. */
	public static final int USAGE = 2;

	private final int exitCode;

	private RunFailure(final String message, final int exitCode) {
		super(message);
		this.exitCode = exitCode;
	}

	/** A mistake in the command line itself (exit code {@value #USAGE}). */
	public static RunFailure usage(final String message) {
		return new RunFailure(message, USAGE);
	}

	/** Bad input values or a failed run (exit code {@value #FAILED}). */
	public static RunFailure failed(final String message) {
		return new RunFailure(message, FAILED);
	}

	/** The process exit code this failure maps to. */
	public int exitCode() {
		return exitCode;
	}
}

package io.github.deblurnmf.install;

/** An install or uninstall that stopped before changing anything; the message is one line for the user. */
public final class InstallException extends Exception {

	private static final long serialVersionUID = 1L;

	public InstallException(final String message) {
		super(message);
	}
}

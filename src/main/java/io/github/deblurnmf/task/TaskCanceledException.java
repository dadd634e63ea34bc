package io.github.deblurnmf.task;

/**
 * Thrown by a long computation that stopped because its {@link TaskMonitor} was canceled; the message
 * says what was kept, where something was (a canceled training names the checkpoint it leaves).
 */
public class TaskCanceledException extends RuntimeException {

	public TaskCanceledException() {
		this("Canceled by the user");
	}

	public TaskCanceledException(final String message) {
		super(message);
	}
}

package io.github.deblurnmf.task;

/** Thrown by a long computation that stopped because its {@link TaskMonitor} was canceled. */
public class TaskCanceledException extends RuntimeException {

	public TaskCanceledException() {
		super("Canceled by the user");
	}
}

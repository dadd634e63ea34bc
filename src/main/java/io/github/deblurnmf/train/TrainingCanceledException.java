package io.github.deblurnmf.train;

import io.github.deblurnmf.task.TaskCanceledException;

/** Training stopped on cancel; the message says what was kept. */
public final class TrainingCanceledException extends TaskCanceledException {

	private final String message;

	TrainingCanceledException(final String message) {
		this.message = message;
	}

	@Override
	public String getMessage() {
		return message;
	}
}

package io.github.deblurnmf.task;

/**
 * What a long computation (NMF, training, tiled prediction) reports to and asks of its caller:
 * progress for the status bar, and whether the user asked it to stop.
 */
public interface TaskMonitor {

	/** A monitor that ignores progress and never cancels. */
	TaskMonitor NONE = new TaskMonitor() {
		@Override
		public void progress(final long done, final long total, final String message) {}

		@Override
		public boolean isCanceled() {
			return false;
		}
	};

	/** Reports that {@code done} of {@code total} units of work are finished. */
	void progress(long done, long total, String message);

	/** True once the user asked the task to stop; the task then throws {@link TaskCanceledException}. */
	boolean isCanceled();

	/** Throws {@link TaskCanceledException} if the task was canceled: call between units of work. */
	default void checkCanceled() {
		if (isCanceled()) throw new TaskCanceledException();
	}

	/**
	 * A monitor for part {@code index} of {@code count} equal parts of the work of {@code parent}:
	 * its progress maps onto that part of the parent's range, its cancel flag is the parent's.
	 */
	static TaskMonitor part(final TaskMonitor parent, final int index, final int count) {
		return new TaskMonitor() {
			@Override
			public void progress(final long done, final long total, final String message) {
				parent.progress(index * total + done, count * total, message);
			}

			@Override
			public boolean isCanceled() {
				return parent.isCanceled();
			}
		};
	}
}

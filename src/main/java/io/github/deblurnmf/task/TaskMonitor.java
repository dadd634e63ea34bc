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

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
package io.github.deblurnmf.headless;

import java.io.PrintStream;
import java.util.function.LongSupplier;

import org.scijava.app.event.StatusEvent;
import org.scijava.event.EventHandler;

/**
 * Prints the progress of a running command as {@code [Label] message (37%)} lines, at most one per
 * {@link #MIN_INTERVAL_MILLIS}, and nothing once the command has ended ({@link #finish()}), so that its
 * last log line ("… finished in …", or the error) is the last line of the run.
 * <p>
 * A progress line is a status message with a fraction of the work done, as the commands report it
 * (synchronously, so in order). Status lines without a fraction are not printed: the bar's reset,
 * warnings, and SciJava's own lines ({@code Running command: …}, {@code Command canceled: …}) where
 * SciJava runs the command itself rather than the launcher; the run's log and its {@code ERROR:} line say
 * all that.
 * </p>
 */
public final class ProgressPrinter {

	static final long MIN_INTERVAL_MILLIS = 500;

	private final String label;
	private final PrintStream err;
	private final LongSupplier clock;

	private String lastPrinted;
	private long lastPrintMillis = Long.MIN_VALUE / 2;
	private boolean finished;

	public ProgressPrinter(final String label, final PrintStream err) {
		this(label, err, System::currentTimeMillis);
	}

	/** With an explicit clock, for tests of the rate limit. */
	ProgressPrinter(final String label, final PrintStream err, final LongSupplier clock) {
		this.label = label;
		this.err = err;
		this.clock = clock;
	}

	@EventHandler
	public void onEvent(final StatusEvent event) {
		if (!isProgress(event)) return;
		synchronized (this) {
			if (finished) return;
			final String line = format(event.getStatusMessage(), event.getProgressValue(), event.getProgressMaximum());
			final long now = clock.getAsLong();
			if (now - lastPrintMillis >= MIN_INTERVAL_MILLIS && !line.equals(lastPrinted)) {
				err.println(line);
				lastPrinted = line;
				lastPrintMillis = now;
			}
		}
	}

	/** Stops printing: the command has ended. */
	public synchronized void finish() {
		finished = true;
	}

	/** Whether {@code event} reports a command's progress: a message and a fraction of the work, not a warning. */
	public static boolean isProgress(final StatusEvent event) {
		final String message = event.getStatusMessage();
		return !event.isWarning() && message != null && !message.isEmpty() && event.getProgressMaximum() > 0;
	}

	private String format(final String message, final int value, final int maximum) {
		final String text = "[" + label + "] " + message.replaceAll("\\s*\\R\\s*", " ");
		final long percent = Math.round(100.0 * Math.min(Math.max(value, 0), maximum) / maximum);
		return text + " (" + percent + "%)";
	}
}

package io.github.deblurnmf.headless;

import java.io.PrintStream;
import java.util.function.LongSupplier;

import org.scijava.app.event.StatusEvent;
import org.scijava.event.EventHandler;

/**
 * Prints the status messages of a running command as {@code [Label] message (37%)} lines, at most
 * one per {@link #MIN_INTERVAL_MILLIS}, plus the latest one when the command ends.
 * <p>
 * SciJava delivers status events on pool threads ({@code publishLater}), so they may arrive late
 * or slightly out of order; {@link #finish()} prints the latest one received and ignores the rest.
 * </p>
 */
public final class ProgressPrinter {

	static final long MIN_INTERVAL_MILLIS = 500;

	private final String label;
	private final PrintStream err;
	private final LongSupplier clock;

	private String lastMessage = "";
	private String lastPrinted;
	private String pending;
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
		// SciJava's ModuleRunner warns with the cancel reason, which the runner prints as its ERROR line.
		if (event.isWarning()) return;
		final String message = event.getStatusMessage();
		final boolean hasMessage = message != null && !message.isEmpty();
		// An event with neither text nor progress only clears the status bar.
		if (!hasMessage && event.getProgressMaximum() <= 0) return;
		synchronized (this) {
			if (finished) return;
			if (hasMessage) lastMessage = message;
			if (lastMessage.isEmpty()) return;
			final String line = format(lastMessage, event.getProgressValue(), event.getProgressMaximum());
			final long now = clock.getAsLong();
			if (now - lastPrintMillis >= MIN_INTERVAL_MILLIS) {
				print(line);
				lastPrintMillis = now;
			}
			else pending = line;
		}
	}

	/** Prints the latest line not yet printed, and stops printing. */
	public synchronized void finish() {
		if (finished) return;
		finished = true;
		if (pending != null) print(pending);
	}

	private void print(final String line) {
		pending = null;
		if (line.equals(lastPrinted)) return;
		err.println(line);
		lastPrinted = line;
	}

	private String format(final String message, final int value, final int maximum) {
		final String text = "[" + label + "] " + message.replaceAll("\\s*\\R\\s*", " ");
		if (maximum <= 0) return text;
		final long percent = Math.round(100.0 * Math.min(Math.max(value, 0), maximum) / maximum);
		return text + " (" + percent + "%)";
	}
}

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
package io.github.deblurnmf.command;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.macro.Interpreter;
import io.github.deblurnmf.net.Backend;
import io.github.deblurnmf.task.Failures;
import io.github.deblurnmf.task.TaskCanceledException;
import io.github.deblurnmf.task.TaskMonitor;
import io.github.deblurnmf.task.UserInputException;

import java.awt.GraphicsEnvironment;
import java.io.IOException;

import org.scijava.app.event.StatusEvent;
import org.scijava.command.ContextCommand;
import org.scijava.event.EventService;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.ui.UIService;

/**
 * What every Deblur NMF command shares: one error path and progress. Whatever ends a run early reaches
 * {@link #run} as an exception: bad input ({@link UserInputException}), an I/O error, a cancel
 * ({@link TaskCanceledException}) or anything unexpected. It becomes the run's one outcome: a one-line
 * {@link #endReason} ({@link Failures#messageOf}), {@link #hasFailed} or canceled, the exception kept as
 * {@link #failure} for a debug trace. Nothing escapes to SciJava's ModuleRunner, which would log a stack
 * trace. Who reports the outcome: the caller that says it will ({@link #reportedByCaller}: the headless runner
 * as {@code ERROR: <label>: <reason>}, the menu entry in a dialog or the status bar), else this command, as
 * one error line in SciJava's log (a run started by SciJava itself, e.g. Fiji's {@code --run}; a cancel is
 * not an error there and logs nothing). Long work
 * reports to the status bar and stops on cancel or on the Esc key.
 * <p>
 * The commands have a label and no SciJava menu path: their menu entries are in
 * {@code plugins.config} ({@code io.github.deblurnmf.ij1.CommandPlugIn}), so that plain ImageJ 1
 * has them too and Fiji lists each once. They are also {@code visible = false}: Fiji's search bar
 * (scijava-search's ModuleSearcher) lists every visible module with a label, so without it each
 * command would be found twice there, once as the menu entry and once as this command, which runs through
 * ImageJ2's own dialog and records differently. {@code --run "<label>"} still finds them: SciJava's
 * CommandCodeRunner compares the label with every command's title, visible or not.
 * </p>
 */
public abstract class DeblurNmfCommand extends ContextCommand {

	/**
	 * The attribute that keeps imagej-legacy's MacroRecorderPostprocessor from recording a command's
	 * inputs in Fiji: the menu entry ({@code ij1.CommandPlugIn}) records the macro line itself, with the
	 * values as text; the postprocessor would add each input again (an image as its toString).
	 */
	public static final String NO_RECORD = "no-record";

	// -- Parameters --

	@Parameter
	private EventService events;

	@Parameter
	private LogService log;

	@Parameter(required = false)
	private UIService ui;

	private String endReason;
	private Throwable failure;
	private boolean reportedByCaller;
	private String backend;

	// -- Command methods --

	@Override
	public final void run() {
		final long start = System.nanoTime();
		try {
			execute();
			log.info(getClass().getSimpleName() + " finished in " + Math.round((System.nanoTime() - start) / 1e6) + " ms");
		}
		catch (final TaskCanceledException e) {
			end(e.getMessage(), e);
		}
		catch (final UserInputException e) {
			end(Failures.oneLine(e.getMessage()), e);
		}
		catch (final IOException e) {
			end("I/O error: " + Failures.messageOf(e), e);
		}
		catch (final RuntimeException | Error e) {
			end(Failures.messageOf(e), e);
			// Not the user's doing: where the command reports itself, its trace helps whoever debugs it.
			if (!reportedByCaller && Failures.resourceMessage(e) == null) log.debug(e);
		}
		finally {
			// The bar's reset and an empty status, published at once like the progress: StatusService would
			// publish them later, and they could then replace the caller's outcome line in the status bar.
			events.publish(new StatusEvent(1, 1));
			events.publish(new StatusEvent(""));
		}
	}

	/** Does the work; throws {@link UserInputException} for bad input, before writing anything. */
	protected abstract void execute() throws IOException;

	/** Progress to the status bar; canceled by {@link #cancel}, or by Esc inside ImageJ. */
	protected TaskMonitor monitor() {
		IJ.resetEscape();
		return new TaskMonitor() {

			@Override
			public void progress(final long done, final long total, final String message) {
				// Published at once, not later on a pool thread as StatusService does: in order, and all
				// before the run's last log line, so that no progress line follows it.
				events.publish(new StatusEvent((int) Math.min(done, Integer.MAX_VALUE), (int) Math.min(total, Integer.MAX_VALUE), message));
			}

			@Override
			public boolean isCanceled() {
				return DeblurNmfCommand.this.isCanceled() || IJ.escapePressed();
			}
		};
	}

	/** What does the work ({@link Backend#describe()}), for the command's log line; kept for {@link #backendUsed()}. */
	protected String describeBackend() {
		backend = Backend.describe();
		return backend;
	}

	/** The backend line of this run, if it used ND4J ({@link #describeBackend()}); else null. */
	public String backendUsed() {
		return backend;
	}

	/** The open image titled {@code title} inside ImageJ, or null (also when ImageJ is not running). */
	protected static ImagePlus openImage(final String title) {
		try {
			if (IJ.getInstance() == null && WindowManager.getImageCount() == 0) return null;
			return WindowManager.getImage(title);
		}
		catch (final RuntimeException | LinkageError e) {
			return null;
		}
	}

	protected LogService log() {
		return log;
	}

	/**
	 * Whether no window may open: no display, no user interface, or an ImageJ macro in batch mode.
	 * Tables and plots are shown only when this is false.
	 */
	protected boolean isHeadless() {
		return ui == null || ui.isHeadless() || GraphicsEnvironment.isHeadless() || Interpreter.isBatchMode();
	}

	/**
	 * Why the run ended early: bad input, an I/O error or a cancel, in one line; null if it did not.
	 * The caller reports it (the headless runner as {@code ERROR: <label>: <reason>}, the menu entry in
	 * a dialog or, for a cancel, in the status bar).
	 */
	public String endReason() {
		return endReason;
	}

	/** Whether the run ended with an error (bad input, I/O, a bug) rather than canceled by the user. */
	public boolean hasFailed() {
		return endReason != null && !(failure instanceof TaskCanceledException);
	}

	/** The exception that ended the run early, for a debug trace; null if it did not. */
	public Throwable failure() {
		return failure;
	}

	/** Tells the command that its caller reports {@link #endReason} itself, so it logs nothing of it. */
	public void reportedByCaller() {
		reportedByCaller = true;
	}

	/**
	 * Ends the run as canceled, so that no postprocessor shows or records it, with the reason kept in
	 * {@link #endReason}, not as the module's cancel reason: SciJava's ModuleRunner shows a cancel reason as
	 * a warning, which Fiji's user interface turns into a dialog of its own, beside the caller's report.
	 */
	private void end(final String reason, final Throwable cause) {
		endReason = reason;
		failure = cause;
		cancel(null);
		if (hasFailed() && !reportedByCaller) log.error(getClass().getAnnotation(Plugin.class).label() + ": " + reason);
	}
}

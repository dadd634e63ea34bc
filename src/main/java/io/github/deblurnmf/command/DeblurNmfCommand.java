package io.github.deblurnmf.command;

import ij.IJ;
import ij.macro.Interpreter;
import io.github.deblurnmf.task.TaskCanceledException;
import io.github.deblurnmf.task.TaskMonitor;
import io.github.deblurnmf.task.UserInputException;

import java.awt.GraphicsEnvironment;
import java.io.IOException;

import org.scijava.app.StatusService;
import org.scijava.app.event.StatusEvent;
import org.scijava.command.ContextCommand;
import org.scijava.event.EventService;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.ui.UIService;

/**
 * What every Deblur NMF command shares: bad input and cancellation end the command with a
 * one-line reason ({@link #endReason}), which the caller reports (the headless runner as {@code ERROR: reason}, the
 * menu entry in a dialog), and long work reports to the status bar and stops on cancel or on the
 * Esc key.
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
	private StatusService status;

	@Parameter
	private EventService events;

	@Parameter
	private LogService log;

	@Parameter(required = false)
	private UIService ui;

	private String endReason;
	private boolean failed;

	// -- Command methods --

	@Override
	public final void run() {
		final long start = System.nanoTime();
		try {
			execute();
			log.info(getClass().getSimpleName() + " finished in " + Math.round((System.nanoTime() - start) / 1e6) + " ms");
		}
		catch (final UserInputException e) {
			end(e.getMessage(), true);
		}
		catch (final IOException e) {
			end("I/O error: " + e.getMessage(), true);
		}
		catch (final TaskCanceledException e) {
			end(e.getMessage(), false);
		}
		finally {
			status.showProgress(1, 1);
			status.clearStatus();
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

	/** Whether the run ended with an error (bad input, I/O) rather than canceled by the user. */
	public boolean hasFailed() {
		return failed;
	}

	/**
	 * Ends the run as canceled, the reason kept in {@link #endReason}, not as the module's cancel reason:
	 * SciJava's ModuleRunner shows a cancel reason as a warning, which Fiji's user interface turns into
	 * a dialog of its own, beside the caller's report.
	 */
	private void end(final String reason, final boolean failure) {
		endReason = reason;
		failed = failure;
		cancel(null);
		if (failure) log.error(reason);
	}
}

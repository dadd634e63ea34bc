package io.github.deblurnmf.command;

import ij.IJ;
import io.github.deblurnmf.task.TaskCanceledException;
import io.github.deblurnmf.task.TaskMonitor;
import io.github.deblurnmf.task.UserInputException;

import java.io.IOException;

import org.scijava.app.StatusService;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.ui.DialogPrompt;
import org.scijava.ui.UIService;

/**
 * What every Deblur NMF command shares: bad input and cancellation end the command with a
 * one-line reason (the headless runner prints it as {@code ERROR: reason}), and long work reports
 * to the status bar and stops on cancel or on the Esc key.
 */
public abstract class DeblurNmfCommand extends ContextCommand {

	/** The menu under which all commands of the plugin live. */
	public static final String MENU = "Plugins>Deblur NMF>";

	// -- Parameters --

	@Parameter
	private StatusService status;

	@Parameter
	private LogService log;

	@Parameter(required = false)
	private UIService ui;

	// -- Command methods --

	@Override
	public final void run() {
		final long start = System.nanoTime();
		try {
			execute();
			log.info(getClass().getSimpleName() + " finished in " + Math.round((System.nanoTime() - start) / 1e6) + " ms");
		}
		catch (final UserInputException e) {
			fail(e.getMessage());
		}
		catch (final IOException e) {
			fail("I/O error: " + e.getMessage());
		}
		catch (final TaskCanceledException e) {
			cancel(e.getMessage());
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
				status.showStatus((int) Math.min(done, Integer.MAX_VALUE), (int) Math.min(total, Integer.MAX_VALUE), message);
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

	protected boolean isHeadless() {
		return ui == null || ui.isHeadless();
	}

	private void fail(final String reason) {
		cancel(reason);
		log.error(reason);
		if (!isHeadless()) ui.showDialog(reason, "Deblur NMF", DialogPrompt.MessageType.ERROR_MESSAGE);
	}
}

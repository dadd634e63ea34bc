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
package io.github.deblurnmf.ij1;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.macro.Interpreter;
import ij.plugin.PlugIn;
import ij.plugin.frame.Recorder;
import io.github.deblurnmf.command.DeblurNmfCommand;
import io.github.deblurnmf.command.ResultWindows;
import io.github.deblurnmf.launch.CommandLauncher;
import io.github.deblurnmf.launch.OptionsParser;
import io.github.deblurnmf.headless.ProgressPrinter;
import io.github.deblurnmf.launch.RunFailure;
import io.github.deblurnmf.task.Failures;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.util.Locale;
import java.util.Map;

import org.scijava.Context;
import org.scijava.app.event.StatusEvent;
import org.scijava.command.CommandInfo;
import org.scijava.event.EventHandler;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;

/**
 * The ImageJ 1 menu entry of a command ({@code plugins.config}: the argument is the command's
 * label), in plain ImageJ 1 and in Fiji alike. From the menu it shows the command's dialog and
 * records a {@code run("<label>", "key=value ...")} line; from a macro it reads the same options
 * (an image is an open image's title or a file path). It runs the SciJava command, shows the image
 * outputs (batch-mode images in batch mode; next to the open windows, see {@link ResultWindows}), logs one line
 * with the figures and, in the GUI, adds them as a row to the {@value RunsTable#TITLE} table ({@link RunsTable}).
 * <p>
 * Errors end the run with one line, in a dialog in the GUI, else on standard error (the Log window
 * in a batch-mode macro); either way a running macro stops there. A run the user canceled (Esc) is
 * not an error: it ends with a line in the status bar and the Log window. Only a successful run is
 * recorded, and only its values fill the next dialog.
 * </p>
 */
public class CommandPlugIn implements PlugIn {

	@Override
	public void run(final String label) {
		try {
			final Context context = ImageJContext.get();
			final CommandInfo info = CommandLauncher.find(CommandLauncher.commands(context), label);
			final boolean fromDialog = Macro.getOptions() == null;
			final Map<String, String> options = options(info);
			if (options == null) {
				// Canceled: ImageJ's Executer would still record a bare run("<label>") when this returns.
				Recorder.disableCommandRecording();
				return;
			}
			final long start = System.nanoTime();
			ResultWindows.begin(WindowManager.getCurrentImage());
			if (hasStatusBar()) IJ.showStatus(info.getTitle() + "...");
			final Module module = ImageJContext.withPluginClassLoader(() -> execute(context, info, options));
			final double seconds = (System.nanoTime() - start) / 1e9;
			showOutputs(module);
			IJ.log(summary(info.getTitle(), options, module, seconds));
			if (fromDialog) CommandDialog.remember(info.getTitle(), options);
			if (hasStatusBar()) IJ.showStatus(String.format(Locale.ROOT, "%s finished in %.1f s", info.getTitle(), seconds));
			if (IJ.getInstance() != null && RunsTable.tabulates(info)) RunsTable.add(info.getTitle(), options, CommandLauncher.figures(module));
		}
		catch (final RunFailure failure) {
			// What was recorded for this run would not replay: the Executer must not write it.
			Recorder.disableCommandRecording();
			if (failure.isCanceled()) canceled(failure.named(label).getMessage());
			else error(label, failure.named(label).getMessage());
		}
		catch (final RuntimeException e) {
			Recorder.disableCommandRecording();
			error(label, label + ": " + Failures.messageOf(e));
		}
	}

	// -- Helper methods --

	/** The options of a macro call, else those of the dialog (recorded); null if the dialog was canceled. */
	private static Map<String, String> options(final CommandInfo info) throws RunFailure {
		final String macroOptions = Macro.getOptions();
		if (macroOptions != null) return OptionsParser.parseMacro(macroOptions);
		if (GraphicsEnvironment.isHeadless()) {
			throw RunFailure.usage("No options: without a display, call run(\"" + info.getTitle() + "\", \"key=value ...\")");
		}
		final Map<String, String> values = new CommandDialog(info).show();
		if (values != null) CommandDialog.record(values);
		return values;
	}

	/** Whether messages go to ImageJ's status bar: a window, and no batch-mode macro. */
	private static boolean hasStatusBar() {
		return IJ.getInstance() != null && !Interpreter.isBatchMode();
	}

	private static Module execute(final Context context, final CommandInfo info, final Map<String, String> options) throws RunFailure {
		final boolean window = IJ.getInstance() != null;
		final ProgressPrinter printer = window ? null : new ProgressPrinter(info.getTitle(), System.err);
		final StatusBar bar = window ? new StatusBar() : null;
		try {
			return CommandLauncher.run(context, info, options, CommandPlugIn::image, window ? bar : printer, System.err, false);
		}
		finally {
			if (printer != null) printer.finish();
			if (bar != null) {
				bar.close();
				IJ.showProgress(1.0);
			}
		}
	}

	/** An open image with this title (batch-mode images included), else the file or folder at this path. */
	static ImagePlus image(final String value) throws RunFailure {
		final ImagePlus open = WindowManager.getImage(value);
		if (open != null) return open;
		if (!new File(value).exists()) {
			throw RunFailure.failed("No open image titled '" + value + "' and no such file or folder" + io.github.deblurnmf.io.AtomicFiles
				.tildeHint(new File(value).toPath()));
		}
		return CommandLauncher.FILES.resolve(value);
	}

	private static void showOutputs(final Module module) {
		for (final ModuleItem<?> item : module.getInfo().outputs()) {
			final Object value = item.getValue(module);
			if (value instanceof ImagePlus) ResultWindows.show((ImagePlus) value);
		}
	}

	/** One line for the Log window: what ran with which options, how long, on which backend, the figures. */
	static String summary(final String label, final Map<String, String> options, final Module module, final double seconds) {
		final StringBuilder line = new StringBuilder(label).append(" (").append(CommandDialog.macroOptions(options)).append(")");
		line.append(String.format(Locale.ROOT, ": %.1f s", seconds));
		final Object command = module.getDelegateObject();
		final String backend = command instanceof DeblurNmfCommand ? ((DeblurNmfCommand) command).backendUsed() : null;
		if (backend != null) line.append(", ").append(backend);
		CommandLauncher.figures(module).forEach((name, value) -> line.append(", ").append(name).append('=').append(
			value instanceof Double || value instanceof Float ? String.format(Locale.ROOT, "%.6g", ((Number) value).doubleValue()) : value));
		return line.toString();
	}

	/**
	 * Reports the error ({@code <label>: <reason>}) and stops a running macro: in a dialog in the GUI
	 * (ImageJ's own error, which aborts the macro), then in the status bar; else with no window, as one
	 * line on standard error (in the Log window for a batch-mode macro in the GUI), the macro aborted quietly.
	 */
	private static void error(final String label, final String line) {
		if (hasStatusBar()) {
			IJ.error("Deblur NMF", line);
			// After the dialog, so that the status bar still says why once the dialog is closed.
			IJ.showStatus(label + " failed: " + line.substring(line.startsWith(label + ": ") ? label.length() + 2 : 0));
			return;
		}
		if (IJ.getInstance() == null) System.err.println("ERROR: " + line);
		else IJ.log("ERROR: " + line);
		abortMacro(line);
	}

	/**
	 * Reports a run the user canceled (Esc, or the cancel of a progress window): not an error, so no
	 * dialog, but a line in the status bar and the Log window (a canceled training says there which epoch
	 * its model holds); a running macro stops quietly. Without a window, an {@code ERROR:} line on standard
	 * error, as the headless runner reports it.
	 */
	private static void canceled(final String line) {
		if (IJ.getInstance() == null) System.err.println("ERROR: " + line);
		else IJ.log(line);
		if (hasStatusBar()) IJ.showStatus(line);
		abortMacro(line);
	}

	private static void abortMacro(final String line) {
		final Interpreter macro = Interpreter.getInstance();
		if (macro != null) {
			// Interpreter.abort(message) would show its error dialog unless errors are ignored.
			macro.setIgnoreErrors(true);
			macro.abort(line);
		}
	}

	/**
	 * The running command's progress to ImageJ's status bar and progress bar, until {@link #close}: the
	 * run's outcome is shown there last. Only progress is shown ({@link ProgressPrinter#isProgress}); the
	 * launcher publishes no status lines of SciJava's own ({@code CommandLauncher.runModule}).
	 */
	static final class StatusBar {

		private volatile boolean closed;

		@EventHandler
		public void onEvent(final StatusEvent event) {
			if (closed || !ProgressPrinter.isProgress(event)) return;
			IJ.showStatus(event.getStatusMessage());
			IJ.showProgress(event.getProgressValue(), event.getProgressMaximum());
		}

		void close() {
			closed = true;
		}
	}
}

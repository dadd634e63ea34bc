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

import ij.Executer;
import ij.IJ;
import ij.ImageJ;
import ij.Menus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.frame.Recorder;

import java.awt.Button;
import java.awt.Checkbox;
import java.awt.Choice;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dialog;
import java.awt.EventQueue;
import java.awt.Label;
import java.awt.TextField;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A check of the menu, the dialog and the macro recorder in a real ImageJ 1 GUI, the way a user works: the
 * Plugins > Deblur NMF menu ImageJ built from the jar's plugins.config; with
 * the Recorder open, NMF Decompose is run from its menu entry, its dialog filled in and OKed; the
 * recorded line is then replayed as a macro, which must give the same coefficients; the dialog
 * canceled runs and records nothing; without outputdir the outputs are shown. Needs a display
 * (run under Xvfb by .ci/run-macros and .ci/run-imagej2); exits 0 if all holds, 1 with the reason otherwise.
 * <p>
 * Usage: {@code java -cp <test classes>:<plugin jar>:<jars>/* io.github.deblurnmf.ij1.GuiRecordingCheck <ImageJ folder> <output folder> [imagej2]}.
 * With {@code imagej2}, on the class path of a Fiji-like folder (ImageJ2 + imagej-legacy) and with the
 * Java options of its launcher, it starts ImageJ2's GUI as Fiji does (ImageJ 1's window under the
 * legacy layer) instead of plain ImageJ 1, and checks the same.
 * </p>
 */
public final class GuiRecordingCheck {

	private static final String LABEL = "NMF Decompose";

	private GuiRecordingCheck() {}

	public static void main(final String[] args) throws Exception {
		final Path imagej = Path.of(args[0]).toAbsolutePath(), out = Path.of(args[1]).toAbsolutePath();
		final boolean imagej2 = args.length > 2 && args[2].equals("imagej2");
		System.setProperty("plugins.dir", imagej.toString());
		try {
			if (imagej2) startImageJ2();
			else new ImageJ(ImageJ.NO_SHOW);
			Gui.run(out);
			System.out.println("GUI recording check passed");
			System.exit(0);
		}
		catch (final AssertionError e) {
			System.err.println("GUI recording check FAILED: " + e.getMessage());
			System.exit(1);
		}
		catch (final Throwable e) {
			// Any other failure must end the process too: the GUI's threads would keep it alive.
			System.err.println("GUI recording check FAILED:");
			e.printStackTrace();
			System.exit(1);
		}
	}

	/**
	 * ImageJ2's GUI as Fiji's launcher starts it (net.imagej.Main shows the default UI, which with
	 * imagej-legacy is ImageJ 1's window). By reflection: ImageJ2 is on the class path only in that
	 * mode, and no ImageJ 1 class may be loaded before the legacy layer has patched them.
	 */
	static void startImageJ2() throws Exception {
		final Object gateway = Class.forName("net.imagej.ImageJ").getConstructor().newInstance();
		final Object ui = gateway.getClass().getMethod("ui").invoke(gateway);
		ui.getClass().getMethod("showUI").invoke(ui);
		waitFor(() -> IJ.getInstance() != null && Menus.getMenuBar() != null, "ImageJ2's legacy GUI");
		// Not plain ImageJ 1 by accident: the legacy layer runs ImageJ 1 inside ImageJ2.
		final Object context = gateway.getClass().getMethod("context").invoke(gateway);
		final Object legacy = context.getClass().getMethod("getService", Class.class).invoke(context, Class.forName("net.imagej.legacy.LegacyService"));
		check(legacy != null, "no imagej-legacy in the context");
		check((Boolean) legacy.getClass().getMethod("isActive").invoke(legacy), "imagej-legacy is not active");
		System.out.println("ImageJ2 " + gateway.getClass().getMethod("getVersion").invoke(gateway) + ", imagej-legacy active");
	}

	/**
	 * The checks themselves, in a class of their own: the JVM loads the ImageJ 1 classes a method
	 * signature needs when it verifies the class, and under ImageJ2 none may be loaded before the legacy
	 * layer has patched them (GenericDialog, ImageJ: "duplicate class definition").
	 */
	private static final class Gui {

		private Gui() {}

		static void run(final Path out) throws Exception {
			// ImageJ read plugins.config from the plugin jar in plugins/: the menu as a user sees it.
			final java.awt.Menu menu = Menus.getImageJMenu("Plugins>Deblur NMF");
			check(menu != null, "no Plugins > Deblur NMF menu");
			final List<String> items = new java.util.ArrayList<>();
			for (int i = 0; i < menu.getItemCount(); i++) items.add(menu.getItem(i).getLabel());
			check(items.equals(List.of("Create Blurred Dataset", "Train Deblur AE", "Deblur Image", "-", "NMF Decompose", "NMF Denoise", "-",
				"Compare Images", "-", "Open Sample...")), "menu items " + items);
			final java.awt.Menu samples = Menus.getImageJMenu("File>Open Samples>Deblur NMF");
			check(samples != null && samples.getItemCount() == 2 && samples.getItem(0).getLabel().equals("LFW Faces Stack") &&
				samples.getItem(1).getLabel().equals("Blurred Camera and Original"), "File > Open Samples > Deblur NMF items");
			IJ.run("Record...");
			waitFor(() -> Recorder.getInstance() != null, "the Recorder to open");
			IJ.run("LFW Faces Stack");
			waitFor(() -> WindowManager.getCurrentImage() != null, "the faces sample to open");

			// As a menu click does: an Executer thread runs the command, which shows its dialog.
			final Path dialogOut = out.resolve("from dialog");
			new Executer(LABEL, WindowManager.getCurrentImage());
			waitFor(() -> GenericDialog.getInstance() != null && GenericDialog.getInstance().isVisible() && modalLoopRuns(), "the dialog");
			final GenericDialog dialog = GenericDialog.getInstance();
			// Help where the user is: a Help button; the rank's range for the image chosen; no opacity for a 1-channel stack.
			check(button(dialog, "Help") != null, "no Help button");
			check(labelTexts(dialog).contains("Rank (1 to 100)"), "the rank's range is not shown: " + labelTexts(dialog));
			check(!((Checkbox) dialog.getCheckboxes().get(0)).isEnabled(), "the opacity checkbox is enabled for a 1-channel stack");
			EventQueue.invokeAndWait(() -> {
				// Numeric fields: rank, iterations, seed; text fields: layers, tolerance, alphaw, alphah, l1ratio, outputdir (the last);
				// checkboxes: alpha, montage, overwrite.
				((TextField) dialog.getNumericFields().get(0)).setText("5");
				((TextField) dialog.getNumericFields().get(1)).setText("30");
				((TextField) dialog.getStringFields().get(dialog.getStringFields().size() - 1)).setText(dialogOut.toString());
				((Checkbox) dialog.getCheckboxes().get(1)).setState(true);
				final Button ok = dialog.getButtons()[0];
				dialog.actionPerformed(new ActionEvent(ok, ActionEvent.ACTION_PERFORMED, ok.getLabel()));
			});
			waitFor(() -> Recorder.getInstance().getText().contains("run(\"" + LABEL + "\""), "the recorded line");
			waitFor(() -> Files.exists(dialogOut.resolve("error.csv")), "the dialog's run to finish");

			final String recorded = Recorder.getInstance().getText().lines().filter(l -> l.startsWith("run(\"" + LABEL)).findFirst().orElseThrow();
			final String expected = "run(\"" + LABEL + "\", \"input=lfw_faces_25px.tif rank=5 algorithm=hals iterations=30 tolerance=1.0E-4" +
				" init=nndsvd seed=1 loss=frobenius alphaw=0.0 alphah=0.0 l1ratio=0.0 alpha=false montage=true outputdir=[" + dialogOut + "] overwrite=false\");";
			check(expected.equals(recorded), "recorded\n  " + recorded + "\nexpected\n  " + expected);
			check(Files.exists(dialogOut.resolve("bases_montage.tif")), "the montage checkbox was not applied");

			// The recorded line, replayed in another folder, gives the same factorization.
			final Path replayOut = out.resolve("replayed");
			IJ.runMacro(recorded.replace(dialogOut.toString(), replayOut.toString()));
			final List<String> fromDialog = Files.readAllLines(dialogOut.resolve("coefficients.csv"));
			check(fromDialog.size() == 1 + 5, "rank 5 from the dialog: " + fromDialog.size() + " lines");
			check(fromDialog.equals(Files.readAllLines(replayOut.resolve("coefficients.csv"))), "the replayed run differs");

			// Cancel: the dialog closes, nothing runs, nothing is recorded.
			final Path canceledOut = out.resolve("canceled");
			final String recordedBefore = Recorder.getInstance().getText(), logBefore = IJ.getLog();
			new Executer(LABEL, WindowManager.getCurrentImage());
			waitFor(() -> GenericDialog.getInstance() != null && GenericDialog.getInstance().isVisible() && modalLoopRuns(), "the dialog, a second time");
			final GenericDialog second = GenericDialog.getInstance();
			EventQueue.invokeAndWait(() -> {
				((TextField) second.getStringFields().get(second.getStringFields().size() - 1)).setText(canceledOut.toString());
				final Button cancel = second.getButtons()[1];
				second.actionPerformed(new ActionEvent(cancel, ActionEvent.ACTION_PERFORMED, cancel.getLabel()));
			});
			waitFor(() -> !second.isVisible(), "the canceled dialog to close");
			Thread.sleep(3000); // a run started by mistake would have logged or created its folder by now
			check(second.wasCanceled(), "the dialog does not count as canceled");
			check(!Files.exists(canceledOut), "the canceled dialog ran the command: " + canceledOut + " exists");
			check(recordedBefore.equals(Recorder.getInstance().getText()), "the canceled dialog recorded: " + Recorder.getInstance().getText());
			check(java.util.Objects.equals(logBefore, IJ.getLog()), "the canceled dialog logged: " + IJ.getLog());

			// Without outputdir, in the GUI: the outputs open as images, H as a table, the error curve as a plot.
			IJ.runMacro("run('" + LABEL + "', 'input=lfw_faces_25px.tif rank=4 iterations=10 montage=true');");
			for (final String title : List.of("NMF bases of lfw_faces_25px.tif", "NMF bases montage of lfw_faces_25px.tif",
				"NMF reconstruction of lfw_faces_25px.tif", "NMF error of lfw_faces_25px.tif")) {
				waitFor(() -> WindowManager.getImage(title) != null, "image window " + title);
			}
			waitFor(() -> WindowManager.getWindow("NMF coefficients of lfw_faces_25px.tif") != null, "the coefficients table");
			check(IJ.getLog() != null && IJ.getLog().contains(LABEL + " (input=lfw_faces_25px.tif rank=4 iterations=10 montage=true): "),
				"the log line: " + IJ.getLog());

			checkCreateBlurredDataset(out);
			checkEscCancels(out);
			IJ.getInstance().exitWhenQuitting(false);
		}

		/**
		 * Create Blurred Dataset's input is a folder, a file or an open image: the current image (one of
		 * NMF Decompose's outputs) is chosen, and works. A run that fails reports in a dialog and the status
		 * bar, is not recorded, and its values do not replace those of the last run that worked.
		 */
		private static void checkCreateBlurredDataset(final Path out) throws Exception {
			final String label = "Create Blurred Dataset", current = WindowManager.getCurrentImage().getTitle();
			final Path dataset = out.resolve("dataset");
			final GenericDialog first = openDialog(label);
			check(current.equals(((Choice) first.getChoices().get(0)).getSelectedItem()), "the input is not the current image " + current);
			EventQueue.invokeAndWait(() -> {
				// String fields: folder or file, output folder; numeric fields: size, kernel, seed.
				((TextField) first.getStringFields().get(1)).setText(dataset.toString());
				((TextField) first.getNumericFields().get(0)).setText("12");
				click(first, "OK");
			});
			waitFor(() -> Files.exists(dataset.resolve("dataset.json")), "the dataset of " + current);
			waitFor(() -> Recorder.getInstance().getText().contains("run(\"" + label + "\", \"input=[" + current + "]"), "the recorded line");

			final String recorded = Recorder.getInstance().getText();
			final GenericDialog second = openDialog(label);
			EventQueue.invokeAndWait(() -> {
				((TextField) second.getStringFields().get(1)).setText(out.resolve("failed dataset").toString());
				((TextField) second.getNumericFields().get(0)).setText("1000");
				click(second, "OK");
			});
			waitFor(() -> visibleMessageDialog() != null, "the error dialog of a failed run");
			final Dialog error = visibleMessageDialog();
			EventQueue.invokeAndWait(error::dispose);
			waitFor(() -> ImageJ.getStatusBarText().startsWith(label + " failed: "), "the failure in the status bar, not '" + ImageJ.getStatusBarText() + "'");
			Thread.sleep(1000);
			// One report: no second dialog (SciJava shows a module's cancel reason as a warning dialog in Fiji).
			check(visibleDialog() == null, "a second dialog reports the failed run: " + visibleDialog());
			check(recorded.equals(Recorder.getInstance().getText()), "the failed run was recorded: " + Recorder.getInstance().getText());

			final GenericDialog third = openDialog(label);
			final String size = ((TextField) third.getNumericFields().get(0)).getText();
			final String output = ((TextField) third.getStringFields().get(1)).getText();
			EventQueue.invokeAndWait(() -> click(third, "Cancel"));
			check(size.equals("12") && Path.of(output).equals(dataset), "the dialog shows the failed run's values: size " + size + ", output " + output);
		}

		/** Esc during a run stops it with a line in the status bar and the Log, no error dialog, nothing recorded. */
		private static void checkEscCancels(final Path out) throws Exception {
			final Path canceledOut = out.resolve("esc");
			final String recorded = Recorder.getInstance().getText();
			final GenericDialog dialog = openDialog(LABEL);
			EventQueue.invokeAndWait(() -> {
				((TextField) dialog.getNumericFields().get(0)).setText("16");
				((TextField) dialog.getNumericFields().get(1)).setText("1000000");
				((TextField) dialog.getStringFields().get(1)).setText("0");
				((TextField) dialog.getStringFields().get(dialog.getStringFields().size() - 1)).setText(canceledOut.toString());
				click(dialog, "OK");
			});
			waitFor(() -> ImageJ.getStatusBarText().contains("iteration"), () -> "the run's progress in the status bar, not '" + ImageJ.getStatusBarText()
				+ "'; the dialog is " + (dialog.isVisible() ? "still open" : dialog.wasOKed() ? "OKed" : "closed") + ", dialog showing: " + visibleDialog()
				+ ", windows: " + java.util.Arrays.toString(WindowManager.getNonImageTitles()) + ", images: " + java.util.Arrays.toString(WindowManager
					.getImageTitles()) + ", current: " + (WindowManager.getCurrentImage() == null ? null : WindowManager.getCurrentImage().getTitle())
				+ ", log: " + IJ.getLog());
			// As the key reaches ImageJ's window.
			EventQueue.invokeAndWait(() -> IJ.getInstance().keyPressed(new KeyEvent(IJ.getInstance(), KeyEvent.KEY_PRESSED, System.currentTimeMillis(), 0,
				KeyEvent.VK_ESCAPE, KeyEvent.CHAR_UNDEFINED)));
			waitFor(() -> IJ.getLog().contains(LABEL + ": Canceled by the user"), "the canceled run's Log line");
			Thread.sleep(1000);
			check(visibleDialog() == null, "a dialog reports the canceled run: " + visibleDialog());
			// The run's own line, last: not SciJava's "Command canceled: …", which would also say canceled.
			check(ImageJ.getStatusBarText().equals(LABEL + ": Canceled by the user"), "the status bar says " + ImageJ.getStatusBarText());
			check(!Files.exists(canceledOut.resolve("bases.tif")), "the canceled run wrote its outputs");
			check(recorded.equals(Recorder.getInstance().getText()), "the canceled run was recorded");
		}

		/** Runs {@code label} as a menu click does and returns its dialog. */
		private static GenericDialog openDialog(final String label) throws InterruptedException {
			final GenericDialog before = GenericDialog.getInstance();
			new Executer(label, WindowManager.getCurrentImage());
			waitFor(() -> GenericDialog.getInstance() != null && GenericDialog.getInstance() != before && GenericDialog.getInstance().isVisible()
				&& modalLoopRuns(),
				"the dialog of " + label);
			return GenericDialog.getInstance();
		}

		private static void click(final GenericDialog dialog, final String label) {
			final Button button = button(dialog, label);
			dialog.actionPerformed(new ActionEvent(button, ActionEvent.ACTION_PERFORMED, button.getLabel()));
		}

		private static Button button(final Container container, final String label) {
			for (final Component component : container.getComponents()) {
				if (component instanceof Button && label.equals(((Button) component).getLabel().trim())) return (Button) component;
				if (component instanceof Container) {
					final Button inside = button((Container) component, label);
					if (inside != null) return inside;
				}
			}
			return null;
		}

		private static List<String> labelTexts(final Container container) {
			final List<String> texts = new java.util.ArrayList<>();
			for (final Component component : container.getComponents()) {
				if (component instanceof Label) texts.add(((Label) component).getText().trim());
				if (component instanceof Container) texts.addAll(labelTexts((Container) component));
			}
			return texts;
		}

		/** The title of any dialog showing, or null. */
		private static String visibleDialog() {
			for (final java.awt.Window window : java.awt.Window.getWindows()) {
				if (window.isVisible() && window instanceof Dialog) return window.getClass().getName() + " '" + ((Dialog) window).getTitle() + "'";
			}
			return null;
		}

		/** ImageJ's error dialog (IJ.error), if one is showing. */
		private static Dialog visibleMessageDialog() {
			for (final java.awt.Window window : java.awt.Window.getWindows()) {
				if (window.isVisible() && window instanceof ij.gui.MessageDialog) return (Dialog) window;
			}
			return null;
		}
	}


	static void check(final boolean condition, final String message) {
		if (!condition) throw new AssertionError(message);
	}

	static void waitFor(final BooleanSupplier condition, final String what) throws InterruptedException {
		waitFor(condition, () -> what);
	}

	private static void waitFor(final BooleanSupplier condition, final java.util.function.Supplier<String> what) throws InterruptedException {
		final long deadline = System.currentTimeMillis() + 60_000;
		while (!condition.getAsBoolean()) {
			if (System.currentTimeMillis() > deadline) {
				dumpThreads();
				throw new AssertionError("timed out waiting for " + what.get());
			}
			Thread.sleep(50);
		}
	}

	/**
	 * Whether a thread waits in a modal dialog's loop. A check presses a dialog's buttons only then:
	 * AWT's {@code Dialog.show} misses a close that comes after the dialog is visible but before its loop
	 * starts, and its caller then waits forever (seen on a loaded machine).
	 */
	static boolean modalLoopRuns() {
		return Thread.getAllStackTraces().entrySet().stream().anyMatch(e -> e.getKey().getState() == Thread.State.WAITING && Arrays.stream(e
			.getValue()).anyMatch(frame -> frame.getClassName().equals("java.awt.Dialog") && frame.getMethodName().equals("show")));
	}

	/** What each thread was doing when a wait timed out, to stderr: a stuck run shows where. */
	private static void dumpThreads() {
		Thread.getAllStackTraces().forEach((thread, stack) -> {
			System.err.println("\"" + thread.getName() + "\" " + thread.getState());
			for (final StackTraceElement frame : stack) System.err.println("\tat " + frame);
		});
	}
}

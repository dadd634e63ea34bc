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
import java.awt.EventQueue;
import java.awt.TextField;
import java.awt.event.ActionEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A check of the menu, the dialog and the macro recorder in a real ImageJ 1 GUI, the way a user works: the
 * Plugins > Deblur NMF menu ImageJ built from the jar's plugins.config; with
 * the Recorder open, NMF Decompose is run from its menu entry, its dialog filled in and OKed; the
 * recorded line is then replayed as a macro, which must give the same coefficients. Needs a display
 * (run under Xvfb by .ci/run-macros); exits 0 if all holds, 1 with the reason otherwise.
 * <p>
 * Usage: {@code java -cp <test classes>:<plugin jar>:<jars>/* io.github.deblurnmf.ij1.GuiRecordingCheck <ImageJ folder> <output folder>}
 * </p>
 */
public final class GuiRecordingCheck {

	private static final String LABEL = "NMF Decompose";

	private GuiRecordingCheck() {}

	public static void main(final String[] args) throws Exception {
		final Path imagej = Path.of(args[0]).toAbsolutePath(), out = Path.of(args[1]).toAbsolutePath();
		System.setProperty("plugins.dir", imagej.toString());
		try {
			check(out);
			System.out.println("GUI recording check passed");
			System.exit(0);
		}
		catch (final AssertionError e) {
			System.err.println("GUI recording check FAILED: " + e.getMessage());
			System.exit(1);
		}
	}

	private static void check(final Path out) throws Exception {
		final ImageJ ij = new ImageJ(ImageJ.NO_SHOW);
		// ImageJ read plugins.config from the plugin jar in plugins/: the menu as a user sees it.
		final java.awt.Menu menu = Menus.getImageJMenu("Plugins>Deblur NMF");
		check(menu != null, "no Plugins > Deblur NMF menu");
		final List<String> items = new java.util.ArrayList<>();
		for (int i = 0; i < menu.getItemCount(); i++) items.add(menu.getItem(i).getLabel());
		// ImageJ places the Open Sample submenu after the first entry of the menu.
		check(items.equals(List.of("Create Blurred Dataset", "Open Sample", "Train Deblur AE", "Deblur Image", "-", "NMF Decompose", "NMF Denoise", "-",
			"Compare Images")), "menu items " + items);
		final java.awt.Menu samples = (java.awt.Menu) menu.getItem(items.indexOf("Open Sample"));
		check(samples.getItemCount() == 2 && samples.getItem(0).getLabel().equals("LFW Faces Stack") &&
			samples.getItem(1).getLabel().equals("Blurred Camera and Original"), "Open Sample items");
		IJ.run("Record...");
		waitFor(() -> Recorder.getInstance() != null, "the Recorder to open");
		IJ.run("LFW Faces Stack");
		waitFor(() -> WindowManager.getCurrentImage() != null, "the faces sample to open");

		// As a menu click does: an Executer thread runs the command, which shows its dialog.
		final Path dialogOut = out.resolve("from dialog");
		new Executer(LABEL, WindowManager.getCurrentImage());
		waitFor(() -> GenericDialog.getInstance() != null && GenericDialog.getInstance().isVisible(), "the dialog");
		final GenericDialog dialog = GenericDialog.getInstance();
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

		// Without outputdir, in the GUI: the outputs open as images, H as a table, the error curve as a plot.
		IJ.runMacro("run('" + LABEL + "', 'input=lfw_faces_25px.tif rank=4 iterations=10 montage=true');");
		for (final String title : List.of("NMF bases of lfw_faces_25px.tif", "NMF bases montage of lfw_faces_25px.tif",
			"NMF reconstruction of lfw_faces_25px.tif", "NMF error of lfw_faces_25px.tif")) {
			waitFor(() -> WindowManager.getImage(title) != null, "image window " + title);
		}
		waitFor(() -> WindowManager.getWindow("NMF coefficients of lfw_faces_25px.tif") != null, "the coefficients table");
		check(IJ.getLog() != null && IJ.getLog().contains(LABEL + " (input=lfw_faces_25px.tif rank=4 iterations=10 montage=true): "),
			"the log line: " + IJ.getLog());
		ij.exitWhenQuitting(false);
	}

	private static void check(final boolean condition, final String message) {
		if (!condition) throw new AssertionError(message);
	}

	private static void waitFor(final BooleanSupplier condition, final String what) throws InterruptedException {
		final long deadline = System.currentTimeMillis() + 60_000;
		while (!condition.getAsBoolean()) {
			if (System.currentTimeMillis() > deadline) throw new AssertionError("timed out waiting for " + what);
			Thread.sleep(50);
		}
	}
}

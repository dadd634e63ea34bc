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

import static io.github.deblurnmf.ij1.GuiRecordingCheck.check;
import static io.github.deblurnmf.ij1.GuiRecordingCheck.modalLoopRuns;
import static io.github.deblurnmf.ij1.GuiRecordingCheck.waitFor;

import ij.CompositeImage;
import ij.Executer;
import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.measure.ResultsTable;

import java.awt.Button;
import java.awt.Choice;
import java.awt.EventQueue;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.event.ActionEvent;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

/**
 * A check of what a run leaves on the screen in a real ImageJ 1 GUI: samples open zoomed in, side by side;
 * Compare Images' dialog starts with two different images; each measuring run adds a row to the
 * Deblur NMF Results table; the deblurred image has its input's display range; NMF Decompose's windows
 * do not cover each other or the input, its bases show on [0, 1]. Needs a display (run under Xvfb by
 * .ci/run-macros and .ci/run-imagej2); writes a screenshot {@code results.png} into the output folder;
 * exits 0 if all holds, 1 with the reason otherwise.
 * <p>
 * Usage: {@code java -cp <test classes>:<plugin jar>:<jars>/* io.github.deblurnmf.ij1.GuiResultsCheck <ImageJ folder> <output folder> [imagej2]}
 * (with {@code imagej2}, started as {@link GuiRecordingCheck} starts Fiji's GUI).
 * </p>
 */
public final class GuiResultsCheck {

	private GuiResultsCheck() {}

	public static void main(final String[] args) throws Exception {
		final Path imagej = Path.of(args[0]).toAbsolutePath(), out = Path.of(args[1]).toAbsolutePath();
		System.setProperty("plugins.dir", imagej.toString());
		try {
			if (args.length > 2 && args[2].equals("imagej2")) GuiRecordingCheck.startImageJ2();
			else new ImageJ(ImageJ.NO_SHOW);
			Files.createDirectories(out);
			try {
				checkResults();
			}
			finally {
				screenshot(out.resolve("results.png"));
			}
			System.out.println("GUI results check passed");
			System.exit(0);
		}
		catch (final AssertionError e) {
			System.err.println("GUI results check FAILED: " + e.getMessage());
			System.exit(1);
		}
		catch (final Throwable e) {
			System.err.println("GUI results check FAILED:");
			e.printStackTrace();
			System.exit(1);
		}
	}

	private static void checkResults() throws Exception {
		IJ.getInstance().exitWhenQuitting(false);
		// Samples: side by side, 128-pixel images at 200 %.
		IJ.run("Blurred Camera and Original");
		waitFor(() -> WindowManager.getImage("camera_blurred.tif") != null, "the blurred camera sample");
		final ImagePlus sharp = WindowManager.getImage("camera.tif"), blurred = WindowManager.getImage("camera_blurred.tif");
		for (final ImagePlus image : List.of(sharp, blurred)) check(image.getCanvas().getMagnification() == 2, image.getTitle() + " at zoom " + image.getCanvas().getMagnification());
		separate(List.of(sharp, blurred));

		// Compare Images from its menu entry: reference and input start as two different images.
		new Executer("Compare Images", blurred);
		waitFor(() -> GenericDialog.getInstance() != null && GenericDialog.getInstance().isVisible() && modalLoopRuns(),
			"the Compare Images dialog");
		final GenericDialog dialog = GenericDialog.getInstance();
		final List<String> chosen = new ArrayList<>();
		for (final Object choice : dialog.getChoices()) chosen.add(((Choice) choice).getSelectedItem());
		check(chosen.equals(List.of("camera.tif", "camera_blurred.tif")), "Compare Images starts with reference, input = " + chosen);
		EventQueue.invokeAndWait(() -> {
			final Button ok = dialog.getButtons()[0];
			dialog.actionPerformed(new ActionEvent(ok, ActionEvent.ACTION_PERFORMED, ok.getLabel()));
		});
		waitFor(() -> table() != null && table().size() == 1, "the first row of " + RunsTable.TITLE);
		final double psnr = table().getValue("psnr", 0);
		check(table().getStringValue("command", 0).equals("Compare Images") && psnr > 15 && psnr < 30, "row 1: " + table().getRowAsString(0));

		// Deblur Image: a second row, the deblurred image on its input's display range, next to the others.
		IJ.runMacro("run('Deblur Image', 'input=camera_blurred.tif method=wiener reference=camera.tif');");
		waitFor(() -> table().size() == 2, "the second row");
		check(table().getStringValue("command", 1).equals("Deblur Image") && table().getValue("psnr", 1) > psnr,
			"row 2 has the deblurred PSNR, above the input's " + psnr + ": " + table().getRowAsString(1));
		check(table().getStringValue("parameters", 1).equals("method=wiener reference=camera.tif"), "row 2's parameters: " + table().getRowAsString(1));
		final ImagePlus deblurred = WindowManager.getImage("Deblurred camera_blurred.tif");
		check(deblurred != null && deblurred.getDisplayRangeMin() == 0 && deblurred.getDisplayRangeMax() == 255,
			"the deblurred image's display range: " + (deblurred == null ? "no image" : deblurred.getDisplayRangeMin() + "-" + deblurred.getDisplayRangeMax()));
		separate(List.of(sharp, blurred, deblurred));
		for (final ImagePlus image : List.of(sharp, blurred, deblurred)) {
			image.changes = false;
			image.close();
		}

		// NMF Decompose of the faces: 25-pixel images at 800 %, none covering another, bases on [0, 1].
		// Room for them: the windows other than ImageJ's and the table go (ImageJ2 adds a console and a
		// table of each run's outputs); with the screen full they would open where ImageJ puts them.
		EventQueue.invokeAndWait(() -> {
			for (final java.awt.Window w : java.awt.Window.getWindows()) {
				if (w.isShowing() && w != IJ.getInstance() && w != WindowManager.getFrame(RunsTable.TITLE)) w.setVisible(false);
			}
		});
		IJ.run("LFW Faces Stack");
		waitFor(() -> WindowManager.getImage("lfw_faces_25px.tif") != null, "the faces sample");
		final ImagePlus faces = WindowManager.getImage("lfw_faces_25px.tif");
		check(faces.getCanvas().getMagnification() == 8, "the faces at zoom " + faces.getCanvas().getMagnification());
		IJ.runMacro("run('NMF Decompose', 'input=lfw_faces_25px.tif rank=4 iterations=10 montage=true');");
		final List<ImagePlus> shown = new ArrayList<>(List.of(faces));
		for (final String what : List.of("bases", "bases montage", "reconstruction")) {
			final String title = "NMF " + what + " of lfw_faces_25px.tif";
			waitFor(() -> WindowManager.getImage(title) != null, title);
			shown.add(WindowManager.getImage(title));
		}
		waitFor(() -> table().size() == 3, "the third row");
		check(table().getValue("relative", 2) > 0 && table().getStringValue("psnr", 2).isEmpty(), "row 3: " + table().getRowAsString(2));
		separate(shown);
		final ImagePlus bases = shown.get(1);
		check(bases.getDisplayRangeMin() == 0 && bases.getDisplayRangeMax() == 1 && bases.getCanvas().getMagnification() == 8,
			"bases on " + bases.getDisplayRangeMin() + "-" + bases.getDisplayRangeMax() + " at zoom " + bases.getCanvas().getMagnification());
		check(!(shown.get(3) instanceof CompositeImage) && shown.get(3).getDisplayRangeMax() == 255, "the reconstruction on the faces' 0-255");
		System.out.println(String.format(Locale.ROOT, "%s: %d rows; windows %s", RunsTable.TITLE, table().size(), bounds(shown)));
	}

	private static ResultsTable table() {
		return ResultsTable.getResultsTable(RunsTable.TITLE);
	}

	private static List<Rectangle> bounds(final List<ImagePlus> images) {
		final List<Rectangle> bounds = new ArrayList<>();
		for (final ImagePlus image : images) bounds.add(image.getWindow().getBounds());
		return bounds;
	}

	/** Fails if the windows of {@code images} overlap. */
	private static void separate(final List<ImagePlus> images) throws Exception {
		EventQueue.invokeAndWait(() -> {});
		final List<Rectangle> bounds = bounds(images);
		for (int i = 0; i < bounds.size(); i++) {
			for (int j = i + 1; j < bounds.size(); j++) {
				check(!bounds.get(i).intersects(bounds.get(j)), images.get(i).getTitle() + " " + bounds.get(i) + " and " + images.get(j).getTitle() + " "
					+ bounds.get(j) + " overlap");
			}
		}
	}

	private static void screenshot(final Path file) {
		try {
			ImageIO.write(new Robot().createScreenCapture(new Rectangle(Toolkit.getDefaultToolkit().getScreenSize())), "png", new File(file.toString()));
		}
		catch (final Exception e) {
			System.err.println("no screenshot: " + e);
		}
	}
}

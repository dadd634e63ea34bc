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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.gui.Plot;
import io.github.deblurnmf.train.EpochRecord;

import java.awt.Dimension;
import java.awt.Point;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The placement and zoom of result windows, and the training loss plot, without a display. */
class ResultWindowsTest {

	@Test
	void smallImagesOpenAtTheLargestZoomThatStaysWithinTheVisibleSize() {
		assertEquals(8, ResultWindows.zoomFor(25, 25), "LFW faces: 200 pixels");
		assertEquals(2, ResultWindows.zoomFor(128, 128), "the camera sample: 256 pixels");
		assertEquals(4, ResultWindows.zoomFor(51, 51), "a montage of 4 faces");
		assertEquals(1.5, ResultWindows.zoomFor(160, 100));
		assertEquals(1, ResultWindows.zoomFor(257, 10));
		assertEquals(1, ResultWindows.zoomFor(2000, 3000), "large images are ImageJ's to shrink");
		assertEquals(32, ResultWindows.zoomFor(2, 3));
	}

	@Test
	void windowsGoSideBySideRightOfTheInputThenOnANewRowBelow() {
		final Rectangle screen = new Rectangle(0, 0, 1000, 800);
		final ResultWindows.Row row = ResultWindows.Row.after(new Rectangle(100, 50, 300, 200));
		final List<Point> at = new ArrayList<>();
		final List<Rectangle> placed = new ArrayList<>(List.of(new Rectangle(100, 50, 300, 200)));
		for (final Dimension size : List.of(new Dimension(250, 300), new Dimension(250, 100), new Dimension(250, 100), new Dimension(250, 100))) {
			final Point p = row.next(size, screen, List.of());
			row.placed(new Rectangle(p, size));
			placed.add(new Rectangle(p, size));
			at.add(p);
		}
		final int gap = ResultWindows.GAP;
		assertEquals(List.of(new Point(400 + gap, 50), new Point(650 + 2 * gap, 50), new Point(0, 350 + gap), new Point(250 + gap, 350 + gap)), at,
			"the third would reach past 1000: a new row under the tallest, from the screen's left edge");
		for (int i = 0; i < placed.size(); i++) {
			for (int j = i + 1; j < placed.size(); j++) assertFalse(placed.get(i).intersects(placed.get(j)), i + " and " + j + " overlap");
		}
		// No row fits below: ImageJ places it.
		assertNull(row.next(new Dimension(700, 500), screen, List.of()));
	}

	@Test
	void aNewRowStartsAtTheScreensLeftWhenTheInputIsFarRight() {
		final Rectangle screen = new Rectangle(0, 0, 1000, 800);
		final ResultWindows.Row row = ResultWindows.Row.after(new Rectangle(800, 50, 150, 100));
		assertEquals(new Point(0, 150 + ResultWindows.GAP), row.next(new Dimension(300, 200), screen, List.of()));
	}

	@Test
	void windowsGoPastTheWindowsInTheirWay() {
		final Rectangle screen = new Rectangle(0, 0, 1000, 800);
		final int g = ResultWindows.GAP;
		final ResultWindows.Row row = ResultWindows.Row.after(new Rectangle(0, 100, 200, 200));
		final Rectangle log = new Rectangle(320, 150, 300, 300), bar = new Rectangle(0, 0, 600, 80);
		final List<Rectangle> taken = List.of(bar, log);
		final Point first = row.next(new Dimension(100, 100), screen, taken);
		assertEquals(new Point(200 + g, 100), first, "before the Log");
		row.placed(new Rectangle(first, new Dimension(100, 100)));
		final Point second = row.next(new Dimension(300, 100), screen, taken);
		assertEquals(new Point(620 + g, 100), second, "past the Log");
		row.placed(new Rectangle(second, new Dimension(300, 100)));
		assertEquals(new Point(0, 450 + g), row.next(new Dimension(300, 200), screen, taken),
			"a new row at the left, below the Log that was in the way there");
		row.placed(new Rectangle(0, 450 + g, 300, 200));
		assertNull(row.next(new Dimension(900, 300), screen, taken), "the screen full");
		assertEquals(new Point(300 + g, 450 + g), row.next(new Dimension(100, 100), screen, taken), "a smaller one still fits");
	}

	@Test
	void whenNoRowFitsTheFirstFreePlaceInReadingOrderIsTaken() {
		final Rectangle screen = new Rectangle(0, 0, 1000, 800);
		final int g = ResultWindows.GAP;
		final List<Rectangle> taken = List.of(new Rectangle(0, 0, 500, 70), new Rectangle(0, 80, 300, 600));
		assertEquals(new Point(500 + g, 0), ResultWindows.freeSpot(new Dimension(250, 60), taken, screen), "right of the bar");
		assertEquals(new Point(300 + g, 80), ResultWindows.freeSpot(new Dimension(550, 300), taken, screen), "too wide for right of the bar: right of the tall window");
		assertEquals(new Point(g, g), ResultWindows.freeSpot(new Dimension(600, 500), List.of(), screen));
		assertNull(ResultWindows.freeSpot(new Dimension(1200, 100), List.of(), screen), "wider than the screen");
		assertNull(ResultWindows.freeSpot(new Dimension(600, 500), List.of(new Rectangle(300, 200, 300, 300)), screen));
	}

	@Test
	void aWindowWiderThanTheScreenStaysInTheRowItStarts() {
		final ResultWindows.Row row = ResultWindows.Row.after(new Rectangle(10, 20, 0, 0));
		assertEquals(new Point(10, 20), row.next(new Dimension(5000, 100), new Rectangle(0, 0, 1000, 800), List.of()));
	}

	private static List<EpochRecord> history(final int first, final int epochs, final boolean validation) {
		final List<EpochRecord> history = new ArrayList<>();
		for (int e = first; e < first + epochs; e++) {
			history.add(new EpochRecord(e, 1.0 / e, validation ? 1.2 / e : Double.NaN, validation ? 20 + e : Double.NaN, validation ? 0.5 : Double.NaN, 1, e * 10L));
		}
		return history;
	}

	@Test
	void theLossPlotNamesItsModelAndDrawsEachCurveInOneColour() {
		final Plot plot = TrainDeblurAeCommand.lossPlot(history(1, 3, true), "faces.zip", false);
		assertEquals("Training loss of faces.zip", plot.getTitle());
		assertEquals(2, plot.getNumPlotObjects());
		assertTrue(plot.getPlotObjectStyle(0).startsWith("blue,blue,"), "the circles and the line between them in blue: " + plot.getPlotObjectStyle(0));
		assertTrue(plot.getPlotObjectStyle(1).startsWith("red,red,"), plot.getPlotObjectStyle(1));
		assertEquals(List.of("training", "validation"), List.of(plot.getPlotObjectLabel(0), plot.getPlotObjectLabel(1)));
		final double[] limits = plot.getLimits();
		assertArrayEquals(new double[] { 0, 4 }, new double[] { limits[0], limits[1] }, "epochs 1-3 with a whole epoch each side");
	}

	@Test
	void aPsfUnetsPlotSaysItsTrainingLossIsL1() {
		final Plot plot = TrainDeblurAeCommand.lossPlot(history(1, 2, true), "psf.zip", true);
		assertEquals(List.of("training (L1)", "validation (MSE + w·(1 − SSIM))"), List.of(plot.getPlotObjectLabel(0), plot.getPlotObjectLabel(1)));
	}

	@Test
	void withoutValidationThePlotHasOneCurveAndNoLegend() {
		final Plot plot = TrainDeblurAeCommand.lossPlot(history(21, 2, false), "resumed.zip", false);
		assertEquals(1, plot.getNumPlotObjects());
		assertEquals(null, plot.getPlotObjectLabel(0));
		final double[] limits = plot.getLimits();
		assertArrayEquals(new double[] { 20, 23 }, new double[] { limits[0], limits[1] }, "a resumed run's epochs");
	}

	@Test
	void epochTicksAreWholeNumbersAtMostTenSteps() {
		assertEquals(1, TrainDeblurAeCommand.epochInterval(3));
		assertEquals(1, TrainDeblurAeCommand.epochInterval(10));
		assertEquals(2, TrainDeblurAeCommand.epochInterval(11));
		assertEquals(5, TrainDeblurAeCommand.epochInterval(22));
		assertEquals(10, TrainDeblurAeCommand.epochInterval(100));
		assertEquals(20, TrainDeblurAeCommand.epochInterval(101));
		assertEquals(500, TrainDeblurAeCommand.epochInterval(4002));
	}
}

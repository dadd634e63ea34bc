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
import ij.gui.GUI;
import ij.gui.ImageCanvas;
import ij.gui.ImageWindow;
import ij.gui.Plot;
import ij.gui.PlotWindow;
import ij.macro.Interpreter;

import java.awt.Dimension;
import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Window;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Where the windows of a run open in the ImageJ GUI: side by side in a row that starts to the right of
 * the input's window, continued in rows below from the screen's left edge, clear of the windows already
 * open, instead of ImageJ's cascade in which each window covers most of the previous one; when no
 * row fits below, in the first free place in reading order, and when there is none, where ImageJ puts them. Images smaller than {@value #VISIBLE} pixels
 * open zoomed in to about that size (25-pixel faces at 800 %). Without a display, or in a batch-mode
 * macro, images are shown as ImageJ shows them there (batch-mode images) and nothing else happens.
 */
public final class ResultWindows {

	/** Images whose larger side is below this many pixels open at the largest zoom level that stays within it. */
	static final int VISIBLE = 256;
	/** Pixels between windows. */
	static final int GAP = 4;
	/** About what an image window adds to its image: borders, the line of text above it, a stack's slider. */
	private static final Dimension FRAME = new Dimension(20, 70);
	/** How long a window is given to report the place it was put (a window manager that places windows itself costs this once per window). */
	private static final long PLACE_MILLIS = 1000;

	/** The row of the current run; null until its first window when it has no input window. */
	private static Row row;
	/** Where this class put each window it placed. */
	private static final Map<Window, Point> PLACED = new WeakHashMap<>();

	private ResultWindows() {}

	/**
	 * Starts the row of a run right of {@code input}'s window (at its height), or, when it has none
	 * (null, or not shown), where ImageJ opens the first window.
	 */
	public static synchronized void begin(final ImagePlus input) {
		final Window window = input == null ? null : input.getWindow();
		row = window != null && window.isShowing() ? Row.after(bounds(window)) : null;
	}

	/** Shows {@code image}, next in the row, zoomed in if small. */
	public static void show(final ImagePlus image) {
		if (!canPlace()) {
			image.show();
			return;
		}
		synchronized (ResultWindows.class) {
			final double zoom = zoomFor(image.getWidth(), image.getHeight());
			final Point at = next(new Dimension((int) (image.getWidth() * zoom) + FRAME.width, (int) (image.getHeight() * zoom) + FRAME.height), null);
			if (at != null) ImageWindow.setNextLocation(at);
			image.show();
			ImageWindow.setNextLocation(null);
			final ImageWindow window = image.getWindow();
			if (window == null) return;
			putAt(window, at, zoom(image, zoom));
		}
	}

	/** Shows {@code plot} in its window, next in the row; returns the window (null in batch mode). */
	public static PlotWindow show(final Plot plot) {
		if (!canPlace()) return plot.show();
		synchronized (ResultWindows.class) {
			final Dimension size = plot.getSize();
			final Point at = next(new Dimension(size.width + FRAME.width, size.height + FRAME.height), null);
			if (at != null) ImageWindow.setNextLocation(at);
			final PlotWindow window = plot.show();
			ImageWindow.setNextLocation(null);
			if (window != null) {
				putAt(window, at, sizeOf(window));
			}
			return window;
		}
	}

	/** Moves {@code window}, just opened where ImageJ puts it (a table), next in the row. */
	public static synchronized void place(final Window window) {
		if (!canPlace()) return;
		final Dimension size = sizeOf(window);
		putAt(window, next(size, window), size);
	}

	/** The ImageJ zoom level at which an image of this size opens: the largest that keeps it within {@link #VISIBLE}, at least 1. */
	static double zoomFor(final int width, final int height) {
		final int side = Math.max(width, height);
		double zoom = 1;
		for (double next = ImageCanvas.getHigherZoomLevel(zoom); next > zoom && side * next <= VISIBLE; next = ImageCanvas.getHigherZoomLevel(zoom)) {
			zoom = next;
		}
		return zoom;
	}

	// -- Helper methods --

	private static boolean canPlace() {
		return !GraphicsEnvironment.isHeadless() && IJ.getInstance() != null && !Interpreter.isBatchMode();
	}

	/**
	 * Where the next window, about {@code size} large, goes (clear of the windows on the screen but
	 * {@code except}); null for where ImageJ puts it (the first of a row without input, no free place).
	 */
	private static Point next(final Dimension size, final Window except) {
		if (row == null) return null;
		settle();
		final Rectangle screen = GUI.getMaxWindowBounds(new Point(Math.max(0, row.x - 1), row.y));
		final Rectangle bounds = screen != null ? screen : GUI.getMaxWindowBounds();
		final List<Rectangle> taken = taken(except);
		final Point next = row.next(size, bounds, taken);
		return next != null ? next : freeSpot(size, taken, bounds);
	}

	/**
	 * The first place in reading order (smallest y, then smallest x) where a window of {@code size} lies
	 * within {@code screen}, clear of every rectangle of {@code taken}: the screen's top left corner (a gap in), or
	 * right of or below a taken window, or at the screen's left below one. Null if there is none.
	 */
	static Point freeSpot(final Dimension size, final List<Rectangle> taken, final Rectangle screen) {
		final List<Point> candidates = new ArrayList<>();
		// Not at the very corner: a window put at (0, 0) does not stay there on X11 without a window manager.
		candidates.add(new Point(screen.x + GAP, screen.y + GAP));
		for (final Rectangle r : taken) {
			candidates.add(new Point(r.x + r.width + GAP, r.y));
			candidates.add(new Point(r.x, r.y + r.height + GAP));
			candidates.add(new Point(screen.x, r.y + r.height + GAP));
		}
		candidates.sort(Comparator.<Point> comparingInt(p -> p.y).thenComparingInt(p -> p.x));
		for (final Point p : candidates) {
			final Rectangle spot = new Rectangle(p, size);
			if (screen.contains(spot) && taken.stream().noneMatch(spot::intersects)) return p;
		}
		return null;
	}

	/** The bounds of the windows on the screen (ImageJ's, images, tables, the Log …) other than {@code except}. */
	private static List<Rectangle> taken(final Window except) {
		final List<Rectangle> taken = new ArrayList<>();
		for (final Window w : Window.getWindows()) {
			if (w != except && w.isShowing()) taken.add(bounds(w));
		}
		return taken;
	}

	/**
	 * Puts {@code window}, laid out at {@code size}, at {@code at} (null: where ImageJ put it) and records it
	 * as placed there; the first of a row begun without an input starts the row where ImageJ put it.
	 * The row goes on from the bounds asked for, not from those the window reports: under load the
	 * window system confirms them late, and until then a window may report earlier bounds.
	 */
	private static void putAt(final Window window, final Point at, final Dimension size) {
		final Rectangle bounds = at != null ? new Rectangle(at, size) : new Rectangle(window.getLocation(), size);
		if (at != null) awaitBounds(window, bounds);
		if (row == null) row = Row.after(new Rectangle(bounds.getLocation(), new Dimension()));
		row.placed(bounds);
	}

	/** The size of {@code window} once the event thread has laid out what was shown so far. */
	private static Dimension sizeOf(final Window window) {
		final Dimension[] size = new Dimension[1];
		onEventThread(() -> size[0] = window.getSize());
		return size[0];
	}

	/**
	 * The bounds of {@code window}. Without a window manager (Xvfb) a window brought to the front may
	 * report (0, 0) for a while: one this class placed elsewhere is then taken to be where it was put.
	 */
	private static Rectangle bounds(final Window window) {
		final Rectangle bounds = window.getBounds();
		final Point at = PLACED.get(window);
		if (at != null && bounds.x == 0 && bounds.y == 0) bounds.setLocation(at);
		return bounds;
	}

	/**
	 * Gives {@code window} the bounds {@code wanted} and waits, up to {@value #PLACE_MILLIS} ms, until it
	 * reports them. On a loaded X server without a window manager, a new window may keep the place ImageJ
	 * first gave it (its cascade, which {@link ImageWindow#setNextLocation} was to override) and the
	 * window system's late notices may roll its bounds back for a while, so they are asked for again
	 * until they hold.
	 */
	private static void awaitBounds(final Window window, final Rectangle wanted) {
		PLACED.put(window, wanted.getLocation());
		final long deadline = System.nanoTime() + PLACE_MILLIS * 1_000_000L;
		while (!wanted.equals(window.getBounds()) && System.nanoTime() < deadline) {
			EventQueue.invokeLater(() -> window.setBounds(wanted));
			try {
				Thread.sleep(20);
			}
			catch (final InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
			settle();
		}
	}

	/** Waits until the event queue has laid out what was shown or resized so far (a window's size is known after). */
	private static void settle() {
		onEventThread(() -> {});
	}

	/**
	 * Zooms the shown {@code image} in to {@code zoom} (if above 1), the window growing with it to show the
	 * whole image, as ImageJ's + key does for a window with room to grow; returns the window's size, laid out.
	 * On the event thread, after what is queued there; in one step, not by ImageJ's zoom-in steps: each of
	 * those grows the window only if it fits from where the window reports to be, which a loaded X server
	 * may not have confirmed yet (the window then stays small, showing part of the image).
	 */
	private static Dimension zoom(final ImagePlus image, final double zoom) {
		final ImageWindow window = image.getWindow();
		final ImageCanvas canvas = image.getCanvas();
		final Dimension[] size = new Dimension[1];
		onEventThread(() -> {
			if (zoom > 1 && canvas != null) {
				canvas.setSourceRect(new Rectangle(0, 0, image.getWidth(), image.getHeight()));
				canvas.setMagnification(zoom);
				canvas.setSize((int) (image.getWidth() * zoom), (int) (image.getHeight() * zoom));
			}
			window.pack();
			size[0] = window.getSize();
		});
		return size[0];
	}

	private static void onEventThread(final Runnable task) {
		if (EventQueue.isDispatchThread()) {
			task.run();
			return;
		}
		try {
			EventQueue.invokeAndWait(task);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		catch (final java.lang.reflect.InvocationTargetException e) {
			throw new IllegalStateException(e.getCause());
		}
	}

	/** A row of windows: where the next one goes and how far down the row reaches. */
	static final class Row {

		int x, y, bottom;
		/** Whether the current row has no window yet (a window wider than the screen stays in it). */
		boolean empty;

		private Row(final int x, final int y, final int bottom, final boolean empty) {
			this.x = x;
			this.y = y;
			this.bottom = bottom;
			this.empty = empty;
		}

		/** A row continuing right of {@code bounds} (empty if they are). */
		static Row after(final Rectangle bounds) {
			final boolean empty = bounds.width == 0;
			return new Row(bounds.x + bounds.width + (empty ? 0 : GAP), bounds.y, bounds.y + bounds.height, empty);
		}

		/**
		 * Where a window of {@code size} goes: next in this row, past any window of {@code taken} in the
		 * way, or at the left of {@code screen} in a new row below it when it would reach past the
		 * screen's right (unless the row is empty). Null when the screen is full: no new row fits below.
		 */
		Point next(final Dimension size, final Rectangle screen, final List<Rectangle> taken) {
			for (int tries = 0; tries < 1000; tries++) {
				if (x + size.width > screen.x + screen.width && !empty) {
					if (bottom + GAP + Math.min(size.height, screen.height / 2) > screen.y + screen.height) return null;
					x = screen.x;
					y = bottom + GAP;
					bottom = y;
					empty = true;
				}
				final Rectangle spot = new Rectangle(x, y, size.width, size.height);
				final Rectangle inTheWay = taken.stream().filter(spot::intersects).findFirst().orElse(null);
				if (inTheWay == null) break;
				x = inTheWay.x + inTheWay.width + GAP;
				bottom = Math.max(bottom, inTheWay.y + inTheWay.height);
				empty = false;
			}
			return new Point(x, y);
		}

		/** Records a window placed at {@code bounds}. */
		void placed(final Rectangle bounds) {
			x = bounds.x + bounds.width + GAP;
			bottom = Math.max(bottom, bounds.y + bounds.height);
			empty = false;
		}
	}
}

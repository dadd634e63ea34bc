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

import ij.WindowManager;
import ij.measure.ResultsTable;
import io.github.deblurnmf.command.ResultWindows;
import io.github.deblurnmf.command.CompareImagesCommand;
import io.github.deblurnmf.command.DeblurImageCommand;
import io.github.deblurnmf.command.NmfDecomposeCommand;
import io.github.deblurnmf.command.NmfDenoiseCommand;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.scijava.command.CommandInfo;

/**
 * The {@value #TITLE} table of the ImageJ GUI: a row per run of the commands that measure images
 * (Compare Images, Deblur Image, NMF Denoise, NMF Decompose), as Analyze › Measure adds a row to
 * "Results": the command, its input, the other options as recorded, and the figures it printed, one
 * column each. Columns appear as runs bring them; a cell a run has no value for stays blank.
 * <p>
 * A table of its own rather than "Results": Measure and Analyze Particles reset that table, ask to
 * save it and fill it with their own columns; here the rows of different commands line up (the
 * {@code psnr} of Compare Images, Deblur Image and NMF Denoise in one column). Macros read it with
 * {@code Table.get("psnr", row, "Deblur NMF Results")}; File › Save As in its window writes a CSV.
 * </p>
 */
final class RunsTable {

	static final String TITLE = "Deblur NMF Results";
	/** Decimals of non-integer numbers (MSE near 1e-4 keeps two significant digits). */
	static final int PRECISION = 5;

	private static final List<String> MEASURING = List.of(CompareImagesCommand.class.getName(), DeblurImageCommand.class.getName(),
		NmfDenoiseCommand.class.getName(), NmfDecomposeCommand.class.getName());

	private RunsTable() {}

	/** Whether runs of {@code info} get a row. */
	static boolean tabulates(final CommandInfo info) {
		return MEASURING.contains(info.getDelegateClassName());
	}

	/** Adds a row for a run to the open {@value #TITLE} table (a new one if none is open) and shows it. */
	static void add(final String label, final Map<String, String> options, final Map<String, Object> figures) {
		ResultsTable table = ResultsTable.getResultsTable(TITLE);
		final boolean opens = table == null;
		if (opens) {
			table = new ResultsTable();
			table.showRowNumbers(true);
		}
		table.setPrecision(PRECISION);
		append(table, row(label, options, figures));
		table.show(TITLE);
		final java.awt.Frame window = WindowManager.getFrame(TITLE);
		if (opens && window != null) ResultWindows.place(window);
	}

	/** The cells of a run's row: command, input, parameters (the other options as the Recorder writes them), then the figures. */
	static Map<String, Object> row(final String label, final Map<String, String> options, final Map<String, Object> figures) {
		final Map<String, String> others = new LinkedHashMap<>(options);
		final String input = others.remove("input");
		final Map<String, Object> row = new LinkedHashMap<>();
		row.put("command", label);
		row.put("input", input == null ? "" : input);
		row.put("parameters", CommandDialog.macroOptions(others));
		row.putAll(figures);
		return row;
	}

	/**
	 * Appends {@code cells} as a new row of {@code table}: numbers as numbers, anything else as text;
	 * columns it lacks are created (blank in the rows before), columns it does not fill stay blank.
	 */
	static void append(final ResultsTable table, final Map<String, Object> cells) {
		final int rows = table.size();
		table.incrementCounter();
		for (final Map.Entry<String, Object> cell : cells.entrySet()) {
			final String column = cell.getKey();
			if (!table.columnExists(column)) {
				for (int r = 0; r < rows; r++) table.setValue(column, r, "");
			}
			final Object value = cell.getValue();
			if (value instanceof Number) table.setValue(column, rows, ((Number) value).doubleValue());
			else table.setValue(column, rows, String.valueOf(value));
		}
		for (final String column : table.getHeadings()) {
			if (!cells.containsKey(column) && table.columnExists(column)) table.setValue(column, rows, "");
		}
	}
}

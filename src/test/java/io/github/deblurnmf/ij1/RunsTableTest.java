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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.measure.ResultsTable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RunsTableTest {

	private static Map<String, String> options(final String... keyValues) {
		final Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < keyValues.length; i += 2) options.put(keyValues[i], keyValues[i + 1]);
		return options;
	}

	private static Map<String, Object> figures(final Object... keyValues) {
		final Map<String, Object> figures = new LinkedHashMap<>();
		for (int i = 0; i < keyValues.length; i += 2) figures.put((String) keyValues[i], keyValues[i + 1]);
		return figures;
	}

	@Test
	void aRowHoldsCommandInputTheOtherOptionsAsRecordedAndTheFigures() {
		final Map<String, Object> row = RunsTable.row("Deblur Image", options("input", "camera_blurred.tif", "method", "wiener", "model", "",
			"reference", "camera.tif", "outputdir", "/tmp/a b"), figures("psnr", 25.0, "ssim", 0.8));
		assertEquals(List.of("command", "input", "parameters", "psnr", "ssim"), List.copyOf(row.keySet()));
		assertEquals("Deblur Image", row.get("command"));
		assertEquals("camera_blurred.tif", row.get("input"));
		assertEquals("method=wiener reference=camera.tif outputdir=[/tmp/a b]", row.get("parameters"));
		assertEquals("", RunsTable.row("X", options("rank", "3"), figures()).get("input"), "a command without input");
	}

	@Test
	void rowsOfDifferentCommandsShareColumnsAndLeaveTheRestBlank() {
		final ResultsTable table = new ResultsTable();
		RunsTable.append(table, RunsTable.row("Compare Images", options("reference", "a", "input", "b"), figures("psnr", 20.5, "ssim", 0.7, "mse", 0.0089)));
		RunsTable.append(table, RunsTable.row("NMF Decompose", options("input", "faces", "rank", "4"),
			figures("relative", 0.26, "iterations_run", 20)));
		RunsTable.append(table, RunsTable.row("NMF Denoise", options("input", "noisy"), figures("rank_used", 3, "mode_used", "pooled", "psnr", 30.25)));
		assertEquals(3, table.size());
		assertEquals(List.of("command", "input", "parameters", "psnr", "ssim", "mse", "relative", "iterations_run", "rank_used", "mode_used"),
			List.of(table.getHeadings()));
		assertEquals(20.5, table.getValue("psnr", 0));
		assertEquals(30.25, table.getValue("psnr", 2), "one psnr column for all commands");
		assertEquals(20, table.getValue("iterations_run", 1));
		assertEquals("pooled", table.getStringValue("mode_used", 2));
		assertEquals("reference=a", table.getStringValue("parameters", 0));
		// Blank, neither 0 nor NaN, where a run has no such figure: before, after and in between.
		assertEquals("", table.getStringValue("psnr", 1));
		assertEquals("", table.getStringValue("relative", 0), "a column added later is blank in the rows before");
		assertEquals("", table.getStringValue("relative", 2));
		assertEquals("", table.getStringValue("mode_used", 0));
		assertTrue(Double.isNaN(table.getValue("psnr", 1)), "a macro's Table.get sees no number there");
		final String shown = table.getRowAsString(1);
		assertFalse(shown.contains("NaN") || shown.matches(".*\\t0(\\t|$).*"), "row 2 as shown: " + shown);
	}

	@Test
	void compareImagesStartsWithTwoDifferentImages() {
		final List<String> keys = List.of("reference", "input");
		final List<String> open = List.of("camera.tif", "camera_blurred.tif", "Deblurred camera_blurred.tif");
		final Map<String, String> none = options("reference", "", "input", "");
		assertEquals(options("input", "Deblurred camera_blurred.tif", "reference", "camera.tif"),
			CommandDialog.imageDefaults(keys, none, open, "Deblurred camera_blurred.tif"));
		assertEquals(options("input", "camera_blurred.tif", "reference", "camera.tif"), CommandDialog.imageDefaults(keys, none, open.subList(0, 2),
			"camera_blurred.tif"), "the blurred camera sample: its original as the reference");
		assertEquals(options("input", "camera.tif", "reference", "camera_blurred.tif"), CommandDialog.imageDefaults(keys, none, open.subList(0, 2),
			"camera.tif"));
		// A value remembered from the last run stays if that image is still open, and is not chosen twice.
		assertEquals(options("input", "camera.tif"), CommandDialog.imageDefaults(keys, options("reference", "camera_blurred.tif", "input", "gone.tif"),
			open.subList(0, 2), "camera_blurred.tif"));
		assertEquals(options("input", "only.tif", "reference", "only.tif"), CommandDialog.imageDefaults(keys, none, List.of("only.tif"), "only.tif"),
			"one open image: both, as before");
		assertEquals(options("input", "b"), CommandDialog.imageDefaults(List.of("input"), options("input", ""), List.of("a", "b"), "b"));
	}
}

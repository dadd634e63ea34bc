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
package io.github.deblurnmf.headless;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.scijava.app.event.StatusEvent;

class ProgressPrinterTest {

	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
	private final AtomicLong now = new AtomicLong(10_000);
	private final ProgressPrinter printer = new ProgressPrinter("NMF Decompose", new PrintStream(bytes, true, StandardCharsets.UTF_8), now::get);

	@Test
	void printsAtMostTwoLinesASecondAndNothingAfterTheEnd() {
		printer.onEvent(new StatusEvent(1, 100, "iteration 1"));
		for (int i = 2; i <= 37; i++) {
			now.addAndGet(10);
			printer.onEvent(new StatusEvent(i, 100, "iteration " + i));
		}
		now.addAndGet(200); // 560 ms after the first line
		printer.onEvent(new StatusEvent(38, 100, "iteration 38"));
		printer.onEvent(new StatusEvent(40, 100, "iteration 40"));
		printer.finish();
		// The command logged its last line by now: what follows must not come after it.
		now.addAndGet(1000);
		printer.onEvent(new StatusEvent(100, 100, "iteration 100"));
		assertEquals("[NMF Decompose] iteration 1 (1%)\n[NMF Decompose] iteration 38 (38%)\n", text());
	}

	@Test
	void onlyMessagesWithAFractionOfTheWorkArePrinted() {
		// SciJava's ModuleRunner, the end of a run and a warning: no fraction, so no line.
		printer.onEvent(new StatusEvent("Running command: NMF Decompose"));
		now.addAndGet(1000);
		printer.onEvent(new StatusEvent(1, 1));
		now.addAndGet(1000);
		printer.onEvent(new StatusEvent(""));
		printer.onEvent(new StatusEvent("canceled by the user", true));
		printer.onEvent(new StatusEvent("Command canceled: NMF Decompose"));
		assertEquals("", text());
		printer.onEvent(new StatusEvent(1, 4, "tile 1/4"));
		assertEquals("[NMF Decompose] tile 1/4 (25%)\n", text());
	}

	private String text() {
		return bytes.toString(StandardCharsets.UTF_8);
	}
}

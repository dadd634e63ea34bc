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

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
	void printsAtMostTwoLinesASecondPlusTheLast() {
		printer.onEvent(new StatusEvent(1, 100, "iteration 1"));
		for (int i = 2; i <= 37; i++) {
			now.addAndGet(10);
			printer.onEvent(new StatusEvent(i, 100, "iteration " + i));
		}
		now.addAndGet(200); // 560 ms after the first line
		printer.onEvent(new StatusEvent(38, 100, "iteration 38"));
		printer.onEvent(new StatusEvent(40, 100, "iteration 40"));
		printer.finish();
		printer.onEvent(new StatusEvent(41, 100, "after the end"));
		assertEquals("[NMF Decompose] iteration 1 (1%)\n[NMF Decompose] iteration 38 (38%)\n[NMF Decompose] iteration 40 (40%)\n", text());
	}

	@Test
	void progressWithoutTextKeepsTheLastMessageAndClearingPrintsNothing() {
		printer.onEvent(new StatusEvent("Loading"));
		now.addAndGet(1000);
		printer.onEvent(new StatusEvent(1, 4));
		now.addAndGet(1000);
		printer.onEvent(new StatusEvent(""));
		printer.onEvent(new StatusEvent("canceled by the user", true));
		printer.finish();
		assertEquals("[NMF Decompose] Loading\n[NMF Decompose] Loading (25%)\n", text());
	}

	private String text() {
		return bytes.toString(StandardCharsets.UTF_8);
	}
}

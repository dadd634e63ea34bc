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

import io.github.deblurnmf.launch.RunFailure;
import io.github.deblurnmf.launch.CommandLauncher;
import io.github.deblurnmf.task.Failures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.app.event.StatusEvent;
import org.scijava.event.EventHandler;
import org.scijava.event.EventService;
import org.scijava.event.EventSubscriber;
import org.scijava.module.event.ModuleCanceledEvent;
import org.scijava.module.event.ModuleExecutedEvent;
import org.scijava.module.event.ModuleFinishedEvent;
import org.scijava.module.event.ModuleStartedEvent;
import org.scijava.prefs.PrefService;

class HeadlessRunnerTest {

	private static final String TEST = "Runner Test";
	private static final String DEFAULT_SUMMARY = "summary=rank=16 algorithm=hals grayscale=true layers= outputdir=null input=null";

	@TempDir
	Path tmp;

	/** What a run printed, and its exit code. */
	private static final class Result {

		final int exit;
		final String out;
		final String err;

		Result(final int exit, final String out, final String err) {
			this.exit = exit;
			this.out = out;
			this.err = err;
		}

		List<String> outLines() {
			return out.isEmpty() ? List.of() : Arrays.asList(out.split("\n"));
		}

		List<String> errorLines() {
			return Arrays.stream(err.split("\n")).filter(line -> line.startsWith("ERROR:")).collect(Collectors.toList());
		}

		@Override
		public String toString() {
			return "exit " + exit + "\n--- out:\n" + out + "--- err:\n" + err;
		}
	}

	private static Result run(final String... args) {
		return run(false, args);
	}

	private static Result run(final boolean debug, final String... args) {
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		final int exit = HeadlessRunner.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), debug);
		return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	private static void assertFails(final Result result, final int exit, final String error) {
		assertEquals(exit, result.exit, result.toString());
		assertEquals(List.of("ERROR: " + error), result.errorLines(), result.toString());
		assertEquals("", result.out, result.toString());
	}

	// -- Running --

	@Test
	void defaultsAreTheFieldInitializers() {
		final Result result = run("--run", TEST);
		assertEquals(0, result.exit, result.toString());
		assertEquals(List.of("ratio=0.0016", DEFAULT_SUMMARY, "initialized=true"), result.outLines(), result.toString());
	}

	@Test
	void commaFormWithQuotedValuesAndNormalizedChoice() {
		final Result result = run("--run", TEST, "rank=8, layers='64,32,16', algorithm=\"MU\", tolerance=0.25, grayscale=FALSE, outputdir=/tmp/a b");
		assertEquals(0, result.exit, result.toString());
		assertEquals(List.of("ratio=2.0", "summary=rank=8 algorithm=mu grayscale=false layers=64,32,16 outputdir=/tmp/a b input=null",
			"initialized=true"), result.outLines());
	}

	@Test
	void macroFormWithBrackets() {
		final Result result = run("--run", TEST, "rank=3 layers=[64, 32] outputdir=[/tmp/my results] tolerance=0.1");
		assertEquals(0, result.exit, result.toString());
		assertEquals(List.of("ratio=" + 3 * 0.1, "summary=rank=3 algorithm=hals grayscale=true layers=64, 32 outputdir=/tmp/my results input=null",
			"initialized=true"), result.outLines());
	}

	@Test
	void labelsAndKeysMatchIgnoringCase() {
		final Result result = run("--run", "runner TEST", "RANK=2");
		assertEquals(0, result.exit, result.toString());
		assertTrue(result.out.contains("summary=rank=2 "), result.toString());
	}

	@Test
	void emptyValueOfAnOptionalInputKeepsTheDefault() {
		final Result result = run("--run", TEST, "layers=, outputdir=");
		assertEquals(0, result.exit, result.toString());
		assertTrue(result.outLines().contains(DEFAULT_SUMMARY), result.toString());
	}

	@Test
	void valuesOfAnEarlierRunAreNotRemembered() {
		assertEquals(0, run("--run", TEST, "rank=7, algorithm=mu").exit);
		final Result second = run("--run", TEST);
		assertEquals(0, second.exit, second.toString());
		assertTrue(second.outLines().contains(DEFAULT_SUMMARY), second.toString());
	}

	@Test
	void prefsAreNeitherReadNorWritten() {
		try (Context context = new Context(PrefService.class)) {
			final PrefService prefs = context.service(PrefService.class);
			prefs.remove(RunnerTestCommand.class, "rank");
			prefs.put(RunnerTestCommand.class, "algorithm", "mu");
			try {
				final Result result = run("--run", TEST, "rank=7");
				assertEquals(0, result.exit, result.toString());
				// A persisted "mu" would have been loaded by SciJava's LoadInputsPreprocessor.
				assertTrue(result.out.contains("summary=rank=7 algorithm=hals "), result.toString());
				// SciJava's SaveInputsPreprocessor would have saved the non-default rank.
				assertNull(prefs.get(RunnerTestCommand.class, "rank"));
			}
			finally {
				prefs.remove(RunnerTestCommand.class, "algorithm");
				prefs.remove(RunnerTestCommand.class, "rank");
			}
		}
	}

	@Test
	void imageIsOpenedFromAPathAndTitledWithTheFileName() throws IOException {
		final ByteProcessor pixels = new ByteProcessor(5, 3);
		pixels.set(0, 0, 150);
		final Path file = tmp.resolve("tiny image.tif");
		assertTrue(new FileSaver(new ImagePlus("unsaved title", pixels)).saveAsTiff(file.toString()));
		final Result result = run("--run", "Runner Image", "input='" + file + "'");
		assertEquals(0, result.exit, result.toString());
		assertEquals(List.of("title=tiny image.tif", "width=5", "height=3", "mean=" + 150 / 15.0), result.outLines());
	}

	@Test
	void stdoutGetsOnlyKeyValueLinesEvenWhenSomethingPrintsToSystemOut() {
		final PrintStream original = System.out;
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		final PrintStream stdout = new PrintStream(bytes, true, StandardCharsets.UTF_8);
		System.setOut(stdout);
		final int exit;
		try {
			exit = HeadlessRunner.run(new String[] { "--run", TEST, "rank=4" }, stdout, new PrintStream(err, true, StandardCharsets.UTF_8), false);
		}
		finally {
			System.setOut(original);
		}
		final String out = bytes.toString(StandardCharsets.UTF_8);
		assertEquals(0, exit);
		assertEquals(List.of("ratio=4.0E-4", "summary=rank=4 algorithm=hals grayscale=true layers= outputdir=null input=null", "initialized=true"),
			Arrays.asList(out.split("\n")), out);
		final String errText = err.toString(StandardCharsets.UTF_8);
		assertTrue(errText.contains(RunnerTestCommand.STRAY_LOG), errText);
		// DeblurNmfCommand logs its run time at INFO level, which StderrLogService would print on stdout.
		assertTrue(errText.contains("RunnerTestCommand finished in"), errText);
	}

	/**
	 * A run in a JVM of its own, as a user starts it (in-process runs share one SLF4J, started long
	 * before): no SLF4J warning, and the command's "finished" line is the last line on standard error,
	 * no progress line after it.
	 */
	@Test
	void aFreshRunHasNoSlf4jWarningAndEndsWithItsFinishedLine() throws Exception {
		final Path faces = tmp.resolve("faces.tif");
		try (java.io.InputStream in = HeadlessRunnerTest.class.getResourceAsStream("/samples/lfw_faces_25px.tif")) {
			Files.copy(in, faces);
		}
		final Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
			System.getProperty("java.class.path"), HeadlessRunner.class.getName(), "--run", "NMF Decompose",
			"input='" + faces + "',rank=3,iterations=200,tolerance=0,outputdir='" + tmp.resolve("out") + "'")
			.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
		final String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		assertEquals(0, process.waitFor(), err);
		assertFalse(err.contains("SLF4J"), err);
		final List<String> lines = err.lines().collect(Collectors.toList());
		assertTrue(lines.stream().anyMatch(line -> line.startsWith("[NMF Decompose] NMF hals rank 3: iteration ")), "progress was printed: " + err);
		assertTrue(lines.get(lines.size() - 1).contains("NmfDecomposeCommand finished in"), err);
	}

	// -- Errors --

	@Test
	void noArgumentsOrUnknownArgumentIsAUsageError() {
		final Result none = run();
		assertEquals(2, none.exit);
		assertTrue(none.err.contains("ERROR: No arguments") && none.err.contains("--run \"<Command label>\""), none.toString());
		assertFails(run("--frobnicate"), 2, "Unknown argument '--frobnicate' (try --help)");
		assertFails(run("--run"), 2, "--run takes a command label and one options string");
	}

	@Test
	void unknownCommandListsTheCommands() {
		final Result result = run("--run", "Runner Tset", "rank=1");
		assertEquals(2, result.exit, result.toString());
		assertEquals(1, result.errorLines().size(), result.toString());
		final String prefix = "ERROR: Unknown command 'Runner Tset'. Commands: ";
		final String line = result.errorLines().get(0);
		assertTrue(line.startsWith(prefix), line);
		// Every command of the plugin (and the two test commands), sorted by label.
		final List<String> labels = Arrays.asList(line.substring(prefix.length()).split(", "));
		assertTrue(labels.containsAll(List.of("Compare Images", "NMF Decompose", "NMF Denoise", "Runner Image", "Runner Test")), line);
		final List<String> sorted = new java.util.ArrayList<>(labels);
		java.util.Collections.sort(sorted);
		assertEquals(sorted, labels);
	}

	@Test
	void unknownParameterListsTheParameters() {
		assertFails(run("--run", TEST, "rank=1, foo=2"), 2,
			"Runner Test: Unknown parameter 'foo' (parameters: rank, tolerance, algorithm, grayscale, layers, outputdir, input)");
	}

	@Test
	void parameterGivenTwice() {
		assertFails(run("--run", TEST, "rank=1, Rank=2"), 2, TEST + ": Parameter 'Rank' is given twice");
	}

	@Test
	void malformedOptions() {
		assertFails(run("--run", TEST, "layers=64,32"), 2, TEST + ": Malformed options: '32' is not key=value (quote values that contain commas: key='a,b')");
	}

	@Test
	void valuesThatDoNotConvert() {
		assertFails(run("--run", TEST, "rank=abc"), 1, TEST + ": Invalid value for rank: 'abc' (expected int)");
		assertFails(run("--run", TEST, "rank=3.5"), 1, TEST + ": Invalid value for rank: '3.5' (expected int)");
		assertFails(run("--run", TEST, "tolerance=small"), 1, TEST + ": Invalid value for tolerance: 'small' (expected double)");
		assertFails(run("--run", TEST, "grayscale=yes"), 1, TEST + ": Invalid value for grayscale: 'yes' (expected true or false)");
	}

	@Test
	void valueNotAmongTheChoices() {
		assertFails(run("--run", TEST, "algorithm=als"), 1, TEST + ": Invalid value for algorithm: 'als' (choices: hals, mu)");
	}

	@Test
	void validaterRejectsAValue() {
		assertFails(run("--run", TEST, "tolerance=-1"), 1, TEST + ": tolerance must not be negative");
	}

	/** What a run publishes: status lines (also those published later) and the module's started, executed, finished and canceled events. */
	public static final class Published {

		final List<String> lines = new CopyOnWriteArrayList<>();

		@EventHandler
		public void onEvent(final StatusEvent event) {
			lines.add("status " + event.getStatusMessage());
		}

		@EventHandler
		public void onEvent(final ModuleStartedEvent event) {
			lines.add("started");
		}

		@EventHandler
		public void onEvent(final ModuleExecutedEvent event) {
			lines.add("executed");
		}

		@EventHandler
		public void onEvent(final ModuleFinishedEvent event) {
			lines.add("finished");
		}

		@EventHandler
		public void onEvent(final ModuleCanceledEvent event) {
			lines.add("canceled " + event.getReason());
		}
	}

	/**
	 * A run publishes its progress, the bar's reset and an empty status, and the module's events, in order,
	 * and none of SciJava's status lines ("Running command: …", "Canceling command: …"): StatusService publishes those later on pool threads,
	 * where in ImageJ2's status bar they could follow the run's own outcome line. The list is read after a marker
	 * published later after the run has arrived and 200 ms more, time for such lines to arrive too.
	 */
	@Test
	void aRunPublishesItsProgressAndTheModulesEventsButNoStatusLinesOfSciJava() throws Exception {
		try (Context context = new Context()) {
			final org.scijava.command.CommandInfo info = CommandLauncher.find(CommandLauncher.commands(context), TEST);
			final PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
			final EventService events = context.service(EventService.class);
			for (final String rank : List.of("3", "99", "13")) {
				final Published published = new Published();
				final List<EventSubscriber<?>> subscribers = events.subscribe(published);
				try {
					CommandLauncher.run(context, info, Map.of("rank", rank), CommandLauncher.FILES, null, err, false);
					assertEquals("3", rank);
				}
				catch (final RunFailure e) {
					assertFalse(rank.equals("3"), e.getMessage());
				}
				events.publishLater(new StatusEvent("marker"));
				final long deadline = System.currentTimeMillis() + 10_000;
				while (!published.lines.contains("status marker") && System.currentTimeMillis() < deadline) Thread.sleep(10);
				Thread.sleep(200);
				events.unsubscribe(subscribers);
				final List<String> expected = rank.equals("3")
					? List.of("started", "status step 1", "status step 2", "status step 3", "status null", "status ", "executed", "finished",
						"status marker")
					// A cancel and a failure end the module alike, with an empty reason: nothing for SciJava to show in a dialog.
					: List.of("started", "status null", "status ", "canceled ", "status marker");
				assertEquals(expected, published.lines, "rank " + rank);
			}
		}
	}

	/**
	 * A cancel and a failure end alike on the command line (exit 1, one ERROR line), but the launcher
	 * tells them apart: the menu entries report a cancel without an error dialog.
	 */
	@Test
	void aCancelIsReportedAsSuchAndAFailureAsAFailure() {
		assertFails(run("--run", TEST, "rank=99"), 1, TEST + ": Canceled by the user");
		try (Context context = new Context()) {
			final org.scijava.command.CommandInfo info = CommandLauncher.find(CommandLauncher.commands(context), TEST);
			final PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
			for (final String rank : List.of("99", "13")) {
				final RunFailure failure = org.junit.jupiter.api.Assertions.assertThrows(RunFailure.class,
					() -> CommandLauncher.run(context, info, Map.of("rank", rank), CommandLauncher.FILES, null, err, false));
				assertEquals(rank.equals("99"), failure.isCanceled(), rank + ": " + failure.getMessage());
				assertEquals(rank.equals("99") ? "Canceled by the user" : "rank 13 is unlucky", failure.getMessage());
				assertEquals(RunFailure.FAILED, failure.exitCode());
			}
		}
		catch (final RunFailure e) {
			throw new AssertionError(e);
		}
	}

	@Test
	void missingRequiredParameter() {
		assertFails(run("--run", "Runner Image"), 2, "Runner Image: Missing required parameter 'input'");
		assertFails(run("--run", "Runner Image", "input="), 2, "Runner Image: Missing required parameter 'input'");
	}

	@Test
	void imageFileMissingOrUnreadable() throws IOException {
		final Path missing = tmp.resolve("missing.tif");
		assertFails(run("--run", "Runner Image", "input=" + missing), 1, "Runner Image: File not found: " + missing);
		final Path garbage = Files.writeString(tmp.resolve("garbage.tif"), "not an image");
		assertFails(run("--run", "Runner Image", "input=" + garbage), 1, "Runner Image: Cannot open image: " + garbage);
		// a file ImageJ finds of unknown type (the one above reads as text) would get two lines of ImageJ's own first
		final Path unknown = Files.writeString(tmp.resolve("unknown.tif"), "hello\n");
		final Result unreadable = run("--run", "Runner Image", "input=" + unknown);
		assertFails(unreadable, 1, "Runner Image: Cannot open image: " + unknown);
		assertFalse(unreadable.err.contains("Unsupported format"), unreadable.toString());
		// ImageJ opens a text file as an image of its table of numbers, and one of words as an image without pixels
		final Path words = Files.writeString(tmp.resolve("notes.txt"), "not an image\n");
		assertFails(run("--run", "Runner Image", "input=" + words), 1, "Runner Image: Cannot open image: " + words);
	}

	@Test
	void cancelReasonIsTheOnlyErrorLine() {
		final Result result = run("--run", TEST, "rank=13");
		assertFails(result, 1, TEST + ": rank 13 is unlucky");
		// DeblurNmfCommand also logs the reason; the runner keeps it from appearing twice.
		assertEquals(1, result.err.split("rank 13 is unlucky", -1).length - 1, result.toString());
	}

	@Test
	void exceptionIsOneLineWithoutStackTraceUnlessDebugging() {
		final Result result = run("--run", TEST, "rank=666");
		assertFails(result, 1, TEST + ": boom second line");
		assertFalse(result.err.contains("\tat "), result.toString());
		final Result debug = run(true, "--run", TEST, "rank=666");
		assertEquals(1, debug.exit);
		assertTrue(debug.err.contains("\tat io.github.deblurnmf.headless.RunnerTestCommand.execute"), debug.toString());
		assertEquals(List.of("ERROR: " + TEST + ": boom second line"), debug.errorLines());
	}

	// -- Help --

	@Test
	void helpListsCommandsUsageAndExitCodes() {
		final Result result = run("--help");
		assertEquals(0, result.exit, result.toString());
		// Labels are padded to the longest one.
		assertTrue(result.out.matches("(?s).*\n  Runner Test +Echoes its inputs \\(runner tests\\)\n.*"), result.out);
		assertTrue(result.out.matches("(?s).*\n  NMF Decompose +Non-negative matrix factorization.*"), result.out);
		assertTrue(result.out.contains("  Runner Image\n"), result.out);
		assertTrue(result.out.contains("--run \"<Command label>\" \"<options>\""), result.out);
		assertTrue(result.out.contains("Exit codes:\n  0  success\n  1  bad input value"), result.out);
	}

	/** Every parameter of every shipped command is described in --help, a number with its allowed range. */
	@Test
	void commandHelpDescribesEveryParameterOfEveryCommand() {
		try (Context context = new Context()) {
			for (final org.scijava.command.CommandInfo info : CommandLauncher.commands(context)) {
				if (!info.getDelegateClassName().startsWith("io.github.deblurnmf.command.")) continue;
				final String help = run("--help", info.getTitle()).out;
				for (final org.scijava.module.ModuleItem<?> item : CommandLauncher.userInputs(info)) {
					final String key = item.getName();
					assertTrue(item.getDescription() != null && !item.getDescription().isBlank(), info.getTitle() + ": " + key + " has no description");
					// The key's line, then the line of its label and description.
					assertTrue(help.matches("(?s).*\n  " + key + " +[^\n]+\n +[^\n]*" + java.util.regex.Pattern.quote(
						Failures.oneLine(item.getDescription().trim())) + "\n.*"), info.getTitle() + ": " + key + "\n" + help);
				}
			}
		}
		final String deblur = run("--help", "Deblur Image").out;
		assertTrue(deblur.contains("  tile        int, default: 0, at least 0\n              Tile size (pixels, 0 = 512 + overlap): "), deblur);
		assertTrue(deblur.contains("  method      String, default: network, choices: network | wiener | richardson-lucy\n              network: the trained network"), deblur);
	}

	/** The Help page of a dialog: each field with its key and meaning, and the command's README section from the jar. */
	@Test
	void theHelpPageHasEveryFieldAndTheReadmeSection() throws RunFailure {
		try (Context context = new Context()) {
			final org.scijava.command.CommandInfo info = CommandLauncher.find(CommandLauncher.commands(context), "NMF Decompose");
			final String html = CommandHelp.html(info);
			assertTrue(html.startsWith("<html>"), html);
			for (final org.scijava.module.ModuleItem<?> item : CommandLauncher.userInputs(info)) {
				assertTrue(html.contains("<td><code>" + item.getName() + "</code></td>"), item.getName() + " missing: " + html);
				assertTrue(html.contains(CommandHelp.escape(item.getDescription().trim())), item.getName() + "'s description missing");
			}
			assertTrue(html.contains("<a href=\"#readme\">") && html.contains("<a name=\"readme\"></a>"), html);
			// From the README's section: its table of keys, and a sentence of its text.
			assertTrue(html.contains("⌈√k⌉ columns, 1-pixel white lines"), html);
			assertTrue(html.contains("Factors a stack A (pixels × images"), html);
			assertFalse(html.contains("### NMF Denoise"), "only this command's section");
		}
		assertTrue(CommandHelp.readmeSection("Deblur Image").startsWith("Macro: `run(\"Deblur Image\""));
	}

	@Test
	void commandHelpListsParametersWithDefaultsAndChoices() {
		final Result result = run("--help", "runner test");
		assertEquals(0, result.exit, result.toString());
		final String out = result.out;
		assertTrue(out.startsWith("Runner Test: Echoes its inputs (runner tests)\n"), out);
		assertTrue(out.contains("  rank       int, default: 16\n             Factorization rank: Number of components\n"), out);
		assertTrue(out.contains("  tolerance  double, default: 1.0E-4\n"), out);
		assertTrue(out.contains("  algorithm  String, default: hals, choices: hals | mu\n"), out);
		assertTrue(out.contains("  grayscale  boolean, default: true\n"), out);
		assertTrue(out.contains("  layers     String, default: (empty)\n"), out);
		assertTrue(out.contains("  outputdir  path, optional\n"), out);
		assertTrue(out.contains("  input      image path, optional\n"), out);
		assertFalse(out.contains("status"), "services are not parameters: " + out);
		assertTrue(out.contains("Printed on standard output: ratio, summary, initialized\n"), out);
		assertTrue(run("--help", "Runner Image").out.contains("  input  image path, required\n"));
	}
}

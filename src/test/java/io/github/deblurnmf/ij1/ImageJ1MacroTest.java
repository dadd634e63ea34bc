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

import ij.IJ;
import ij.ImagePlus;
import ij.Menus;
import ij.plugin.PlugIn;
import ij.plugin.frame.Recorder;
import io.github.deblurnmf.command.DeblurImageCommand;
import io.github.deblurnmf.launch.CommandLauncher;
import io.github.deblurnmf.headless.HeadlessRunner;
import io.github.deblurnmf.io.Samples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;

/**
 * ImageJ 1 drives the commands for real, headless and in batch mode: its macro interpreter calls
 * {@code run("<label>", "<options>")}, its Executer finds the entry of plugins.config and runs
 * {@link CommandPlugIn}, its Recorder formats the recorded options.
 * <p>
 * Without a display ImageJ 1 cannot build its menus (java.awt.Menu is headless-hostile), so the
 * entries of plugins.config go into its command table here, as its menu builder would put them;
 * that ImageJ 1 reads plugins.config from the jar itself is checked by .ci/run, which runs every
 * macro of macros/ in plain ImageJ 1 (-batch, under Xvfb).
 * </p>
 */
class ImageJ1MacroTest {

	private static final Path PLUGINS_CONFIG = Path.of("plugins.config");
	private static final String MENU = "Plugins>Deblur NMF";
	private static final String SAMPLES_MENU = "File>Open Samples>Deblur NMF";

	/** One line of plugins.config: menu, "label"[, class("arg")]. */
	private static final Pattern ENTRY = Pattern.compile("^([^,]+),\\s*\"([^\"]+)\"(?:,\\s*(\\S.*))?$");

	private static Context context;

	@TempDir
	Path tmp;

	private static final class Entry {

		final String menu, label, command;

		Entry(final String menu, final String label, final String command) {
			this.menu = menu;
			this.label = label;
			this.command = command;
		}
	}

	private static List<Entry> entries() throws IOException {
		final List<Entry> entries = new ArrayList<>();
		for (final String line : Files.readAllLines(PLUGINS_CONFIG)) {
			if (line.isBlank() || line.startsWith("#")) continue;
			final Matcher m = ENTRY.matcher(line.trim());
			assertTrue(m.matches(), "not a plugins.config line: " + line);
			if (!m.group(2).equals("-")) entries.add(new Entry(m.group(1).trim(), m.group(2), m.group(3)));
		}
		return entries;
	}

	@BeforeAll
	static void installMenuEntries() throws Exception {
		final Field table = Menus.class.getDeclaredField("pluginsTable");
		table.setAccessible(true);
		@SuppressWarnings("unchecked")
		Hashtable<String, String> commands = (Hashtable<String, String>) table.get(null);
		if (commands == null) {
			commands = new Hashtable<>();
			table.set(null, commands);
		}
		for (final Entry entry : entries()) commands.put(entry.label, entry.command);
		context = new Context();
	}

	@AfterAll
	static void disposeContext() {
		context.dispose();
	}

	@Test
	void everyCommandHasExactlyOneMenuEntry() throws Exception {
		final List<Entry> entries = entries();
		final List<String> labels = entries.stream().map(e -> e.label).collect(Collectors.toList());
		assertEquals(labels.size(), labels.stream().distinct().count(), "labels are unique: " + labels);
		// The plugin's commands; the test sources add commands of their own elsewhere, which have no menu entry.
		final List<String> commands = CommandLauncher.commands(context).stream()
			.filter(info -> info.getDelegateClassName().startsWith(DeblurImageCommand.class.getPackageName() + "."))
			.map(info -> info.getTitle()).collect(Collectors.toList());
		assertEquals(List.of("Compare Images", "Create Blurred Dataset", "Deblur Image", "NMF Decompose", "NMF Denoise", "Train Deblur AE"), commands);
		for (final String label : commands) {
			final List<Entry> found = entries.stream().filter(e -> e.label.equals(label)).collect(Collectors.toList());
			assertEquals(1, found.size(), label);
			assertEquals(MENU, found.get(0).menu, label);
			assertEquals(CommandPlugIn.class.getName() + "(\"" + label + "\")", found.get(0).command, label);
		}
		for (final Entry entry : entries) {
			final String className = entry.command.replaceFirst("\\(.*$", "");
			assertTrue(PlugIn.class.isAssignableFrom(Class.forName(className)), entry.command + " is an ImageJ 1 PlugIn");
			assertTrue(entry.menu.equals(MENU) || entry.menu.equals(SAMPLES_MENU), entry.label + " under " + MENU + " or " + SAMPLES_MENU);
		}
		// Open Sample... is the last entry of the plugin's menu (a submenu would be sorted in by ImageJ).
		final List<Entry> ours = entries.stream().filter(e -> e.menu.equals(MENU)).collect(Collectors.toList());
		assertEquals("Open Sample...", ours.get(ours.size() - 1).label);
		assertEquals(List.of("LFW Faces Stack", "Blurred Camera and Original"),
			entries.stream().filter(e -> e.menu.equals(SAMPLES_MENU)).map(e -> e.label).collect(Collectors.toList()));
	}

	@Test
	void openSampleAsksWhichSampleAndOpensIt() {
		final String result = IJ.runMacro("setBatchMode(true);" +
			"run('Open Sample...', 'sample=[Blurred Camera and Original]'); blurred = getTitle() + ' ' + nImages;" +
			"run('Open Sample...', 'sample=[LFW Faces Stack]'); faces = getTitle() + ' ' + nSlices;" +
			"close('*'); return blurred + ', ' + faces;");
		assertEquals("camera_blurred.tif 2, lfw_faces_25px.tif 100", result);
	}

	@Test
	void openSampleEntriesOpenTheShippedImages() {
		final String result = IJ.runMacro("setBatchMode(true);" +
			"run('LFW Faces Stack'); faces = getTitle() + ' ' + getWidth() + 'x' + getHeight() + 'x' + nSlices;" +
			"run('Blurred Camera and Original'); blurred = getTitle();" +
			"getStatistics(area, mean, min, max, std); blurredStd = std;" +
			"selectImage('camera.tif'); getStatistics(area, mean, min, max, std);" +
			"sharper = std > blurredStd;" +
			"close('*'); return faces + ', ' + blurred + ', ' + sharper;");
		assertEquals("lfw_faces_25px.tif 25x25x100, camera_blurred.tif, 1", result);
	}

	/** The options of a decomposition of the faces sample into {@code out}. */
	private static String decomposeOptions(final String input, final Path out) {
		return "input=" + input + " rank=3 iterations=30 tolerance=0 montage=true outputdir=[" + out + "]";
	}

	@Test
	void macroRunsTheCommandWithItsOptionsAsTheRunnerDoes() throws Exception {
		final Path out = tmp.resolve("out dir"), runnerOut = tmp.resolve("runner out");
		final String result = IJ.runMacro("setBatchMode(true); run('LFW Faces Stack');" +
			"run('NMF Decompose', '" + decomposeOptions("lfw_faces_25px.tif", out) + "'); close('*');");
		assertFalse("[aborted]".equals(result), "the macro was aborted");
		final ImagePlus bases = IJ.openImage(out.resolve("bases.tif").toString());
		assertEquals(List.of(25, 25, 3), List.of(bases.getWidth(), bases.getHeight(), bases.getStackSize()), "rank=3 read");
		assertTrue(Files.exists(out.resolve("bases_montage.tif")), "montage=true read");
		final List<String> errors = Files.readAllLines(out.resolve("error.csv"));
		assertEquals(1 + 1 + 30, errors.size(), "iterations=30 read (tolerance 0 runs them all): header, initialization, 30 iterations");
		assertTrue(errors.get(1).startsWith("0,") && errors.get(31).startsWith("30,"), errors.get(1) + " … " + errors.get(31));

		// The same options from the command line, the image given as a file: the same factorization.
		final Path faces = Samples.extract(Samples.FACES, tmp.resolve("faces.tif"));
		final int code = HeadlessRunner.run(new String[] { "--run", "NMF Decompose", decomposeOptions("[" + faces + "]", runnerOut) },
			new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
		assertEquals(0, code);
		assertEquals(Files.readAllLines(runnerOut.resolve("coefficients.csv")), Files.readAllLines(out.resolve("coefficients.csv")));

		// In a macro, input may also be a path (no image open).
		final Path pathOut = tmp.resolve("path out");
		IJ.runMacro("setBatchMode(true); run('NMF Decompose', '" + decomposeOptions("[" + faces + "]", pathOut) + "');");
		assertEquals(Files.readAllLines(out.resolve("coefficients.csv")), Files.readAllLines(pathOut.resolve("coefficients.csv")));
	}

	@Test
	void recordedOptionsReplayToTheSameResult() throws Exception {
		final Path direct = tmp.resolve("direct"), replayed = tmp.resolve("replayed out");
		// The values as the dialog returns them: every field as text, empty for an empty field.
		final Map<String, String> values = new LinkedHashMap<>();
		values.put("input", "lfw_faces_25px.tif");
		values.put("rank", "3");
		values.put("algorithm", "mu");
		values.put("layers", "");
		values.put("iterations", "25");
		values.put("tolerance", "0.0");
		values.put("init", "nndsvd");
		values.put("seed", "5");
		values.put("alpha", "false");
		values.put("montage", "false");
		values.put("outputdir", replayed.toString());
		values.put("overwrite", "false");
		Recorder.resetCommandOptions();
		CommandDialog.record(values);
		final String recorded = Recorder.getCommandOptions();
		assertEquals("input=lfw_faces_25px.tif rank=3 algorithm=mu iterations=25 tolerance=0.0 init=nndsvd seed=5 alpha=false montage=false" +
			" outputdir=[" + replayed + "] overwrite=false", recorded);
		assertEquals(recorded, CommandDialog.macroOptions(values), "the log line shows what was recorded");

		final String macro = "setBatchMode(true); run('LFW Faces Stack'); run('NMF Decompose', '%s'); close('*');";
		IJ.runMacro(String.format(macro, recorded));
		IJ.runMacro(String.format(macro, "input=lfw_faces_25px.tif rank=3 algorithm=mu iterations=25 tolerance=0 seed=5 outputdir=[" + direct + "]"));
		final List<String> errors = Files.readAllLines(replayed.resolve("error.csv"));
		assertEquals(1 + 1 + 25, errors.size(), "header, initialization and every iteration: mu with tolerance 0 runs them all");
		assertEquals(Files.readAllLines(direct.resolve("coefficients.csv")), Files.readAllLines(replayed.resolve("coefficients.csv")));
	}

	@Test
	void badInputStopsTheMacroWithOneErrorLineAndWritesNothing() {
		final Path out = tmp.resolve("never");
		final PrintStream stderr = System.err;
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		String result;
		System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
		try {
			result = IJ.runMacro("setBatchMode(true); run('LFW Faces Stack');" +
				"run('NMF Decompose', 'input=lfw_faces_25px.tif rank=0 outputdir=[" + out + "]');" +
				"call('java.lang.System.setProperty', 'deblurnmf.test.after', 'went on'); return 'went on';");
		}
		finally {
			System.setErr(stderr);
			IJ.runMacro("setBatchMode(true); close('*');");
		}
		assertEquals(null, result, "no value returned");
		assertEquals(null, System.getProperty("deblurnmf.test.after"), "the macro stopped at the failed command");
		final List<String> lines = err.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("ERROR:")).collect(Collectors.toList());
		assertEquals(1, lines.size(), err.toString(StandardCharsets.UTF_8));
		assertTrue(lines.get(0).startsWith("ERROR: NMF Decompose: ") && lines.get(0).contains("rank"), lines.get(0));
		assertFalse(Files.exists(out), "nothing written");
	}

	@Test
	void unknownImageTitleIsAClearError() {
		final RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> {
			try {
				CommandPlugIn.image("no such image");
			}
			catch (final io.github.deblurnmf.launch.RunFailure failure) {
				throw new RuntimeException(failure.getMessage());
			}
		});
		assertEquals("No open image titled 'no such image' and no such file or folder", e.getMessage());
	}

	/** The README's macro line of each command names the command by its label and uses only its keys. */
	@Test
	void readmeMacroLinesUseTheCommandsKeys() throws Exception {
		final Pattern run = Pattern.compile("^Macro: `run\\(\"([^\"]+)\", \"([^\"]*)\"\\);`$");
		final List<String> lines = Files.readAllLines(Path.of("README.md")).stream().filter(l -> l.startsWith("Macro: ")).collect(Collectors.toList());
		final List<String> labels = new ArrayList<>();
		for (final String line : lines) {
			final Matcher m = run.matcher(line);
			assertTrue(m.matches(), line);
			final org.scijava.command.CommandInfo info = CommandLauncher.find(CommandLauncher.commands(context), m.group(1));
			assertEquals(m.group(1), info.getTitle(), "exact label");
			final List<String> keys = CommandLauncher.userInputs(info).stream().map(item -> item.getName()).collect(Collectors.toList());
			for (final String key : io.github.deblurnmf.launch.OptionsParser.parseMacro(m.group(2)).keySet()) {
				assertTrue(keys.contains(key), line + ": unknown key " + key + " (keys: " + keys + ")");
			}
			labels.add(info.getTitle());
		}
		assertEquals(6, labels.stream().distinct().count(), "one line per command: " + labels);
	}
}

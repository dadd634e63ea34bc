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
import io.github.deblurnmf.launch.OptionsParser;
import io.github.deblurnmf.launch.CommandLauncher;
import io.github.deblurnmf.deblur.GaussianPsf;
import io.github.deblurnmf.install.InstallException;
import io.github.deblurnmf.install.Installer;
import io.github.deblurnmf.io.Samples;
import io.github.deblurnmf.task.Failures;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;

/**
 * Runs one Deblur NMF command with no display: the main class of the plugin jar.
 *
 * <pre>
 * java -jar Deblur_NMF-&lt;version&gt;.jar --run "&lt;Command label&gt;" "&lt;options&gt;"
 * java -jar Deblur_NMF-&lt;version&gt;.jar --help ["&lt;Command label&gt;"]
 * java -jar Deblur_NMF-&lt;version&gt;.jar --install | --uninstall &lt;Fiji.app&gt;
 * java -jar Deblur_NMF-&lt;version&gt;.jar --version
 * </pre>
 * <p>
 * The options are {@code key=value} pairs as parsed by {@link OptionsParser}. Parameters not given
 * keep the command's field initializer value; values saved by an earlier run (SciJava prefs) are
 * neither read nor written, so a run is reproducible. Image parameters take a file path. Measured
 * figures (Number, Boolean and String outputs) are printed on standard output as {@code key=value}
 * lines and nothing else goes there; progress, log and errors go to standard error.
 * </p>
 * Exit codes:
 * <ul>
 * <li>0: success (also for {@code --help});</li>
 * <li>1: bad input value (not convertible, not one of the choices, file not found or unreadable),
 * a command that failed or was canceled, an unexpected exception; the reason is one
 * {@code ERROR: ...} line on standard error (the stack trace too with the environment variable
 * {@code DEBLUR_NMF_DEBUG=1});</li>
 * <li>2: usage error: no arguments, unknown argument, command or parameter, malformed options, a
 * parameter given twice, a required parameter missing.</li>
 * </ul>
 */
public final class HeadlessRunner {

	/** Exit code of a successful run. */
	public static final int SUCCESS = 0;

	/** The parameter that names the folder image outputs are written to. */
	static final String OUTPUT_FOLDER = "outputdir";

	/** The environment variable that turns on stack traces for errors. */
	public static final String DEBUG_VARIABLE = "DEBLUR_NMF_DEBUG";

	private final PrintStream out;
	private final PrintStream err;
	private final boolean debug;

	private HeadlessRunner(final PrintStream out, final PrintStream err, final boolean debug) {
		this.out = out;
		this.err = err;
		this.debug = debug;
	}

	/** Runs {@link #run(String[], PrintStream, PrintStream)} with no display and exits with its code. */
	public static void main(final String[] args) {
		// Before any AWT class loads: ImageJ classes touch AWT, and no window may ever open.
		System.setProperty("java.awt.headless", "true");
		// System.exit because ND4J and SciJava threads would keep the JVM alive.
		System.exit(run(args, System.out, System.err));
	}

	/**
	 * Runs the command line {@code args}: {@code --run <label> [<options>]}, {@code --help} or
	 * {@code --help <label>}. While it runs, {@link System#out} is redirected to {@code err}, so that
	 * whatever libraries print (ImageJ's {@code IJ.log}, SciJava's info log) cannot mix with the
	 * results on {@code out}.
	 *
	 * @param out receives the {@code key=value} result lines and the help text
	 * @param err receives progress, log messages and the {@code ERROR: ...} line
	 * @return the exit code: 0 success, 1 bad input or failure, 2 usage error
	 */
	public static int run(final String[] args, final PrintStream out, final PrintStream err) {
		return run(args, out, err, "1".equals(System.getenv(DEBUG_VARIABLE)));
	}

	/** As {@link #run(String[], PrintStream, PrintStream)}, with stack traces on error if {@code debug}. */
	static int run(final String[] args, final PrintStream out, final PrintStream err, final boolean debug) {
		final PrintStream stdout = System.out;
		System.setOut(err);
		try {
			return new HeadlessRunner(out, err, debug).dispatch(args);
		}
		catch (final RunFailure failure) {
			err.println("ERROR: " + Failures.oneLine(failure.getMessage()));
			if (failure.exitCode() == RunFailure.USAGE && args.length == 0) err.println(usage());
			return failure.exitCode();
		}
		catch (final RuntimeException | Error e) {
			if (debug) e.printStackTrace(err);
			err.println("ERROR: " + Failures.messageOf(e));
			return RunFailure.FAILED;
		}
		finally {
			out.flush();
			err.flush();
			System.setOut(stdout);
		}
	}

	private int dispatch(final String[] args) throws RunFailure {
		if (args.length == 0) throw RunFailure.usage("No arguments");
		final String action = args[0];
		if (action.equals("--help") || action.equals("-h")) {
			if (args.length > 2) throw RunFailure.usage("--help takes at most one command label");
			try (Context context = new Context()) {
				if (args.length == 1) out.print(help(CommandLauncher.commands(context)));
				else out.print(CommandHelp.text(CommandLauncher.find(CommandLauncher.commands(context), args[1]), jarName()));
			}
			return SUCCESS;
		}
		if (action.equals("--run")) {
			if (args.length < 2 || args.length > 3) throw RunFailure.usage("--run takes a command label and one options string");
			try (Context context = new Context()) {
				return runCommand(context, args[1], args.length == 3 ? args[2] : "");
			}
		}
		if (action.equals("--install") || action.equals("--uninstall")) {
			if (args.length != 2) throw RunFailure.usage(action + " takes one Fiji.app folder");
			return installOrUninstall(action.equals("--install"), Paths.get(args[1]));
		}
		if (action.equals("--version")) {
			if (args.length != 1) throw RunFailure.usage("--version takes no arguments");
			final String version = HeadlessRunner.class.getPackage().getImplementationVersion();
			out.println("Deblur NMF " + (version == null ? "(development build: not run from the plugin jar)" : version));
			return SUCCESS;
		}
		if (action.equals("--demo")) {
			if (args.length != 2) throw RunFailure.usage("--demo takes one folder to write into");
			try (Context context = new Context()) {
				return runDemo(context, new File(args[1]));
			}
		}
		throw RunFailure.usage("Unknown argument '" + action + "' (try --help)");
	}

	// -- Install into a Fiji.app --

	/** Installs the jar this class runs from, and the jars of its Class-Path, into {@code fiji}; or uninstalls. */
	private int installOrUninstall(final boolean install, final Path fiji) throws RunFailure {
		final Path jar = pluginJar();
		if (jar == null) {
			throw RunFailure.failed("--install and --uninstall run from the plugin jar: java -jar target/fiji/plugins/Deblur_NMF-<version>.jar --install <Fiji.app>");
		}
		try {
			if (install) new Installer(jar, out).install(fiji);
			else Installer.uninstall(fiji, out);
			return SUCCESS;
		}
		catch (final InstallException e) {
			throw RunFailure.failed(e.getMessage());
		}
		catch (final IOException e) {
			if (debug) e.printStackTrace(err);
			throw RunFailure.failed((install ? "Install" : "Uninstall") + " failed: " + Failures.messageOf(e) + " (files already in place stay listed in jars/.deblur-nmf-installed)");
		}
	}

	// -- The demo --

	/**
	 * Runs the commands on the samples shipped in the jar: decomposes the LFW faces, denoises a noisy
	 * copy of the camera crop and deblurs a blurred copy of the castle crop (a photo the shipped model never
	 * saw), printing PSNR before and after.
	 */
	private int runDemo(final Context context, final File folder) throws RunFailure {
		final String[] existing = folder.list();
		if (folder.exists() && (existing == null || existing.length > 0)) {
			throw RunFailure.failed("Demo folder exists and is not empty: " + folder + " (choose a new folder)");
		}
		final java.nio.file.Path dir = folder.toPath();
		final java.nio.file.Path faces, camera, noisy, castle, blurred;
		try {
			java.nio.file.Files.createDirectories(dir);
			faces = Samples.extract(Samples.FACES, dir.resolve("faces.tif"));
			camera = Samples.extract(Samples.CAMERA, dir.resolve("camera.tif"));
			noisy = Samples.writeNoisy(ij.IJ.openImage(camera.toString()), 20, 1, dir.resolve("camera_noisy.tif"));
			castle = Samples.extract(Samples.CASTLE, dir.resolve("castle.tif"));
			blurred = Samples.writeBlurred(ij.IJ.openImage(castle.toString()), GaussianPsf.DEFAULT_KERNEL, GaussianPsf.DEFAULT_SIGMA, dir.resolve("castle_blurred.tif"));
		}
		catch (final java.io.IOException e) {
			throw RunFailure.failed("Cannot write the demo files: " + e.getMessage());
		}
		out.println("# NMF Decompose of 100 LFW faces (25x25) at rank 16 -> " + dir.resolve("decompose"));
		runCommand(context, "NMF Decompose", "input='" + faces + "',rank=16,outputdir='" + dir.resolve("decompose") + "'");
		out.println("# bases: " + dir.resolve("decompose").resolve("bases.tif"));
		out.println("# NMF Denoise of camera_noisy.tif (noise std 20 of 255), mode and rank chosen automatically -> " + dir.resolve("denoise"));
		runCommand(context, "NMF Denoise", "input='" + noisy + "',reference='" + camera + "',outputdir='" + dir.resolve("denoise") + "'");
		out.println("# psnr_input is the noisy image's PSNR, psnr the denoised one's (dB)");
		out.println("# Deblur Image of castle_blurred.tif (Gaussian blur, window 20, sigma 3; a photo the shipped network never saw) with the shipped network -> " + dir.resolve("deblur"));
		runCommand(context, "Deblur Image", "input='" + blurred + "',reference='" + castle + "',outputdir='" + dir.resolve("deblur") + "'");
		out.println("# the same by Wiener deconvolution with the known PSF -> " + dir.resolve("wiener"));
		runCommand(context, "Deblur Image", "input='" + blurred + "',reference='" + castle + "',method=wiener,outputdir='" + dir.resolve("wiener") + "'");
		out.println("# psnr_input/ssim_input are the blurred image's, psnr/ssim the deblurred one's");
		return SUCCESS;
	}

	// -- Running a command --

	private int runCommand(final Context context, final String label, final String optionText) throws RunFailure {
		final CommandInfo info = CommandLauncher.find(CommandLauncher.commands(context), label);
		final ProgressPrinter progress = new ProgressPrinter(info.getTitle(), err);
		final Module module;
		try {
			final Map<String, String> options = OptionsParser.parse(optionText);
			requireOutputFolder(info, options);
			module = CommandLauncher.run(context, info, options, CommandLauncher.FILES, progress, err, debug);
		}
		catch (final RunFailure failure) {
			// ERROR: <label>: <reason>, as inside ImageJ, for usage errors too.
			throw failure.named(info.getTitle());
		}
		finally {
			progress.finish();
		}
		printOutputs(module);
		return SUCCESS;
	}

	/**
	 * Without a display, a command's images go nowhere but its {@code outputdir}: a run without one would
	 * compute everything and discard the result. Refused as a usage error, before any work.
	 */
	static void requireOutputFolder(final CommandInfo info, final Map<String, String> options) throws RunFailure {
		boolean hasOutputFolder = false, makesImages = false;
		for (final ModuleItem<?> item : info.inputs()) hasOutputFolder |= item.getName().equalsIgnoreCase(OUTPUT_FOLDER);
		for (final ModuleItem<?> item : info.outputs()) makesImages |= ij.ImagePlus.class.isAssignableFrom(item.getType());
		if (!hasOutputFolder || !makesImages) return;
		final boolean given = options.entrySet().stream()
			.anyMatch(option -> option.getKey().equalsIgnoreCase(OUTPUT_FOLDER) && !option.getValue().trim().isEmpty());
		if (!given) {
			throw RunFailure.usage("Missing parameter '" + OUTPUT_FOLDER + "': headless runs write the images there"
				+ " (without it they would be computed and discarded)");
		}
	}

	/** Prints each figure ({@link CommandLauncher#figures}) as {@code name=value}; other outputs are files' business. */
	private void printOutputs(final Module module) {
		CommandLauncher.figures(module).forEach((name, value) -> out.println(name + "=" + value));
	}

	// -- Help --

	private static String help(final List<CommandInfo> commands) {
		final StringBuilder text = new StringBuilder();
		text.append("Deblur NMF headless runner: runs one command of the plugin with no display.\n\n");
		text.append(usage()).append('\n');
		text.append("Commands:\n");
		if (commands.isEmpty()) text.append("  (none found on the classpath)\n");
		final int width = commands.stream().mapToInt(info -> info.getTitle().length()).max().orElse(0);
		for (final CommandInfo info : commands) {
			final String description = info.getDescription();
			text.append("  ");
			if (description != null && !description.isBlank()) text.append(pad(info.getTitle(), width)).append("  ").append(Failures.oneLine(description));
			else text.append(info.getTitle());
			text.append('\n');
		}
		text.append("\nParameters not given keep their defaults (see --help \"<Command label>\"); values from\n");
		text.append("earlier runs are not remembered. Measured figures are printed on standard output as\n");
		text.append("key=value lines; progress and errors go to standard error.\n\n");
		text.append("Exit codes:\n");
		text.append("  0  success\n");
		text.append("  1  bad input value, failed or canceled command (one ERROR: line on standard error;\n");
		text.append("     set " + DEBUG_VARIABLE + "=1 for stack traces)\n");
		text.append("  2  usage error: no arguments, unknown command or parameter, malformed options,\n");
		text.append("     a parameter given twice, a required parameter missing\n");
		return text.toString();
	}

	/** The usage lines, with the name of this jar. */
	static String usage() {
		final String jar = "java -jar " + jarName();
		return "Usage:\n" +
			"  " + jar + " --run \"<Command label>\" \"<options>\"\n" +
			"  " + jar + " --help [\"<Command label>\"]\n" +
			"  " + jar + " --demo <new folder>   (runs the commands on the samples shipped in the jar)\n" +
			"  " + jar + " --install <Fiji.app>   (copies this jar and the libraries Fiji lacks; see the README)\n" +
			"  " + jar + " --uninstall <Fiji.app> (removes exactly what --install copied)\n" +
			"  " + jar + " --version\n\n" +
			"<options>: key=value pairs separated by commas; quote a value that contains commas or spaces,\n" +
			"  e.g. \"input=/data/stack.tif, rank=8, layers='64,32,16'\". The ImageJ macro form\n" +
			"  \"input=[/my data/stack.tif] rank=8\" (space separated, brackets) works too.\n";
	}

	/** The file name of the jar this class was loaded from, or the jar Maven builds. */
	private static String jarName() {
		final Path jar = pluginJar();
		return jar != null ? jar.getFileName().toString() : "Deblur_NMF-<version>.jar";
	}

	/** The jar this class was loaded from, or null (run from target/classes). */
	private static Path pluginJar() {
		try {
			final File location = new File(HeadlessRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			if (location.isFile()) return location.toPath();
		}
		catch (final URISyntaxException | SecurityException | NullPointerException | IllegalArgumentException e) {
			// not loaded from a file
		}
		return null;
	}

	private static String pad(final String text, final int width) {
		return text + " ".repeat(Math.max(0, width - text.length()));
	}
}

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
package io.github.deblurnmf.spark;

import io.github.deblurnmf.launch.CommandLauncher;
import io.github.deblurnmf.headless.HeadlessRunner;
import io.github.deblurnmf.launch.OptionsParser;
import io.github.deblurnmf.launch.RunFailure;
import io.github.deblurnmf.task.Failures;
import io.github.deblurnmf.task.UserInputException;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs Deblur Image or NMF Decompose on Apache Spark, with the headless runner's contract: the same
 * labels, {@code key=value} options (parsed by {@link OptionsParser}), output names, figures on
 * standard output, one-line {@code ERROR:} messages and exit codes (0, 1 bad input or failure, 2 usage).
 *
 * <pre>
 * spark-submit --class io.github.deblurnmf.spark.SparkRunner deblur-nmf-spark-&lt;version&gt;.jar --run "&lt;label&gt;" "&lt;options&gt;"
 * target/spark/run-local --master 'local[2]' [--conf k=v ...] --run "&lt;label&gt;" "&lt;options&gt;"
 * </pre>
 * Inputs and {@code outputdir} are Hadoop paths ({@code file:}, {@code hdfs:}, {@code s3a:}; no scheme =
 * local). Extra option on Spark: {@code partitions} (NMF Decompose: partitions of A's columns, default
 * Spark's default parallelism). Spark's own log (WARN and above unless
 * {@code --conf spark.deblurnmf.logLevel=INFO}) and the progress go to standard error.
 */
public final class SparkRunner {

	/** Test-only fault injection: a local file created by the task that fails (once: only the task that creates it). */
	public static final String FAIL_ONCE = "spark.deblurnmf.test.failOnce";
	/** Where it fails: {@code before-commit}, {@code after-commit}, {@code band} (Deblur Image), {@code iteration:N} (NMF Decompose). */
	public static final String FAIL_AT = "spark.deblurnmf.test.failAt";
	static final String LOG_LEVEL = "spark.deblurnmf.logLevel";

	static final String DEBLUR = "Deblur Image", DECOMPOSE = "NMF Decompose";

	private SparkRunner() {}

	public static void main(final String[] args) {
		System.setProperty("java.awt.headless", "true");
		System.exit(run(args, System.out, System.err));
	}

	/** Runs the command line; standard output is redirected to {@code err} meanwhile, as in the headless runner. */
	public static int run(final String[] args, final PrintStream out, final PrintStream err) {
		final boolean debug = "1".equals(System.getenv(HeadlessRunner.DEBUG_VARIABLE));
		final PrintStream stdout = System.out;
		System.setOut(err);
		try {
			return dispatch(args, out, err);
		}
		catch (final RunFailure failure) {
			err.println("ERROR: " + Failures.messageOf(failure));
			if (failure.exitCode() == RunFailure.USAGE && args.length == 0) err.print(usage());
			return failure.exitCode();
		}
		catch (final Exception | Error e) {
			if (debug) e.printStackTrace(err);
			err.println("ERROR: " + message(e));
			return RunFailure.FAILED;
		}
		finally {
			out.flush();
			err.flush();
			System.setOut(stdout);
		}
	}

	/** The one-line message: a user's mistake from an executor (inside Spark's job failure) wins. */
	static String message(final Throwable e) {
		for (Throwable c = e; c != null; c = c.getCause()) {
			if (c instanceof UserInputException) return Failures.messageOf(c);
		}
		Throwable root = e;
		while (root.getCause() != null) root = root.getCause();
		final String m = Failures.messageOf(root);
		// Spark's job failure message carries the executor's stack trace after the first line.
		return m.length() > 400 ? m.substring(0, 400) + "…" : m;
	}

	private static int dispatch(final String[] args, final PrintStream out, final PrintStream err) throws Exception {
		if (args.length == 0) throw RunFailure.usage("No arguments");
		String master = null, label = null, options = "";
		final Map<String, String> conf = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			final String a = args[i];
			if (a.equals("--help") || a.equals("-h")) {
				out.print(usage());
				return HeadlessRunner.SUCCESS;
			}
			if (a.equals("--master")) {
				if (++i >= args.length) throw RunFailure.usage("--master takes a Spark master URL, e.g. 'local[2]'");
				master = args[i];
			}
			else if (a.equals("--conf")) {
				if (++i >= args.length || !args[i].contains("=")) throw RunFailure.usage("--conf takes key=value");
				final int eq = args[i].indexOf('=');
				conf.put(args[i].substring(0, eq).trim(), args[i].substring(eq + 1));
			}
			else if (a.equals("--run")) {
				if (i + 1 >= args.length || i + 3 < args.length) throw RunFailure.usage("--run takes a command label and one options string, last on the line");
				label = args[i + 1];
				options = i + 2 < args.length ? args[i + 2] : "";
				break;
			}
			else throw RunFailure.usage("Unknown argument '" + a + "' (try --help)");
		}
		if (label == null) throw RunFailure.usage("No --run \"<Command label>\" given");
		final String command;
		if (label.equalsIgnoreCase(DEBLUR)) command = DEBLUR;
		else if (label.equalsIgnoreCase(DECOMPOSE)) command = DECOMPOSE;
		else throw RunFailure.usage("Unknown command '" + label + "'. Commands on Spark: " + DEBLUR + ", " + DECOMPOSE);
		final Map<String, String> parsed = OptionsParser.parse(options);

		final SparkConf sparkConf = new SparkConf().setAppName("Deblur NMF: " + command);
		conf.forEach(sparkConf::set);
		if (master != null) sparkConf.setMaster(master);
		if (!sparkConf.contains("spark.master")) sparkConf.setMaster("local[*]");
		final SparkJob job = command.equals(DEBLUR) ? new SparkDeblur(parsed, err) : new SparkNmf(parsed, err);
		job.check(); // options before Spark starts
		try (JavaSparkContext sc = new JavaSparkContext(sparkConf)) {
			sc.setLogLevel(sparkConf.get(LOG_LEVEL, "WARN"));
			final Map<String, Object> figures = job.run(sc);
			figures.forEach((k, v) -> out.println(k + "=" + v));
		}
		return HeadlessRunner.SUCCESS;
	}

	static String usage() {
		return "Usage:\n" +
			"  spark-submit --class " + SparkRunner.class.getName() + " deblur-nmf-spark-<version>.jar [--conf k=v ...] --run \"<label>\" \"<options>\"\n" +
			"  target/spark/run-local --master 'local[N]' [--conf k=v ...] --run \"<label>\" \"<options>\"\n\n" +
			"Commands: " + DEBLUR + " (input: an image or a folder: one task per image, <name>_deblurred.tif and summary.csv\n" +
			"  in outputdir), " + DECOMPOSE + " (input: a stack or a folder of images; partitions=N splits its images).\n" +
			"Options, outputs and figures as in the headless runner (java -jar Deblur_NMF-<version>.jar --help \"<label>\").\n";
	}

	/** One command on Spark. */
	interface SparkJob {
		/** Checks the options before Spark starts; RunFailure for usage errors and bad values. */
		void check() throws RunFailure;

		/** Runs; returns the figures to print. */
		Map<String, Object> run(JavaSparkContext sc) throws Exception;
	}

	/** Keys given that are not in {@code known}: a usage error in the headless runner's words. */
	static void checkKeys(final Map<String, String> options, final List<String> known, final String label) throws RunFailure {
		for (final String key : options.keySet()) {
			if (!known.contains(key)) throw RunFailure.usage("Unknown parameter '" + key + "' for " + label + " (parameters: " + String.join(", ", known) + ")");
		}
	}

	static void requireOutputFolder(final Map<String, String> options, final String label) throws RunFailure {
		if (options.getOrDefault("outputdir", "").trim().isEmpty()) {
			throw RunFailure.usage("Missing parameter 'outputdir' for " + label + ": headless runs write the images there"
				+ " (without it they would be computed and discarded)");
		}
		if (options.getOrDefault("input", "").trim().isEmpty()) throw RunFailure.usage("Missing required parameter 'input' for " + label);
	}

	static List<String> keys(final String... keys) {
		return new ArrayList<>(List.of(keys));
	}
}

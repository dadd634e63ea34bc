package io.github.deblurnmf.headless;

import ij.ImagePlus;
import io.github.deblurnmf.command.DeblurNmfCommand;
import io.github.deblurnmf.io.ImageFiles;
import io.github.deblurnmf.task.UserInputException;

import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.scijava.Cancelable;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.convert.ConvertService;
import org.scijava.event.EventHandler;
import org.scijava.event.EventService;
import org.scijava.event.EventSubscriber;
import org.scijava.log.LogLevel;
import org.scijava.log.LogMessage;
import org.scijava.log.LogService;
import org.scijava.log.StderrLogService;
import org.scijava.module.MethodCallException;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleRunner;
import org.scijava.module.ModuleService;
import org.scijava.module.event.ModuleErroredEvent;
import org.scijava.plugin.PluginService;
import org.slf4j.LoggerFactory;

/**
 * Runs one Deblur NMF command from text options, with no dialog and no prefs: what the headless
 * runner and the ImageJ 1 menu entries ({@code io.github.deblurnmf.ij1}) share.
 */
public final class CommandLauncher {

	/** Turns an image parameter's text into an image: a file path here, an open image's title inside ImageJ. */
	@FunctionalInterface
	public interface ImageResolver {

		ImagePlus resolve(String value) throws RunFailure;
	}

	/** Opens the file or folder named by the text (same-size images of a folder become a stack). */
	public static final ImageResolver FILES = CommandLauncher::openFile;

	private static boolean slf4jStarted;

	private CommandLauncher() {}

	// -- Commands --

	/**
	 * The Deblur NMF commands on the classpath, by label: every {@link DeblurNmfCommand}. They carry a
	 * label but no SciJava menu path; the menu entries come from {@code plugins.config}.
	 */
	public static List<CommandInfo> commands(final Context context) {
		final String ours = DeblurNmfCommand.class.getPackageName().replaceFirst("\\.command$", ".");
		return context.service(CommandService.class).getCommands().stream()
			.filter(info -> info.getDelegateClassName().startsWith(ours) && isDeblurNmfCommand(info))
			.sorted(Comparator.comparing(CommandInfo::getTitle))
			.collect(Collectors.toList());
	}

	private static boolean isDeblurNmfCommand(final CommandInfo info) {
		try {
			return DeblurNmfCommand.class.isAssignableFrom(info.loadDelegateClass());
		}
		catch (final ClassNotFoundException e) {
			return false;
		}
	}

	/** The command labeled {@code label}: an exact match, else one that differs only in case. */
	public static CommandInfo find(final List<CommandInfo> commands, final String label) throws RunFailure {
		for (final CommandInfo info : commands) {
			if (info.getTitle().equals(label)) return info;
		}
		for (final CommandInfo info : commands) {
			if (info.getTitle().equalsIgnoreCase(label)) return info;
		}
		final String known = commands.stream().map(CommandInfo::getTitle).collect(Collectors.joining(", "));
		throw RunFailure.usage("Unknown command '" + label + "'. Commands: " + (known.isEmpty() ? "(none)" : known));
	}

	/** The inputs a user sets, in declaration order; each one's key is its name in lower case. */
	public static List<ModuleItem<?>> userInputs(final CommandInfo info) {
		return new CommandInputs(info).userInputs();
	}

	// -- Running --

	/**
	 * Runs {@code info} with the given options; inputs not given keep their defaults.
	 *
	 * @param progress an {@link EventHandler} object for the run's status events, or null
	 * @param err where SciJava's default log goes
	 * @return the module after a successful run, to read its outputs
	 * @throws RunFailure for bad options or input, a failed or a canceled command
	 */
	public static Module run(final Context context, final CommandInfo info, final Map<String, String> options,
		final ImageResolver images, final Object progress, final PrintStream err, final boolean debug) throws RunFailure
	{
		final String title = info.getTitle();
		bindSlf4jQuietly();
		final LogFilter logFilter = LogFilter.install(context.service(LogService.class), err);
		final Module module = context.service(ModuleService.class).createModule(info);
		if (module == null) throw RunFailure.failed("Cannot create command " + title);
		new CommandInputs(info).assign(module, options, context.service(ConvertService.class), images);

		final EventService events = context.service(EventService.class);
		final ErrorLogSuppressor errorLog = new ErrorLogSuppressor();
		// EventService keeps subscribers weakly: the local variables keep them alive for the run.
		final List<EventSubscriber<?>> subscribers = events.subscribe(errorLog);
		if (progress != null) subscribers.addAll(events.subscribe(progress));
		if (logFilter != null) logFilter.watch(module);
		final PluginService plugins = context.service(PluginService.class);
		try {
			new ModuleRunner(context, module, ProcessorChain.preprocessors(plugins), ProcessorChain.postprocessors(plugins)).run();
		}
		catch (final RuntimeException | Error e) {
			if (debug) e.printStackTrace(err);
			throw RunFailure.failed(messageOf(e));
		}
		finally {
			events.unsubscribe(subscribers);
			if (logFilter != null) logFilter.watch(null);
		}
		if (module instanceof Cancelable && ((Cancelable) module).isCanceled()) {
			final String reason = endReason(module);
			final String message = reason == null || reason.isBlank() ? "Canceled" : reason;
			final Object command = module.getDelegateObject();
			throw command instanceof DeblurNmfCommand && ((DeblurNmfCommand) command).hasFailed() ? RunFailure.failed(message) : RunFailure.canceled(message);
		}
		return module;
	}

	/**
	 * Starts SLF4J where it has no binding, without its three-line warning on standard error. The plugin
	 * ships no binding on purpose (DL4J's and ND4J's SLF4J logs are not wanted), so SLF4J 1.7 falls back to
	 * its no-operation logger either way, but it says so at its first use, which is every run. Where a
	 * binding exists (a Fiji with one), SLF4J starts as usual and nothing is hidden.
	 */
	static synchronized void bindSlf4jQuietly() {
		if (slf4jStarted) return;
		slf4jStarted = true;
		try {
			Class.forName("org.slf4j.impl.StaticLoggerBinder", false, CommandLauncher.class.getClassLoader());
			return;
		}
		catch (final ClassNotFoundException | LinkageError e) {
			// no binding: the warning would be printed
		}
		final PrintStream err = System.err;
		System.setErr(new PrintStream(OutputStream.nullOutputStream()));
		try {
			LoggerFactory.getILoggerFactory();
		}
		finally {
			System.setErr(err);
		}
	}

	/** Why a canceled run ended: our command's {@link DeblurNmfCommand#endReason}, else the module's cancel reason. */
	private static String endReason(final Module module) {
		final Object command = module.getDelegateObject();
		if (command instanceof DeblurNmfCommand && ((DeblurNmfCommand) command).endReason() != null) return ((DeblurNmfCommand) command).endReason();
		return module instanceof Cancelable ? ((Cancelable) module).getCancelReason() : null;
	}

	/**
	 * The measured figures of a finished run: each Number, Boolean or String output by name, in
	 * declaration order (image outputs are shown or written by the command itself).
	 */
	public static Map<String, Object> figures(final Module module) {
		final Map<String, Object> figures = new LinkedHashMap<>();
		for (final ModuleItem<?> item : module.getInfo().outputs()) {
			final Object value = item.getValue(module);
			if (value instanceof Number || value instanceof Boolean || value instanceof String) figures.put(item.getName(), value);
		}
		return figures;
	}

	private static ImagePlus openFile(final String path) throws RunFailure {
		try {
			return ImageFiles.open(new File(path));
		}
		catch (final UserInputException e) {
			throw RunFailure.failed(e.getMessage());
		}
	}

	/**
	 * Keeps SciJava's ModuleRunner from logging the stack trace of a failed command: the caller
	 * reports a one-line error (and the trace itself in debug mode).
	 */
	static final class ErrorLogSuppressor {

		@EventHandler
		public void onError(final ModuleErroredEvent event) {
			event.consume();
		}
	}

	/**
	 * Sends SciJava's log to {@code err} instead of splitting it between standard error and
	 * standard output as {@link StderrLogService} does, and drops an error message that only repeats
	 * why the running command ended, which the caller reports itself.
	 */
	private static final class LogFilter extends PrintStream {

		private volatile Module watched;

		private LogFilter(final PrintStream err) {
			super(err, true);
		}

		/** Installs the filter if {@code log} is the default {@link StderrLogService}; else returns null. */
		static LogFilter install(final LogService log, final PrintStream err) {
			if (!(log instanceof StderrLogService)) return null;
			final LogFilter filter = new LogFilter(err);
			((StderrLogService) log).setPrintStreams(level -> filter);
			return filter;
		}

		void watch(final Module module) {
			watched = module;
		}

		@Override
		public void print(final Object object) {
			if (object instanceof LogMessage && repeatsCancelReason((LogMessage) object)) return;
			super.print(object);
		}

		private boolean repeatsCancelReason(final LogMessage message) {
			final Module module = watched;
			return message.level() == LogLevel.ERROR && message.throwable() == null && module != null &&
				String.valueOf(message.text()).equals(endReason(module));
		}
	}

	// -- Messages --

	/**
	 * The one-line message of {@code t} for the user: a {@link UserInputException} anywhere in the
	 * cause chain wins; wrappers (reflection, module, execution) are looked through.
	 */
	public static String messageOf(final Throwable t) {
		for (Throwable cause = t; cause != null; cause = cause.getCause()) {
			if (cause instanceof UserInputException) return oneLine(cause.getMessage());
		}
		final String resources = resourceMessage(t);
		if (resources != null) return resources;
		Throwable root = t;
		while (root.getCause() != null && isWrapper(root)) root = root.getCause();
		final String message = root.getMessage();
		return message == null || message.isBlank() ? root.getClass().getSimpleName() : oneLine(message);
	}

	/**
	 * Plain language for running out of memory or past Java's array limits anywhere in the cause chain:
	 * what ran out and what to do. Null for other errors.
	 */
	static String resourceMessage(final Throwable t) {
		for (Throwable cause = t; cause != null; cause = cause.getCause()) {
			final String message = String.valueOf(cause.getMessage());
			if (message.contains("Requested array size exceeds VM limit") || cause instanceof NegativeArraySizeException
				|| (cause instanceof ArithmeticException && message.contains("overflow")))
			{
				return "an array larger than Java allows (2^31 values) would be needed: a parameter or the image is far too large (" + oneLine(message)
					+ "); use smaller values (e.g. kernel, size, tile, rank) or a smaller image";
			}
			if (cause instanceof OutOfMemoryError) {
				return "out of memory (the Java heap is full: " + oneLine(message) + "); use a smaller tile, batch or image, or give Java more heap,"
					+ " e.g. java -Xmx8g -jar … (in Fiji: Edit > Options > Memory & Threads)";
			}
			if (message.contains("std::bad_alloc") || message.contains("Allocation failed")) {
				return "out of native memory (ND4J could not allocate: " + oneLine(message) + "); use a smaller basewidth, batch, tile or image,"
					+ " or free memory (the Java heap's -Xmx does not cover native memory)";
			}
		}
		return null;
	}

	private static boolean isWrapper(final Throwable t) {
		return t instanceof InvocationTargetException || t instanceof MethodCallException || t instanceof ExecutionException ||
			t.getMessage() == null || t.getMessage().equals(t.getCause().toString());
	}

	static String oneLine(final String text) {
		return text == null ? "" : text.trim().replaceAll("\\s*\\R\\s*", " ");
	}
}

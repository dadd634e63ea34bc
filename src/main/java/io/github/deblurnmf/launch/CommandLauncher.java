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
package io.github.deblurnmf.launch;

import ij.ImagePlus;
import io.github.deblurnmf.command.DeblurNmfCommand;
import io.github.deblurnmf.io.ImageFiles;
import io.github.deblurnmf.task.Failures;
import io.github.deblurnmf.task.UserInputException;

import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.scijava.Cancelable;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.convert.ConvertService;
import org.scijava.event.EventService;
import org.scijava.event.EventSubscriber;
import org.scijava.log.LogService;
import org.scijava.log.StderrLogService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleRunner;
import org.scijava.module.ModuleService;
import org.scijava.module.event.ModuleCanceledEvent;
import org.scijava.module.event.ModuleErroredEvent;
import org.scijava.module.event.ModuleExecutedEvent;
import org.scijava.module.event.ModuleExecutingEvent;
import org.scijava.module.event.ModuleFinishedEvent;
import org.scijava.module.event.ModuleStartedEvent;
import org.scijava.module.process.ModulePreprocessor;
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
	 * @param progress an object whose {@code @EventHandler} methods take the run's status events, or null
	 * @param err where SciJava's default log goes
	 * @return the module after a successful run, to read its outputs
	 * @throws RunFailure for bad options or input, a failed or a canceled command
	 */
	public static Module run(final Context context, final CommandInfo info, final Map<String, String> options,
		final ImageResolver images, final Object progress, final PrintStream err, final boolean debug) throws RunFailure
	{
		final String title = info.getTitle();
		bindSlf4jQuietly();
		final LogService log = context.service(LogService.class);
		// The default log splits its levels between standard error and standard output; all go to err here.
		if (log instanceof StderrLogService) ((StderrLogService) log).setPrintStreams(level -> err);
		final Module module = context.service(ModuleService.class).createModule(info);
		if (module == null) throw RunFailure.failed("Cannot create command " + title);
		new CommandInputs(info).assign(module, options, context.service(ConvertService.class), images);
		final Object delegate = module.getDelegateObject();
		final DeblurNmfCommand command = delegate instanceof DeblurNmfCommand ? (DeblurNmfCommand) delegate : null;
		if (command != null) command.reportedByCaller();

		final EventService events = context.service(EventService.class);
		// EventService keeps subscribers weakly: the local variable keeps them alive for the run.
		final List<EventSubscriber<?>> subscribers = progress == null ? List.of() : events.subscribe(progress);
		final PluginService plugins = context.service(PluginService.class);
		try {
			// Our commands end every run in their own outcome (DeblurNmfCommand): what is thrown here
			// comes from a pre- or postprocessor.
			runModule(events, new ModuleRunner(context, module, ProcessorChain.preprocessors(plugins), ProcessorChain.postprocessors(plugins)), module);
		}
		catch (final RuntimeException | Error e) {
			if (debug) e.printStackTrace(err);
			throw RunFailure.failed(Failures.messageOf(e));
		}
		finally {
			events.unsubscribe(subscribers);
		}
		if (command != null && command.endReason() != null) {
			if (debug && command.failure() != null) command.failure().printStackTrace(err);
			throw command.hasFailed() ? RunFailure.failed(command.endReason()) : RunFailure.canceled(command.endReason());
		}
		if (module instanceof Cancelable && ((Cancelable) module).isCanceled()) {
			final String reason = ((Cancelable) module).getCancelReason();
			throw RunFailure.canceled(reason == null || reason.isBlank() ? "Canceled" : reason);
		}
		return module;
	}

	/**
	 * What {@link ModuleRunner#run()} does, with the same events, but without its status lines ("Running
	 * command", "Command finished", "Canceling command", "Command canceled"), its warning dialog for a
	 * cancel reason and its "Command errored" log with the stack trace: the exception goes to the caller,
	 * which reports every outcome itself on one error path. StatusService publishes those lines later on
	 * pool threads, in no fixed order, so in ImageJ2 they could land in the status bar after the run's own
	 * outcome line.
	 */
	private static void runModule(final EventService events, final ModuleRunner runner, final Module module) {
		try {
			events.publish(new ModuleStartedEvent(module));
			final ModulePreprocessor canceler = runner.preProcess();
			if (canceler != null) {
				if (module instanceof Cancelable) ((Cancelable) module).cancel(canceler.getCancelReason());
				canceled(events, module, canceler.getCancelReason());
				return;
			}
			events.publish(new ModuleExecutingEvent(module));
			module.run();
			if (module instanceof Cancelable && ((Cancelable) module).isCanceled()) {
				canceled(events, module, ((Cancelable) module).getCancelReason());
				return;
			}
			events.publish(new ModuleExecutedEvent(module));
			runner.postProcess();
			events.publish(new ModuleFinishedEvent(module));
		}
		catch (final RuntimeException | Error e) {
			events.publish(new ModuleErroredEvent(module, e));
			throw e;
		}
	}

	private static void canceled(final EventService events, final Module module, final String reason) {
		module.cancel();
		events.publish(new ModuleCanceledEvent(module, reason));
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
}

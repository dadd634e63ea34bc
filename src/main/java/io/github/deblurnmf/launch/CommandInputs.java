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

import io.github.deblurnmf.task.Failures;

import ij.ImagePlus;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.scijava.Context;
import org.scijava.Gateway;
import org.scijava.ItemVisibility;
import org.scijava.convert.ConvertService;
import org.scijava.display.Display;
import org.scijava.module.Module;
import org.scijava.module.ModuleInfo;
import org.scijava.module.ModuleItem;
import org.scijava.service.Service;
import org.scijava.ui.UserInterface;
import org.scijava.util.Types;

/**
 * The inputs of a command that a user sets on the command line, and their conversion from text.
 * Services, the context and other inputs that SciJava fills by itself are not among them.
 */
public final class CommandInputs {

	private final ModuleInfo info;

	public CommandInputs(final ModuleInfo info) {
		this.info = info;
	}

	/** The inputs a user can set, in declaration order. */
	public List<ModuleItem<?>> userInputs() {
		final List<ModuleItem<?>> inputs = new ArrayList<>();
		for (final ModuleItem<?> item : info.inputs()) {
			if (isUserInput(item)) inputs.add(item);
		}
		return inputs;
	}

	/** Whether a user sets {@code item}, rather than SciJava (services, context, UI) or nobody (messages). */
	static boolean isUserInput(final ModuleItem<?> item) {
		final Class<?> type = item.getType();
		if (item.getVisibility() == ItemVisibility.MESSAGE) return false;
		return !(Service.class.isAssignableFrom(type) || Context.class.isAssignableFrom(type) ||
			Gateway.class.isAssignableFrom(type) || UserInterface.class.isAssignableFrom(type) ||
			Display.class.isAssignableFrom(type));
	}

	/**
	 * Sets the given options on {@code module} and resolves every user input, so that nothing is
	 * loaded from prefs or asked in a dialog; inputs not given keep their field initializer value.
	 * Resolving runs each input's validater.
	 *
	 * @throws RunFailure for an unknown parameter or a missing required one (exit 2), or a value
	 *           that cannot be converted or is rejected by a validater (exit 1)
	 */
	void assign(final Module module, final Map<String, String> options, final ConvertService convert,
		final CommandLauncher.ImageResolver images) throws RunFailure
	{
		final List<ModuleItem<?>> inputs = userInputs();
		final List<ModuleItem<?>> given = new ArrayList<>();
		for (final String key : options.keySet()) {
			given.add(find(inputs, key));
		}
		for (final ModuleItem<?> item : given) {
			final String value = options.get(item.getName().toLowerCase(Locale.ROOT)).trim();
			// An empty text, path or image means "none" (the default stays); an empty number or checkbox is
			// a mistake (rank= would silently mean the default), refused.
			if (value.isEmpty() && isNumberOrBoolean(item.getType())) {
				throw invalid(item, value, "expected " + typeName(item.getType()) + "; leave " + key(item) + " out to keep its default");
			}
			if (!value.isEmpty()) module.setInput(item.getName(), convert(item, value, convert, images));
		}
		for (final ModuleItem<?> item : inputs) {
			if (item.isRequired() && item.getValue(module) == null) {
				throw RunFailure.usage("Missing required parameter '" + key(item) + "'");
			}
		}
		for (final ModuleItem<?> item : inputs) {
			try {
				module.resolveInput(item.getName());
			}
			catch (final RuntimeException e) {
				throw RunFailure.failed(Failures.messageOf(e));
			}
		}
	}

	private static boolean isNumberOrBoolean(final Class<?> type) {
		final Class<?> boxed = Types.box(type);
		return Number.class.isAssignableFrom(boxed) || boxed == Boolean.class;
	}

	/** The command-line key of {@code item}: its name in lower case. */
	public static String key(final ModuleItem<?> item) {
		return item.getName().toLowerCase(Locale.ROOT);
	}

	/** The keys of all user inputs, for messages. */
	String keys() {
		return userInputs().stream().map(CommandInputs::key).collect(Collectors.joining(", "));
	}

	private ModuleItem<?> find(final List<ModuleItem<?>> inputs, final String key) throws RunFailure {
		for (final ModuleItem<?> item : inputs) {
			if (item.getName().equalsIgnoreCase(key)) return item;
		}
		throw RunFailure.usage("Unknown parameter '" + key + "' (parameters: " + keys() + ")");
	}

	/** Converts {@code value} to the type of {@code item}; images are opened from a file path. */
	private Object convert(final ModuleItem<?> item, final String value, final ConvertService convert,
		final CommandLauncher.ImageResolver images) throws RunFailure
	{
		final Class<?> type = item.getType();
		if (ImagePlus.class.isAssignableFrom(type)) return images.resolve(value);
		final List<?> choices = item.getChoices();
		if (choices != null && !choices.isEmpty()) return choose(item, value, choices);
		if (type.isEnum()) return choose(item, value, List.of(type.getEnumConstants()));
		if (Types.box(type) == Boolean.class) {
			// ConvertService reads anything but "true" as false; a typo must not silently mean false.
			if (value.equalsIgnoreCase("true")) return Boolean.TRUE;
			if (value.equalsIgnoreCase("false")) return Boolean.FALSE;
			throw invalid(item, value, "expected true or false");
		}
		// Converting to the boxed type gives null on failure; to a primitive it would give 0.
		final Object converted = convert.supports(value, Types.box(type)) ? convert.convert(value, Types.box(type)) : null;
		if (converted == null) throw invalid(item, value, "expected " + typeName(type));
		return converted;
	}

	private static Object choose(final ModuleItem<?> item, final String value, final List<?> choices) throws RunFailure {
		for (final Object choice : choices) {
			if (String.valueOf(choice).equalsIgnoreCase(value)) return choice;
		}
		for (final Object choice : choices) {
			if (choice instanceof Enum && ((Enum<?>) choice).name().equalsIgnoreCase(value)) return choice;
		}
		throw invalid(item, value, "choices: " + choices.stream().map(String::valueOf).collect(Collectors.joining(", ")));
	}

	private static RunFailure invalid(final ModuleItem<?> item, final String value, final String expectation) {
		return RunFailure.failed("Invalid value for " + key(item) + ": '" + value + "' (" + expectation + ")");
	}

	/** A short name of {@code type} for users: {@code int}, {@code double}, {@code File}, {@code image path}. */
	public static String typeName(final Class<?> type) {
		if (ImagePlus.class.isAssignableFrom(type)) return "image path";
		if (type == File.class) return "path";
		return type.getSimpleName();
	}
}

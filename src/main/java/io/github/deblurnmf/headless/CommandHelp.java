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

import io.github.deblurnmf.launch.CommandInputs;
import io.github.deblurnmf.task.Failures;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.scijava.command.CommandInfo;
import org.scijava.module.Module;
import org.scijava.module.ModuleException;
import org.scijava.module.ModuleItem;
import org.scijava.util.Types;

/**
 * What a command's parameters mean, from its {@code @Parameter} labels, descriptions, defaults,
 * choices and ranges: as text for {@code --help "<label>"}, and as the HTML page behind the Help
 * button of its dialog, which adds the command's section of the README shipped in the jar.
 */
public final class CommandHelp {

	/** The README in the plugin jar (copied there by the build). */
	static final String README_RESOURCE = "/help/README.md";

	/** The anchor of the README section in the HTML page. */
	static final String README_ANCHOR = "readme";

	private CommandHelp() {}

	// -- Text --

	/** The parameters of {@code info} as {@code --help "<label>"} prints them. */
	static String text(final CommandInfo info, final String jarName) {
		final String title = info.getTitle();
		final Module defaults = defaults(info);
		final StringBuilder text = new StringBuilder();
		text.append(title);
		if (hasText(info.getDescription())) text.append(": ").append(Failures.oneLine(info.getDescription()));
		text.append("\n\nUsage: java -jar ").append(jarName).append(" --run \"").append(title).append("\" \"key=value, ...\"\n\n");
		text.append("Parameters:\n");
		final List<ModuleItem<?>> items = new CommandInputs(info).userInputs();
		if (items.isEmpty()) text.append("  (none)\n");
		final int width = items.stream().mapToInt(item -> CommandInputs.key(item).length()).max().orElse(0);
		for (final ModuleItem<?> item : items) {
			text.append("  ").append(pad(CommandInputs.key(item), width)).append("  ").append(CommandInputs.typeName(item.getType()));
			text.append(", ").append(defaultText(item, defaults));
			final String range = range(item);
			if (range != null) text.append(", ").append(range);
			final List<?> choices = item.getChoices();
			if (choices != null && !choices.isEmpty()) {
				text.append(", choices: ").append(choices.stream().map(String::valueOf).collect(Collectors.joining(" | ")));
			}
			text.append('\n');
			final String about = about(item);
			if (!about.isEmpty()) text.append("  ").append(pad("", width)).append("  ").append(about).append('\n');
		}
		final List<String> printed = printedOutputs(info);
		if (!printed.isEmpty()) {
			text.append("\nPrinted on standard output: ").append(String.join(", ", printed)).append('\n');
		}
		return text.toString();
	}

	// -- HTML --

	/**
	 * The Help page of {@code info}'s dialog: what it does, each field with its macro key, default and
	 * meaning, and (below, linked from the top) the command's section of the README. Starts with
	 * {@code <html>}, as ImageJ's {@code GenericDialog.addHelp} expects of a page rather than a URL.
	 */
	public static String html(final CommandInfo info) {
		final String title = info.getTitle();
		final Module defaults = defaults(info);
		final StringBuilder html = new StringBuilder("<html><body>");
		html.append("<h2>").append(escape(title)).append("</h2>");
		if (hasText(info.getDescription())) html.append("<p>").append(escape(info.getDescription())).append("</p>");
		final String readme = readmeSection(title);
		if (readme != null) html.append("<p>Details: <a href=\"#").append(README_ANCHOR).append("\">the README's section below</a>.</p>");
		html.append("<table border=\"1\" cellpadding=\"3\" cellspacing=\"0\"><tr><th>Field</th><th>Macro key</th><th>Default</th><th>Meaning</th></tr>");
		for (final ModuleItem<?> item : new CommandInputs(info).userInputs()) {
			final String range = range(item);
			final List<?> choices = item.getChoices();
			final StringBuilder meaning = new StringBuilder(hasText(item.getDescription()) ? item.getDescription().trim() : "");
			if (range != null) sentence(meaning, "Allowed: " + range);
			if (choices != null && !choices.isEmpty()) sentence(meaning, "Choices: " + choices.stream().map(String::valueOf).collect(Collectors.joining(", ")));
			html.append("<tr><td>").append(escape(label(item))).append("</td><td><code>").append(escape(CommandInputs.key(item)))
				.append("</code></td><td>").append(escape(defaultText(item, defaults).replaceFirst("^default: ", ""))).append("</td><td>")
				.append(escape(meaning.toString())).append("</td></tr>");
		}
		html.append("</table>");
		html.append("<p>In a macro: <code>run(\"").append(escape(title)).append("\", \"key=value key2=[value with spaces]\");</code> with the keys above; ")
			.append("fields not given keep their defaults.</p>");
		if (readme != null) {
			html.append("<hr><a name=\"").append(README_ANCHOR).append("\"></a><p><i>From the README of this version of Deblur NMF:</i></p>");
			html.append(MarkdownLite.toHtml(readme));
		}
		return html.append("</body></html>").toString();
	}

	/**
	 * The README section headed {@code ### <label>} up to the next heading of that level or higher,
	 * without its heading; null if the jar has no README or no such section.
	 */
	static String readmeSection(final String label) {
		final String readme = readme();
		if (readme == null) return null;
		final List<String> lines = readme.lines().collect(Collectors.toList());
		final int start = lines.indexOf("### " + label);
		if (start < 0) return null;
		int end = start + 1;
		while (end < lines.size() && !lines.get(end).matches("#{1,3} .*")) end++;
		return String.join("\n", lines.subList(start + 1, end)).trim();
	}

	private static String readme() {
		try (InputStream in = CommandHelp.class.getResourceAsStream(README_RESOURCE)) {
			return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (final IOException e) {
			return null;
		}
	}

	// -- Helper methods --

	/** The command with its field initializer values (not injected, never run), or null if it cannot be built. */
	private static Module defaults(final CommandInfo info) {
		try {
			return info.createModule();
		}
		catch (final ModuleException e) {
			return null;
		}
	}

	private static String defaultText(final ModuleItem<?> item, final Module defaults) {
		final Object value = defaults == null ? null : item.getValue(defaults);
		if (value == null) return item.isRequired() ? "required" : "optional";
		if (value instanceof File) return "default: " + ((File) value).getPath();
		final String text = String.valueOf(value);
		return text.isEmpty() ? "default: (empty)" : "default: " + text;
	}

	/** The allowed range of a number, from its {@code min} and {@code max}: "at least 1", "0 to 1"; null if none. */
	static String range(final ModuleItem<?> item) {
		if (!Number.class.isAssignableFrom(Types.box(item.getType()))) return null;
		final Object min = item.getMinimumValue(), max = item.getMaximumValue();
		if (min != null && max != null) return min + " to " + max;
		if (min != null) return "at least " + min;
		if (max != null) return "at most " + max;
		return null;
	}

	private static String label(final ModuleItem<?> item) {
		return hasText(item.getLabel()) ? item.getLabel().trim() : item.getName();
	}

	/** The label (if it says more than the name) and the description of {@code item}. */
	private static String about(final ModuleItem<?> item) {
		final StringBuilder text = new StringBuilder();
		if (hasText(item.getLabel()) && !item.getLabel().equalsIgnoreCase(item.getName())) text.append(item.getLabel().trim());
		if (hasText(item.getDescription())) {
			if (text.length() > 0) text.append(": ");
			text.append(Failures.oneLine(item.getDescription().trim()));
		}
		return text.toString();
	}

	private static List<String> printedOutputs(final CommandInfo info) {
		final List<String> names = new ArrayList<>();
		for (final ModuleItem<?> item : info.outputs()) {
			final Class<?> type = Types.box(item.getType());
			if (Number.class.isAssignableFrom(type) || type == Boolean.class || type == String.class) names.add(item.getName());
		}
		return names;
	}

	/** Appends {@code text} as a sentence of its own. */
	private static void sentence(final StringBuilder text, final String sentence) {
		if (text.length() > 0 && ".;:".indexOf(text.charAt(text.length() - 1)) < 0) text.append('.');
		if (text.length() > 0) text.append(' ');
		text.append(sentence).append('.');
	}

	private static boolean hasText(final String text) {
		return text != null && !text.isBlank();
	}

	private static String pad(final String text, final int width) {
		return text + " ".repeat(Math.max(0, width - text.length()));
	}

	static String escape(final String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}
}

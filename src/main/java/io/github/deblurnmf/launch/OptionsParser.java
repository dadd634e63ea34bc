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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the options of {@code --run "<label>" "<options>"} into {@code key -> value} pairs.
 * <p>
 * Two forms are accepted, because users' scripts contain both:
 * </p>
 * <ul>
 * <li>Fiji's {@code --run} form: {@code key=value} pairs separated by commas, e.g.
 * {@code input=/data/a.tif, rank=8, layers='64,32,16'};</li>
 * <li>the ImageJ macro form, used when there is no comma outside quotes and brackets:
 * {@code key=value} pairs separated by spaces, e.g. {@code input=[/my data/a.tif] rank=8}.</li>
 * </ul>
 * <p>
 * In both forms a value may be wrapped in single quotes, double quotes or square brackets, which
 * are removed; inside them commas and spaces are part of the value. Keys are returned in lower
 * case; a key given twice is an error.
 * </p>
 */
public final class OptionsParser {

	private OptionsParser() {}

	/**
	 * Parses {@code options}; an empty or blank string gives no pairs.
	 *
	 * @return the pairs in the order given, keys in lower case
	 * @throws RunFailure (exit code 2) if the text is not a list of {@code key=value} pairs
	 */
	public static Map<String, String> parse(final String options) throws RunFailure {
		return parse(options, options != null && hasTopLevelComma(options), false);
	}

	/**
	 * Parses the options ImageJ hands a command run by a macro ({@code Macro.getOptions()}): always
	 * the space-separated form, so that {@code layers=64,32,16} is one value, and a bare key is a
	 * checked checkbox, as ImageJ records it ({@code overwrite} means {@code overwrite=true}).
	 */
	public static Map<String, String> parseMacro(final String options) throws RunFailure {
		return parse(options, false, true);
	}

	private static Map<String, String> parse(final String options, final boolean commaSeparated, final boolean bareKeys) throws RunFailure {
		final Map<String, String> pairs = new LinkedHashMap<>();
		if (options == null || options.isBlank()) return pairs;
		for (final String entry : split(options, commaSeparated)) {
			final int eq = entry.indexOf('=');
			if (eq < 0 && bareKeys && isKey(entry)) {
				if (pairs.putIfAbsent(entry.toLowerCase(Locale.ROOT), "true") != null) throw RunFailure.usage("Parameter '" + entry + "' is given twice");
				continue;
			}
			if (eq < 0) {
				throw RunFailure.usage("Malformed options: '" + entry + "' is not key=value" +
					(commaSeparated ? " (quote values that contain commas: key='a,b')" : " (write key=true for a checkbox)"));
			}
			final String key = entry.substring(0, eq).trim();
			if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
				throw RunFailure.usage("Malformed options: '" + entry + "' has no valid key before '='");
			}
			final String value = unquote(entry.substring(eq + 1).trim(), entry);
			if (pairs.putIfAbsent(key.toLowerCase(Locale.ROOT), value) != null) {
				throw RunFailure.usage("Parameter '" + key + "' is given twice");
			}
		}
		return pairs;
	}

	/** Whether {@code entry} could be a bare checkbox key: letters, digits and underscores. */
	private static boolean isKey(final String entry) {
		return !entry.isEmpty() && entry.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_');
	}

	/** Whether {@code text} has a comma outside quotes and brackets, i.e. is in Fiji's form. */
	static boolean hasTopLevelComma(final String text) {
		final Scanner scanner = new Scanner(text);
		for (int i = 0; i < text.length(); i++) {
			if (scanner.isTopLevel(i) && text.charAt(i) == ',') return true;
		}
		return false;
	}

	/** Splits at top-level commas, or at top-level whitespace in the macro form. */
	private static List<String> split(final String text, final boolean commaSeparated) throws RunFailure {
		final Scanner scanner = new Scanner(text);
		final List<String> entries = new ArrayList<>();
		int start = 0;
		for (int i = 0; i <= text.length(); i++) {
			final boolean end = i == text.length();
			if (!end && !scanner.isTopLevel(i)) continue;
			final boolean separator = end || (commaSeparated ? text.charAt(i) == ',' : Character.isWhitespace(text.charAt(i)));
			if (!separator) continue;
			final String entry = text.substring(start, i).trim();
			if (!entry.isEmpty()) entries.add(entry);
			else if (commaSeparated && !end) throw RunFailure.usage("Malformed options: empty entry between commas in '" + text + "'");
			start = i + 1;
		}
		if (scanner.unclosed != 0) {
			throw RunFailure.usage("Malformed options: unclosed " + describe(scanner.unclosed) + " in '" + text + "'");
		}
		return entries;
	}

	/** Removes the quotes or brackets around a whole value; anything after the closing one is an error. */
	private static String unquote(final String value, final String entry) throws RunFailure {
		if (value.isEmpty()) return value;
		final char open = value.charAt(0);
		final char close = closing(open);
		if (close == 0) return value;
		final int end = value.indexOf(close, 1);
		if (end != value.length() - 1) {
			throw RunFailure.usage("Malformed options: unexpected text after the closing " + close + " in '" + entry + "'");
		}
		return value.substring(1, end);
	}

	private static char closing(final char open) {
		switch (open) {
			case '\'':
				return '\'';
			case '"':
				return '"';
			case '[':
				return ']';
			default:
				return 0;
		}
	}

	private static String describe(final char quote) {
		return quote == ']' ? "bracket [" : "quote " + quote;
	}

	/**
	 * Marks which characters are outside quoted or bracketed values. A quote or bracket opens only
	 * where a value starts (after '=' and optional spaces), so an apostrophe inside a plain value
	 * or path is just text.
	 */
	private static final class Scanner {

		private final boolean[] topLevel;
		/** The closing character still expected at the end of the text, or 0. */
		private char unclosed;

		Scanner(final String text) {
			topLevel = new boolean[text.length()];
			char expected = 0;
			char previous = 0; // the last non-space character outside quotes
			for (int i = 0; i < text.length(); i++) {
				final char c = text.charAt(i);
				if (expected != 0) {
					if (c == expected) {
						expected = 0;
						previous = c;
					}
					continue;
				}
				if (previous == '=' && closing(c) != 0) {
					expected = closing(c);
					continue;
				}
				topLevel[i] = true;
				if (!Character.isWhitespace(c)) previous = c;
			}
			unclosed = expected;
		}

		boolean isTopLevel(final int index) {
			return topLevel[index];
		}
	}
}

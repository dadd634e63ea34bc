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

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of Markdown the README's command sections use, as the HTML 3.2 that ImageJ's help
 * window (a Swing {@code JEditorPane}) shows: paragraphs, {@code ####} headings, {@code -} lists,
 * {@code |} tables, fenced code, and inline {@code `code`}, {@code **bold**} and {@code *italic*}.
 */
final class MarkdownLite {

	private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
	private static final Pattern ITALIC = Pattern.compile("(?<![\\w*])\\*(\\S(?:.*?\\S)?)\\*(?![\\w*])");

	private MarkdownLite() {}

	static String toHtml(final String markdown) {
		final StringBuilder html = new StringBuilder();
		final List<String> lines = markdown.lines().collect(java.util.stream.Collectors.toList());
		int i = 0;
		while (i < lines.size()) {
			final String line = lines.get(i);
			if (line.isBlank()) {
				i++;
			}
			else if (line.startsWith("```")) {
				final StringBuilder code = new StringBuilder();
				for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) code.append(lines.get(i)).append('\n');
				i++;
				html.append("<pre>").append(CommandHelp.escape(code.toString())).append("</pre>");
			}
			else if (line.startsWith("#")) {
				final int level = Math.min(6, Math.max(3, line.indexOf(' ')));
				html.append("<h").append(level).append('>').append(inline(line.substring(line.indexOf(' ') + 1))).append("</h").append(level).append('>');
				i++;
			}
			else if (line.startsWith("|")) {
				html.append("<table border=\"1\" cellpadding=\"3\" cellspacing=\"0\">");
				boolean header = true;
				for (; i < lines.size() && lines.get(i).startsWith("|"); i++) {
					final String row = lines.get(i).trim();
					if (row.matches("\\|[\\s|:-]+\\|")) continue;
					final String cell = header ? "th" : "td";
					html.append("<tr>");
					for (final String text : cells(row)) html.append('<').append(cell).append('>').append(inline(text)).append("</").append(cell).append('>');
					html.append("</tr>");
					header = false;
				}
				html.append("</table>");
			}
			else if (line.startsWith("- ")) {
				html.append("<ul>");
				while (i < lines.size() && lines.get(i).startsWith("- ")) {
					final StringBuilder item = new StringBuilder(lines.get(i).substring(2));
					for (i++; i < lines.size() && lines.get(i).startsWith("  ") && !lines.get(i).isBlank(); i++) item.append(' ').append(lines.get(i).trim());
					html.append("<li>").append(inline(item.toString())).append("</li>");
				}
				html.append("</ul>");
			}
			else {
				final StringBuilder paragraph = new StringBuilder(line.trim());
				for (i++; i < lines.size() && !startsBlock(lines.get(i)); i++) paragraph.append(' ').append(lines.get(i).trim());
				html.append("<p>").append(inline(paragraph.toString())).append("</p>");
			}
		}
		return html.toString();
	}

	private static boolean startsBlock(final String line) {
		return line.isBlank() || line.startsWith("```") || line.startsWith("#") || line.startsWith("|") || line.startsWith("- ");
	}

	/** The cells of a table row; a {@code |} inside backticks belongs to its cell. */
	private static List<String> cells(final String row) {
		final List<String> cells = new ArrayList<>();
		final StringBuilder cell = new StringBuilder();
		boolean code = false;
		for (int i = 1; i < row.length(); i++) {
			final char c = row.charAt(i);
			if (c == '`') code = !code;
			if (c == '|' && !code) {
				cells.add(cell.toString().trim());
				cell.setLength(0);
			}
			else cell.append(c);
		}
		return cells;
	}

	/** Escapes {@code text} and marks up its code spans, bold and italic (none of it inside code). */
	static String inline(final String text) {
		final StringBuilder html = new StringBuilder();
		final String[] parts = text.split("`", -1);
		for (int i = 0; i < parts.length; i++) {
			final String part = CommandHelp.escape(parts[i]);
			if (i % 2 == 1 && i < parts.length - 1) html.append("<code>").append(part).append("</code>");
			else {
				if (i % 2 == 1) html.append('`'); // an unmatched backtick stays text
				final Matcher bold = BOLD.matcher(part);
				final String withBold = bold.replaceAll("<b>$1</b>");
				html.append(ITALIC.matcher(withBold).replaceAll("<i>$1</i>"));
			}
		}
		return html.toString();
	}
}

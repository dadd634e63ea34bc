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
package io.github.deblurnmf.install;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A library version as Maven orders them, close enough for the jars a Fiji ships: numbers compare
 * as numbers ({@code 2.10 > 2.9}), missing numbers count as 0 ({@code 1.0 = 1.0.0}), pre-release
 * qualifiers come before the release ({@code 1.0.0-M2.1 < 1.0.0-rc1 < 1.0.0}), and other letters
 * (ImageJ's {@code 1.54g}, Guava's {@code -jre}) rank as releases, ordered by their text
 * ({@code 1.54f < 1.54g}).
 */
public final class Version implements Comparable<Version> {

	/** Rank of the release itself; qualifiers below it are pre-releases. */
	private static final int RELEASE = 6;

	private final String text;
	private final List<Object> items;

	private Version(final String text, final List<Object> items) {
		this.text = text;
		this.items = items;
	}

	public static Version parse(final String text) {
		final List<Object> items = new ArrayList<>();
		final String s = text.trim().toLowerCase(Locale.ROOT);
		int i = 0;
		while (i < s.length()) {
			final char c = s.charAt(i);
			if (Character.isDigit(c)) {
				int end = i;
				while (end < s.length() && Character.isDigit(s.charAt(end))) end++;
				final String digits = s.substring(i, end);
				// Dates and build numbers fit a long; a longer digit run is compared as text.
				items.add(digits.length() < 18 ? (Object) Long.valueOf(digits) : digits);
				i = end;
			}
			else if (Character.isLetter(c)) {
				int end = i;
				while (end < s.length() && Character.isLetter(s.charAt(end))) end++;
				final String word = s.substring(i, end);
				final boolean numberFollows = end < s.length() && Character.isDigit(s.charAt(end));
				items.add(new Qualifier(word, numberFollows));
				i = end;
			}
			else i++; // '.', '-', '_', '+' only separate
		}
		// Trailing zeros say nothing: 1.0 = 1.0.0.
		while (!items.isEmpty() && Long.valueOf(0).equals(items.get(items.size() - 1))) items.remove(items.size() - 1);
		return new Version(text.trim(), Collections.unmodifiableList(items));
	}

	/** The first number: the major version of a semantically versioned library. */
	public long major() {
		return !items.isEmpty() && items.get(0) instanceof Long ? (Long) items.get(0) : 0;
	}

	@Override
	public int compareTo(final Version other) {
		final int n = Math.max(items.size(), other.items.size());
		for (int i = 0; i < n; i++) {
			final int c = compareItems(i < items.size() ? items.get(i) : null, i < other.items.size() ? other.items.get(i) : null);
			if (c != 0) return c;
		}
		return 0;
	}

	/** Compares one position; null is a position one version does not have. */
	private static int compareItems(final Object a, final Object b) {
		if (a == null && b == null) return 0;
		if (a == null) return -compareItems(b, null);
		if (a instanceof Long) {
			if (b == null) return Long.compare((Long) a, 0);
			if (b instanceof Long) return Long.compare((Long) a, (Long) b);
			return 1; // 1.0.1 > 1.0-anything
		}
		if (a instanceof String) { // a very long number
			if (b == null || b instanceof Qualifier) return 1;
			if (b instanceof Long) return 1;
			final String s = (String) a, t = (String) b;
			return s.length() != t.length() ? Integer.compare(s.length(), t.length()) : s.compareTo(t);
		}
		final Qualifier q = (Qualifier) a;
		if (b == null) {
			final int c = Integer.compare(q.rank, RELEASE);
			return c != 0 ? c : (q.word.isEmpty() ? 0 : 1);
		}
		if (!(b instanceof Qualifier)) return -compareItems(b, a);
		final Qualifier r = (Qualifier) b;
		final int c = Integer.compare(q.rank, r.rank);
		return c != 0 ? c : q.word.compareTo(r.word);
	}

	@Override
	public boolean equals(final Object o) {
		return o instanceof Version && compareTo((Version) o) == 0;
	}

	@Override
	public int hashCode() {
		return items.toString().hashCode();
	}

	@Override
	public String toString() {
		return text;
	}

	private static final class Qualifier {

		final String word;
		final int rank;

		Qualifier(final String word, final boolean numberFollows) {
			this.rank = rank(word, numberFollows);
			// 1.0-final is 1.0
			this.word = word.equals("ga") || word.equals("final") || word.equals("release") ? "" : word;
		}

		/** Single letters a, b, m are alpha, beta, milestone only before a number (Maven's a1, M2). */
		private static int rank(final String word, final boolean numberFollows) {
			switch (word) {
				case "alpha": return 1;
				case "beta": return 2;
				case "milestone": return 3;
				case "rc": case "cr": return 4;
				case "snapshot": return 5;
				case "ga": case "final": case "release": return RELEASE;
				case "sp": return RELEASE + 1;
				case "a": return numberFollows ? 1 : RELEASE;
				case "b": return numberFollows ? 2 : RELEASE;
				case "m": return numberFollows ? 3 : RELEASE;
				default: return RELEASE;
			}
		}

		@Override
		public String toString() {
			return word;
		}
	}
}

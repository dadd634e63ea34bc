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
package io.github.deblurnmf.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code key=value} arguments of the benchmark mains (one argument or several, space separated). */
public final class BenchmarkArgs {

	private BenchmarkArgs() {}

	/** {@code defaults} overridden by {@code args}; a key without a default is refused, so a typo cannot pass unseen. */
	public static Map<String, String> parse(final String[] args, final Map<String, String> defaults) {
		final Map<String, String> values = new LinkedHashMap<>(defaults);
		for (final String arg : args) {
			for (final String token : arg.trim().split("\\s+")) {
				if (token.isEmpty()) continue;
				final int eq = token.indexOf('=');
				if (eq < 0) throw new IllegalArgumentException("Expected key=value, got " + token);
				final String key = token.substring(0, eq);
				if (!defaults.containsKey(key)) throw new IllegalArgumentException("Unknown argument " + key + " (known: " + defaults.keySet() + ")");
				values.put(key, token.substring(eq + 1));
			}
		}
		return values;
	}
}

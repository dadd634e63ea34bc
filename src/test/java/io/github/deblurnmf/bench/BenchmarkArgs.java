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

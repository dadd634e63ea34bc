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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OptionsParserTest {

	@Test
	void commaSeparatedPairs() throws RunFailure {
		assertEquals(Map.of("input", "/data/a.tif", "rank", "8"), OptionsParser.parse("input=/data/a.tif, rank=8"));
	}

	@Test
	void quotedValuesKeepCommasAndSpaces() throws RunFailure {
		final Map<String, String> pairs = OptionsParser.parse("layers='64,32,16',input=\"/my data/a, b.tif\" , rank=3");
		assertEquals("64,32,16", pairs.get("layers"));
		assertEquals("/my data/a, b.tif", pairs.get("input"));
		assertEquals("3", pairs.get("rank"));
		assertEquals(3, pairs.size());
	}

	@Test
	void macroFormWithBrackets() throws RunFailure {
		final Map<String, String> pairs = OptionsParser.parse("input=[/my data/a.tif] rank=8  layers=[64,32,16] algorithm='mu'");
		assertEquals(Map.of("input", "/my data/a.tif", "rank", "8", "layers", "64,32,16", "algorithm", "mu"), pairs);
	}

	@Test
	void singlePairAndEmptyOptions() throws RunFailure {
		assertEquals(Map.of("rank", "8"), OptionsParser.parse("rank=8"));
		assertTrue(OptionsParser.parse("").isEmpty());
		assertTrue(OptionsParser.parse("   ").isEmpty());
		assertTrue(OptionsParser.parse(null).isEmpty());
	}

	@Test
	void keysAreLowerCasedAndOrderIsKept() throws RunFailure {
		assertEquals("[rank, input]", OptionsParser.parse("Rank=1, INPUT=x").keySet().toString());
	}

	@Test
	void spacesAroundEqualsAndEmptyValues() throws RunFailure {
		assertEquals(Map.of("rank", "4", "layers", "a b", "model", ""), OptionsParser.parse("rank = 4, layers = 'a b', model="));
	}

	@Test
	void apostropheInsidePlainValueIsText() throws RunFailure {
		assertEquals(Map.of("input", "/data/O'Brien's/a.tif", "rank", "2"), OptionsParser.parse("input=/data/O'Brien's/a.tif, rank=2"));
	}

	@Test
	void valueWithEqualsSign() throws RunFailure {
		assertEquals(Map.of("model", "/m/a=b.zip"), OptionsParser.parse("model=/m/a=b.zip"));
	}

	@Test
	void malformedOptionsAreUsageErrors() {
		assertUsageError("layers=64,32,16", "'32' is not key=value");
		assertUsageError("rank=1, rank=2", "given twice");
		assertUsageError("rank=1, RANK=2", "given twice");
		assertUsageError("input='/a.tif, rank=2", "unclosed quote '");
		assertUsageError("input=[/a.tif rank=2", "unclosed bracket [");
		assertUsageError("input='/a.tif'x, rank=2", "unexpected text after the closing '");
		assertUsageError("grayscale rank=2", "'grayscale' is not key=value");
		assertUsageError("=3, rank=2", "no valid key");
		assertUsageError("rank=1,, seed=2", "empty entry");
	}

	private static void assertUsageError(final String options, final String expected) {
		final RunFailure failure = assertThrows(RunFailure.class, () -> OptionsParser.parse(options), options);
		assertEquals(RunFailure.USAGE, failure.exitCode());
		assertTrue(failure.getMessage().contains(expected), failure.getMessage());
	}

	@Test
	void macroOptionsKeepCommasInValuesAndReadBareKeysAsChecked() throws RunFailure {
		// As ImageJ hands them to a command: space separated, a trailing space, a checkbox as a bare key.
		final Map<String, String> options = OptionsParser.parseMacro("input=[/my data/a.tif] layers=64,32,16 overwrite rank=8 ");
		assertEquals(Map.of("input", "/my data/a.tif", "layers", "64,32,16", "overwrite", "true", "rank", "8"), options);
		assertEquals(List.of("input", "layers", "overwrite", "rank"), List.copyOf(options.keySet()), "given order");
		assertThrows(RunFailure.class, () -> OptionsParser.parseMacro("overwrite overwrite=false"), "a key given twice");
		assertThrows(RunFailure.class, () -> OptionsParser.parseMacro("rank=8 -x"), "a bare word that is not a key");
	}
}

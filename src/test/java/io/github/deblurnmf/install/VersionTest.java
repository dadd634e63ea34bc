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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The version order the installer decides by. */
class VersionTest {

	private static void assertOlder(final String older, final String newer) {
		assertTrue(Version.parse(older).compareTo(Version.parse(newer)) < 0, older + " < " + newer);
		assertTrue(Version.parse(newer).compareTo(Version.parse(older)) > 0, newer + " > " + older);
	}

	@Test
	void ordersTheVersionsFijiAndThisPluginShip() {
		assertOlder("2.7", "2.17.0");
		assertOlder("2.9", "2.10.1");
		assertOlder("1.0.0-M2", "1.0.0-M2.1");
		assertOlder("1.0.0-M2.1", "1.0.0-rc1");
		assertOlder("1.0.0-rc1", "1.0.0");
		assertOlder("0.1.0-SNAPSHOT", "0.1.0");
		assertOlder("1.54f", "1.54g");
		assertOlder("1.54", "1.54g");
		assertOlder("1.54m", "1.54p"); // ImageJ's letters are no milestones
		assertOlder("4.1", "4.5.0-M2");
		assertOlder("0.3.19-1.5.7", "0.3.26-1.5.10");
		assertOlder("1.5.7", "1.5.10");
		assertOlder("32.1.2-jre", "33.3.1-jre");
		assertEquals(Version.parse("1.0"), Version.parse("1.0.0"));
		assertEquals(Version.parse("3.0.Final"), Version.parse("3.0"));
	}

	@Test
	void majorIsTheFirstNumber() {
		assertEquals(33, Version.parse("33.3.1-jre").major());
		assertEquals(1, Version.parse("1.0.0-M2.1").major());
		assertEquals(2, Version.parse("2.10.1").major());
	}
}

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

import io.github.deblurnmf.launch.RunFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * The runner's {@code --install}, {@code --uninstall} and {@code --version} arguments. The install
 * itself is io.github.deblurnmf.install's (InstallerTest); run from target/classes there is no
 * plugin jar to install, which must be a clear error, not a guess.
 */
class HeadlessInstallArgumentsTest {

	private static int run(final ByteArrayOutputStream out, final ByteArrayOutputStream err, final String... args) {
		return HeadlessRunner.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
	}

	@Test
	void installTakesOneFolder() {
		final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		assertEquals(RunFailure.USAGE, run(out, err, "--install"));
		assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("ERROR: --install takes one Fiji.app folder"), err.toString(StandardCharsets.UTF_8));
		assertEquals(RunFailure.USAGE, run(out, err, "--uninstall", "a", "b"));
	}

	@Test
	void installOutsideThePluginJarSaysSo() {
		final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		assertEquals(RunFailure.FAILED, run(out, err, "--install", "/nonexistent/Fiji.app"));
		assertEquals("ERROR: --install and --uninstall run from the plugin jar: java -jar target/fiji/plugins/Deblur_NMF-<version>.jar --install <Fiji.app>\n",
			err.toString(StandardCharsets.UTF_8));
		assertEquals("", out.toString(StandardCharsets.UTF_8));
	}

	@Test
	void versionPrintsOneLine() {
		final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		assertEquals(HeadlessRunner.SUCCESS, run(out, err, "--version"));
		assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Deblur NMF "), out.toString(StandardCharsets.UTF_8));
	}
}

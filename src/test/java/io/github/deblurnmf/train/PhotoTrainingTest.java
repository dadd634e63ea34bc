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
package io.github.deblurnmf.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options of {@link PhotoTraining} that are missing or contradict each other are refused before any photo is read. */
class PhotoTrainingTest {

	@TempDir
	Path dir;

	private String message(final String... extra) {
		final String[] args = new String[3 + extra.length];
		args[0] = "photos=" + dir.resolve("missing-photos");
		args[1] = "heldout=" + dir.resolve("missing-heldout");
		args[2] = "model=" + dir.resolve("m.zip");
		System.arraycopy(extra, 0, args, 3, extra.length);
		return assertThrows(IllegalArgumentException.class, () -> PhotoTraining.main(args)).getMessage();
	}

	@Test
	void aWarmUpOnAResumedRunNeedsANewDecay() {
		assertEquals("warmup= with resume= needs decay=: a resumed run keeps its schedule", message("resume=" + dir.resolve("c.zip"),
			"warmup=100"));
	}

	@Test
	void aNewDecayIsForAResumedRunAndAPeakForANewDecay() {
		assertEquals("decay= needs resume=: a new run decays over steps=", message("decay=5000"));
		assertEquals("decay= needs resume=: a new run decays over steps=", message("init=" + dir.resolve("i.zip"), "decay=5000"));
		assertEquals("peak= needs decay=: it is where a new cosine starts", message("resume=" + dir.resolve("c.zip"), "peak=1e-4"));
	}

	@Test
	void aResumedRunKeepsItsInput() {
		assertEquals("resume= keeps its model's input: no init= or details=", message("resume=" + dir.resolve("c.zip"), "init=" + dir
			.resolve("i.zip")));
	}

	@Test
	void theRequiredPathsAreNamed() {
		assertEquals("missing heldout=", assertThrows(IllegalArgumentException.class, () -> PhotoTraining.main(new String[] { "photos=/p",
			"model=/m.zip" })).getMessage());
	}
}

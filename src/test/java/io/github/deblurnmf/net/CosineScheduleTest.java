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
package io.github.deblurnmf.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CosineScheduleTest {

	@TempDir
	Path folder;

	@Test
	void cosineFromStartToEnd() {
		final CosineSchedule schedule = new CosineSchedule(1e-3, 1e-5, 100, 300);
		assertEquals(1e-3, schedule.valueAt(50, 0), 1e-15);
		assertEquals(1e-3, schedule.valueAt(100, 0), 1e-15);
		assertEquals((1e-3 + 1e-5) / 2, schedule.valueAt(200, 0), 1e-15);
		assertEquals(1e-5 + (1e-3 - 1e-5) * 0.5 * (1 + Math.cos(Math.PI * 0.25)), schedule.valueAt(150, 0), 1e-15);
		assertEquals(1e-5, schedule.valueAt(300, 0), 1e-15);
		assertEquals(1e-5, schedule.valueAt(5000, 0), 1e-15);
	}

	@Test
	void warmupRisesLinearlyThenTheCosineRunsFromItsEnd() {
		final CosineSchedule schedule = new CosineSchedule(1e-3, 1e-5, 100, 300, 4);
		assertEquals(0.25e-3, schedule.valueAt(100, 0), 1e-15);
		assertEquals(0.5e-3, schedule.valueAt(101, 0), 1e-15);
		assertEquals(1e-3, schedule.valueAt(103, 0), 1e-15);
		assertEquals(1e-3, schedule.valueAt(104, 0), 1e-15);
		// the cosine's half-way point moves from 200 to 202
		assertEquals((1e-3 + 1e-5) / 2, schedule.valueAt(202, 0), 1e-15);
		assertEquals(1e-5, schedule.valueAt(300, 0), 1e-15);
		assertThrows(IllegalArgumentException.class, () -> new CosineSchedule(1e-3, 1e-5, 100, 104, 4));
		assertThrows(IllegalArgumentException.class, () -> new CosineSchedule(1e-3, 1e-5, 100, 300, -1));
	}

	@Test
	void aWarmupSetOnANetworkDrivesItsStepsAndSurvivesSaveAndLoad() throws IOException {
		final DeblurNetwork network = DeblurNetwork.createPsfUnet(DeblurNetwork.PsfInput.defaults(), 1, 1e-3, 100, new int[] { 4, 4 }, false,
			0);
		network.setCosineDecay(2e-3, 2e-5, 50, 10);
		assertEquals(2e-4, network.learningRate(), 1e-15);
		final Path zip = folder.resolve("warm.zip");
		network.save(zip, Map.of());
		final DeblurNetwork loaded = DeblurNetwork.load(zip);
		assertEquals(2e-4, loaded.learningRate(), 1e-15);
		// DL4J groups layers by equal schedules, so the warm-up must take part in equality
		assertEquals(new CosineSchedule(2e-3, 2e-5, 0, 50, 10), new CosineSchedule(2e-3, 2e-5, 0, 50, 10));
		assertNotEquals(new CosineSchedule(2e-3, 2e-5, 0, 50, 10), new CosineSchedule(2e-3, 2e-5, 0, 50, 9));
		assertThrows(IllegalArgumentException.class, () -> network.setCosineDecay(2e-3, 2e-5, 10, 10));
	}
}

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
package io.github.deblurnmf.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.ExecutionException;
import java.util.zip.ZipException;

import org.junit.jupiter.api.Test;

/**
 * The user's one line for an exception: running out of memory or past Java's limits in plain language,
 * with what to do; a user input error anywhere in the chain; else the first message that is not a wrapper's.
 */
class FailuresTest {

	@Test
	void javaHeapSpace() {
		final String message = Failures.messageOf(new InvocationTargetException(new OutOfMemoryError("Java heap space")));
		assertTrue(message.startsWith("out of memory (the Java heap is full: Java heap space); use a smaller tile"), message);
		assertTrue(message.contains("-Xmx"), message);
	}

	@Test
	void arraysBeyondJavasLimit() {
		final String vm = Failures.messageOf(new OutOfMemoryError("Requested array size exceeds VM limit"));
		assertTrue(vm.startsWith("an array larger than Java allows (2^31 values) would be needed"), vm);
		final String overflow = Failures.messageOf(new RuntimeException(new ArithmeticException("integer overflow")));
		assertTrue(overflow.startsWith("an array larger than Java allows"), overflow);
		assertTrue(Failures.messageOf(new NegativeArraySizeException("-2")).startsWith("an array larger than Java allows"));
	}

	@Test
	void nativeAllocation() {
		final String message = Failures.messageOf(new RuntimeException("Allocation failed: [std::bad_alloc]"));
		assertTrue(message.startsWith("out of native memory (ND4J could not allocate: Allocation failed: [std::bad_alloc]); use a smaller basewidth"), message);
	}

	@Test
	void otherErrorsKeepTheirMessage() {
		assertEquals("boom", Failures.messageOf(new IllegalStateException("boom")));
	}

	@Test
	void wrappersAreLookedThroughButMessagesOfTheirOwnAreKept() {
		assertEquals("disk full", Failures.messageOf(new RuntimeException(new IOException("disk full"))));
		assertEquals("disk full", Failures.messageOf(new ExecutionException(new InvocationTargetException(new IOException("disk full")))));
		assertEquals("Cannot read model m.zip", Failures.messageOf(new IOException("Cannot read model m.zip", new ZipException("invalid END header"))));
		assertEquals("ZipException", Failures.messageOf(new RuntimeException(new ZipException())));
		assertEquals("sigma must be positive", Failures.messageOf(new IllegalStateException("while fitting",
			new RuntimeException(new UserInputException("sigma must be positive")))));
		assertEquals("two lines", Failures.messageOf(new IllegalStateException("two\n  lines")));
	}
}

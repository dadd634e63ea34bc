package io.github.deblurnmf.headless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;

import org.junit.jupiter.api.Test;

/** Running out of memory or past Java's limits is said in plain language, with what to do. */
class ResourceMessagesTest {

	@Test
	void javaHeapSpace() {
		final String message = CommandLauncher.messageOf(new InvocationTargetException(new OutOfMemoryError("Java heap space")));
		assertTrue(message.startsWith("out of memory (the Java heap is full: Java heap space); use a smaller tile"), message);
		assertTrue(message.contains("-Xmx"), message);
	}

	@Test
	void arraysBeyondJavasLimit() {
		final String vm = CommandLauncher.messageOf(new OutOfMemoryError("Requested array size exceeds VM limit"));
		assertTrue(vm.startsWith("an array larger than Java allows (2^31 values) would be needed"), vm);
		final String overflow = CommandLauncher.messageOf(new RuntimeException(new ArithmeticException("integer overflow")));
		assertTrue(overflow.startsWith("an array larger than Java allows"), overflow);
		assertTrue(CommandLauncher.messageOf(new NegativeArraySizeException("-2")).startsWith("an array larger than Java allows"));
	}

	@Test
	void nativeAllocation() {
		final String message = CommandLauncher.messageOf(new RuntimeException("Allocation failed: [std::bad_alloc]"));
		assertTrue(message.startsWith("out of native memory (ND4J could not allocate: Allocation failed: [std::bad_alloc]); use a smaller basewidth"), message);
	}

	@Test
	void otherErrorsKeepTheirMessage() {
		assertEquals("boom", CommandLauncher.messageOf(new IllegalStateException("boom")));
	}
}

package io.github.deblurnmf.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class AugmentationTest {

	@Test
	void eightDistinctSymmetriesOfASquare() {
		final int size = 3, channels = 2;
		final float[] image = new float[channels * size * size];
		for (int i = 0; i < image.length; i++) image[i] = i;
		final Set<List<Float>> seen = new HashSet<>();
		for (int k = 0; k < Augmentation.COUNT; k++) {
			final float[] t = Augmentation.apply(image, channels, size, k);
			final List<Float> list = new java.util.ArrayList<>();
			for (final float v : t) list.add(v);
			seen.add(list);
			// Channel 1 moves exactly like channel 0.
			for (int p = 0; p < size * size; p++) assertEquals(t[p] + 9, t[9 + p]);
		}
		assertEquals(8, seen.size());
		assertArrayEquals(image, Augmentation.apply(image, channels, size, 0));
		// One quarter turn: the top-left corner goes to the top-right.
		final float[] turned = Augmentation.apply(java.util.Arrays.copyOf(image, 9), 1, size, 1);
		assertEquals(image[0], turned[2]);
		// The mirror: the top-left corner goes to the top-right, the middle row stays a row.
		final float[] mirrored = Augmentation.apply(java.util.Arrays.copyOf(image, 9), 1, size, 4);
		assertArrayEquals(new float[] { 2, 1, 0, 5, 4, 3, 8, 7, 6 }, mirrored);
	}
}

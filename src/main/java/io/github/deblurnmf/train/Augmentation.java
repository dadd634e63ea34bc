package io.github.deblurnmf.train;

/**
 * The 8 symmetries of a square (the dihedral group: rotations by 0, 90, 180, 270 degrees, each with or
 * without a mirror) applied to a square image of {@code channels} planes. Transform {@code k}
 * ({@code 0 ≤ k < 8}): first a mirror about the vertical axis if {@code k ≥ 4}, then {@code k mod 4}
 * quarter turns. Transform 0 is the identity.
 */
public final class Augmentation {

	/** The number of transforms. */
	public static final int COUNT = 8;

	private Augmentation() {}

	/** A new array holding {@code image} (side {@code size}) under transform {@code k}. */
	public static float[] apply(final float[] image, final int channels, final int size, final int k) {
		if (k < 0 || k >= COUNT) throw new IllegalArgumentException("transform must be 0..7, got " + k);
		if (k == 0) return image.clone();
		final int planeSize = size * size;
		if (image.length != channels * planeSize) {
			throw new IllegalArgumentException("A " + size + "x" + size + " image with " + channels + " channels has " + channels * planeSize
				+ " values, got " + image.length);
		}
		final boolean mirror = k >= 4;
		final int turns = k % 4;
		final int last = size - 1;
		final float[] result = new float[image.length];
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				// Where the source pixel (x, y) goes.
				int u = mirror ? last - x : x;
				int v = y;
				for (int t = 0; t < turns; t++) {
					final int w = u;
					u = last - v;
					v = w;
				}
				for (int c = 0; c < channels; c++) result[c * planeSize + v * size + u] = image[c * planeSize + y * size + x];
			}
		}
		return result;
	}
}

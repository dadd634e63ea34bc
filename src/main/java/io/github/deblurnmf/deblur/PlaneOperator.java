package io.github.deblurnmf.deblur;

/**
 * Something that turns an image into a deblurred image of the same size: a network, or a tile of
 * work inside {@link TiledDeblur}. Images are channel-planar float arrays (channel c, row y,
 * column x at {@code c·width·height + y·width + x}) on [0, 1].
 */
@FunctionalInterface
public interface PlaneOperator {

	float[] apply(float[] image, int width, int height);
}

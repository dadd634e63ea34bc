package io.github.deblurnmf.command;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;

/**
 * The NMF bases laid out side by side in one image, to see all components at a glance: each
 * component scaled to [0, 1] by its own maximum (over its channels), on a grid of
 * ⌈√k⌉ columns, separated by a 1-pixel white line.
 */
final class BasesMontage {

	static final int BORDER = 1;

	private BasesMontage() {}

	/** The montage of {@code bases}: k components of {@code channels} planes each, component-major. */
	static ImagePlus of(final ImagePlus bases, final int channels, final String title) {
		final ImageStack stack = bases.getStack();
		final int w = bases.getWidth(), h = bases.getHeight();
		final int components = stack.getSize() / channels;
		final int columns = (int) Math.ceil(Math.sqrt(components));
		final int rows = (components + columns - 1) / columns;
		final int width = columns * w + (columns - 1) * BORDER, height = rows * h + (rows - 1) * BORDER;
		final ImageStack montage = new ImageStack(width, height);
		final float[][] planes = new float[channels][width * height];
		for (final float[] plane : planes) java.util.Arrays.fill(plane, 1f);
		for (int j = 0; j < components; j++) {
			float max = 0;
			for (int c = 0; c < channels; c++) {
				for (final float v : (float[]) stack.getProcessor(j * channels + c + 1).convertToFloat().getPixels()) max = Math.max(max, v);
			}
			final float scale = max > 0 ? 1 / max : 0;
			final int x0 = (j % columns) * (w + BORDER), y0 = (j / columns) * (h + BORDER);
			for (int c = 0; c < channels; c++) {
				final float[] source = (float[]) stack.getProcessor(j * channels + c + 1).convertToFloat().getPixels();
				for (int y = 0; y < h; y++) {
					for (int x = 0; x < w; x++) planes[c][(y0 + y) * width + x0 + x] = source[y * w + x] * scale;
				}
			}
		}
		for (int c = 0; c < channels; c++) montage.addSlice("Channel " + (c + 1), new FloatProcessor(width, height, planes[c]));
		final ImagePlus image = new ImagePlus(title, montage);
		image.setDisplayRange(0, 1);
		if (channels == 1) return image;
		image.setDimensions(channels, 1, 1);
		return new CompositeImage(image, CompositeImage.COMPOSITE);
	}
}

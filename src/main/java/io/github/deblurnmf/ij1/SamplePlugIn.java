package io.github.deblurnmf.ij1;

import ij.IJ;
import ij.ImagePlus;
import ij.plugin.PlugIn;
import io.github.deblurnmf.command.ResultWindows;
import io.github.deblurnmf.deblur.GaussianPsf;
import io.github.deblurnmf.io.Samples;

import java.io.IOException;

/**
 * {@code Plugins > Deblur NMF > Open Sample}: opens the images shipped in the plugin jar, so that
 * every command and example macro can be tried without data of one's own. They open side by side
 * beside the open windows, small ones zoomed in ({@link ResultWindows}).
 */
public class SamplePlugIn implements PlugIn {

	/** Argument for the 100 LFW faces stack. */
	public static final String FACES = "faces";
	/** Argument for the camera crop blurred as Create Blurred Dataset blurs, with its sharp original. */
	public static final String BLURRED_CAMERA = "blurred-camera";

	@Override
	public void run(final String arg) {
		try {
			ResultWindows.begin(ij.WindowManager.getCurrentImage());
			for (final ImagePlus image : open(arg)) ResultWindows.show(image);
		}
		catch (final IOException | IllegalArgumentException e) {
			IJ.error("Deblur NMF", "Open Sample: " + e.getMessage());
		}
	}

	/** The images of sample {@code arg}, the last one the image to work on. */
	static ImagePlus[] open(final String arg) throws IOException {
		switch (arg) {
			case FACES:
				return new ImagePlus[] { Samples.open(Samples.FACES) };
			case BLURRED_CAMERA: {
				final ImagePlus sharp = Samples.open(Samples.CAMERA);
				sharp.setTitle("camera.tif");
				return new ImagePlus[] { sharp, Samples.blurred(sharp, GaussianPsf.DEFAULT_KERNEL, GaussianPsf.DEFAULT_SIGMA, "camera_blurred.tif") };
			}
			default:
				throw new IllegalArgumentException("unknown sample '" + arg + "'");
		}
	}
}

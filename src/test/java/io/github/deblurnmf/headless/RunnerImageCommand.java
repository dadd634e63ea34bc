package io.github.deblurnmf.headless;

import ij.ImagePlus;
import io.github.deblurnmf.command.DeblurNmfCommand;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** A command for testing the headless runner with a required image input. */
@Plugin(type = Command.class, label = "Runner Image")
public class RunnerImageCommand extends DeblurNmfCommand {

	@Parameter
	private ImagePlus input;

	@Parameter(type = ItemIO.OUTPUT)
	private String title;

	/** An image output: the runner does not print it (and, without an outputdir parameter, does not ask for one). */
	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus image;

	@Parameter(type = ItemIO.OUTPUT)
	private int width;

	@Parameter(type = ItemIO.OUTPUT)
	private int height;

	@Parameter(type = ItemIO.OUTPUT)
	private double mean;

	@Override
	protected void execute() {
		title = input.getTitle();
		width = input.getWidth();
		height = input.getHeight();
		mean = input.getStatistics().mean;
		image = input;
	}
}

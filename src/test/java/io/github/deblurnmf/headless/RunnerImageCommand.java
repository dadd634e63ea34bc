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

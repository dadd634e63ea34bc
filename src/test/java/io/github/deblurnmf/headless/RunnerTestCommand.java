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

import ij.IJ;
import ij.ImagePlus;
import io.github.deblurnmf.command.DeblurNmfCommand;
import io.github.deblurnmf.task.TaskCanceledException;
import io.github.deblurnmf.task.TaskMonitor;
import io.github.deblurnmf.task.UserInputException;

import java.io.File;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * A command for testing the headless runner: one input of each kind, outputs that echo them, a
 * validater, an initializer, a user-input failure (rank 13), a cancel (rank 99) and an unexpected exception (rank 666).
 */
@Plugin(type = Command.class, label = "Runner Test", description = "Echoes its inputs (runner tests)",
	initializer = "initialize")
public class RunnerTestCommand extends DeblurNmfCommand {

	static final String STRAY_LOG = "stray IJ.log line";

	@Parameter(label = "Factorization rank", description = "Number of components")
	private int rank = 16;

	@Parameter(validater = "checkTolerance")
	private double tolerance = 1e-4;

	@Parameter(choices = { "hals", "mu" })
	private String algorithm = "hals";

	@Parameter
	private boolean grayscale = true;

	@Parameter(required = false)
	private String layers = "";

	@Parameter(required = false)
	private File outputdir;

	@Parameter(required = false)
	private ImagePlus input;

	@Parameter(type = ItemIO.OUTPUT)
	private double ratio;

	@Parameter(type = ItemIO.OUTPUT)
	private String summary;

	@Parameter(type = ItemIO.OUTPUT)
	private boolean initialized;

	/** The module initializer: runs once before the command, after the inputs were set. */
	public void initialize() {
		initialized = true;
	}

	/** Rejects a negative tolerance, as a validater does when the input is resolved. */
	public void checkTolerance() {
		UserInputException.require(tolerance >= 0, "tolerance must not be negative");
	}

	@Override
	protected void execute() {
		UserInputException.require(rank != 13, "rank 13 is unlucky");
		if (rank == 666) throw new IllegalStateException("boom\nsecond line");
		if (rank == 99) throw new TaskCanceledException();
		final TaskMonitor monitor = monitor();
		for (int step = 1; step <= 3; step++) monitor.progress(step, 3, "step " + step);
		// In headless ImageJ, IJ.log prints to System.out: the runner must keep it off the results.
		IJ.log(STRAY_LOG);
		ratio = rank * tolerance;
		summary = "rank=" + rank + " algorithm=" + algorithm + " grayscale=" + grayscale + " layers=" + layers +
			" outputdir=" + outputdir + " input=" + (input == null ? null : input.getTitle());
	}
}

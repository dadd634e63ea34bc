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
package io.github.deblurnmf.convert;

import ij.ImagePlus;
import ij.ImageStack;
import io.github.deblurnmf.task.UserInputException;

/**
 * The one check that an image holds no NaN or infinite value, made by every command on every image
 * it reads (input and reference) before any work: a NaN would otherwise come out as a NaN image or a
 * {@code psnr=NaN}. Only 32-bit images can hold them.
 */
public final class FiniteValues {

	private FiniteValues() {}

	/**
	 * Throws unless every value of {@code image} is finite.
	 *
	 * @param role the image's parameter, e.g. {@code input} or {@code reference}, for the message
	 */
	public static void require(final ImagePlus image, final String role) {
		require(image, role, 0);
	}

	/** As {@link #require(ImagePlus, String)} for {@code image} holding the rows from {@code firstRow} on of the image it names. */
	public static void require(final ImagePlus image, final String role, final int firstRow) {
		if (image == null || image.getBitDepth() != 32) return;
		final ImageStack stack = image.getStack();
		for (int s = 1; s <= stack.getSize(); s++) {
			require((float[]) stack.getPixels(s), image.getWidth(), role + " " + image.getTitle(), stack.getSize() == 1 ? 0 : s, firstRow);
		}
	}

	/**
	 * Throws unless every value of one plane ({@code width} wide, row-major) is finite.
	 *
	 * @param what the image, for the message
	 * @param slice its slice number for the message, 0 for none
	 */
	public static void require(final float[] plane, final int width, final String what, final int slice) {
		require(plane, width, what, slice, 0);
	}

	private static void require(final float[] plane, final int width, final String what, final int slice, final int firstRow) {
		for (int i = 0; i < plane.length; i++) {
			if (!Float.isFinite(plane[i])) {
				throw new UserInputException(what + " has NaN or infinite values (" + plane[i] + " at x=" + i % width + ", y=" + (firstRow + i / width)
					+ (slice > 0 ? ", slice " + slice : "") + "); the commands need finite pixel values (replace them first, e.g. Process > Math > Remove NaNs)");
			}
		}
	}
}

package io.github.deblurnmf.command;

import ij.ImagePlus;

/**
 * What a command can tell a dialog about its inputs once the input image is chosen: the ImageJ 1
 * dialog ({@code ij1.CommandDialog}) updates the labels and enables the fields as the user picks an
 * image. The checks that count stay in the command; this only keeps a user from filling in a field
 * that cannot apply, and shows what it allows.
 */
public interface ImageDependentInputs {

	/** The label of input {@code key} for {@code image}, e.g. with its allowed range; null keeps the declared label. */
	default String label(final String key, final ImagePlus image) {
		return null;
	}

	/** Whether input {@code key} applies to {@code image}; a dialog disables the field (and clears a checkbox) if not. */
	default boolean applies(final String key, final ImagePlus image) {
		return true;
	}
}

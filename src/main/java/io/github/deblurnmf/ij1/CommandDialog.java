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
package io.github.deblurnmf.ij1;

import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.DialogListener;
import ij.gui.GenericDialog;
import ij.plugin.frame.Recorder;
import io.github.deblurnmf.command.ImageDependentInputs;
import io.github.deblurnmf.headless.CommandHelp;
import io.github.deblurnmf.launch.CommandLauncher;

import java.awt.AWTEvent;
import java.awt.Checkbox;
import java.awt.Choice;
import java.awt.Component;
import java.awt.Label;
import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.scijava.command.CommandInfo;
import org.scijava.module.Module;
import org.scijava.module.ModuleException;
import org.scijava.module.ModuleItem;
import org.scijava.util.Types;
import org.scijava.widget.FileWidget;

/**
 * The ImageJ 1 dialog of a command, made from its SciJava parameters, and the macro options it
 * records. A dialog shows the values of the last successful run in this session, else the defaults;
 * its Help button shows {@link CommandHelp#html}.
 * <p>
 * ImageJ's own recording keys a dialog field by the first word of its label; the commands' keys
 * are their parameter names, so the options are recorded here instead, one {@code key=value} per
 * parameter, values with spaces in brackets (ImageJ's {@link Recorder#recordOption}).
 * </p>
 */
final class CommandDialog {

	/** The choice of an optional image input that means "none". */
	static final String NONE = "(none)";

	/** The choice of an input that is an open image or a path ({@link #isPathOrImage}) that means "the path below". */
	static final String PATH_BELOW = "(the folder or file below)";

	/** Values of the last successful run of each command in this session, by key. */
	private static final Map<String, Map<String, String>> LAST = new HashMap<>();

	private final CommandInfo info;
	private final List<ModuleItem<?>> inputs;
	/** The command's field initializer values; null if it cannot be built. */
	private final Module defaults;
	/** Per key, the label and the field of each input, for {@link ImageDependentInputs}. */
	private final Map<String, Label> labels = new HashMap<>();
	private final Map<String, Component> fields = new HashMap<>();

	CommandDialog(final CommandInfo info) {
		this.info = info;
		this.inputs = CommandLauncher.userInputs(info);
		Module module = null;
		try {
			module = info.createModule();
		}
		catch (final ModuleException e) {
			// no defaults: every field starts empty
		}
		this.defaults = module;
	}

	/** Shows the dialog; returns the options as key → text, or null if the user canceled. */
	Map<String, String> show() {
		final Map<String, String> initial = initialValues();
		final GenericDialog dialog = new GenericDialog(info.getTitle());
		final String description = info.getDescription();
		if (description != null && !description.isBlank()) dialog.addMessage(description);
		final String[] titles = openImageTitles();
		final List<String> images = new ArrayList<>();
		for (final ModuleItem<?> item : inputs) {
			if (ImagePlus.class.isAssignableFrom(Types.box(item.getType())) && item.isRequired()) images.add(key(item));
		}
		final ImagePlus current = WindowManager.getCurrentImage();
		initial.putAll(imageDefaults(images, initial, List.of(titles), current == null ? null : current.getTitle()));
		for (final ModuleItem<?> item : inputs) add(dialog, item, initial.get(key(item)), titles);
		dialog.addHelp(CommandHelp.html(info));
		followImageChoice(dialog);
		dialog.showDialog();
		if (dialog.wasCanceled()) return null;
		final Map<String, String> values = new LinkedHashMap<>();
		for (final ModuleItem<?> item : inputs) values.put(key(item), next(dialog, item, titles));
		return values;
	}

	/** Keeps {@code options} as the next dialog's values: called after a run from the dialog succeeded. */
	static void remember(final String label, final Map<String, String> options) {
		LAST.put(label, new LinkedHashMap<>(options));
	}

	/** Replaces whatever ImageJ's dialog recorded by {@code options}, keyed by parameter name. */
	static void record(final Map<String, String> options) {
		Recorder.resetCommandOptions();
		for (final Map.Entry<String, String> option : options.entrySet()) {
			if (!option.getValue().isEmpty()) Recorder.recordOption(option.getKey(), option.getValue());
		}
	}

	/** The options as ImageJ records them: {@code key=value}, values with spaces in brackets, empty ones left out. */
	static String macroOptions(final Map<String, String> options) {
		final StringBuilder text = new StringBuilder();
		for (final Map.Entry<String, String> option : options.entrySet()) {
			final String value = option.getValue();
			if (value.isEmpty()) continue;
			if (text.length() > 0) text.append(' ');
			text.append(option.getKey()).append('=').append(value.indexOf(' ') >= 0 ? "[" + value + "]" : value);
		}
		return text.toString();
	}

	/**
	 * The open image each required image input of {@code keys} starts with when its value in
	 * {@code initial} is not an open image's title: {@code input} (else the first) the current image, the
	 * others each another open image, the first opened first, so that Compare Images does not compare an
	 * image with itself (with the blurred camera sample: reference camera.tif, input the current image).
	 */
	static Map<String, String> imageDefaults(final List<String> keys, final Map<String, String> initial, final List<String> titles,
		final String current)
	{
		final Map<String, String> chosen = new LinkedHashMap<>();
		final List<String> taken = new ArrayList<>();
		for (final String key : keys) {
			if (titles.contains(initial.get(key))) taken.add(initial.get(key));
		}
		final String first = keys.contains("input") ? "input" : keys.isEmpty() ? null : keys.get(0);
		if (first != null && !titles.contains(initial.get(first)) && titles.contains(current) && !taken.contains(current)) {
			chosen.put(first, current);
			taken.add(current);
		}
		for (final String key : keys) {
			if (titles.contains(initial.get(key)) || chosen.containsKey(key)) continue;
			final String other = titles.stream().filter(t -> !taken.contains(t)).findFirst().orElse(current);
			if (other == null) continue;
			chosen.put(key, other);
			taken.add(other);
		}
		return chosen;
	}

	// -- Helper methods --

	private static String key(final ModuleItem<?> item) {
		return item.getName().toLowerCase(Locale.ROOT);
	}

	private Map<String, String> initialValues() {
		final Map<String, String> values = new HashMap<>();
		for (final ModuleItem<?> item : inputs) {
			final Object value = defaults == null ? null : item.getValue(defaults);
			values.put(key(item), value == null || value instanceof ImagePlus ? "" : value instanceof File ? ((File) value).getPath() : String.valueOf(value));
		}
		final Map<String, String> last = LAST.get(info.getTitle());
		if (last != null) values.putAll(last);
		return values;
	}

	private static String[] openImageTitles() {
		final int[] ids = WindowManager.getIDList();
		final List<String> titles = new ArrayList<>();
		if (ids != null) {
			for (final int id : ids) {
				final ImagePlus image = WindowManager.getImage(id);
				if (image != null) titles.add(image.getTitle());
			}
		}
		return titles.toArray(new String[0]);
	}

	private static String label(final ModuleItem<?> item) {
		final String label = item.getLabel();
		return label == null || label.isBlank() ? item.getName() : label;
	}

	/** A text input with the directory style: a folder, an image file, or an open image's title (Create Blurred Dataset's input). */
	private static boolean isPathOrImage(final ModuleItem<?> item) {
		return item.getType() == String.class && isDirectory(item);
	}

	private static boolean isDirectory(final ModuleItem<?> item) {
		final String style = item.getWidgetStyle();
		return style != null && style.contains(FileWidget.DIRECTORY_STYLE);
	}

	/**
	 * Adds the field of {@code item}: open images as a choice (a path field when none is open),
	 * files and folders with a browse button, checkboxes, choices, numbers and text.
	 */
	private void add(final GenericDialog dialog, final ModuleItem<?> item, final String value, final String[] titles) {
		final String label = label(item);
		final Class<?> type = Types.box(item.getType());
		final List<?> choices = item.getChoices();
		final ImagePlus current = WindowManager.getCurrentImage();
		if (ImagePlus.class.isAssignableFrom(type)) {
			if (titles.length == 0) {
				dialog.addFileField(label, value);
				return;
			}
			final List<String> items = new ArrayList<>();
			if (!item.isRequired()) items.add(NONE);
			items.addAll(List.of(titles));
			final String selected = items.contains(value) ? value : item.isRequired() && current != null ? current.getTitle() : items.get(0);
			dialog.addChoice(label, items.toArray(new String[0]), selected);
			keep(dialog, item, lastChoice(dialog));
		}
		else if (isPathOrImage(item)) {
			// An open image is chosen from a list (a title in a folder field would get a '/' appended and never
			// match); a folder or file goes in the path field below it.
			final boolean isTitle = List.of(titles).contains(value);
			if (titles.length > 0) {
				final List<String> items = new ArrayList<>(List.of(titles));
				items.add(PATH_BELOW);
				final String selected = isTitle ? value : !value.isEmpty() || current == null ? PATH_BELOW : current.getTitle();
				dialog.addChoice(label, items.toArray(new String[0]), selected);
				dialog.addDirectoryField("Folder or file", isTitle ? "" : value);
			}
			else dialog.addDirectoryField(label, isTitle ? "" : value);
		}
		else if (type == File.class) {
			if (isDirectory(item)) dialog.addDirectoryField(label, value);
			else dialog.addFileField(label, value);
		}
		else if (type == Boolean.class) {
			dialog.addCheckbox(label, Boolean.parseBoolean(value));
			keep(dialog, item, (Component) dialog.getCheckboxes().lastElement());
		}
		else if (choices != null && !choices.isEmpty()) {
			final String[] items = choices.stream().map(String::valueOf).toArray(String[]::new);
			dialog.addChoice(label, items, value);
			keep(dialog, item, lastChoice(dialog));
		}
		else if (type == Integer.class || type == Long.class) {
			dialog.addNumericField(label, Double.parseDouble(value), 0);
			keep(dialog, item, (Component) dialog.getNumericFields().lastElement());
		}
		else dialog.addStringField(label, value, 12);
	}

	private static Component lastChoice(final GenericDialog dialog) {
		return (Component) dialog.getChoices().lastElement();
	}

	private void keep(final GenericDialog dialog, final ModuleItem<?> item, final Component field) {
		fields.put(key(item), field);
		if (!(field instanceof Checkbox)) labels.put(key(item), dialog.getLabel());
	}

	/**
	 * For a command that says how its inputs depend on the input image ({@link ImageDependentInputs}):
	 * updates the labels and enables the fields for the image chosen, now and whenever the choice changes.
	 */
	private void followImageChoice(final GenericDialog dialog) {
		if (defaults == null || !(defaults.getDelegateObject() instanceof ImageDependentInputs)) return;
		final ImageDependentInputs hints = (ImageDependentInputs) defaults.getDelegateObject();
		final Component input = fields.get("input");
		if (!(input instanceof Choice)) return;
		final Runnable update = () -> {
			final ImagePlus image = WindowManager.getImage(((Choice) input).getSelectedItem());
			for (final ModuleItem<?> item : inputs) {
				final String key = key(item);
				final String text = hints.label(key, image);
				if (text != null && labels.containsKey(key)) labels.get(key).setText(text);
				final Component field = fields.get(key);
				if (field == null || field == input) continue;
				final boolean applies = hints.applies(key, image);
				field.setEnabled(applies);
				if (!applies && field instanceof Checkbox) ((Checkbox) field).setState(false);
			}
			// A longer label needs a wider dialog.
			if (dialog.isShowing() && dialog.getPreferredSize().width > dialog.getWidth()) dialog.pack();
			else dialog.validate();
		};
		update.run();
		dialog.addDialogListener(new DialogListener() {

			@Override
			public boolean dialogItemChanged(final GenericDialog gd, final AWTEvent e) {
				if (e != null && e.getSource() == input) update.run();
				return true;
			}
		});
	}

	/** Reads the field of {@code item} back as option text, in the order {@link #add} added it. */
	private static String next(final GenericDialog dialog, final ModuleItem<?> item, final String[] titles) {
		final Class<?> type = Types.box(item.getType());
		final List<?> choices = item.getChoices();
		if (ImagePlus.class.isAssignableFrom(type)) {
			if (titles.length == 0) return dialog.getNextString().trim();
			final String choice = dialog.getNextChoice();
			return choice.equals(NONE) ? "" : choice;
		}
		if (isPathOrImage(item)) {
			final String choice = titles.length > 0 ? dialog.getNextChoice() : PATH_BELOW;
			final String path = dialog.getNextString().trim();
			// The folder field ends a path with '/'; a file path reads better without it.
			return !choice.equals(PATH_BELOW) ? choice : new File(path).isFile() ? new File(path).getPath() : path;
		}
		if (type == File.class) return dialog.getNextString().trim();
		if (type == Boolean.class) return String.valueOf(dialog.getNextBoolean());
		if (choices != null && !choices.isEmpty()) return dialog.getNextChoice();
		if (type == Integer.class || type == Long.class) {
			final double number = dialog.getNextNumber();
			// Text that is not a number stays as typed, so the command reports it.
			return Double.isNaN(number) ? "NaN" : String.valueOf(Math.round(number));
		}
		return dialog.getNextString().trim();
	}
}

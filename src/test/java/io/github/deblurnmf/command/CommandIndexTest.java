package io.github.deblurnmf.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;
import org.scijava.plugin.PluginService;
import org.scijava.service.Service;

/**
 * The SciJava plugin index lists each command once, by its label and with the contract's parameter
 * keys, with no SciJava menu path and not visible: its one menu entry is in plugins.config (see
 * {@code ij1.PluginsConfigTest}), imagej-legacy would let a SciJava menu entry with the same
 * label take over that one, and Fiji's search bar lists every visible labelled command.
 */
class CommandIndexTest {

	private static Context context;

	@BeforeAll
	static void createContext() {
		context = new Context(PluginService.class, CommandService.class);
	}

	@AfterAll
	static void disposeContext() {
		context.dispose();
	}

	/** The one command labelled {@code label}, checked to be listed exactly once, without a menu path. */
	private static CommandInfo command(final String label) {
		final List<CommandInfo> found = context.service(CommandService.class).getCommands().stream()
			.filter(info -> label.equals(info.getTitle())).collect(Collectors.toList());
		assertEquals(1, found.size(), label + " listed " + found.size() + " times");
		final CommandInfo info = found.get(0);
		assertTrue(info.getMenuPath().isEmpty(), label + " has a SciJava menu path: " + info.getMenuPath());
		assertFalse(info.isVisible(), label + " is visible: Fiji's search bar would list it beside its menu entry");
		assertTrue(info.is(DeblurNmfCommand.NO_RECORD), label + " lacks no-record: Fiji would record its inputs a second time");
		return info;
	}

	/** The names of the inputs a user sets: services are injected, not given. */
	private static List<String> userInputs(final CommandInfo info) {
		final List<String> names = new ArrayList<>();
		for (final ModuleItem<?> item : info.inputs()) {
			if (!Service.class.isAssignableFrom(item.getType()) && !Context.class.isAssignableFrom(item.getType())) names.add(item.getName());
		}
		return names;
	}

	private static void assertInputs(final String label, final String... keys) {
		final List<String> inputs = userInputs(command(label));
		assertTrue(inputs.containsAll(List.of(keys)), label + " inputs " + inputs + " lack some of " + List.of(keys));
		for (final String name : inputs) assertEquals(name.toLowerCase(Locale.ROOT), name, "a key is the lowercase name");
	}

	@Test
	void nmfDecompose() {
		assertInputs("NMF Decompose", "input", "rank", "algorithm", "layers", "iterations", "tolerance", "init", "seed", "loss", "alphaw", "alphah", "l1ratio", "outputdir");
	}

	@Test
	void nmfDenoise() {
		assertInputs("NMF Denoise", "input", "rank", "mode", "patch", "algorithm", "iterations", "seed", "loss", "alphaw", "alphah", "l1ratio", "reference", "outputdir");
	}

	@Test
	void createBlurredDataset() {
		assertInputs("Create Blurred Dataset", "input", "output", "size", "kernel", "sigma", "noise", "grayscale", "seed", "overwrite");
	}

	@Test
	void deblurImage() {
		assertInputs("Deblur Image", "input", "model", "method", "sigma", "iterations", "tile", "overlap", "reference", "outputdir");
	}

	@Test
	void trainDeblurAe() {
		assertInputs("Train Deblur AE", "dataset", "model", "architecture", "epochs", "batch", "learningrate", "ssimweight", "validation", "seed",
			"resume", "overwrite");
	}

	@Test
	void compareImages() {
		assertInputs("Compare Images", "reference", "input");
		assertEquals(List.of("reference", "input"), userInputs(command("Compare Images")), "reference first, as in the contract");
	}
}

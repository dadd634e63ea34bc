package io.github.deblurnmf.headless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.PluginService;

class ProcessorChainTest {

	@Test
	void leavesOutPrefsAndDialogsButKeepsInjectionInitializersAndChecks() {
		try (Context context = new Context()) {
			final PluginService plugins = context.service(PluginService.class);
			// In a full context these can be created, so leaving them out is the chain's doing.
			final List<String> all = plugins.createInstancesOfType(PreprocessorPlugin.class).stream().map(p -> p.getClass().getSimpleName()).collect(Collectors.toList());
			assertTrue(all.containsAll(List.of("LoadInputsPreprocessor", "SaveInputsPreprocessor", "FilePreprocessor")), all.toString());
			final List<String> pre = ProcessorChain.preprocessors(plugins).stream().map(p -> p.getClass().getSimpleName()).collect(Collectors.toList());
			for (final String excluded : List.of("LoadInputsPreprocessor", "SaveInputsPreprocessor", "FilePreprocessor", "FileListPreprocessor")) {
				assertFalse(pre.contains(excluded), excluded + " in " + pre);
			}
			for (final String kept : List.of("ServicePreprocessor", "InitPreprocessor", "ValidityPreprocessor", "CheckInputsPreprocessor")) {
				assertTrue(pre.contains(kept), kept + " missing from " + pre);
			}
			assertTrue(pre.indexOf("ServicePreprocessor") < pre.indexOf("InitPreprocessor"), "priority order: " + pre);
			assertEquals(List.of("DebugPostprocessor"),
				ProcessorChain.postprocessors(plugins).stream().map(p -> p.getClass().getSimpleName()).collect(Collectors.toList()));
		}
	}
}

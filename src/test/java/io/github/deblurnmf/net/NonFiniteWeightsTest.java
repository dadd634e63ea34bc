package io.github.deblurnmf.net;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.deblurnmf.task.UserInputException;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NonFiniteWeightsTest {

	@TempDir
	Path tmp;

	@Test
	void aModelWithANanWeightIsRefusedOnLoad() throws Exception {
		final Path zip = BrokenModels.withNanWeight(tmp.resolve("nan.zip"));
		final UserInputException e = assertThrows(UserInputException.class, () -> DeblurNetwork.load(zip));
		assertTrue(e.getMessage().startsWith("The model's network has 1 NaN or infinite weight(s) of "), e.getMessage());
	}
}

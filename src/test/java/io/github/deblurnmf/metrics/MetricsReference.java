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
package io.github.deblurnmf.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ij.IJ;
import ij.ImagePlus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Properties;

/**
 * The test images and the numbers that scikit-image computed for them, from
 * {@code src/test/resources/metrics/} (written by {@code make_reference.py} there).
 */
final class MetricsReference {

	private static final Properties VALUES = load();

	private MetricsReference() {}

	static double number(final String key) {
		return Double.parseDouble(text(key));
	}

	static int integer(final String key) {
		return Integer.parseInt(text(key));
	}

	static double[] numbers(final String key) {
		return Arrays.stream(text(key).split(",")).mapToDouble(Double::parseDouble).toArray();
	}

	/**
	 * The pixels of {@code metrics/<name>.tif}, read with ImageJ 1 as the plugin's users would open it;
	 * checks that ImageJ sees a single 32-bit plane of the expected size.
	 */
	static float[] pixels(final String name, final int width, final int height) {
		final ImagePlus image = IJ.openImage(resourcePath(name + ".tif"));
		assertNotNull(image, "ImageJ could not open " + name + ".tif");
		assertEquals(32, image.getBitDepth(), name + ".tif should open as 32-bit float");
		assertEquals(1, image.getStackSize(), name + ".tif should be a single plane");
		assertEquals(width, image.getWidth(), name + ".tif width");
		assertEquals(height, image.getHeight(), name + ".tif height");
		return (float[]) image.getProcessor().getPixels();
	}

	private static String text(final String key) {
		final String value = VALUES.getProperty(key);
		assertNotNull(value, "reference.properties has no " + key);
		return value;
	}

	private static String resourcePath(final String fileName) {
		final URL url = MetricsReference.class.getResource("/metrics/" + fileName);
		assertNotNull(url, "missing test resource metrics/" + fileName);
		try {
			return Paths.get(url.toURI()).toString();
		}
		catch (final URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	private static Properties load() {
		try (InputStream in = MetricsReference.class.getResourceAsStream("/metrics/reference.properties")) {
			if (in == null) throw new IllegalStateException("missing test resource metrics/reference.properties");
			final Properties properties = new Properties();
			properties.load(in);
			return properties;
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}

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
package io.github.deblurnmf.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes minimal baseline TIFFs byte by byte, as other software does (one image directory per
 * slice, uncompressed, little-endian), e.g. signed 16-bit (SampleFormat 2) as tifffile writes
 * {@code int16}; and cuts files short to make truncated copies.
 */
public final class RawTiff {

	private RawTiff() {}

	/** A 16-bit TIFF of {@code slices.length} slices; {@code signed} sets SampleFormat 2 (two's complement). */
	public static Path write16(final Path file, final int width, final int height, final boolean signed, final short[]... slices) throws IOException {
		final int pixelBytes = width * height * 2;
		final int entries = signed ? 10 : 9;
		final int ifdBytes = 2 + entries * 12 + 4;
		final ByteBuffer b = ByteBuffer.allocate(8 + slices.length * (ifdBytes + pixelBytes)).order(ByteOrder.LITTLE_ENDIAN);
		b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
		int position = 8;
		for (int s = 0; s < slices.length; s++) {
			final int pixels = position + ifdBytes;
			final int next = s + 1 < slices.length ? pixels + pixelBytes : 0;
			b.putShort((short) entries);
			entry(b, 256, 3, width);
			entry(b, 257, 3, height);
			entry(b, 258, 3, 16);
			entry(b, 259, 3, 1);
			entry(b, 262, 3, 1);
			entry(b, 273, 4, pixels);
			entry(b, 277, 3, 1);
			entry(b, 278, 3, height);
			entry(b, 279, 4, pixelBytes);
			if (signed) entry(b, 339, 3, 2);
			b.putInt(next);
			for (final short v : slices[s]) b.putShort(v);
			position = pixels + pixelBytes;
		}
		Files.write(file, b.array());
		return file;
	}

	private static void entry(final ByteBuffer b, final int tag, final int type, final int value) {
		b.putShort((short) tag).putShort((short) type).putInt(1);
		if (type == 3) b.putShort((short) value).putShort((short) 0);
		else b.putInt(value);
	}

	/** Cuts the last {@code bytes} bytes off {@code file}, as an interrupted copy would. */
	public static Path truncate(final Path file, final int bytes) throws IOException {
		final byte[] all = Files.readAllBytes(file);
		Files.write(file, java.util.Arrays.copyOf(all, all.length - bytes));
		return file;
	}

	/** Keeps the first {@code length} bytes of {@code file}. */
	public static Path cutTo(final Path file, final long length) throws IOException {
		final byte[] all = Files.readAllBytes(file);
		Files.write(file, java.util.Arrays.copyOf(all, (int) length));
		return file;
	}

	/** Where the pixel data of the first image of a TIFF start (ImageJ writes its stacks' slices after it, contiguous). */
	public static long pixelOffset(final Path file) throws IOException {
		return new ij.io.TiffDecoder(file.getParent() + java.io.File.separator, file.getFileName().toString()).getTiffInfo()[0].getOffset();
	}

	/** {@code n} values {@code from, from + step, …}. */
	public static short[] ramp(final int n, final int from, final int step) {
		final short[] out = new short[n];
		for (int i = 0; i < n; i++) out[i] = (short) (from + i * step);
		return out;
	}
}

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
package io.github.deblurnmf.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deblur Image with its input and outputdir on HDFS (an HDFS of one data node in this JVM): bands of
 * rows read from HDFS streams, a small image copied whole, outputs put in place by HDFS's rename, a
 * rerun skipping them.
 */
class SparkHdfsTest {

	@TempDir
	static Path dir;
	static MiniDFSCluster cluster;
	static FileSystem fs;
	static String root;

	@BeforeAll
	static void start() throws Exception {
		final Configuration conf = new Configuration();
		conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
		cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
		cluster.waitActive();
		fs = cluster.getFileSystem();
		root = "hdfs://localhost:" + cluster.getNameNodePort();
	}

	@AfterAll
	static void stop() {
		if (cluster != null) cluster.shutdown();
	}

	@Test
	void imagesInBandsOnHdfsEqualTheCommandAndARerunSkipsThem() throws Exception {
		final Path local = dir.resolve("large");
		final List<Path> images = new ArrayList<>(SparkRuns.images(local, 2, 160, 240));
		// And one under the limit: one task copies it whole from HDFS.
		final Path small = Files.move(SparkRuns.images(dir.resolve("small"), 1, 48, 40).get(0), local.resolve("small.tif"));
		images.add(small);
		final org.apache.hadoop.fs.Path in = new org.apache.hadoop.fs.Path(root + "/in");
		fs.mkdirs(in);
		for (final Path image : images) fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(image.toUri()), new org.apache.hadoop.fs.Path(in, image.getFileName().toString()));
		final String args = "input='" + root + "/in',outputdir='" + root + "/out',tile=64,overlap=8,tilegroup=0.02";
		final SparkRuns.Result r = SparkRuns.spark("--master", "local[2]", "--run", "Deblur Image", args);
		assertEquals(0, r.code, r.err);
		assertTrue(r.err.contains("img01.tif: 5 bands in"), r.err);
		final List<String> names = new ArrayList<>();
		for (final FileStatus st : fs.listStatus(new org.apache.hadoop.fs.Path(root + "/out"))) names.add(st.getPath().getName());
		names.sort(null);
		assertEquals(List.of(SparkDeblur.ROWS, "img00_deblurred.tif", "img01_deblurred.tif", "small_deblurred.tif", "summary.csv"), names);
		for (final Path image : images) {
			final String name = image.getFileName().toString().replace(".tif", "_deblurred.tif");
			final Path copy = dir.resolve("copy-" + name);
			fs.copyToLocalFile(new org.apache.hadoop.fs.Path(root + "/out/" + name), new org.apache.hadoop.fs.Path(copy.toUri()));
			final Path single = dir.resolve("single-" + image.getFileName());
			SparkRuns.headless("Deblur Image", "input='" + image + "',tile=64,overlap=8,outputdir='" + single + "'");
			assertArrayEquals(SparkRuns.pixels(single.resolve("deblurred.tif")), SparkRuns.pixels(copy), name);
		}
		final long modified = fs.getFileStatus(new org.apache.hadoop.fs.Path(root + "/out/img00_deblurred.tif")).getModificationTime();
		final SparkRuns.Result again = SparkRuns.spark("--master", "local[2]", "--run", "Deblur Image", args);
		assertEquals(0, again.code, again.err);
		assertEquals("3", again.figure("skipped"));
		assertEquals(modified, fs.getFileStatus(new org.apache.hadoop.fs.Path(root + "/out/img00_deblurred.tif")).getModificationTime());
		assertFalse(Files.exists(dir.resolve("out")), "nothing written to the local file system");
	}
}

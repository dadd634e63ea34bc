// Decompose the open stack into NMF bases and save bases, coefficients, reconstruction and the
// error curve into a folder.
//
// Inside Fiji: open a stack (for example the LFW faces sample), then run this macro.
// Batch: pass "<output folder>" as the argument, e.g.
//   ImageJ-linux64 --headless -batch nmf_decompose_stack.ijm /tmp/nmf_out
// (with an image already opened by the same macro call, or edit the open() line below).

out = getArgument();
if (out == "") out = getDirectory("Choose a folder for the NMF results");
if (!endsWith(out, File.separator)) out = out + File.separator;
if (nImages == 0) exit("Open a stack first (each slice becomes one column of A)");
title = getTitle();
run("NMF Decompose", "input=[" + title + "] rank=16 algorithm=hals iterations=500 tolerance=0.0001 init=nndsvd seed=1 outputdir=[" + out + "]");
print("NMF bases of " + title + " written to " + out + "bases.tif");

// NMF Decompose: factor a stack into non-negative bases W and coefficients H, and save the bases
// (as a stack and as a montage), the coefficients, the reconstruction and the error curve.
//
// Adapt: set `rank` (number of bases) or `layers` (deep NMF, e.g. "64,32,16").
// In ImageJ/Fiji: open a stack, then run this macro; it asks for an output folder.
// Batch (plain ImageJ 1; `--headless -batch` in Fiji):
//   java -jar jars/ij-1.54g.jar -ijpath . -batch macros/nmf_decompose_stack.ijm "output=/tmp/nmf input=/data/stack.tif"
// With no image open and no input, it decomposes the LFW faces sample.

args = getArgument();
output = option(args, "output", "");
input = option(args, "input", "");
rank = option(args, "rank", "16");

if (output == "") output = getDirectory("Choose an empty folder for the NMF results");
setBatchMode(true);
if (input != "") open(input);
else if (nImages == 0) run("LFW Faces Stack");
title = getTitle();
run("NMF Decompose", "input=[" + title + "] rank=" + rank + " algorithm=hals iterations=500 tolerance=0.0001 init=nndsvd seed=1 montage=true outputdir=[" + output + "]");
print("NMF Decompose of " + title + ": bases, bases_montage, coefficients, reconstruction and error curve in " + output);

// The value of `key=value` in the macro argument, or `default`; values with spaces go in [brackets].
function option(args, key, default) {
	i = indexOf(" " + args, " " + key + "=");
	if (i < 0) return default;
	value = substring(args, i + lengthOf(key) + 1);
	if (startsWith(value, "[")) return substring(value, 1, indexOf(value, "]"));
	if (indexOf(value, " ") >= 0) value = substring(value, 0, indexOf(value, " "));
	return value;
}

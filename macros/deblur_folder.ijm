// Deblur Image on every image of a folder, with the shipped network (or method=wiener /
// method=richardson-lucy with the blur's sigma); each result is saved as <name>_deblurred.tif.
// Existing results are not overwritten: the macro stops instead.
//
// Batch: ... -batch macros/deblur_folder.ijm "input=/data/blurred output=/tmp/deblurred method=network"
// Add model=[/path/model.zip] for a model trained with Train Deblur AE.
// With no input folder, it deblurs a blurred copy of the camera sample (written to output/input).

args = getArgument();
output = option(args, "output", "");
input = option(args, "input", "");
method = option(args, "method", "network");
model = option(args, "model", "");

if (output == "") output = getDirectory("Choose a folder for the deblurred images");
if (!endsWith(output, File.separator)) output = output + File.separator;
File.makeDirectory(output);
setBatchMode(true);
if (input == "") {
	input = output + "input" + File.separator;
	File.makeDirectory(input);
	run("Blurred Camera and Original");
	saveAs("Tiff", input + "camera_blurred.tif");
	close("*");
}
if (!endsWith(input, File.separator)) input = input + File.separator;
files = getFileList(input);
count = 0;
for (i = 0; i < files.length; i++) {
	if (endsWith(files[i], "/")) continue;
	name = File.getNameWithoutExtension(files[i]);
	target = output + name + "_deblurred.tif";
	if (File.exists(target)) exit("Not overwriting " + target);
	open(input + files[i]);
	options = "input=[" + getTitle() + "] method=" + method;
	if (model != "") options = options + " model=[" + model + "]";
	run("Deblur Image", options);
	saveAs("Tiff", target);
	close("*");
	count++;
}
print("Deblur Image (" + method + "): " + count + " images of " + input + " deblurred into " + output);

// The value of `key=value` in the macro argument, or `default`; values with spaces go in [brackets].
function option(args, key, default) {
	i = indexOf(" " + args, " " + key + "=");
	if (i < 0) return default;
	value = substring(args, i + lengthOf(key) + 1);
	if (startsWith(value, "[")) return substring(value, 1, indexOf(value, "]"));
	if (indexOf(value, " ") >= 0) value = substring(value, 0, indexOf(value, " "));
	return value;
}

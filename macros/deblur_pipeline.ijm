// The whole deblurring pipeline: Create Blurred Dataset from a folder of sharp images, Train Deblur
// AE on it, then Deblur Image with the new model and Compare Images against the sharp original.
//
// The defaults make a tiny, quick run (64×64 tiles, 2 epochs, a narrow U-Net) to show the steps;
// for a useful model use the commands' defaults (160×160 tiles, 20+ epochs, basewidth=16) and many
// images, as models/README.md describes.
// Batch: ... -batch macros/deblur_pipeline.ijm "input=/data/sharp output=/tmp/pipeline epochs=20"
// With no input folder, it uses the camera sample (written to output/sharp).

args = getArgument();
output = option(args, "output", "");
input = option(args, "input", "");
epochs = option(args, "epochs", "2");
size = option(args, "size", "64");

if (output == "") output = getDirectory("Choose an empty folder for the pipeline");
if (!endsWith(output, File.separator)) output = output + File.separator;
File.makeDirectory(output);
setBatchMode(true);
run("Blurred Camera and Original");
blurred = "camera_blurred.tif";
sharp = "camera.tif";
if (input == "") {
	input = output + "sharp";
	File.makeDirectory(input);
	selectImage(sharp);
	saveAs("Tiff", input + File.separator + "camera.tif");
	rename(sharp);
}
run("Create Blurred Dataset", "input=[" + input + "] output=[" + output + "dataset] size=" + size + " kernel=20 sigma=3 noise=0");
run("Train Deblur AE", "dataset=[" + output + "dataset] model=[" + output + "model.zip] architecture=unet epochs=" + epochs + " batch=2 basewidth=4 validation=0.25 seed=1");
run("Deblur Image", "input=" + blurred + " model=[" + output + "model.zip] reference=" + sharp);
saveAs("Tiff", output + "camera_deblurred.tif");
print("Pipeline done: dataset, model.zip (+ model_training.csv) and camera_deblurred.tif in " + output);

// The value of `key=value` in the macro argument, or `default`; values with spaces go in [brackets].
function option(args, key, default) {
	i = indexOf(" " + args, " " + key + "=");
	if (i < 0) return default;
	value = substring(args, i + lengthOf(key) + 1);
	if (startsWith(value, "[")) return substring(value, 1, indexOf(value, "]"));
	if (indexOf(value, " ") >= 0) value = substring(value, 0, indexOf(value, " "));
	return value;
}

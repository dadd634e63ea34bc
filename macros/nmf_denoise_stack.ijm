// NMF Denoise: denoise a stack by a low-rank NMF reconstruction, the rank chosen automatically
// (rank=0: the rank that best predicts held-out pixels, see rank_sweep.csv).
//
// In ImageJ/Fiji: open a noisy stack, then run this macro; it asks for an output folder.
// Batch: ... -batch macros/nmf_denoise_stack.ijm "output=/tmp/denoise input=/data/noisy.tif"
// With no image open and no input, it makes a 30-frame "time-lapse" of the camera sample (the same
// scene, fading in), adds Gaussian noise (std 25) to every frame, and reports the PSNR of the noisy
// and of the denoised stack against the clean one. Stack mode suits such stacks of one scene; a
// stack of different images (the LFW faces) is not of low rank and gets worse.

args = getArgument();
output = option(args, "output", "");
input = option(args, "input", "");

if (output == "") output = getDirectory("Choose an empty folder for the denoised stack");
setBatchMode(true);
reference = "";
if (input != "") open(input);
else if (nImages == 0) {
	run("Blurred Camera and Original");
	selectImage("camera.tif");
	run("Select All");
	run("Copy");
	frames = 30;
	newImage("timelapse.tif", "8-bit black", getWidth(), getHeight(), frames);
	for (i = 1; i <= frames; i++) {
		setSlice(i);
		run("Paste");
		run("Multiply...", "value=" + (0.5 + 0.5 * i / frames) + " slice");
	}
	run("Select None");
	reference = getTitle();
	run("Duplicate...", "title=timelapse_noisy.tif duplicate");
	run("Add Specified Noise...", "stack standard=25"); // 8-bit: clipped to 0-255, so non-negative as NMF needs
}
title = getTitle();
options = "input=[" + title + "] rank=0 mode=stack outputdir=[" + output + "]";
if (reference != "") options = options + " reference=[" + reference + "]";
run("NMF Denoise", options);
print("NMF Denoise of " + title + ": denoised.tif and rank_sweep.csv in " + output);

// The value of `key=value` in the macro argument, or `default`; values with spaces go in [brackets].
function option(args, key, default) {
	i = indexOf(" " + args, " " + key + "=");
	if (i < 0) return default;
	value = substring(args, i + lengthOf(key) + 1);
	if (startsWith(value, "[")) return substring(value, 1, indexOf(value, "]"));
	if (indexOf(value, " ") >= 0) value = substring(value, 0, indexOf(value, " "));
	return value;
}

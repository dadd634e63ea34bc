# The example macros of macros/ and the files each one must write into its output folder; sourced by
# .ci/run-macros (plain ImageJ 1) and .ci/run-imagej2 (ImageJ2 + legacy), so both check the same.
# Every macro of macros/, so that a new one without expectations below fails the checks.
example_macros=()
for macro_file in macros/*.ijm; do example_macros+=("$(basename "$macro_file" .ijm)"); done
macro_outputs() { # <macro>: the files it writes, relative to its output folder
	case "$1" in
		nmf_decompose_stack) echo bases.tif bases_montage.tif coefficients.csv reconstruction.tif error.csv ;;
		nmf_denoise_stack) echo denoised.tif rank_sweep.csv ;;
		deblur_folder) echo camera_blurred_deblurred.tif ;;
		deblur_pipeline) echo dataset/dataset.json model.zip model_training.csv camera_deblurred.tif ;;
		*) echo "macro_outputs: no expectations for $1" >&2; return 1 ;;
	esac
}
# Fails naming the first missing or empty output of <macro> in <output folder>.
check_macro_outputs() { # <macro> <output folder>
	local file
	for file in $(macro_outputs "$1"); do
		test -s "$2/$file" || { echo "macros/$1.ijm: $2/$file missing or empty" >&2; return 1; }
	done
}

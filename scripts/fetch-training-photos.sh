#!/usr/bin/env bash
# Collects real photos for training the deblurring networks (issue 9) from Debian packages and one
# Maven Central artifact, without installing anything:
#
#   scripts/fetch-training-photos.sh /work/data/photos
#
# writes
#   <out>/train/<source>/<name>.<jpg|png>   photos to train on
#   <out>/heldout/palapeli/<name>.jpg       palapeli-data's puzzle photos: never trained on
#   <out>/heldout-mate/mate/<name>.jpg      mate-backgrounds' nature photos: a second collection never trained on
#   <out>/licenses/<source>.copyright       each source's copyright file, as shipped
#   <out>/SOURCES.txt                       package versions, and counts and megapixels per source
# and keeps the downloads in <out>/.cache. Idempotent: a second run downloads nothing and writes the
# same selection (the folders are rebuilt from the cache). Only these sources are used:
#   training: Debian lomiri-wallpapers-16.04 lomiri-wallpapers-20.04 plasma-workspace-wallpapers lxqt-themes
#             python3-skimage (its skimage/data photos); Maven Central com.imagingbook:imagingbook-sample-images:7.2.0
#   held out (evaluation only): Debian palapeli-data (its collection/), mate-backgrounds (its nature/ photos)
# A photo is kept when it is a JPEG or PNG of at least MIN_SIDE pixels on both sides and not listed
# as excluded below (drawn, rendered or abstract pictures, logos, test patterns, woodcuts, a blurred
# sample, duplicates: motorcycle_right is the other view of motorcycle_left, IrishManor the same photo
# as Castle).
set -euo pipefail

OUT=${1:?usage: $0 <output folder>}
MIN_SIDE=256
IMAGINGBOOK=com.imagingbook:imagingbook-sample-images:7.2.0
PACKAGES=(lomiri-wallpapers-16.04 lomiri-wallpapers-20.04 plasma-workspace-wallpapers lxqt-themes palapeli-data python3-skimage mate-backgrounds)

# Pictures in those folders that are not photos (names without extension).
EXCLUDE_LOMIRI="analogpattern_by_Peter_Nerlich greentock_by_Peter_Nerlich umang_by_Abhishek_Mudgal
  Fossa_by_Jasper_Roks Infinite-Sea_by_Aury88 Painting-Colors_by__herobrine7gamer"
# plasma-workspace-wallpapers: by wallpaper folder; the photos are BytheWater ColdRipple ColorfulCups
# DarkestHour EveningGlow FallenLeaf Grey Kite OneStandsOut Path summer_1am.
EXCLUDE_PLASMA="Altai Autumn Canopee Cascade Cluster Elarun Flow FlyingKonqui Honeywave IceCold Kay Kokkini
  MilkyWay Opal PastelHills Patak SafeLanding Shell Volna"
EXCLUDE_LXQT="kde-plasma lxqt-origami-green origami-bright-logo origami-dark origami-light plasma-logo-bright
  plasma-logo-dark plasma_arch simple_blue_widescreen triangles triangles-logo waves-logo waves-purple-logo"
EXCLUDE_SKIMAGE="horse clock_motion truncated color chessboard_RGB chessboard_GRAY checker_bilevel block
  foo3x5x4indexed logo palette_color palette_gray green_palette phantom bw_text motorcycle_right"
EXCLUDE_IMAGINGBOOK="Blobs Cat CirclesSquares ColorTest3 DotBlot DotBlotSmall NoisyCircles NoisyEllipses
  NoisyLines Stars RhinoSmallInv MapleLeafSmall ToolsSmall Kepler RhinoBigCrop RhinoSmall Postcard2c IrishManor"

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
CACHE=$OUT/.cache
mkdir -p "$CACHE/debs" "$CACHE/x"

# -- downloads (skipped when cached) --
missing=()
for p in "${PACKAGES[@]}"; do
  compgen -G "$CACHE/debs/${p}_*.deb" > /dev/null || missing+=("$p")
done
if ((${#missing[@]})); then
  apt-get update -qq
  (cd "$CACHE/debs" && apt-get download "${missing[@]}")
fi
for deb in "$CACHE"/debs/*.deb; do
  p=$(basename "$deb" | cut -d_ -f1)
  [ -d "$CACHE/x/$p" ] || { mkdir -p "$CACHE/x/$p.tmp" && dpkg -x "$deb" "$CACHE/x/$p.tmp" && mv "$CACHE/x/$p.tmp" "$CACHE/x/$p"; }
done
if [ ! -d "$CACHE/x/imagingbook" ]; then
  mvn -B -q dependency:copy -Dartifact="$IMAGINGBOOK" -DoutputDirectory="$CACHE/jar" > /dev/null
  mkdir -p "$CACHE/x/imagingbook.tmp"
  unzip -q -o "$CACHE"/jar/imagingbook-sample-images-*.jar -d "$CACHE/x/imagingbook.tmp"
  mv "$CACHE/x/imagingbook.tmp" "$CACHE/x/imagingbook"
fi

# -- selection --
rm -rf "$OUT/train" "$OUT/heldout" "$OUT/heldout-mate" "$OUT/licenses"
mkdir -p "$OUT/train" "$OUT/heldout" "$OUT/heldout-mate" "$OUT/licenses"

# width and height of a JPEG or PNG, "W H" (nothing for other files)
size_of() {
  file -bL "$1" | grep -oE 'precision [0-9]+, [0-9]+x[0-9]+|PNG image data, [0-9]+ x [0-9]+' \
    | grep -oE '[0-9]+ ?x ?[0-9]+' | tr -d ' ' | tr x ' '
}

excluded() { # name list
  local n
  for n in $2; do [ "$n" = "$1" ] && return 0; done
  return 1
}

SUMMARY=()
# collect <destination folder> <exclusion list> <name mode: file|folder> <files...>
collect() {
  local dest=$1 exclude=$2 mode=$3; shift 3
  local count=0 pixels=0 f name w h ext
  mkdir -p "$dest"
  for f in "$@"; do
    [ -f "$f" ] || continue
    if [ "$mode" = folder ]; then name=$(basename "$(dirname "$(dirname "$(dirname "$f")")")"); else name=$(basename "${f%.*}"); fi
    excluded "$name" "$exclude" && continue
    read -r w h < <(size_of "$f"; echo) || true
    [ -n "${w:-}" ] && [ -n "${h:-}" ] || continue
    ((w >= MIN_SIDE && h >= MIN_SIDE)) || continue
    ext=$(echo "${f##*.}" | tr 'A-Z' 'a-z'); [ "$ext" = jpeg ] && ext=jpg
    [ -e "$dest/$name.$ext" ] && continue
    cp "$f" "$dest/$name.$ext"
    count=$((count + 1)); pixels=$((pixels + w * h))
  done
  SUMMARY+=("$(printf '%-40s %4d photos %8.1f MP' "${dest#$OUT/}" "$count" "$(awk -v p="$pixels" "BEGIN{print p/1e6}")")")
}

X=$CACHE/x
collect "$OUT/train/lomiri-16.04" "$EXCLUDE_LOMIRI" file "$X"/lomiri-wallpapers-16.04/usr/share/backgrounds/*.jpg
collect "$OUT/train/lomiri-20.04" "$EXCLUDE_LOMIRI" file "$X"/lomiri-wallpapers-20.04/usr/share/backgrounds/*.jpg
# plasma: the largest image of each wallpaper (images/, not images_dark/ or the screenshot)
plasma=()
for d in "$X"/plasma-workspace-wallpapers/usr/share/wallpapers/*/contents/images; do
  best=$(for f in "$d"/*; do
    [ -L "$f" ] && continue # smaller sizes are links to the big one
    read -r w h < <(size_of "$f"; echo) || true
    if [ -n "${w:-}" ]; then echo "$((w * h)) $f"; fi
  done | sort -n | tail -1 | cut -d' ' -f2-)
  [ -n "$best" ] && plasma+=("$best")
done
collect "$OUT/train/plasma" "$EXCLUDE_PLASMA" folder "${plasma[@]}"
collect "$OUT/train/lxqt" "$EXCLUDE_LXQT" file "$X"/lxqt-themes/usr/share/lxqt/wallpapers/*.jpg "$X"/lxqt-themes/usr/share/lxqt/wallpapers/*.png
collect "$OUT/train/skimage" "$EXCLUDE_SKIMAGE" file "$X"/python3-skimage/usr/lib/python3/dist-packages/skimage/data/*.png "$X"/python3-skimage/usr/lib/python3/dist-packages/skimage/data/*.jpg
collect "$OUT/train/imagingbook" "$EXCLUDE_IMAGINGBOOK" file "$X"/imagingbook/imagingbook/sampleimages/GeneralSampleImage-data/*.jpg "$X"/imagingbook/imagingbook/sampleimages/GeneralSampleImage-data/*.png
# palapeli-data: the puzzle photos (collection/), held out; its backgrounds/ are 512x512 table textures
collect "$OUT/heldout/palapeli" "" file "$X"/palapeli-data/usr/share/palapeli/collection/*.jpg
# mate-backgrounds: the 12 photos of nature/, held out (desktop/ and abstract/ are drawn)
collect "$OUT/heldout-mate/mate" "" file "$X"/mate-backgrounds/usr/share/backgrounds/mate/nature/*.jpg

for p in "${PACKAGES[@]}"; do
  cp "$X/$p/usr/share/doc/$p/copyright" "$OUT/licenses/$p.copyright"
done
cp "$X/lxqt-themes/usr/share/lxqt/wallpapers/License" "$OUT/licenses/lxqt-themes.wallpapers-License"
echo "$IMAGINGBOOK: BSD-2-Clause (its parent pom's <license>)" > "$OUT/licenses/imagingbook.txt"

{
  echo "# Written by scripts/fetch-training-photos.sh"
  for deb in "$CACHE"/debs/*.deb; do echo "debian $(dpkg-deb -f "$deb" Package) $(dpkg-deb -f "$deb" Version)"; done
  echo "maven $IMAGINGBOOK"
  printf '%s\n' "${SUMMARY[@]}"
} > "$OUT/SOURCES.txt"
cat "$OUT/SOURCES.txt"

#!/usr/bin/env bash
# Rebuilds src/main/resources/samples/castle_256.tif, the demo's held-out photo: palapeli-data's
# castle-maintenon.jpg as scripts/fetch-training-photos.sh leaves it in <photos>/heldout/palapeli,
# BT.601 luma, downscaled by 1/2 (ImageJ's averaging bilinear resize), the central 256x256, 8-bit.
#
#   scripts/make-castle-sample.sh /work/data/photos        (after mvn package, for ImageJ's jar)
set -euo pipefail
cd "$(dirname "$0")/.."
PHOTOS=${1:?usage: $0 <photos folder made by scripts/fetch-training-photos.sh>}
ij=$(ls target/fiji/jars/ij-*.jar | head -1)
java -Djava.awt.headless=true -cp "$ij" scripts/CropSample.java "$PHOTOS/heldout/palapeli/castle-maintenon.jpg" 0.5 256 \
  src/main/resources/samples/castle_256.tif -1 -1

#!/usr/bin/env bash
# Writes (or updates) a local ImageJ update site with the files Fiji users need for Deblur NMF: the
# plugin jar and the libraries that --install would copy into <reference Fiji.app>, under the same
# (shaded) file names. Copy the site folder to any web server and users add its URL in
# Help > Update... > Manage update sites; see README, "Publishing an update site".
#
# It uses Fiji's own updater (net.imagej.updater.CommandLine from <reference Fiji.app>/jars) with its
# file: uploader, in a staging folder that holds only our files, so nothing of Fiji's is uploaded.
# Usage: scripts/make-update-site.sh <reference Fiji.app> <site folder> [<site name, default Deblur-NMF>]
#        (after mvn package; the reference is a current Fiji, as users have it; it is not changed)
set -euo pipefail
if [ $# -lt 2 ]; then sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; fi
reference=$(cd "$1" && pwd)
mkdir -p "$2"
site=$(cd "$2" && pwd)
name="${3:-Deblur-NMF}"
cd "$(dirname "$0")/.."
jar=$(ls target/fiji/plugins/Deblur_NMF-*.jar 2> /dev/null) || { echo "make-update-site: no target/fiji/plugins/Deblur_NMF-*.jar: run mvn package first" >&2; exit 1; }
ls "$reference"/jars/imagej-updater-*.jar > /dev/null 2>&1 || { echo "make-update-site: $reference/jars has no imagej-updater jar: not a Fiji.app" >&2; exit 1; }

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
mkdir -p "$staging/jars" "$staging/plugins"
# The reference's jars as links: --install decides against them exactly as in the user's Fiji...
# (except Deblur NMF's own files, should the reference have it installed: they are not Fiji's)
ours=$(grep -v '^#' "$reference/jars/.deblur-nmf-installed" 2> /dev/null | cut -f1 || true)
for file in "$reference"/jars/*.jar "$reference"/plugins/*.jar; do
	relative=${file#"$reference"/}
	case "$relative" in plugins/Deblur_NMF-*.jar) continue ;; esac
	if [ -e "$file" ] && ! grep -qxF "$relative" <<< "$ours"; then ln -s "$file" "$staging/$relative"; fi
done
java -jar "$jar" --install "$staging" | { grep -v '^copied ' || true; }
# ...then only what it copied stays, so that the updater uploads nothing of Fiji's.
find "$staging" -type l -delete
files=$(grep -v '^#' "$staging/jars/.deblur-nmf-installed" | cut -f1)
rm "$staging/jars/.deblur-nmf-installed"

updater() { java -Dimagej.dir="$staging" -Dij.dir="$staging" -cp "$reference/jars/*" net.imagej.updater.CommandLine "$@"; }
# The ImageJ site cannot be reached without a network; the updater warns and goes on.
updater add-update-site "$name" "file:$site/" "file:localhost" "$site/" 2>&1 | { grep -vE '^\s+at |^\s*\.\.\. [0-9]+ more|^Caused by|^\.*$|^$|Checksummer' || true; }
# shellcheck disable=SC2086  # $files: one path per word, none with spaces
updater upload --update-site "$name" $files 2>&1 | { grep -vE '^\s+at |^\s*\.\.\. [0-9]+ more|^Caused by|^\.*$|^$|Checksummer' || true; }
test -s "$site/db.xml.gz" || { echo "make-update-site: the updater wrote no $site/db.xml.gz" >&2; exit 1; }
echo "Update site '$name' in $site: $(echo "$files" | wc -w) files (db.xml.gz and <file>-<timestamp>)."
echo "Publish the folder's contents at a URL; users add that URL (here: file:$site/) as an update site."

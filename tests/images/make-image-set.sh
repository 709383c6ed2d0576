#!/usr/bin/env bash
# Builds the image test set at test time (nothing binary is committed) with Debian's ImageMagick,
# webp, libheif-examples, exiftool and libjpeg-turbo-progs, and writes expected.tsv:
#   file <TAB> stored width <TAB> stored height <TAB> shown width <TAB> shown height
# Every raster image is 123x456 unless its name says otherwise. Every tool is required: a missing
# one (or a format its build cannot write) stops the script with exit 1 and names the package, so
# that a format never silently drops out of the set. Run once per ctest run as the fixture
# `image_set` (tests/CMakeLists.txt). Usage: make-image-set.sh OUTDIR
set -euo pipefail
out=${1:?usage: make-image-set.sh OUTDIR}
convert=/usr/bin/convert   # by full path: another `convert` on PATH must not shadow ImageMagick
need() { # need PROGRAM PACKAGE
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "make-image-set.sh: $1 is missing (Debian package $2; ci/install-deps installs it)" >&2
    exit 1
  fi
}
need "$convert" imagemagick
need cjpeg libjpeg-turbo-progs
need exiftool libimage-exiftool-perl
need cwebp webp
need img2webp webp
need heif-enc libheif-examples
fail() { echo "make-image-set.sh: $*" >&2; exit 1; }
# A fresh directory each run: nothing from an older set (or another tool version) survives.
rm -rf "$out"
mkdir -p "$out"
cd "$out"
expect() { printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "${4:-$2}" "${5:-$3}" >> expected.tsv; }
: > expected.tsv

$convert -size 123x456 gradient:red-blue base.ppm
$convert base.ppm png.png; expect png.png 123 456
$convert base.ppm -interlace PNG png-interlaced.png; expect png-interlaced.png 123 456
$convert base.ppm -alpha set -channel A -evaluate set 50% +channel png-alpha.png; expect png-alpha.png 123 456
$convert -delay 10 base.ppm \( base.ppm -negate \) -loop 0 apng-source.gif
$convert base.ppm -quality 85 jpeg.jpg; expect jpeg.jpg 123 456
$convert base.ppm -interlace JPEG jpeg-progressive.jpg; expect jpeg-progressive.jpg 123 456
$convert base.ppm -colorspace CMYK jpeg-cmyk.jpg; expect jpeg-cmyk.jpg 123 456
$convert base.ppm -colorspace Gray jpeg-gray.jpg; expect jpeg-gray.jpg 123 456
cjpeg -arithmetic base.ppm > jpeg-sof9.jpg; expect jpeg-sof9.jpg 123 456
cjpeg -progressive -arithmetic base.ppm > jpeg-sof10.jpg; expect jpeg-sof10.jpg 123 456
cp jpeg.jpg jpeg-orientation6.jpg
exiftool -q -overwrite_original -n -Orientation=6 jpeg-orientation6.jpg; expect jpeg-orientation6.jpg 123 456 456 123
$convert -size 40x40 xc:green thumb.jpg
cp jpeg.jpg jpeg-orientation8-thumbnail.jpg
exiftool -q -overwrite_original "-ThumbnailImage<=thumb.jpg" -n -Orientation=8 jpeg-orientation8-thumbnail.jpg;
  expect jpeg-orientation8-thumbnail.jpg 123 456 456 123
head -c 61440 /dev/urandom | base64 -w0 > blob.txt
cp jpeg.jpg jpeg-big-app.jpg
exiftool -q -q -overwrite_original "-UserComment<=blob.txt" "-XMP-dc:Description<=blob.txt" jpeg-big-app.jpg;
  expect jpeg-big-app.jpg 123 456
$convert base.ppm gif.gif; expect gif.gif 123 456
$convert -delay 10 base.ppm \( base.ppm -negate \) -loop 0 gif-animated.gif; expect gif-animated.gif 123 456
cwebp -quiet -q 80 png.png -o webp-lossy.webp; expect webp-lossy.webp 123 456
cwebp -quiet -lossless png.png -o webp-lossless.webp; expect webp-lossless.webp 123 456
cwebp -quiet png-alpha.png -o webp-alpha.webp; expect webp-alpha.webp 123 456
$convert base.ppm -negate negated.png
img2webp -loop 0 -lossy png.png negated.png -o webp-animated.webp >/dev/null; expect webp-animated.webp 123 456
$convert base.ppm bmp-v5.bmp; expect bmp-v5.bmp 123 456
$convert base.ppm BMP3:bmp-v3.bmp; expect bmp-v3.bmp 123 456
$convert base.ppm BMP2:bmp-os2.bmp; expect bmp-os2.bmp 123 456
$convert base.ppm -define icon:auto-resize=16,32,48,256 ico.ico; expect ico.ico 256 256
$convert base.ppm -compress LZW tiff-le.tif; expect tiff-le.tif 123 456
$convert base.ppm -endian MSB -compress LZW tiff-be.tif; expect tiff-be.tif 123 456
$convert base.ppm TIFF64:tiff-big.tif; expect tiff-big.tif 123 456
$convert base.ppm psd.psd; expect psd.psd 123 456
heif-enc -q 50 -o heic.heic png.png >/dev/null; expect heic.heic 123 456
$convert png.png avif.avif || fail "ImageMagick cannot write AVIF (its libheif delegate is missing)"
expect avif.avif 123 456
cat > svg-px.svg <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" width="123px" height="456"><rect width="10" height="10"/></svg>
SVG
expect svg-px.svg 123 456
cat > svg-prolog-viewbox.svg <<'SVG'
<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment before the root -->
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [
  <!ENTITY ns "http://www.w3.org/2000/svg">
]>
<svg:svg xmlns:svg="http://www.w3.org/2000/svg" width="246" viewBox="0,0,123,456" stroke-width="3">
  <svg:rect width="999" height="999"/>
</svg:svg>
SVG
expect svg-prolog-viewbox.svg 246 912
cat > svg-inches.svg <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" height='1in' width='2in'/>
SVG
expect svg-inches.svg 192 96

# The set is complete or the run fails: every line of expected.tsv names a file that exists.
while IFS=$'\t' read -r file _; do
  [[ -s $file ]] || fail "$file was not written"
done < expected.tsv

// JPEG: walk the segments by their lengths (an EXIF thumbnail inside APP1 carries its own SOF, so
// scanning for FF C0 finds the wrong image), tolerate FF fill bytes and garbage between segments,
// accept every SOFn, and read the EXIF orientation on the way.
#include "media/byte_reader.hpp"

namespace verity::media {
namespace {

bool is_sof(std::uint8_t m) {
  return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

} // namespace

ProbeResult probe_jpeg(ByteReader& in) {
  std::uint64_t pos = 2;
  int orientation = 1;
  for (int steps = 0; steps < 100000; ++steps) {
    std::uint8_t b;
    if (!in.u8(pos, b)) {
      return probe_bad(ImageFormat::Jpeg, in.capped()
                                              ? "no SOF marker within the read limit"
                                              : "truncated JPEG: no SOF marker before the end");
    }
    if (b != 0xFF) {
      ++pos; // garbage between segments: resynchronise on the next FF
      continue;
    }
    std::uint8_t marker = 0xFF;
    while (marker == 0xFF) { // FF fill bytes are legal before a marker
      if (!in.u8(++pos, marker)) {
        return probe_bad(ImageFormat::Jpeg, "truncated JPEG marker");
      }
    }
    ++pos; // now at the segment length (if any)
    if (marker == 0x00 || marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7)) {
      continue; // stuffed byte, TEM, SOI, RSTn: no length
    }
    if (marker == 0xD9 || marker == 0xDA) {
      return probe_bad(ImageFormat::Jpeg, "JPEG has no SOF marker before its image data");
    }
    std::uint32_t len;
    if (!in.be16(pos, len)) {
      return probe_bad(ImageFormat::Jpeg, "truncated JPEG segment");
    }
    if (len < 2) {
      return probe_bad(ImageFormat::Jpeg, "JPEG segment with an invalid length");
    }
    if (marker == 0xE1 && len >= 8 + 6) {
      std::uint8_t exif[6];
      if (in.get(pos + 2, 6, exif) && std::memcmp(exif, "Exif\0\0", 6) == 0) {
        orientation = tiff_orientation(in, pos + 8, pos + len);
      }
    }
    if (is_sof(marker)) {
      std::uint32_t h, w;
      if (len < 7 || !in.be16(pos + 3, h) || !in.be16(pos + 5, w)) {
        return probe_bad(ImageFormat::Jpeg, "truncated JPEG SOF segment");
      }
      if (h == 0) {
        ProbeResult r = probe_bad(ImageFormat::Jpeg, "JPEG height is defined later by a DNL marker",
                                  ProbeStatus::UnknownSize);
        r.width = w;
        return r;
      }
      ProbeResult r = probe_ok(ImageFormat::Jpeg, w, h);
      r.orientation = orientation;
      return r;
    }
    pos += len; // skip the whole segment: EXIF thumbnails live inside APP1
  }
  return probe_bad(ImageFormat::Jpeg, "JPEG has too many segments");
}

} // namespace verity::media

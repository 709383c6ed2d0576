// TIFF and BigTIFF (the first IFD may sit at the end of the file: it is read where the header
// points, never by scanning), and the EXIF orientation tag that JPEG's APP1 carries in a TIFF
// structure of its own.
#include "media/byte_reader.hpp"

#include <set>

namespace verity::media {
namespace {

constexpr std::uint32_t k_tag_width = 256;
constexpr std::uint32_t k_tag_height = 257;
constexpr std::uint32_t k_tag_orientation = 0x0112;
constexpr std::uint32_t k_max_entries = 4096;

struct IfdValues {
  std::optional<std::uint32_t> width, height;
  int orientation = 1;
};

// Value of a SHORT/LONG (or LONG8) entry whose data sits in the entry itself.
bool entry_value(ByteReader& in, std::uint64_t at, bool little, std::uint32_t type,
                 std::uint64_t& v) {
  std::uint32_t x;
  switch (type) {
  case 3: // SHORT, left-justified in the value field
    if (!in.u16(at, little, x))
      return false;
    v = x;
    return true;
  case 4: // LONG
    if (!in.u32(at, little, x))
      return false;
    v = x;
    return true;
  case 16: // LONG8 (BigTIFF)
    return in.u64(at, little, v);
  default:
    return false;
  }
}

bool read_ifd(ByteReader& in, std::uint64_t base, std::uint64_t ifd, bool little, bool big,
              std::uint64_t limit, IfdValues& out) {
  std::uint64_t count = 0;
  std::uint32_t c32;
  if (big) {
    if (!in.u64(base + ifd, little, count))
      return false;
  } else {
    if (!in.u16(base + ifd, little, c32))
      return false;
    count = c32;
  }
  if (count == 0 || count > k_max_entries) {
    return false;
  }
  std::uint64_t first = base + ifd + (big ? 8 : 2);
  std::uint64_t size = big ? 20 : 12;
  if (limit && first + count * size > limit) {
    return false;
  }
  for (std::uint64_t i = 0; i < count; ++i) {
    std::uint64_t e = first + i * size;
    std::uint32_t tag, type;
    if (!in.u16(e, little, tag) || !in.u16(e + 2, little, type)) {
      return false;
    }
    std::uint64_t value_at = e + (big ? 12 : 8);
    std::uint64_t v = 0;
    if (tag == k_tag_width || tag == k_tag_height || tag == k_tag_orientation) {
      if (!entry_value(in, value_at, little, type, v)) {
        continue;
      }
      if (tag == k_tag_width)
        out.width = static_cast<std::uint32_t>(v);
      if (tag == k_tag_height)
        out.height = static_cast<std::uint32_t>(v);
      if (tag == k_tag_orientation && v >= 1 && v <= 8)
        out.orientation = static_cast<int>(v);
    }
  }
  return true;
}

struct TiffHeader {
  bool little = true;
  bool big = false;
  std::uint64_t ifd = 0;
};

bool read_header(ByteReader& in, std::uint64_t base, TiffHeader& h) {
  std::uint8_t sig[4];
  if (!in.get(base, 4, sig))
    return false;
  if (sig[0] == 'I' && sig[1] == 'I')
    h.little = true;
  else if (sig[0] == 'M' && sig[1] == 'M')
    h.little = false;
  else
    return false;
  std::uint32_t magic;
  if (!in.u16(base + 2, h.little, magic))
    return false;
  if (magic == 42) {
    std::uint32_t off;
    if (!in.u32(base + 4, h.little, off))
      return false;
    h.ifd = off;
    return true;
  }
  if (magic == 43) {
    std::uint32_t bytesize, zero;
    if (!in.u16(base + 4, h.little, bytesize) || !in.u16(base + 6, h.little, zero) ||
        bytesize != 8 || zero != 0) {
      return false;
    }
    h.big = true;
    return in.u64(base + 8, h.little, h.ifd);
  }
  return false;
}

} // namespace

int tiff_orientation(ByteReader& in, std::uint64_t base, std::uint64_t limit) {
  TiffHeader h;
  IfdValues v;
  if (!read_header(in, base, h) || h.ifd < 8 || base + h.ifd >= limit) {
    return 1;
  }
  read_ifd(in, base, h.ifd, h.little, h.big, limit, v);
  return v.orientation;
}

ProbeResult probe_tiff(ByteReader& in) {
  TiffHeader h;
  if (!read_header(in, 0, h)) {
    return probe_bad(ImageFormat::Tiff, "truncated or invalid TIFF header");
  }
  if (h.ifd < 8) {
    return probe_bad(ImageFormat::Tiff, "TIFF header points its first IFD inside the header");
  }
  IfdValues v;
  if (!read_ifd(in, 0, h.ifd, h.little, h.big, 0, v)) {
    return probe_bad(ImageFormat::Tiff, in.capped() ? "TIFF IFD lies beyond the read limit"
                                                    : "truncated or invalid TIFF IFD at offset " +
                                                          std::to_string(h.ifd));
  }
  if (!v.width || !v.height) {
    return probe_bad(ImageFormat::Tiff, "TIFF IFD without ImageWidth/ImageLength");
  }
  ProbeResult r = probe_ok(ImageFormat::Tiff, *v.width, *v.height);
  r.orientation = v.orientation;
  return r;
}

} // namespace verity::media

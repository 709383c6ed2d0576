// AVIF and HEIF: the size of the *primary* item (pitm -> ipma -> ispe, then clap), and its
// rotation (irot). The biggest ispe is not the answer: libheif writes a coded image larger than
// the primary one, and grids have tiles.
#include "media/byte_reader.hpp"

#include <cmath>
#include <map>
#include <vector>

namespace verity::media {
namespace {

constexpr size_t k_meta_cap = 256 * 1024;

struct Span {
  const std::vector<std::uint8_t>* b;
  size_t start, end;
  bool u8(size_t off, std::uint32_t& v) const {
    if (start + off + 1 > end)
      return false;
    v = (*b)[start + off];
    return true;
  }
  bool u16(size_t off, std::uint32_t& v) const {
    if (start + off + 2 > end)
      return false;
    v = ((*b)[start + off] << 8) | (*b)[start + off + 1];
    return true;
  }
  bool u32(size_t off, std::uint32_t& v) const {
    if (start + off + 4 > end)
      return false;
    const auto* p = b->data() + start + off;
    v = (std::uint32_t(p[0]) << 24) | (p[1] << 16) | (p[2] << 8) | p[3];
    return true;
  }
  size_t size() const { return end > start ? end - start : 0; }
};

struct Box {
  std::string type;
  Span body;
};

// The child boxes of `s` (each advances by at least its header, so this always terminates).
std::vector<Box> children(const Span& s) {
  std::vector<Box> out;
  size_t off = 0;
  while (off + 8 <= s.size() && out.size() < 4096) {
    std::uint32_t size32 = 0;
    s.u32(off, size32);
    std::string type(reinterpret_cast<const char*>(s.b->data() + s.start + off + 4), 4);
    std::uint64_t size = size32;
    size_t header = 8;
    if (size32 == 1) {
      std::uint32_t hi, lo;
      if (!s.u32(off + 8, hi) || !s.u32(off + 12, lo))
        break;
      size = (std::uint64_t(hi) << 32) | lo;
      header = 16;
    } else if (size32 == 0) {
      size = s.size() - off;
    }
    if (size < header || off + size > s.size())
      break;
    out.push_back(
        {type, Span{s.b, s.start + off + header, s.start + off + static_cast<size_t>(size)}});
    off += static_cast<size_t>(size);
  }
  return out;
}

} // namespace

ProbeResult probe_heif(ByteReader& in, ImageFormat format) {
  // Top-level boxes: find `meta` without reading `mdat`.
  std::uint64_t pos = 0;
  std::uint64_t meta_at = 0, meta_size = 0;
  size_t meta_header = 8;
  for (int i = 0; i < 64; ++i) {
    std::uint32_t size32;
    std::uint8_t type[4];
    if (!in.be32(pos, size32) || !in.get(pos + 4, 4, type)) {
      return probe_bad(format, "no meta box before the end of the file");
    }
    std::uint64_t size = size32;
    size_t header = 8;
    if (size32 == 1) {
      if (!in.be64(pos + 8, size))
        return probe_bad(format, "truncated box header");
      header = 16;
    } else if (size32 == 0) {
      size = UINT64_MAX; // to the end: only the last box may say so
    }
    if (size < header) {
      return probe_bad(format, "box with an invalid size");
    }
    if (std::memcmp(type, "meta", 4) == 0) {
      meta_at = pos + header;
      meta_size = size - header;
      meta_header = header;
      break;
    }
    if (size == UINT64_MAX) {
      return probe_bad(format, "no meta box before a box that runs to the end of the file");
    }
    pos += size;
  }
  (void)meta_header;
  if (meta_at == 0) {
    return probe_bad(format, "no meta box among the first boxes");
  }
  if (meta_size > k_meta_cap) {
    return probe_bad(format, "meta box larger than 256 KiB");
  }
  std::vector<std::uint8_t> meta = in.take(meta_at, static_cast<size_t>(meta_size));
  if (meta.size() < meta_size) {
    return probe_bad(format, "truncated meta box");
  }
  if (meta.size() < 4) {
    return probe_bad(format, "meta box too short");
  }
  Span body{&meta, 4, meta.size()}; // FullBox: skip version and flags
  std::optional<std::uint32_t> primary;
  std::vector<Box> properties;
  std::map<std::uint32_t, std::vector<std::uint32_t>> associations;
  for (const auto& box : children(body)) {
    if (box.type == "pitm") {
      std::uint32_t version, id;
      if (box.body.u8(0, version) && (version == 0 ? box.body.u16(4, id) : box.body.u32(4, id))) {
        primary = id;
      }
    } else if (box.type == "iprp") {
      for (const auto& child : children(box.body)) {
        if (child.type == "ipco") {
          properties = children(child.body);
        } else if (child.type == "ipma") {
          std::uint32_t version, flags_low, count;
          if (!child.body.u8(0, version) || !child.body.u8(3, flags_low) ||
              !child.body.u32(4, count))
            continue;
          size_t off = 8;
          for (std::uint32_t e = 0; e < count && e < 65536; ++e) {
            std::uint32_t item, n;
            if (version < 1 ? !child.body.u16(off, item) : !child.body.u32(off, item))
              break;
            off += version < 1 ? 2 : 4;
            if (!child.body.u8(off++, n))
              break;
            for (std::uint32_t a = 0; a < n; ++a) {
              std::uint32_t v;
              if (flags_low & 1) {
                if (!child.body.u16(off, v))
                  break;
                off += 2;
                associations[item].push_back(v & 0x7FFF);
              } else {
                if (!child.body.u8(off, v))
                  break;
                off += 1;
                associations[item].push_back(v & 0x7F);
              }
            }
          }
        }
      }
    }
  }
  if (!primary) {
    return probe_bad(format, "no primary item (pitm)");
  }
  std::optional<std::pair<std::uint32_t, std::uint32_t>> ispe;
  std::optional<std::pair<double, double>> clap;
  int rotation = 0;
  for (std::uint32_t index : associations[*primary]) {
    if (index == 0 || index > properties.size())
      continue;
    const Box& p = properties[index - 1];
    std::uint32_t a, b, c, d;
    if (p.type == "ispe" && p.body.u32(4, a) && p.body.u32(8, b)) {
      ispe = {a, b};
    } else if (p.type == "clap" && p.body.u32(0, a) && p.body.u32(4, b) && p.body.u32(8, c) &&
               p.body.u32(12, d) && b != 0 && d != 0) {
      clap = {static_cast<double>(a) / b, static_cast<double>(c) / d};
    } else if (p.type == "irot" && p.body.u8(0, a)) {
      rotation = static_cast<int>(a & 3);
    }
  }
  if (!ispe) {
    return probe_bad(format, "the primary item has no ispe (size) property");
  }
  std::uint32_t w = ispe->first, h = ispe->second;
  if (clap) {
    w = static_cast<std::uint32_t>(std::lround(clap->first));
    h = static_cast<std::uint32_t>(std::lround(clap->second));
  }
  ProbeResult r = probe_ok(format, w, h);
  // irot turns counter-clockwise by 90° steps; report it as the matching EXIF orientation.
  static constexpr int k_orientation_for_irot[4] = {1, 8, 3, 6};
  r.orientation = k_orientation_for_irot[rotation];
  return r;
}

} // namespace verity::media

// Bounded, checked reads for the image probes: every read names its offset and length, and fails
// (instead of reading past) when the bytes are not there, remembering whether they are missing for
// good (truncated) or just not fetched yet (NeedMore).
#pragma once

#include "media/image_probe.hpp"

#include <cstring>
#include <vector>

namespace verity::media {

class ByteReader {
public:
  ByteReader(ByteSource& src, std::uint64_t cap) : m_src(src), m_cap(cap) {}

  // Copies n bytes at `offset` into `out`; false when they are not all available.
  bool get(std::uint64_t offset, size_t n, std::uint8_t* out);
  bool u8(std::uint64_t off, std::uint8_t& v) { return get(off, 1, &v); }
  bool be16(std::uint64_t off, std::uint32_t& v);
  bool le16(std::uint64_t off, std::uint32_t& v);
  bool be32(std::uint64_t off, std::uint32_t& v);
  bool le32(std::uint64_t off, std::uint32_t& v);
  bool le24(std::uint64_t off, std::uint32_t& v);
  bool be64(std::uint64_t off, std::uint64_t& v);
  bool le64(std::uint64_t off, std::uint64_t& v);
  // Endian-switched reads for TIFF structures.
  bool u16(std::uint64_t off, bool little, std::uint32_t& v) {
    return little ? le16(off, v) : be16(off, v);
  }
  bool u32(std::uint64_t off, bool little, std::uint32_t& v) {
    return little ? le32(off, v) : be32(off, v);
  }
  bool u64(std::uint64_t off, bool little, std::uint64_t& v) {
    return little ? le64(off, v) : be64(off, v);
  }
  // Up to `max` bytes from `offset` (fewer at the end of a complete source).
  std::vector<std::uint8_t> take(std::uint64_t offset, size_t max);

  std::uint64_t bytes_read() const { return m_total; }
  bool capped() const { return m_capped; }
  // The first offset a read needed but the (partial) source did not have.
  std::optional<std::uint64_t> need() const { return m_need; }

private:
  bool fill(std::uint64_t offset, size_t need);
  void note_gap(std::uint64_t at);

  static constexpr size_t k_head = 64 * 1024;
  static constexpr size_t k_chunk = 4 * 1024;
  ByteSource& m_src;
  std::uint64_t m_cap;
  std::vector<std::uint8_t> m_buf;
  std::uint64_t m_start = 0;
  std::uint64_t m_total = 0;
  bool m_capped = false;
  std::optional<std::uint64_t> m_need;
};

// The probes, one per format family; each gets a reader positioned on a sniffed signature.
ProbeResult probe_png(ByteReader& in);
ProbeResult probe_gif(ByteReader& in);
ProbeResult probe_bmp(ByteReader& in);
ProbeResult probe_webp(ByteReader& in);
ProbeResult probe_ico(ByteReader& in, ImageFormat format);
ProbeResult probe_psd(ByteReader& in);
ProbeResult probe_jpeg(ByteReader& in);
ProbeResult probe_tiff(ByteReader& in);
ProbeResult probe_heif(ByteReader& in, ImageFormat format);
ProbeResult probe_svg(ByteReader& in);

// Reads EXIF/TIFF orientation (tag 0x0112) from the TIFF structure at `base`, within `limit`.
int tiff_orientation(ByteReader& in, std::uint64_t base, std::uint64_t limit);

ProbeResult probe_ok(ImageFormat f, std::uint32_t w, std::uint32_t h);
ProbeResult probe_bad(ImageFormat f, std::string reason, ProbeStatus s = ProbeStatus::Corrupt);

} // namespace verity::media

#include "media/image_probe.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

namespace verity::media {
namespace {

// A window over the source: the first read fetches `head` bytes; later reads past it go back to
// the source at the offset the parser names, so a JPEG with large APP segments is not read
// whole.
class Reader {
public:
  Reader(ByteSource& src, std::uint64_t cap) : m_src(src), m_cap(cap) {}

  // Copies n bytes at `offset` into `out`; false when they are not all available.
  bool get(std::uint64_t offset, size_t n, std::uint8_t* out) {
    if (offset + n > m_cap || offset + n < offset) {
      m_capped = m_capped || offset + n > m_cap;
      return false;
    }
    if (offset < m_start || offset + n > m_start + m_buf.size()) {
      if (!fill(offset, n)) {
        return false;
      }
    }
    std::memcpy(out, m_buf.data() + (offset - m_start), n);
    return true;
  }
  bool u8(std::uint64_t off, std::uint8_t& v) { return get(off, 1, &v); }
  bool be16(std::uint64_t off, std::uint32_t& v) {
    std::uint8_t b[2];
    if (!get(off, 2, b))
      return false;
    v = (b[0] << 8) | b[1];
    return true;
  }
  bool le16(std::uint64_t off, std::uint32_t& v) {
    std::uint8_t b[2];
    if (!get(off, 2, b))
      return false;
    v = b[0] | (b[1] << 8);
    return true;
  }
  bool be32(std::uint64_t off, std::uint32_t& v) {
    std::uint8_t b[4];
    if (!get(off, 4, b))
      return false;
    v = (std::uint32_t(b[0]) << 24) | (b[1] << 16) | (b[2] << 8) | b[3];
    return true;
  }
  bool le32(std::uint64_t off, std::uint32_t& v) {
    std::uint8_t b[4];
    if (!get(off, 4, b))
      return false;
    v = b[0] | (b[1] << 8) | (b[2] << 16) | (std::uint32_t(b[3]) << 24);
    return true;
  }
  bool le24(std::uint64_t off, std::uint32_t& v) {
    std::uint8_t b[3];
    if (!get(off, 3, b))
      return false;
    v = b[0] | (b[1] << 8) | (b[2] << 16);
    return true;
  }
  std::uint64_t bytes_read() const { return m_total; }
  bool capped() const { return m_capped; }

private:
  bool fill(std::uint64_t offset, size_t need) {
    size_t want = std::max<size_t>(need, m_total == 0 ? k_head : k_chunk);
    want = static_cast<size_t>(std::min<std::uint64_t>(want, m_cap - offset));
    if (want < need) {
      return false;
    }
    m_buf.resize(want);
    size_t got = m_src.read_at(offset, m_buf);
    m_total += got;
    m_buf.resize(got);
    m_start = offset;
    return got >= need;
  }

  static constexpr size_t k_head = 64 * 1024;
  static constexpr size_t k_chunk = 4 * 1024;
  ByteSource& m_src;
  std::uint64_t m_cap;
  std::vector<std::uint8_t> m_buf;
  std::uint64_t m_start = 0;
  std::uint64_t m_total = 0;
  bool m_capped = false;
};

ProbeResult ok(ImageFormat f, std::uint32_t w, std::uint32_t h) {
  ProbeResult r;
  r.status = ProbeStatus::Ok;
  r.format = f;
  r.width = w;
  r.height = h;
  return r;
}

ProbeResult bad(ImageFormat f, std::string reason, ProbeStatus s = ProbeStatus::Corrupt) {
  ProbeResult r;
  r.status = s;
  r.format = f;
  r.reason = std::move(reason);
  return r;
}

ProbeResult probe_png(Reader& in) {
  std::uint32_t len, w, h;
  std::uint8_t type[4];
  std::uint64_t ihdr = 8;
  if (!in.be32(8, len) || !in.get(12, 4, type)) {
    return bad(ImageFormat::Png, "truncated PNG header");
  }
  if (std::memcmp(type, "CgBI", 4) == 0) { // Apple's iPhone PNG: one chunk before IHDR
    ihdr = 8 + 12 + len;
    if (len > 64 || !in.be32(ihdr, len) || !in.get(ihdr + 4, 4, type)) {
      return bad(ImageFormat::Png, "truncated CgBI PNG header");
    }
  }
  if (std::memcmp(type, "IHDR", 4) != 0 || len != 13) {
    return bad(ImageFormat::Png, "the first PNG chunk is not IHDR");
  }
  if (!in.be32(ihdr + 8, w) || !in.be32(ihdr + 12, h)) {
    return bad(ImageFormat::Png, "truncated PNG IHDR chunk");
  }
  if (w == 0 || h == 0 || w > 0x7FFFFFFF || h > 0x7FFFFFFF) {
    return bad(ImageFormat::Png, "PNG IHDR has an invalid size");
  }
  return ok(ImageFormat::Png, w, h);
}

ProbeResult probe_gif(Reader& in) {
  std::uint32_t w, h;
  if (!in.le16(6, w) || !in.le16(8, h)) {
    return bad(ImageFormat::Gif, "truncated GIF header");
  }
  return ok(ImageFormat::Gif, w, h);
}

ProbeResult probe_bmp(Reader& in) {
  std::uint32_t dib;
  if (!in.le32(14, dib)) {
    return bad(ImageFormat::Bmp, "truncated BMP header");
  }
  if (dib == 12) { // OS/2 BITMAPCOREHEADER: unsigned 16-bit sizes
    std::uint32_t w, h;
    if (!in.le16(18, w) || !in.le16(20, h)) {
      return bad(ImageFormat::Bmp, "truncated OS/2 BMP header");
    }
    return ok(ImageFormat::Bmp, w, h);
  }
  if (dib < 40 && dib != 16 && dib != 64) {
    return bad(ImageFormat::Bmp, "unknown BMP header size " + std::to_string(dib));
  }
  std::uint32_t w, h;
  if (!in.le32(18, w) || !in.le32(22, h)) {
    return bad(ImageFormat::Bmp, "truncated BMP header");
  }
  auto sw = static_cast<std::int32_t>(w);
  auto sh = static_cast<std::int32_t>(h); // negative height = top-down rows
  if (sw <= 0 || sh == 0 || sh == INT32_MIN) {
    return bad(ImageFormat::Bmp, "BMP header has an invalid size");
  }
  return ok(ImageFormat::Bmp, static_cast<std::uint32_t>(sw),
            static_cast<std::uint32_t>(sh < 0 ? -sh : sh));
}

ProbeResult probe_webp(Reader& in) {
  std::uint8_t fourcc[4];
  if (!in.get(12, 4, fourcc)) {
    return bad(ImageFormat::Webp, "truncated WebP header");
  }
  if (std::memcmp(fourcc, "VP8 ", 4) == 0) {
    std::uint8_t start[3];
    std::uint32_t w, h;
    if (!in.get(23, 3, start) || !in.le16(26, w) || !in.le16(28, h)) {
      return bad(ImageFormat::Webp, "truncated WebP VP8 header");
    }
    if (start[0] != 0x9D || start[1] != 0x01 || start[2] != 0x2A) {
      return bad(ImageFormat::Webp, "WebP VP8 frame without its start code");
    }
    return ok(ImageFormat::Webp, w & 0x3FFF, h & 0x3FFF); // top 2 bits are the scale
  }
  if (std::memcmp(fourcc, "VP8L", 4) == 0) {
    std::uint8_t sig;
    std::uint32_t bits;
    if (!in.u8(20, sig) || !in.le32(21, bits)) {
      return bad(ImageFormat::Webp, "truncated WebP VP8L header");
    }
    if (sig != 0x2F) {
      return bad(ImageFormat::Webp, "WebP VP8L chunk without its signature byte");
    }
    return ok(ImageFormat::Webp, (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
  }
  if (std::memcmp(fourcc, "VP8X", 4) == 0) {
    std::uint32_t w, h;
    if (!in.le24(24, w) || !in.le24(27, h)) {
      return bad(ImageFormat::Webp, "truncated WebP VP8X header");
    }
    return ok(ImageFormat::Webp, w + 1, h + 1); // the canvas, also for animations
  }
  return bad(ImageFormat::Webp, "unknown WebP chunk");
}

bool is_sof(std::uint8_t m) {
  return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

ProbeResult probe_jpeg(Reader& in) {
  std::uint64_t pos = 2;
  for (int steps = 0; steps < 100000; ++steps) {
    std::uint8_t b;
    if (!in.u8(pos, b)) {
      return bad(ImageFormat::Jpeg, in.capped() ? "no SOF marker within the read limit"
                                                : "truncated JPEG: no SOF marker before the end");
    }
    if (b != 0xFF) {
      ++pos; // garbage between segments: resynchronise on the next FF
      continue;
    }
    std::uint8_t marker = 0xFF;
    while (marker == 0xFF) { // FF fill bytes are legal before a marker
      if (!in.u8(++pos, marker)) {
        return bad(ImageFormat::Jpeg, "truncated JPEG marker");
      }
    }
    ++pos; // now at the segment length (if any)
    if (marker == 0x00 || marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7)) {
      continue; // stuffed byte, TEM, SOI, RSTn: no length
    }
    if (marker == 0xD9 || marker == 0xDA) {
      return bad(ImageFormat::Jpeg, "JPEG has no SOF marker before its image data");
    }
    std::uint32_t len;
    if (!in.be16(pos, len)) {
      return bad(ImageFormat::Jpeg, "truncated JPEG segment");
    }
    if (len < 2) {
      return bad(ImageFormat::Jpeg, "JPEG segment with an invalid length");
    }
    if (is_sof(marker)) {
      std::uint32_t h, w;
      if (len < 7 || !in.be16(pos + 3, h) || !in.be16(pos + 5, w)) {
        return bad(ImageFormat::Jpeg, "truncated JPEG SOF segment");
      }
      if (h == 0) {
        ProbeResult r = bad(ImageFormat::Jpeg, "JPEG height is defined later by a DNL marker",
                            ProbeStatus::UnknownSize);
        r.width = w;
        return r;
      }
      return ok(ImageFormat::Jpeg, w, h);
    }
    pos += len; // skip the whole segment by its length: EXIF thumbnails live inside APP1
  }
  return bad(ImageFormat::Jpeg, "JPEG has too many segments");
}

} // namespace

std::string_view to_string(ImageFormat format) {
  switch (format) {
  case ImageFormat::Png:
    return "PNG";
  case ImageFormat::Jpeg:
    return "JPEG";
  case ImageFormat::Gif:
    return "GIF";
  case ImageFormat::Webp:
    return "WebP";
  case ImageFormat::Bmp:
    return "BMP";
  case ImageFormat::Unknown:
    break;
  }
  return "unknown";
}

size_t MemorySource::read_at(std::uint64_t offset, std::span<std::uint8_t> out) {
  if (offset >= m_bytes.size()) {
    return 0;
  }
  size_t n = std::min<size_t>(out.size(), m_bytes.size() - static_cast<size_t>(offset));
  std::memcpy(out.data(), m_bytes.data() + offset, n);
  return n;
}

ProbeResult probe_image(ByteSource& source, const ProbeOptions& options) {
  Reader in(source, options.max_bytes);
  std::array<std::uint8_t, 16> sig{};
  size_t have = 0;
  for (; have < sig.size(); ++have) {
    if (!in.u8(have, sig[have])) {
      break;
    }
  }
  auto starts = [&](std::string_view s, size_t at = 0) {
    return have >= at + s.size() && std::memcmp(sig.data() + at, s.data(), s.size()) == 0;
  };
  ProbeResult r;
  if (starts("\x89PNG\r\n\x1a\n")) {
    r = probe_png(in);
  } else if (have >= 3 && sig[0] == 0xFF && sig[1] == 0xD8 && sig[2] == 0xFF) {
    r = probe_jpeg(in);
  } else if (starts("GIF87a") || starts("GIF89a")) {
    r = probe_gif(in);
  } else if (starts("RIFF") && starts("WEBP", 8)) {
    r = probe_webp(in);
  } else if (starts("BM")) {
    r = probe_bmp(in);
  } else {
    r = bad(ImageFormat::Unknown,
            have == 0 ? "the file is empty" : "not a PNG, JPEG, GIF, WebP or BMP image",
            ProbeStatus::NotAnImage);
  }
  r.bytes_read = in.bytes_read();
  return r;
}

} // namespace verity::media

// Probes for the formats whose size sits at a fixed place in the first bytes: PNG, GIF, BMP,
// WebP, ICO/CUR and PSD.
#include "media/byte_reader.hpp"

namespace verity::media {

ProbeResult probe_png(ByteReader& in) {
  std::uint32_t len, w, h;
  std::uint8_t type[4];
  std::uint64_t ihdr = 8;
  if (!in.be32(8, len) || !in.get(12, 4, type)) {
    return probe_bad(ImageFormat::Png, "truncated PNG header");
  }
  if (std::memcmp(type, "CgBI", 4) == 0) { // Apple's iPhone PNG: one chunk before IHDR
    ihdr = 8 + 12 + len;
    if (len > 64 || !in.be32(ihdr, len) || !in.get(ihdr + 4, 4, type)) {
      return probe_bad(ImageFormat::Png, "truncated CgBI PNG header");
    }
  }
  if (std::memcmp(type, "IHDR", 4) != 0 || len != 13) {
    return probe_bad(ImageFormat::Png, "the first PNG chunk is not IHDR");
  }
  if (!in.be32(ihdr + 8, w) || !in.be32(ihdr + 12, h)) {
    return probe_bad(ImageFormat::Png, "truncated PNG IHDR chunk");
  }
  if (w == 0 || h == 0 || w > 0x7FFFFFFF || h > 0x7FFFFFFF) {
    return probe_bad(ImageFormat::Png, "PNG IHDR has an invalid size");
  }
  return probe_ok(ImageFormat::Png, w, h);
}

ProbeResult probe_gif(ByteReader& in) {
  std::uint32_t w, h;
  if (!in.le16(6, w) || !in.le16(8, h)) {
    return probe_bad(ImageFormat::Gif, "truncated GIF header");
  }
  return probe_ok(ImageFormat::Gif, w, h); // unsigned 16-bit logical screen
}

ProbeResult probe_bmp(ByteReader& in) {
  std::uint32_t dib;
  if (!in.le32(14, dib)) {
    return probe_bad(ImageFormat::Bmp, "truncated BMP header");
  }
  if (dib == 12) { // OS/2 BITMAPCOREHEADER: unsigned 16-bit sizes
    std::uint32_t w, h;
    if (!in.le16(18, w) || !in.le16(20, h)) {
      return probe_bad(ImageFormat::Bmp, "truncated OS/2 BMP header");
    }
    return probe_ok(ImageFormat::Bmp, w, h);
  }
  if (dib < 40 && dib != 16) {
    return probe_bad(ImageFormat::Bmp, "unknown BMP header size " + std::to_string(dib));
  }
  std::uint32_t w, h;
  if (!in.le32(18, w) || !in.le32(22, h)) {
    return probe_bad(ImageFormat::Bmp, "truncated BMP header");
  }
  auto sw = static_cast<std::int32_t>(w);
  auto sh = static_cast<std::int32_t>(h); // negative height = top-down rows
  if (sw <= 0 || sh == 0 || sh == INT32_MIN) {
    return probe_bad(ImageFormat::Bmp, "BMP header has an invalid size");
  }
  return probe_ok(ImageFormat::Bmp, static_cast<std::uint32_t>(sw),
                  static_cast<std::uint32_t>(sh < 0 ? -sh : sh));
}

ProbeResult probe_webp(ByteReader& in) {
  std::uint8_t fourcc[4];
  if (!in.get(12, 4, fourcc)) {
    return probe_bad(ImageFormat::Webp, "truncated WebP header");
  }
  if (std::memcmp(fourcc, "VP8 ", 4) == 0) {
    std::uint8_t start[3];
    std::uint32_t w, h;
    if (!in.get(23, 3, start) || !in.le16(26, w) || !in.le16(28, h)) {
      return probe_bad(ImageFormat::Webp, "truncated WebP VP8 header");
    }
    if (start[0] != 0x9D || start[1] != 0x01 || start[2] != 0x2A) {
      return probe_bad(ImageFormat::Webp, "WebP VP8 frame without its start code");
    }
    return probe_ok(ImageFormat::Webp, w & 0x3FFF, h & 0x3FFF); // top 2 bits are the scale
  }
  if (std::memcmp(fourcc, "VP8L", 4) == 0) {
    std::uint8_t sig;
    std::uint32_t bits;
    if (!in.u8(20, sig) || !in.le32(21, bits)) {
      return probe_bad(ImageFormat::Webp, "truncated WebP VP8L header");
    }
    if (sig != 0x2F) {
      return probe_bad(ImageFormat::Webp, "WebP VP8L chunk without its signature byte");
    }
    return probe_ok(ImageFormat::Webp, (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
  }
  if (std::memcmp(fourcc, "VP8X", 4) == 0) {
    std::uint32_t w, h;
    if (!in.le24(24, w) || !in.le24(27, h)) {
      return probe_bad(ImageFormat::Webp, "truncated WebP VP8X header");
    }
    return probe_ok(ImageFormat::Webp, w + 1, h + 1); // the canvas, also for animations
  }
  return probe_bad(ImageFormat::Webp, "unknown WebP chunk");
}

ProbeResult probe_ico(ByteReader& in, ImageFormat format) {
  std::uint32_t count;
  if (!in.le16(4, count)) {
    return probe_bad(format, "truncated icon header");
  }
  if (count == 0 || count > 256) {
    return probe_bad(format, "icon directory with " + std::to_string(count) + " entries");
  }
  std::uint32_t best_w = 0, best_h = 0;
  for (std::uint32_t i = 0; i < count; ++i) {
    std::uint8_t wh[2];
    if (!in.get(6 + 16 * i, 2, wh)) {
      return probe_bad(format, "truncated icon directory");
    }
    std::uint32_t w = wh[0] == 0 ? 256 : wh[0];
    std::uint32_t h = wh[1] == 0 ? 256 : wh[1];
    if (std::uint64_t(w) * h > std::uint64_t(best_w) * best_h) {
      best_w = w;
      best_h = h;
    }
  }
  ProbeResult r = probe_ok(format, best_w, best_h);
  if (count > 1) {
    r.note = "largest of " + std::to_string(count) + " icon sizes";
  }
  return r;
}

ProbeResult probe_psd(ByteReader& in) {
  std::uint32_t version, h, w;
  if (!in.be16(4, version) || !in.be32(14, h) || !in.be32(18, w)) {
    return probe_bad(ImageFormat::Psd, "truncated PSD header");
  }
  if (version != 1 && version != 2) {
    return probe_bad(ImageFormat::Psd, "unknown PSD version " + std::to_string(version));
  }
  return probe_ok(ImageFormat::Psd, w, h);
}

} // namespace verity::media

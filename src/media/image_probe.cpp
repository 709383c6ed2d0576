// Sniffs the format from the first bytes and runs exactly one probe.
#include "media/image_probe.hpp"

#include "media/byte_reader.hpp"

#include <algorithm>
#include <array>

namespace verity::media {

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
  case ImageFormat::Ico:
    return "ICO";
  case ImageFormat::Cur:
    return "CUR";
  case ImageFormat::Tiff:
    return "TIFF";
  case ImageFormat::Psd:
    return "PSD";
  case ImageFormat::Svg:
    return "SVG";
  case ImageFormat::Avif:
    return "AVIF";
  case ImageFormat::Heif:
    return "HEIF";
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

namespace {

ImageFormat heif_kind(const std::array<std::uint8_t, 32>& sig, size_t have) {
  // ftyp: major brand at 8, then minor version, then compatible brands (within the first 32 bytes).
  auto brand = [&](size_t at) {
    return std::string_view(reinterpret_cast<const char*>(sig.data() + at), 4);
  };
  bool heif = false;
  for (size_t at = 8; at + 4 <= have; at += at == 8 ? 8 : 4) {
    auto b = brand(at);
    if (b == "avif" || b == "avis") {
      return ImageFormat::Avif;
    }
    heif = heif || b == "heic" || b == "heix" || b == "heim" || b == "heis" || b == "hevc" ||
           b == "hevx" || b == "mif1" || b == "msf1" || b == "miaf";
  }
  return heif ? ImageFormat::Heif : ImageFormat::Unknown;
}

bool looks_like_text_markup(const std::array<std::uint8_t, 32>& sig, size_t have) {
  size_t i = (have >= 3 && sig[0] == 0xEF && sig[1] == 0xBB && sig[2] == 0xBF) ? 3 : 0;
  while (i < have && (sig[i] == ' ' || sig[i] == '\t' || sig[i] == '\r' || sig[i] == '\n'))
    ++i;
  return i < have && sig[i] == '<';
}

} // namespace

ProbeResult probe_image(ByteSource& source, const ProbeOptions& options) {
  ByteReader in(source, options.max_bytes);
  std::array<std::uint8_t, 32> sig{};
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
  } else if (starts("8BPS")) {
    r = probe_psd(in);
  } else if (starts(std::string_view("II*\0", 4)) || starts(std::string_view("MM\0*", 4)) ||
             starts(std::string_view("II+\0", 4)) || starts(std::string_view("MM\0+", 4))) {
    r = probe_tiff(in);
  } else if (starts("ftyp", 4) && heif_kind(sig, have) != ImageFormat::Unknown) {
    r = probe_heif(in, heif_kind(sig, have));
  } else if (starts(std::string_view("\0\0\1\0", 4)) && have >= 6 && (sig[4] | sig[5]) != 0) {
    r = probe_ico(in, ImageFormat::Ico);
  } else if (starts(std::string_view("\0\0\2\0", 4)) && have >= 6 && (sig[4] | sig[5]) != 0) {
    r = probe_ico(in, ImageFormat::Cur);
  } else if (have >= 2 && sig[0] == 0x1F && sig[1] == 0x8B) {
    r = probe_bad(ImageFormat::Unknown,
                  "gzip-compressed data (an .svgz?): verity reads uncompressed images",
                  ProbeStatus::Unsupported);
  } else if (looks_like_text_markup(sig, have)) {
    r = probe_svg(in);
  } else if (have == 0 && in.need()) {
    r.status = ProbeStatus::NeedMore;
  } else {
    r = probe_bad(
        ImageFormat::Unknown,
        have == 0
            ? "the file is empty"
            : "not a supported image (PNG, JPEG, GIF, WebP, BMP, ICO, TIFF, PSD, SVG, AVIF, HEIF)",
        ProbeStatus::NotAnImage);
  }
  if (r.status != ProbeStatus::Ok && r.status != ProbeStatus::UnknownSize && in.need()) {
    r.status = ProbeStatus::NeedMore;
    r.need_offset = *in.need();
    r.reason = "needs the bytes from offset " + std::to_string(r.need_offset);
  }
  r.bytes_read = in.bytes_read();
  bool swapped = r.orientation >= 5 && r.orientation <= 8;
  r.display_width = swapped ? r.height : r.width;
  r.display_height = swapped ? r.width : r.height;
  return r;
}

} // namespace verity::media

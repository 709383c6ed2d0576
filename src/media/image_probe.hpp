// Image dimensions from header bytes only, for every common web format: PNG/APNG (and Apple
// CgBI), JPEG (every SOF marker found by walking segments, EXIF orientation), GIF, WebP (VP8,
// VP8L, VP8X canvas), BMP (Windows, OS/2, top-down), ICO/CUR, TIFF and BigTIFF (IFD anywhere),
// PSD/PSB, SVG (px, unitless, absolute units, viewBox), AVIF/HEIF (ispe of the primary item, clap,
// irot). No read trusts a length field past the bytes it has, and none goes past a cap.
//
// Probes pull bytes from a ByteSource by offset. A source that does not have all bytes yet (an
// HTTP range) says so, and the probe then answers NeedMore with the offset it wants: callers fetch
// that range and probe again, which is how remote probing stops after a few KiB.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace verity::media {

enum class ImageFormat { Unknown, Png, Jpeg, Gif, Webp, Bmp, Ico, Cur, Tiff, Psd, Svg, Avif, Heif };

std::string_view to_string(ImageFormat format);

class ByteSource {
public:
  virtual ~ByteSource() = default;
  // Copies up to out.size() bytes from `offset`; returns how many.
  virtual size_t read_at(std::uint64_t offset, std::span<std::uint8_t> out) = 0;
  // True when a short read means the end of the image; false when more bytes may exist (a
  // partial download): the probe then asks for them with NeedMore.
  virtual bool complete() const { return true; }
  // The image's total size when known (a partial source that knows it ends there).
  virtual std::optional<std::uint64_t> size() const { return std::nullopt; }
};

// A ByteSource over memory (tests, fuzzing, bytes already fetched).
class MemorySource : public ByteSource {
public:
  explicit MemorySource(std::span<const std::uint8_t> bytes, bool complete = true)
      : m_bytes(bytes), m_complete(complete) {}
  explicit MemorySource(std::string_view bytes, bool complete = true)
      : m_bytes(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()),
        m_complete(complete) {}
  size_t read_at(std::uint64_t offset, std::span<std::uint8_t> out) override;
  bool complete() const override { return m_complete; }

private:
  std::span<const std::uint8_t> m_bytes;
  bool m_complete;
};

enum class ProbeStatus {
  Ok,          // width and height are known
  NotAnImage,  // no supported signature (an HTML page, text...)
  Unsupported, // an image format verity does not read (compressed SVG...)
  Corrupt,     // a supported signature, but the header is truncated or inconsistent
  UnknownSize, // valid, but the image has no intrinsic size (SVG in %, JPEG with DNL height)
  NeedMore,    // the source lacks bytes at need_offset (partial download): fetch and retry
};

struct ProbeResult {
  ProbeStatus status = ProbeStatus::NotAnImage;
  ImageFormat format = ImageFormat::Unknown;
  std::uint32_t width = 0; // as stored
  std::uint32_t height = 0;
  int orientation = 1;             // EXIF 1..8 (JPEG, TIFF) or the irot equivalent (HEIF/AVIF)
  std::uint32_t display_width = 0; // as shown: swapped for orientations 5..8 / irot 90, 270
  std::uint32_t display_height = 0;
  std::uint64_t need_offset = 0; // NeedMore: the first byte the probe could not read
  std::uint64_t bytes_read = 0;  // bytes requested from the source
  std::string note;              // e.g. "SVG size converted from 2in x 1in at 96 dpi"
  std::string reason;            // why, when not Ok
};

struct ProbeOptions {
  std::uint64_t max_bytes = 256 * 1024; // never request more bytes than this in all
};

ProbeResult probe_image(ByteSource& source, const ProbeOptions& options = {});

} // namespace verity::media

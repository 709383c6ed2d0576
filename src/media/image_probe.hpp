// Image dimensions from header bytes only: PNG (and Apple CgBI), JPEG (every SOF marker, found by
// walking segments, never by scanning for FF C0), GIF, WebP (VP8, VP8L, VP8X) and BMP (Windows
// and OS/2 headers, top-down). Reads go through a ByteSource so local files and HTTP ranges
// share one parser; no read trusts a length field past the bytes it has.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace verity::media {

enum class ImageFormat { Unknown, Png, Jpeg, Gif, Webp, Bmp };

std::string_view to_string(ImageFormat format);

class ByteSource {
public:
  virtual ~ByteSource() = default;
  // Copies up to out.size() bytes from `offset`; returns how many (0 at the end).
  virtual size_t read_at(std::uint64_t offset, std::span<std::uint8_t> out) = 0;
};

// A ByteSource over memory (tests, fuzzing, bytes already fetched).
class MemorySource : public ByteSource {
public:
  explicit MemorySource(std::span<const std::uint8_t> bytes) : m_bytes(bytes) {}
  explicit MemorySource(std::string_view bytes)
      : m_bytes(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()) {}
  size_t read_at(std::uint64_t offset, std::span<std::uint8_t> out) override;

private:
  std::span<const std::uint8_t> m_bytes;
};

enum class ProbeStatus {
  Ok,          // width and height are known
  NotAnImage,  // no supported signature
  Corrupt,     // a supported signature, but the header is truncated or inconsistent
  UnknownSize, // valid, but the size is not in the header (JPEG with DNL height 0)
};

struct ProbeResult {
  ProbeStatus status = ProbeStatus::NotAnImage;
  ImageFormat format = ImageFormat::Unknown;
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  std::uint64_t bytes_read = 0; // bytes requested from the source
  std::string reason;           // why, when not Ok
};

struct ProbeOptions {
  std::uint64_t max_bytes = 256 * 1024; // never read past this offset
};

ProbeResult probe_image(ByteSource& source, const ProbeOptions& options = {});

} // namespace verity::media

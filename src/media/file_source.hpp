// A ByteSource over a local file, read with pread at the offsets the probe asks for.
#pragma once

#include "media/image_probe.hpp"

#include <filesystem>
#include <string>

namespace verity::media {

class FileSource : public ByteSource {
public:
  // Opens `path` read-only, refusing anything but a regular file; check ok() before use.
  explicit FileSource(const std::filesystem::path& path);
  ~FileSource() override;
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;

  bool ok() const { return m_fd >= 0; }
  const std::string& error() const { return m_error; }
  size_t read_at(std::uint64_t offset, std::span<std::uint8_t> out) override;

private:
  int m_fd = -1;
  std::string m_error;
};

} // namespace verity::media

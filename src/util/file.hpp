// File I/O with limits checked before allocating, and atomic replacement of files.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>

namespace verity::util {

struct ReadResult {
  enum class Status { Ok, TooLarge, Error };
  Status status = Status::Error;
  std::string bytes;      // the content when Ok
  std::uint64_t size = 0; // the file size when known (TooLarge reports it)
  std::string error;      // strerror text when Error
};

// Reads a regular file of at most `max_bytes`. The size is checked with fstat before any
// allocation, so a 2 GB file costs nothing. Directories, FIFOs and devices are refused as Error.
ReadResult read_file(const std::filesystem::path& path, std::uint64_t max_bytes);

// As read_file, but only the first `prefix_bytes` of a file of at most `max_bytes` are read
// (`size` is the whole size): enough to tell whether a file opens front matter without reading
// every image of a site.
ReadResult read_file_prefix(const std::filesystem::path& path, std::uint64_t prefix_bytes,
                            std::uint64_t max_bytes);

// Writes `content` to `path` atomically: a temporary file in the same directory, fsync, rename,
// then fsync of the directory. Readers see the old file or the new one, never a mix, and a
// crash never leaves `path` empty. Throws std::runtime_error with the reason on failure; the
// temporary file is removed.
// `mode` (e.g. 0600 for key files) is applied before any byte is written; -1 keeps the mode of the
// file being replaced, or 0644 minus the umask for a new file.
void write_file_atomic(const std::filesystem::path& path, std::string_view content, int mode = -1);

// As write_file_atomic, but `still_current` is asked after the new content is on disk and just
// before the rename: when it says false (the file changed meanwhile), the temporary file is
// removed, `path` is untouched, and the result is false.
bool write_file_atomic_if(const std::filesystem::path& path, std::string_view content,
                          const std::function<bool()>& still_current, int mode = -1);

} // namespace verity::util

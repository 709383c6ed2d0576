// The files `verity fix` may read and replace, behind a small interface so tests can change a
// file between the read and the write. The real one edits only regular, writable files inside the
// site root, reached without a symbolic link, and replaces them atomically.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace verity::fix {

struct FileRead {
  bool ok = false;
  std::string bytes;
  std::string error; // why the file cannot be edited, when not ok
};

class FixFiles {
public:
  virtual ~FixFiles() = default;
  // The current bytes of the file at `relative` (to the site root, '/' separators).
  virtual FileRead read(const std::string& relative) = 0;
  // Replaces the file with `content` only while it still holds `expected`; "" when done, else
  // why not (the file is then untouched).
  virtual std::string replace(const std::string& relative, std::string_view expected,
                              std::string_view content) = 0;
};

class SiteFiles : public FixFiles {
public:
  explicit SiteFiles(std::filesystem::path root);
  FileRead read(const std::string& relative) override;
  std::string replace(const std::string& relative, std::string_view expected,
                      std::string_view content) override;

private:
  // The path to edit, or "" with `error` set: inside the root, no symlink on the way, a regular
  // file with a write permission bit (root ignores permissions; verity does not).
  std::filesystem::path editable(const std::string& relative, std::string& error) const;

  std::filesystem::path m_root;
};

} // namespace verity::fix

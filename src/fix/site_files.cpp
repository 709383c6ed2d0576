#include "fix/site_files.hpp"

#include "util/confine.hpp"
#include "util/file.hpp"

#include <sys/stat.h>

#include <cstdint>
#include <stdexcept>

namespace verity::fix {
namespace {

constexpr std::uint64_t k_max_file_bytes = 64ull << 20;

} // namespace

SiteFiles::SiteFiles(std::filesystem::path root)
    : m_root(std::filesystem::absolute(std::move(root)).lexically_normal()) {}

std::filesystem::path SiteFiles::editable(const std::string& relative, std::string& error) const {
  if (relative.empty() || relative.back() == '/') {
    error = "it names no file";
    return {};
  }
  for (const char c : relative) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      error = "its name holds a control character, which a diff cannot name";
      return {};
    }
  }
  const std::filesystem::path rel(relative);
  const std::filesystem::path path = (m_root / rel).lexically_normal();
  if (rel.is_absolute() || !util::relative_within(m_root, path) || path == m_root) {
    error = "it lies outside the site root";
    return {};
  }
  // Every component below the root must be a real folder or file: an edit through a symlink
  // could land outside the site, or in a file that other paths share.
  std::filesystem::path at = m_root;
  for (const auto& part : path.lexically_relative(m_root)) {
    at /= part;
    struct stat st {};
    if (::lstat(at.c_str(), &st) != 0) {
      error = "it does not exist";
      return {};
    }
    if (S_ISLNK(st.st_mode)) {
      error = at == path ? "it is a symbolic link: verity fix edits only regular files"
                         : "it lies under a symbolic link: verity fix edits only regular files";
      return {};
    }
    if (at == path) {
      if (!S_ISREG(st.st_mode)) {
        error = "it is not a regular file";
        return {};
      }
      if ((st.st_mode & 0222) == 0) {
        error = "it is read-only";
        return {};
      }
    }
  }
  return path;
}

FileRead SiteFiles::read(const std::string& relative) {
  FileRead out;
  const std::filesystem::path path = editable(relative, out.error);
  if (path.empty())
    return out;
  util::ReadResult r = util::read_file(path, k_max_file_bytes);
  if (r.status != util::ReadResult::Status::Ok) {
    out.error = r.status == util::ReadResult::Status::TooLarge ? "it is too large to edit"
                                                               : "it cannot be read: " + r.error;
    return out;
  }
  out.ok = true;
  out.bytes = std::move(r.bytes);
  return out;
}

std::string SiteFiles::replace(const std::string& relative, std::string_view expected,
                               std::string_view content) {
  std::string error;
  const std::filesystem::path path = editable(relative, error);
  if (path.empty())
    return error;
  // Asked again just before the rename: the path must still be reached without a symlink (a
  // folder swapped for a link meanwhile is refused) and hold what was read.
  auto unchanged = [&] {
    std::string again;
    if (editable(relative, again) != path)
      return false;
    util::ReadResult now = util::read_file(path, k_max_file_bytes);
    return now.status == util::ReadResult::Status::Ok && now.bytes == expected;
  };
  if (!unchanged())
    return "it changed since verity read it";
  try {
    if (!util::write_file_atomic_if(path, content, unchanged))
      return "it changed since verity read it";
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

} // namespace verity::fix

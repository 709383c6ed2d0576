#include "util/confine.hpp"

#include <system_error>

namespace verity::util {
namespace fs = std::filesystem;

bool is_within(const fs::path& root, const fs::path& path) {
  fs::path rel = path.lexically_relative(root);
  return !rel.empty() && *rel.begin() != "..";
}

namespace {

fs::path anchored(const fs::path& root, const fs::path& path) {
  return (path.is_absolute() ? path : root / path).lexically_normal();
}

} // namespace

std::optional<fs::path> resolve_inside(const fs::path& root, const fs::path& real_root,
                                       const fs::path& path) {
  fs::path p = anchored(root, path);
  if (!is_within(root, p) && !is_within(real_root, p)) {
    return std::nullopt;
  }
  std::error_code ec;
  fs::path real = fs::canonical(p, ec);
  if (ec || !is_within(real_root, real)) {
    return std::nullopt;
  }
  return real;
}

std::optional<fs::path> resolve_writable_inside(const fs::path& root, const fs::path& real_root,
                                                const fs::path& path) {
  fs::path p = anchored(root, path);
  if (!is_within(root, p) && !is_within(real_root, p)) {
    return std::nullopt;
  }
  std::error_code ec;
  if (fs::exists(fs::symlink_status(p, ec))) {
    return resolve_inside(root, real_root, p); // an existing file, or a symlink: follow it
  }
  // Walk up to the deepest ancestor that exists; what lies below it is created by verity itself
  // (lexically normal, so no `..` remains in it).
  fs::path existing = p.parent_path();
  fs::path rest = p.filename();
  while (!existing.empty() && !fs::exists(fs::symlink_status(existing, ec))) {
    rest = existing.filename() / rest;
    if (existing == existing.parent_path()) {
      return std::nullopt;
    }
    existing = existing.parent_path();
  }
  fs::path real = fs::canonical(existing, ec);
  if (ec || !is_within(real_root, real) || !fs::is_directory(real, ec)) {
    return std::nullopt;
  }
  return real / rest;
}

} // namespace verity::util

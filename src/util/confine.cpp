#include "util/confine.hpp"

#include <system_error>

namespace verity::util {
namespace fs = std::filesystem;

bool is_within(const fs::path& root, const fs::path& path) {
  fs::path rel = path.lexically_relative(root);
  return !rel.empty() && *rel.begin() != "..";
}

std::optional<std::string> relative_within(const fs::path& root, const fs::path& path) {
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec).lexically_normal();
  if (!is_within(root, abs)) {
    return std::nullopt;
  }
  std::string rel = abs.lexically_relative(root).generic_string();
  return rel == "." ? "" : rel;
}

namespace {

// `path` anchored at `root` and lexically normal, when that lies inside the root as given or as
// resolved (so that `..` never escapes before any symlink is looked at); nullopt otherwise.
std::optional<fs::path> lexically_inside(const fs::path& root, const fs::path& real_root,
                                         const fs::path& path) {
  fs::path p = (path.is_absolute() ? path : root / path).lexically_normal();
  if (!is_within(root, p) && !is_within(real_root, p)) {
    return std::nullopt;
  }
  return p;
}

} // namespace

std::optional<fs::path> resolve_inside(const fs::path& root, const fs::path& real_root,
                                       const fs::path& path) {
  auto p = lexically_inside(root, real_root, path);
  if (!p) {
    return std::nullopt;
  }
  std::error_code ec;
  fs::path real = fs::canonical(*p, ec);
  if (ec || !is_within(real_root, real)) {
    return std::nullopt;
  }
  return real;
}

std::optional<fs::path> resolve_writable_inside(const fs::path& root, const fs::path& real_root,
                                                const fs::path& path) {
  auto lexical = lexically_inside(root, real_root, path);
  if (!lexical) {
    return std::nullopt;
  }
  const fs::path& p = *lexical;
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

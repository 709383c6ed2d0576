// Confinement to the site root: every path verity opens on behalf of the checked tree is resolved,
// symlinks included, and refused when it leaves the root. A path that leaves the root and a path
// that does not exist get the same answer (nullopt), so that no output tells an attacker whether a
// file outside the checkout exists.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace verity::util {

// True when `path` (absolute and lexically normal) is `root` or lies below it.
bool is_within(const std::filesystem::path& root, const std::filesystem::path& path);

// The '/'-separated path of `path` (made absolute and lexically normal) relative to `root`: ""
// for the root itself, nullopt when it lies outside. Lexical only: symlinks are not resolved.
std::optional<std::string> relative_within(const std::filesystem::path& root,
                                           const std::filesystem::path& path);

// The real path of an existing `path` (absolute, or relative to `root`) when it lies inside
// `real_root` (the root with its own symlinks resolved); nullopt when it is missing, cannot be
// resolved, or leaves the root by `..` or by a symlink anywhere on the way.
std::optional<std::filesystem::path> resolve_inside(const std::filesystem::path& root,
                                                    const std::filesystem::path& real_root,
                                                    const std::filesystem::path& path);

// For a file verity may create (cache, history, lockfile): the deepest existing ancestor is
// resolved and must lie inside `real_root`, the rest may not contain `..`, and the file itself,
// when it exists, must resolve inside too. Returns the path to open (its existing part resolved).
std::optional<std::filesystem::path> resolve_writable_inside(const std::filesystem::path& root,
                                                             const std::filesystem::path& real_root,
                                                             const std::filesystem::path& path);

// The words used for a refused or missing path, the same in every message.
inline constexpr const char* k_missing_or_outside =
    "does not exist or leaves the site root (a symbolic link or `..` pointing outside)";

} // namespace verity::util

// Path globs as users write them in verity.yaml: `*` and `?` stay within one path segment,
// `**` as a whole segment matches any number of segments (zero included), `{a,b}` alternates
// (within one segment, no nesting). Matching takes time linear in the pattern and the path
// (no backtracking, no brace expansion): globs come from the checked tree.
#pragma once

#include <cstddef>
#include <string_view>

namespace verity::util {

// Longer globs never match (the configuration schema refuses them with file:line).
inline constexpr size_t k_max_glob_bytes = 1024;

// True when the '/'-separated relative `path` matches `pattern`.
bool glob_match(std::string_view pattern, std::string_view path);

namespace detail {
// glob_match without its literal-prefix shortcut: what tests compare the shortcut against.
bool glob_match_without_prefix_check(std::string_view pattern, std::string_view path);
} // namespace detail

} // namespace verity::util

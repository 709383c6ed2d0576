// Path globs as users write them in verity.yaml: `*` and `?` stay within one path segment,
// `**` as a whole segment matches any number of segments (zero included), `{a,b}` alternates.
#pragma once

#include <string_view>

namespace verity::util {

// True when the '/'-separated relative `path` matches `pattern`.
bool glob_match(std::string_view pattern, std::string_view path);

} // namespace verity::util

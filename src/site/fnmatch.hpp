// Ruby's File.fnmatch(pattern, path) with no flags, as Jekyll's EntryFilter uses it for
// `include`/`exclude`: `*` (and `**`) match any run of characters including '/', `?` any one
// character, `[...]` a class (`[!...]`/`[^...]` negated, ranges), `\` escapes; no braces.
// Linear in the path for each position of the pattern (one backtracking point, no recursion).
#pragma once

#include <string_view>

namespace verity::site {

bool ruby_fnmatch(std::string_view pattern, std::string_view path);

} // namespace verity::site

// A unified diff (as `diff -u` and `git apply` read it) between a file and its fixed text, for
// the dry run of `verity fix`: what would change, to review before --write.
#pragma once

#include <string>
#include <string_view>

namespace verity::fix {

// The diff of `before` and `after` under the names a/`path` and b/`path`, 3 lines of context;
// "" when they are equal. Line ends are kept as they are (a CRLF file shows its CRs).
std::string unified_diff(std::string_view path, std::string_view before, std::string_view after);

} // namespace verity::fix

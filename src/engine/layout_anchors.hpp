// The ids a site's layouts and includes put in every page that uses them (a skip link's
// `#main-content`, a footer's `#contact`): the built page has them, so a #fragment naming one
// lands. Collected from `_layouts/` and `_includes/` once per run, and accepted on every page:
// knowing which layout chain each page uses would be finer, but never a false alarm this way.
#pragma once

#include <filesystem>
#include <string>
#include <unordered_set>

namespace verity::engine {

// Every id= and name= in the .html files under the site's _layouts and _includes (symlinks
// leaving the site are not followed; at most 10,000 files, each at most `max_file_bytes`).
std::unordered_set<std::string> layout_anchors(const std::filesystem::path& root,
                                               const std::filesystem::path& real_root,
                                               std::uint64_t max_file_bytes);

} // namespace verity::engine

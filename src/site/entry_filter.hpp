// Jekyll's EntryFilter (4.3): which names a reader keeps. `exclude` and `include` entries match
// by File.fnmatch *or* as a plain string prefix (so `exclude: [docs]` also drops `docs2/`);
// names starting with `.`, `_`, `#`, `~` or ending in `~` are dropped unless included.
#pragma once

#include "site/site_config.hpp"

#include <string>
#include <string_view>

namespace verity::site {

enum class FilterVerdict { Keep, Excluded, Special };

class EntryFilter {
public:
  explicit EntryFilter(const SiteConfig& config);

  // `entry` as the reader sees it (a bare name in the page walk, a path inside `_posts` or a
  // collection folder); `from_source` the same entry relative to the site root (where
  // `exclude` is matched); `is_dir` for the `pattern == entry + "/"` rule.
  FilterVerdict verdict(std::string_view entry, std::string_view from_source, bool is_dir) const;

  // EntryFilter#glob_include?: `patterns` against `entry` (relative to the site root).
  static bool glob_include(const std::vector<std::string>& patterns, std::string_view entry,
                           bool is_dir);

private:
  std::vector<std::string> m_include;
  std::vector<std::string> m_exclude; // exclude - include
};

// The last '/'-separated component.
std::string_view base_name(std::string_view path);

} // namespace verity::site

// Paths are compared as Jekyll compares them, joined to the source folder; a fixed stand-in
// for the source keeps the comparison independent of where the checkout lives.
#include "site/entry_filter.hpp"

#include "site/fnmatch.hpp"

#include <algorithm>

namespace verity::site {
namespace {

constexpr std::string_view k_source = "/site";

// File.join(k_source, path): exactly one '/' at the seam.
std::string with_source(std::string_view path) {
  size_t start = path.find_first_not_of('/');
  return std::string(k_source) + "/" +
         std::string(start == std::string_view::npos ? std::string_view() : path.substr(start));
}

bool special_start(std::string_view name) {
  return !name.empty() && (name[0] == '.' || name[0] == '_' || name[0] == '#' || name[0] == '~');
}

} // namespace

std::string_view base_name(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

EntryFilter::EntryFilter(const SiteConfig& config) : m_include(config.include) {
  for (const auto& e : config.exclude) {
    if (std::find(m_include.begin(), m_include.end(), e) == m_include.end()) {
      m_exclude.push_back(e);
    }
  }
}

bool EntryFilter::glob_include(const std::vector<std::string>& patterns, std::string_view entry,
                               bool is_dir) {
  std::string entry_with_source = with_source(entry);
  for (const auto& pattern : patterns) {
    std::string pattern_with_source = with_source(pattern);
    if (ruby_fnmatch(pattern_with_source, entry_with_source) ||
        entry_with_source.starts_with(pattern_with_source) ||
        (is_dir && pattern_with_source == entry_with_source + "/")) {
      return true;
    }
  }
  return false;
}

FilterVerdict EntryFilter::verdict(std::string_view entry, std::string_view from_source,
                                   bool is_dir) const {
  if (entry.empty() || entry.back() == '.') {
    return FilterVerdict::Special;
  }
  bool included =
      glob_include(m_include, entry, is_dir) || glob_include(m_include, base_name(entry), is_dir);
  if (!included && glob_include(m_exclude, from_source, is_dir)) {
    return FilterVerdict::Excluded;
  }
  if (included) {
    return FilterVerdict::Keep;
  }
  if (special_start(entry) || special_start(base_name(entry)) || entry.back() == '~') {
    return FilterVerdict::Special;
  }
  return FilterVerdict::Keep;
}

} // namespace verity::site

// Jekyll's FrontmatterDefaults (4.3): which `defaults:` sets apply to an item, and the values
// they give it, the longer scope path winning, then a scope with `type`.
#pragma once

#include "site/site_config.hpp"
#include "util/json_merge.hpp"
#include "verity/document.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace verity::site {

// Utils.deep_merge_hashes: `over`'s keys win, nested mappings merged, lists replaced.
using util::deep_merge;

class Defaults {
public:
  explicit Defaults(const SiteConfig& config) : m_config(config) {}

  // FrontmatterDefaults#all: the merged values for `path` as Jekyll passes it (a document's
  // relative_path, a page's relative path, a static file's URL) and `type` ("pages", "posts",
  // a collection label, or nullopt for static files outside collections). `on_disk` is the
  // item's path relative to the site root, which glob scopes are matched against.
  nlohmann::json all(std::string_view path, const std::optional<std::string>& type,
                     std::string_view on_disk) const;

  // all()'s values with where they are written: `file` is the config file, and `origins` maps
  // every pointer into `values` (mappings and leaves) to the position in it of the value that
  // won the merge, so a finding on a value from `defaults` can point at its line.
  DefaultValues located(std::string_view path, const std::optional<std::string>& type,
                        std::string_view on_disk) const;

private:
  // Calls `merge(scope, wins)` for every scope that applies, in Jekyll's order; `wins` says
  // whether the scope's values go over the values merged so far or under them.
  template <class Merge>
  void for_each_applying(std::string_view path, const std::optional<std::string>& type,
                         std::string_view on_disk, Merge&& merge) const;
  bool applies(const DefaultsScope& scope, std::string_view path,
               const std::optional<std::string>& type, std::string_view on_disk) const;
  std::string strip_collections_dir(std::string path) const;

  const SiteConfig& m_config;
};

} // namespace verity::site

// The parts of Jekyll's configuration (`_config.yml` over Jekyll 4.3's defaults) that decide
// what is read and where it is written.
#pragma once

#include "verity/source_map.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace verity::site {

struct CollectionConfig {
  bool output = false;
  std::optional<std::string> permalink; // the collection's own template
};

// One entry of `defaults:`; `path` and `type` are as written (empty: every item).
struct DefaultsScope {
  size_t index = 0; // its place in the `defaults:` list as written: /defaults/<index> in `map`
  std::string path;
  std::optional<std::string> type;
  nlohmann::json values = nlohmann::json::object();
};

struct SiteConfig {
  std::string config_file; // "_config.yml", or "" when the site has none
  std::map<std::string, CollectionConfig> collections; // posts always present
  std::string collections_dir;                         // "" = the site root
  std::vector<std::string> include{".htaccess"};
  std::vector<std::string> exclude; // with Jekyll's DEFAULT_EXCLUDES appended
  std::vector<DefaultsScope> defaults;
  std::string permalink = "date"; // a style name or a template
  std::string baseurl;
  std::string url;
  std::vector<std::string> markdown_ext{".markdown", ".mkdown", ".mkdn", ".mkd", ".md"};
  bool future = false;
  bool show_drafts = false;
  bool unpublished = false;
  std::string sass_sourcemap = "always"; // sass.sourcemap: always, development or never
  std::string timezone;                  // "" = UTC here (Jekyll: the machine's zone)
  SourceMap map;                         // where each key of _config.yml is written
};

// A positioned problem in _config.yml (or in how it could be read).
struct ConfigProblem {
  std::string file;
  Position position;
  std::string message;
};

// Jekyll's defaults with `json` (a parsed _config.yml root) applied. Values of the wrong type
// are problems, reported at their position, and the default is kept.
SiteConfig site_config_from_json(const nlohmann::json& json, const SourceMap& map,
                                 const std::string& file, std::vector<ConfigProblem>& problems);

// Reads `root`/_config.yml (else _config.yaml) through util/confine, at most `max_bytes`.
// A missing file gives the defaults; an unreadable or invalid one adds problems.
SiteConfig load_site_config(const std::filesystem::path& root,
                            const std::filesystem::path& real_root,
                            std::vector<ConfigProblem>& problems,
                            std::uint64_t max_bytes = 1u << 20);

} // namespace verity::site

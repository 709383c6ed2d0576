// `verity site`: the Jekyll site model of a folder, rendered (the CLI reaches src/site/ only
// through here, as the layer table says).
#pragma once

#include <filesystem>
#include <string>

namespace verity::engine {

enum class SiteTableFormat { Text, Json };

struct SiteTable {
  std::string rendered;
  size_t problems = 0; // _config.yml problems and files that stop a Jekyll build
};

// Reads the site at `root` (now = the system clock, for `future`) and renders it.
SiteTable build_site_table(const std::filesystem::path& root, SiteTableFormat format);

} // namespace verity::engine

// Which files a run reads: every document of every collection under the site root.
#pragma once

#include "config/config.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace verity::engine {

struct SourceFile {
  std::filesystem::path absolute;
  std::string relative; // to the site root, '/' separators
  const config::Collection* collection = nullptr;
};

// Every document under the site root that belongs to a collection and is not ignored, sorted by
// relative path. Skips dot-directories, _site, node_modules and vendor; does not follow symlinked
// directories.
std::vector<SourceFile> discover(const config::Config& config);

} // namespace verity::engine

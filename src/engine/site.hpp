// Finding the site a command works on: its verity.yaml (given, or found by walking up from the
// first path) or the built-in default, and its root directory.
#pragma once

#include "config/config.hpp"

#include <filesystem>
#include <vector>

namespace verity::engine {

// Loads the configuration for `paths` (files or directories; empty = the current directory).
// Throws UsageError for a missing path or --config file, config::ConfigError for a bad config.
config::Config open_site(const std::vector<std::filesystem::path>& paths,
                         const std::filesystem::path& config_file);

} // namespace verity::engine

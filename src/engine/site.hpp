// Finding the site a command works on: its verity.yaml (given, or found by walking up from the
// first path) or the built-in default, and its root directory.
#pragma once

#include "config/config.hpp"
#include "verity/check.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace verity::engine {

// How the command line asked for the configuration.
struct SiteRequest {
  std::filesystem::path config_file;    // --config: part of the checked tree (restrict only)
  std::filesystem::path trusted_config; // --trusted-config: kept outside the checkout (may widen)
  std::map<std::string, std::uint64_t> limits; // --limit NAME=VALUE
};

// Loads the configuration for `paths` (files or directories; empty = the current directory).
// Throws UsageError for a missing path or --config file, config::ConfigError for a bad config.
config::Config open_site(const std::vector<std::filesystem::path>& paths,
                         const SiteRequest& request);
config::Config open_site(const std::vector<std::filesystem::path>& paths,
                         const std::filesystem::path& config_file);

// The profile and collection globs of `cfg`, for the message of a run that found nothing.
SiteSearch describe_search(const config::Config& cfg);

} // namespace verity::engine

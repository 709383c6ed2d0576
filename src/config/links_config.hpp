// The `links:` section of verity.yaml: politeness, timeouts, retries, methods, accepted statuses,
// exclusions, the cache and per-host overrides. Plain data here; the engine turns it into the
// options of the link checker.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace verity::config {

using StatusRanges = std::vector<std::pair<int, int>>; // inclusive

struct LinkHostConfig {
  std::optional<unsigned> concurrency;
  std::optional<long> interval_ms;
  std::optional<StatusRanges> accept;
  std::vector<std::string> headers; // "Name: value"
};

struct LinksConfig {
  unsigned concurrency = 128;
  unsigned per_host = 8;
  long interval_ms = 50;
  double timeout_seconds = 20;
  double connect_timeout_seconds = 10;
  int retries = 2;
  std::vector<std::string> methods{"HEAD", "GET"};
  StatusRanges accept{{200, 299}};
  std::vector<std::string> exclude; // regular expressions (util::Pattern), checked when loaded
  std::vector<std::string> include;
  std::string user_agent; // "" = verity/<version>
  // "" = the user's cache directory (the default, outside the checkout); nullopt = no cache
  // (`cache: false`); else a file relative to the site root.
  std::optional<std::string> cache{std::string()};
  std::int64_t max_cache_age_seconds = 86400;
  bool allow_private = false;
  std::vector<std::string> allow_addresses;
  std::map<std::string, LinkHostConfig> hosts; // lowercase "host" or "host:port"
};

// The `linkrot:` section: scheduled runs with history.
struct LinkrotConfig {
  std::string history = ".verity/history.sqlite"; // relative to the site root
  int failures_to_broken = 3; // consecutive failing runs before a URL is `broken`
};

// Reads the section (already valid against verity's config schema). A regular expression that
// does not compile is an error message naming `where(pointer)` ("file:line:col").
LinksConfig parse_links_config(const nlohmann::json& section,
                               const std::function<std::string(const std::string&)>& where,
                               std::vector<std::string>& errors);

// "1d", "12h", "30m", "45s" or "3600" (seconds); nullopt when it is none of these.
std::optional<std::int64_t> parse_duration_seconds(const std::string& text);

} // namespace verity::config

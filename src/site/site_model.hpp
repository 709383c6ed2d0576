// The Jekyll site model: every file Jekyll 4.3 would read from a source tree, what it becomes
// (page, post, draft, collection document, static file, data file), its URL and output path,
// or why it is not output. This is what internal links resolve against.
#pragma once

#include "site/site_config.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace verity::site {

enum class ItemKind { Page, Post, Draft, Document, StaticFile, Data, Skipped };

// Stable tokens for why an item is not output (the JSON `reason`).
namespace reason {
inline constexpr const char* draft = "draft";             // _drafts without show_drafts
inline constexpr const char* future = "future";           // dated after now, future: false
inline constexpr const char* unpublished = "unpublished"; // published: false
inline constexpr const char* collection_not_output = "collection-not-output";
inline constexpr const char* excluded = "excluded";         // matched by `exclude`
inline constexpr const char* special_name = "special-name"; // . _ # ~ start, ~ end
inline constexpr const char* post_name_without_date = "post-name-without-date";
inline constexpr const char* data = "data";         // _data: read, never output
inline constexpr const char* not_utf8 = "not-utf8"; // a post Jekyll skips
inline constexpr const char* symlink_outside = "symlink-outside-site";
inline constexpr const char* symlink_loop = "symlink-loop";
inline constexpr const char* unreadable = "unreadable";
inline constexpr const char* too_deep = "too-deep";       // past the folder depth limit: not read
inline constexpr const char* build_error = "build-error"; // Jekyll stops the build here
// A `date` in a form verity does not read, though Ruby's Time.parse may: no URL is claimed.
inline constexpr const char* date_unread = "date-unread";
} // namespace reason

struct SiteItem {
  ItemKind kind = ItemKind::StaticFile;
  std::string source;     // relative to the site root, '/'-separated; a folder ends in '/'
  std::string collection; // "posts", a label, or "" (pages, static files outside collections)
  std::string url;        // Jekyll's `url` (escaped, no baseurl); "" when it has none
  std::string output;     // the file under the destination; "" when not output
  std::string reason;     // a reason:: token when not output
  std::string detail;     // one sentence for people
  std::optional<std::int64_t> date; // documents: the instant of `date`
  // Files written beside `output` (jekyll-sass-converter's `.css.map`): {url, output} pairs.
  std::vector<std::pair<std::string, std::string>> extra_outputs;
  nlohmann::json data = nlohmann::json::object(); // front matter over its defaults
};

struct SiteLimits {
  size_t max_entries = 500000; // files and folders visited
  size_t max_depth = 64;       // folder nesting (symlinked loops end here)
  std::uint64_t max_file_bytes = 8u << 20;
  std::uint64_t max_config_bytes = 1u << 20;
  unsigned jobs = 0; // threads that read the files' first bytes (0 = one per core)
};

struct SiteModel {
  SiteConfig config;
  std::vector<ConfigProblem> problems; // _config.yml problems and build errors, positioned
  std::vector<SiteItem> items;         // sorted by source
};

struct SiteOptions {
  std::int64_t now = 0; // site.time: what `future` is compared with (seconds since the epoch)
  std::string jekyll_env = "development"; // JEKYLL_ENV (sass source maps depend on it)
  SiteLimits limits;
};

// Reads the site at `root` as `jekyll build` would.
SiteModel build_site_model(const std::filesystem::path& root, const SiteOptions& options);

const char* to_string(ItemKind kind);

} // namespace verity::site

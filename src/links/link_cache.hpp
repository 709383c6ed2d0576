// The link cache between runs: working links only, each with the time it was checked, reused
// while younger than --max-cache-age. It lives in the user's cache directory by default
// ($XDG_CACHE_HOME or ~/.cache, then verity/<hash of the real site root>/links.sqlite), never in
// the checkout: a cache committed in a pull request could otherwise mark a dead link as alive.
// Errors are never stored (a flaky site must be asked again, not remembered as broken), and a
// link that fails is dropped from the cache. WAL mode and one transaction per run: a killed run
// leaves the previous contents intact.
#pragma once

#include "links/link_result.hpp"
#include "util/sqlite.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace verity::links {

struct CachedLink {
  int status = 0;
  std::string final_url;
  std::vector<std::string> redirects;
  bool permanent_redirect = false;
  bool every_redirect_permanent = false; // stored as 2 in the `permanent` column
  std::int64_t checked_at = 0; // unix seconds
};

class LinkCache {
public:
  // Opens or creates the cache. Throws util::SqliteError (the caller goes on without a cache),
  // util::SqliteUntrusted when the file is not one verity wrote (then it is left untouched).
  explicit LinkCache(const std::filesystem::path& path);

  // The default cache file of the site at `site_root` under $XDG_CACHE_HOME (absolute), else
  // $HOME/.cache; nullopt when neither is usable.
  static std::optional<std::filesystem::path> default_path(const std::filesystem::path& site_root,
                                                           const char* xdg_cache_home,
                                                           const char* home);

  // The entry for `url` checked at most `max_age_seconds` before `now`, if any.
  std::optional<CachedLink> fresh(const std::string& url, std::int64_t now,
                                  std::int64_t max_age_seconds);
  // Stores the working links fetched this run and forgets the ones that failed, in one
  // transaction.
  void record(const std::vector<LinkResult>& results, std::int64_t now);

private:
  util::Database m_db;
};

} // namespace verity::links

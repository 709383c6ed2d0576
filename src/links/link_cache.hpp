// The link cache between runs (SQLite, default .verity/cache.sqlite under the site root): working
// links only, each with the time it was checked, reused while younger than --max-cache-age.
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
  std::int64_t checked_at = 0; // unix seconds
};

class LinkCache {
public:
  // Opens or creates the cache. Throws util::SqliteError (the caller goes on without a cache).
  explicit LinkCache(const std::filesystem::path& path);

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

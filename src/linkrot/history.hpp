// The link-rot history (SQLite, default .verity/history.sqlite under the site root): every run,
// every URL's result in it, and each URL's track record. The schema is versioned
// (PRAGMA user_version) and migrated on open in one BEGIN IMMEDIATE transaction (two first runs at
// once both succeed); a run is written in one transaction, so a run killed half-way records
// nothing and the database stays usable. The history is meant to be kept between runs (an
// Actions cache), so it is checked before use: a file whose schema is not exactly verity's (extra
// or missing tables or columns, views, triggers, a version out of range) is refused untouched.
#pragma once

#include "linkrot/url_state.hpp"
#include "util/sqlite.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace verity::linkrot {

struct UrlOutcome {
  std::string url; // credentials are stripped before it is stored
  Outcome outcome = Outcome::Ok;
  int status = 0;
  std::string error; // the reason, for failures
};

struct RecordedUrl {
  std::string url;
  UrlState state;
  int status = 0;
  std::string error;
};

struct RunSummary {
  std::int64_t id = 0;
  std::int64_t started_at = 0;
  std::int64_t urls = 0;    // URLs checked
  std::int64_t failing = 0; // newly-broken + flaky + broken
  std::int64_t broken = 0;
};

class History {
public:
  // The schema version this build writes; older files are migrated, newer ones refused.
  static constexpr int k_schema_version = 2;

  // Opens or creates the history. Throws util::SqliteUntrusted for a file verity did not write,
  // util::SqliteError for other failures.
  explicit History(const std::filesystem::path& path);
  // Opens an existing file applying migrations only up to `version` (tests of the migrations).
  History(const std::filesystem::path& path, int version);

  // Records one run in one transaction and returns every URL's state after it.
  std::vector<RecordedUrl> record_run(const std::vector<UrlOutcome>& outcomes,
                                      std::int64_t started_at, std::int64_t finished_at,
                                      const std::string& shard, int failures_to_broken);
  // The most recent runs, oldest first.
  std::vector<RunSummary> runs(size_t limit);
  // Deletes runs older than `keep_seconds` before `now` (with their results, and URLs no run
  // mentions any more); returns the number of runs deleted.
  size_t prune(std::int64_t now, std::int64_t keep_seconds);
  int schema_version();

private:
  util::Database m_db;
};

} // namespace verity::linkrot

// What a link-rot run adds to a report: each URL's state across runs and the trend of runs.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace verity {

struct UrlCitation {
  std::string file;
  int line = 0;
  int column = 0;
};

struct LinkrotUrl {
  std::string url;   // credentials stripped
  std::string state; // ok, recovered, newly-broken, flaky, broken, blocked
  int consecutive_failures = 0;
  std::int64_t first_failed = 0; // unix seconds, 0 = not failing
  int status = 0;
  std::string last_error; // the reason of the last failure
  std::vector<UrlCitation> cited_by;
};

struct LinkrotRun {
  std::int64_t id = 0;
  std::int64_t started_at = 0; // unix seconds
  std::int64_t urls = 0;
  std::int64_t failing = 0;
  std::int64_t broken = 0;
};

struct LinkrotSummary {
  std::int64_t run_id = 0;
  std::int64_t started_at = 0;
  int failures_to_broken = 3;
  std::map<std::string, size_t> states; // URLs per state this run
  std::vector<LinkrotUrl> urls;         // every URL not ok, by state severity then URL
  std::vector<LinkrotRun> runs;         // the recent runs, oldest first
};

} // namespace verity

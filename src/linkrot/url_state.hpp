// The state of a URL across scheduled runs, from its outcome this run and its track record:
//   ok            works now, and worked the run before (or was never seen failing)
//   recovered     works now, failed the run before
//   newly-broken  fails now, for the first time in the recent window (a new problem, maybe a blip)
//   flaky         fails now, fewer than N consecutive runs, or again after recovering lately
//   broken        fails now, N or more consecutive runs (N = failures_to_broken, default 3)
//   blocked       a bot wall or rate limit answered: neither working nor failing
// Only `broken` fails a scheduled run by default, so one outage of a site pages no one.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace verity::linkrot {

enum class Outcome { Ok, Fail, Blocked };

// What the history keeps per URL between runs.
struct UrlTrack {
  std::string recent;            // the last outcomes, oldest first: 'o' ok, 'f' fail, 'b' blocked
  int streak = 0;                // consecutive failing runs up to the last one
  std::int64_t first_failed = 0; // when the current failing streak began (unix seconds), 0 = none
};

struct UrlState {
  std::string state; // see above
  UrlTrack track;    // after this run
};

// Outcomes remembered per URL: enough to tell a first failure from a relapse.
constexpr size_t k_recent_window = 10;

UrlState advance(const UrlTrack& before, Outcome now, std::int64_t run_time,
                 int failures_to_broken);

// True for states that are failures of the link (newly-broken, flaky, broken).
bool is_failing(std::string_view state);

} // namespace verity::linkrot

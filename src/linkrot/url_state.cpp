#include "linkrot/url_state.hpp"

namespace verity::linkrot {

UrlState advance(const UrlTrack& before, Outcome now, std::int64_t run_time,
                 int failures_to_broken) {
  UrlState out;
  out.track = before;
  char mark = now == Outcome::Ok ? 'o' : now == Outcome::Fail ? 'f' : 'b';
  out.track.recent = before.recent + mark;
  if (out.track.recent.size() > k_recent_window) {
    out.track.recent.erase(0, out.track.recent.size() - k_recent_window);
  }
  switch (now) {
  case Outcome::Ok:
    out.state = !before.recent.empty() && before.recent.back() == 'f' ? "recovered" : "ok";
    out.track.streak = 0;
    out.track.first_failed = 0;
    break;
  case Outcome::Blocked:
    out.state = "blocked"; // no evidence either way: the streak neither grows nor ends
    break;
  case Outcome::Fail:
    out.track.streak = before.streak + 1;
    out.track.first_failed = before.streak > 0 ? before.first_failed : run_time;
    if (out.track.streak >= failures_to_broken) {
      out.state = "broken";
    } else if (out.track.streak == 1 && before.recent.find('f') == std::string::npos) {
      out.state = "newly-broken";
    } else {
      out.state = "flaky";
    }
    break;
  }
  return out;
}

bool is_failing(std::string_view state) {
  return state == "newly-broken" || state == "flaky" || state == "broken";
}

} // namespace verity::linkrot

// The scheduler: one queue per host (host:port), delayed requests in a timer list, and one
// libcurl multi handle. Each pass releases due requests, starts what the global limit, the host's
// limit and the host's interval allow, drives libcurl, and hands finished transfers back to their
// jobs (or re-queues them for their next redirect hop). It sleeps in curl_multi_poll until the
// earliest of: socket activity, libcurl's own timers, the next host becoming ready, the deadline.
// When nothing is in flight it tells the clock it is idle until then (a fake clock jumps).
// Budgets: a job's budget starts with its first transfer; each transfer's libcurl timeout is cut
// to what is left of the budget and of the run's deadline, a request that would wait past either
// (backoff, Retry-After, host interval) ends at once, and at the deadline everything still
// queued or running ends with a Deadline error, so the run always finishes and writes reports.
#include "net/fetch.hpp"

#include "net/transfer.hpp"

#include <algorithm>
#include <deque>
#include <memory>
#include <set>
#include <sys/resource.h>
#include <unordered_map>

namespace verity::net {
namespace {

using TimePoint = Clock::time_point;

std::string seconds_text(std::chrono::milliseconds ms) {
  return std::to_string((ms.count() + 999) / 1000) + " s";
}

// A request waiting for its host: a first request, or the next hop of a redirect chain.
struct Pending {
  FetchJob* job = nullptr;
  FetchRequest request;
  std::vector<std::string> redirects; // hops so far (redirect chains only)
  std::vector<int> redirect_statuses;
  std::string authority;
  std::string hop_url; // "" = request.url
};

struct HostQueue {
  std::deque<Pending> waiting;
  unsigned active = 0;
  TimePoint ready{}; // no start before this (interval, Retry-After)
  const HostPolicy* policy = nullptr;
};

// The global limit, lowered when the open-file limit could not hold that many sockets (with room
// for the files the rest of verity has open), instead of failing transfers with EMFILE.
unsigned fitting_concurrency(const FetchOptions& options) {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) {
    return options.max_total;
  }
  constexpr rlim_t k_reserved = 64;
  rlim_t room = limit.rlim_cur > 2 * k_reserved ? limit.rlim_cur - k_reserved : k_reserved;
  return static_cast<unsigned>(std::min<rlim_t>(options.max_total, room));
}

class Scheduler {
public:
  explicit Scheduler(const FetchOptions& options)
      : m_options(options), m_clock(options.clock ? *options.clock : Clock::real()),
        m_multi(curl_multi_init()), m_max_total(fitting_concurrency(options)) {
    // HTTP/2 where the server offers it: many requests to one host share one connection.
    curl_multi_setopt(m_multi.get(), CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
  }

  void add(FetchJob* job) {
    std::optional<FetchRequest> request = job->next();
    if (!request) {
      m_budget_end.erase(job);
      return;
    }
    // Only the request waits in a queue; its Transfer (and libcurl handle) is built when it
    // starts, so 100,000 queued URLs cost a few MiB, not a few hundred.
    Pending p{job, std::move(*request), {}, {}, "", ""};
    p.authority = url_authority(p.request.url);
    TimePoint due = m_clock.now() + p.request.delay;
    if (auto kind = out_of_time(job, due)) {
      m_ended.push_back({std::move(p), *kind}); // waiting would outlast the budget or the run
    } else if (p.request.delay.count() > 0) {
      m_delayed.emplace(due, std::move(p));
    } else {
      queue(std::move(p), false);
    }
  }

  void run() {
    while (m_queued > 0 || m_active > 0 || !m_delayed.empty() || !m_ended.empty()) {
      if (end_unstarted() > 0) {
        continue;
      }
      if (m_options.deadline && m_clock.now() >= *m_options.deadline) {
        end_everything();
        continue;
      }
      TimePoint wake = start_ready();
      if (m_options.deadline) {
        wake = std::min(wake, *m_options.deadline);
      }
      int still = 0;
      curl_multi_perform(m_multi.get(), &still);
      if (collect_finished() > 0 || !m_ended.empty()) {
        continue; // their follow-ups (next hop, retry, next range) may start now
      }
      if (m_active == 0) {
        m_clock.idle_until(wake);
      }
      auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(wake - m_clock.now());
      int timeout_ms = static_cast<int>(std::clamp<long>(wait.count(), 0, 100));
      curl_multi_poll(m_multi.get(), nullptr, 0, timeout_ms, nullptr);
    }
  }

private:
  HostQueue& host(const std::string& authority) {
    HostQueue& h = m_hosts[authority];
    if (!h.policy) {
      h.policy = &m_options.policy_for(authority);
    }
    return h;
  }

  void queue(Pending p, bool front) {
    std::string authority = p.authority;
    HostQueue& h = host(authority);
    if (front) {
      h.waiting.push_front(std::move(p));
    } else {
      h.waiting.push_back(std::move(p));
    }
    ++m_queued;
    m_with_work.insert(authority);
  }

  // The limit a job would pass if it waited until `until`: its budget, or the run's deadline.
  std::optional<FetchError::Kind> out_of_time(FetchJob* job, TimePoint until) const {
    if (m_options.deadline && until >= *m_options.deadline) {
      return FetchError::Kind::Deadline;
    }
    auto it = m_budget_end.find(job);
    if (it != m_budget_end.end() && until >= it->second) {
      return FetchError::Kind::Budget;
    }
    return std::nullopt;
  }

  FetchError out_of_time_error(FetchError::Kind kind) const {
    if (kind == FetchError::Kind::Deadline) {
      return {kind, "the run's deadline was reached"};
    }
    return {kind, "its time budget of " + seconds_text(m_options.url_budget) + " ran out"};
  }

  // Gives each request that cannot start in time its last response; returns how many.
  size_t end_unstarted() {
    size_t n = 0;
    while (!m_ended.empty()) {
      auto [p, kind] = std::move(m_ended.front());
      m_ended.pop_front();
      FetchResponse response;
      response.error = out_of_time_error(kind);
      response.final_url = p.hop_url.empty() ? p.request.url : p.hop_url;
      response.redirects = std::move(p.redirects);
      response.redirect_statuses = std::move(p.redirect_statuses);
      m_budget_end.erase(p.job);
      p.job->on_response(response); // the job's last: it is not asked for another request
      ++n;
    }
    return n;
  }

  // The deadline: every running transfer stops, every queued or delayed request ends.
  void end_everything() {
    for (auto& [raw, t] : m_running) {
      curl_multi_remove_handle(m_multi.get(), t->easy.get());
      Pending p{t->job,
                std::move(t->request),
                std::move(t->redirects),
                std::move(t->redirect_statuses),
                t->authority,
                t->url};
      m_ended.push_back({std::move(p), FetchError::Kind::Deadline});
    }
    m_running.clear();
    m_active = 0;
    for (auto& [authority, h] : m_hosts) {
      h.active = 0;
      for (auto& p : h.waiting) {
        m_ended.push_back({std::move(p), FetchError::Kind::Deadline});
      }
      h.waiting.clear();
    }
    m_queued = 0;
    m_with_work.clear();
    for (auto& [due, p] : m_delayed) {
      m_ended.push_back({std::move(p), FetchError::Kind::Deadline});
    }
    m_delayed.clear();
  }

  // A Retry-After pause moved the host's next start: requests of jobs whose budget ends first
  // are not kept waiting for it.
  void end_outlasted(HostQueue& h) {
    for (auto it = h.waiting.begin(); it != h.waiting.end();) {
      if (auto kind = out_of_time(it->job, h.ready)) {
        m_ended.push_back({std::move(*it), *kind});
        it = h.waiting.erase(it);
        --m_queued;
      } else {
        ++it;
      }
    }
  }

  // Starts every transfer the limits allow; returns when the scheduler should next look again.
  TimePoint start_ready() {
    auto now = m_clock.now();
    while (!m_delayed.empty() && m_delayed.begin()->first <= now) {
      auto node = m_delayed.extract(m_delayed.begin());
      queue(std::move(node.mapped()), false);
    }
    TimePoint wake = now + std::chrono::milliseconds(100);
    if (!m_delayed.empty()) {
      wake = std::min(wake, m_delayed.begin()->first);
    }
    for (auto it = m_with_work.begin(); it != m_with_work.end() && m_active < m_max_total;) {
      HostQueue& h = m_hosts[*it];
      while (!h.waiting.empty() && h.active < h.policy->max_concurrent && m_active < m_max_total) {
        if (h.ready > now) {
          wake = std::min(wake, h.ready);
          break;
        }
        start(h);
        h.ready = now + h.policy->min_interval;
      }
      it = h.waiting.empty() ? m_with_work.erase(it) : std::next(it);
    }
    return wake;
  }

  void start(HostQueue& h) {
    Pending p = std::move(h.waiting.front());
    h.waiting.pop_front();
    --m_queued;
    TimePoint now = m_clock.now();
    if (m_options.url_budget.count() > 0) {
      m_budget_end.emplace(p.job, now + m_options.url_budget); // from the job's first start
    }
    if (auto kind = out_of_time(p.job, now)) {
      m_ended.push_back({std::move(p), *kind});
      return;
    }
    // The transfer may take what is left of the budget and the run, if that is less than the
    // request timeout: a server dripping its answer byte by byte is cut off there.
    long timeout_ms = m_options.total_timeout_ms;
    FetchError::Kind cut = FetchError::Kind::Timeout;
    auto left_until = [&](TimePoint end, FetchError::Kind kind) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - now).count();
      if (left < timeout_ms) {
        timeout_ms = std::max<long>(left, 1);
        cut = kind;
      }
    };
    if (auto it = m_budget_end.find(p.job); it != m_budget_end.end()) {
      left_until(it->second, FetchError::Kind::Budget);
    }
    if (m_options.deadline) {
      left_until(*m_options.deadline, FetchError::Kind::Deadline);
    }
    auto t = std::make_unique<Transfer>();
    t->job = p.job;
    t->url = p.hop_url.empty() ? p.request.url : std::move(p.hop_url);
    t->request = std::move(p.request);
    t->redirects = std::move(p.redirects);
    t->redirect_statuses = std::move(p.redirect_statuses);
    t->authority = std::move(p.authority);
    t->guard = &m_options.guard;
    prepare(*t, m_options, *h.policy);
    curl_easy_setopt(t->easy.get(), CURLOPT_TIMEOUT_MS, timeout_ms);
    t->cut_by = cut;
    t->response.started = now;
    ++h.active;
    ++m_active;
    curl_multi_add_handle(m_multi.get(), t->easy.get());
    Transfer* raw = t.get();
    m_running.emplace(raw, std::move(t));
  }

  int collect_finished() {
    int finished = 0;
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(m_multi.get(), &left)) {
      if (msg->msg != CURLMSG_DONE) {
        continue;
      }
      ++finished;
      Transfer* raw = nullptr;
      curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &raw);
      CURLcode code = msg->data.result;
      curl_multi_remove_handle(m_multi.get(), msg->easy_handle);
      auto node = m_running.extract(raw);
      std::unique_ptr<Transfer> t = std::move(node.mapped());
      --m_active;
      --m_hosts[t->authority].active;
      finish(std::move(t), code);
    }
    return finished;
  }

  void finish(std::unique_ptr<Transfer> t, CURLcode code) {
    long status = 0;
    curl_easy_getinfo(t->easy.get(), CURLINFO_RESPONSE_CODE, &status);
    t->response.status = static_cast<int>(status);
    if (status == 429 && t->response.retry_after.empty()) {
      t->response.retry_after = t->rate_limit_reset; // the same pause, said another way
    }
    if ((status == 429 || status == 503) && !t->response.retry_after.empty()) {
      // Retry-After pauses the whole host, not just this URL (capped).
      if (auto wait = parse_retry_after(t->response.retry_after);
          wait && *wait <= m_options.max_retry_after) {
        HostQueue& h = m_hosts[t->authority];
        h.ready = std::max(h.ready, m_clock.now() + *wait);
        end_outlasted(h);
      }
    }
    t->response.error = classify(code, *t);
    if (t->response.error.kind == FetchError::Kind::Timeout &&
        t->cut_by != FetchError::Kind::Timeout) {
      t->response.error = out_of_time_error(t->cut_by); // cut short by the budget or deadline
    }
    if (t->response.error.kind == FetchError::Kind::None && status >= 300 && status < 400) {
      char* location = nullptr;
      curl_easy_getinfo(t->easy.get(), CURLINFO_REDIRECT_URL, &location);
      if (location && static_cast<int>(t->redirects.size()) < m_options.max_redirects) {
        std::string next(location);
        std::string scheme = util::ascii_lower(next.substr(0, next.find(':')));
        if (scheme != "http" && scheme != "https") {
          t->response.error = {FetchError::Kind::Scheme, "redirect to a non-http(s) URL"};
        } else {
          Pending hop{t->job,
                      std::move(t->request),
                      std::move(t->redirects),
                      std::move(t->redirect_statuses),
                      url_authority(next),
                      next};
          hop.redirects.push_back(t->url);
          hop.redirect_statuses.push_back(static_cast<int>(status));
          queue(std::move(hop), true); // the next hop, through the same limits and guard
          return;
        }
      } else if (location) {
        t->response.error = {FetchError::Kind::TooManyRedirects,
                             "more than " + std::to_string(m_options.max_redirects) + " redirects"};
      }
    }
    t->response.final_url = t->url;
    t->response.redirects = std::move(t->redirects);
    t->response.redirect_statuses = std::move(t->redirect_statuses);
    FetchJob* job = t->job;
    FetchResponse response = std::move(t->response);
    t.reset(); // the easy handle goes back before the job's next request is built
    job->on_response(response);
    if (response.error.kind == FetchError::Kind::Budget ||
        response.error.kind == FetchError::Kind::Deadline) {
      m_budget_end.erase(job);
      return; // the job is over
    }
    add(job);
  }

  const FetchOptions& m_options;
  Clock& m_clock;
  Multi m_multi;
  std::unordered_map<std::string, HostQueue> m_hosts;
  std::set<std::string> m_with_work; // hosts with waiting transfers
  std::multimap<TimePoint, Pending> m_delayed;
  std::deque<std::pair<Pending, FetchError::Kind>> m_ended; // out of time, never started
  std::unordered_map<FetchJob*, TimePoint> m_budget_end;    // jobs that have started
  std::unordered_map<Transfer*, std::unique_ptr<Transfer>> m_running;
  unsigned m_max_total;
  size_t m_queued = 0;
  unsigned m_active = 0;
};

} // namespace

const HostPolicy& FetchOptions::policy_for(const std::string& authority) const {
  const HostPolicy* p = find_for_authority(hosts, authority);
  return p ? *p : host;
}

std::optional<std::chrono::seconds> parse_retry_after(const std::string& value) {
  if (value.empty()) {
    return std::nullopt;
  }
  if (value.find_first_not_of("0123456789") == std::string::npos) {
    if (value.size() > 9) {
      return std::chrono::seconds(999999999); // years: longer than any cap
    }
    return std::chrono::seconds(std::stoll(value));
  }
  time_t when = curl_getdate(value.c_str(), nullptr); // HTTP-date
  if (when < 0) {
    return std::nullopt;
  }
  time_t now = time(nullptr);
  return std::chrono::seconds(when > now ? when - now : 0);
}

void run_fetches(const std::vector<FetchJob*>& jobs, const FetchOptions& options) {
  Scheduler scheduler(options);
  for (FetchJob* job : jobs) {
    scheduler.add(job);
  }
  scheduler.run();
}

} // namespace verity::net

#include "links/link_check.hpp"

#include "net/fetch_fields.hpp"
#include "net/url.hpp"
#include "rules/make_finding.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>
#include <memory>
#include <random>

namespace verity::links {
namespace {

using Kind = net::FetchError::Kind;

constexpr size_t k_max_url_length = 8192;

const StatusSet& accept_for(const LinkOptions& o, const std::string& url) {
  const StatusSet* s = net::find_for_authority(o.host_accept, net::url_authority(url));
  return s ? *s : o.accept;
}

bool transient(const net::FetchResponse& r) {
  if (r.error.kind == Kind::Timeout || r.error.kind == Kind::Connect ||
      r.error.kind == Kind::Reset || r.error.kind == Kind::Other) {
    return true;
  }
  if (r.error.kind != Kind::None) {
    return false; // DNS (retried once by the job), TLS, guard, scheme, redirects: never
  }
  return (r.status >= 500 && r.status != 501) || r.status == 408 || r.status == 429;
}

// A method other than the last is given up for the next one on these answers.
bool method_refused(const net::FetchResponse& r) {
  if (r.error.kind == Kind::Reset || r.error.kind == Kind::Other) {
    return true;
  }
  return r.error.kind == Kind::None &&
         (r.status == 405 || r.status == 403 || r.status == 400 || r.status == 501);
}

std::string seconds_text(long milliseconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%g s", static_cast<double>(milliseconds) / 1000.0);
  return text;
}

void set(LinkResult& result, const rules::Rule& rule, std::string reason) {
  result.rule = &rule;
  result.reason = std::move(reason);
}

// A working link: ok, or a note when a permanent redirect is worth updating.
void classify_working(LinkResult& result) {
  if (result.permanent_redirect && result.final_url != result.url) {
    set(result, rules::link_redirect,
        "redirects permanently to " + net::redact_url(result.final_url) + ": update the link");
  }
}

class LinkJob : public net::FetchJob {
public:
  LinkJob(std::string url, const LinkOptions& o, const StatusSet& accept, std::mt19937& rng,
          LinkProgress& progress)
      : m_options(o), m_accept(accept), m_rng(rng), m_progress(progress) {
    m_result.url = std::move(url);
    m_result.fetched = true;
  }

  std::optional<net::FetchRequest> next() override {
    if (m_done) {
      return std::nullopt;
    }
    bool head = m_options.methods[m_method] == "HEAD";
    net::FetchRequest req{m_result.url, std::nullopt, head, m_delay};
    m_delay = std::chrono::milliseconds(0);
    ++m_result.attempts;
    return req;
  }

  bool on_body(std::span<const std::uint8_t>) override { return false; } // the status is enough

  void on_response(const net::FetchResponse& r) override {
    if (r.error.kind == Kind::Budget || r.error.kind == Kind::Deadline) {
      out_of_time(r);
      return;
    }
    if (r.error.kind == Kind::None) {
      m_last_answer = r;
    }
    if (r.error.kind == Kind::None && m_accept.contains(r.status)) {
      finish(r);
      return;
    }
    if (m_method + 1 < m_options.methods.size() && method_refused(r)) {
      ++m_method; // HEAD is often refused or mishandled: ask again with the next method
      return;
    }
    auto retry_after = net::parse_retry_after(r.retry_after);
    bool waits_too_long = retry_after && *retry_after > m_options.fetch.max_retry_after;
    bool dns_once = r.error.kind == Kind::Dns && m_retries == 0;
    if ((transient(r) || dns_once) && !waits_too_long && m_retries < m_options.retries) {
      ++m_retries;
      auto base = m_options.retry_base * (1 << (m_retries - 1));
      std::uniform_int_distribution<long> jitter(0, m_options.retry_base.count());
      m_delay = base + std::chrono::milliseconds(jitter(m_rng));
      if (retry_after) {
        m_delay =
            std::max(m_delay, std::chrono::duration_cast<std::chrono::milliseconds>(*retry_after));
      }
      return;
    }
    finish(r);
  }

  LinkResult take() { return std::move(m_result); }

private:
  // The budget or the deadline ended the URL. A request that never started is no attempt; an
  // HTTP answer of an earlier attempt (an endless 503, say) is the result when there was one.
  void out_of_time(const net::FetchResponse& r) {
    if (r.started == net::Clock::time_point{} && m_result.attempts > 0) {
      --m_result.attempts;
    }
    if (r.error.kind == Kind::Budget && m_last_answer) {
      finish(*m_last_answer);
      return;
    }
    finish(r);
  }

  void finish(const net::FetchResponse& r) {
    m_done = true;
    m_result.status = r.status;
    m_result.error = r.error.kind == Kind::None ? "" : r.error.detail;
    m_result.redirects = r.redirects;
    m_result.final_url = r.final_url;
    m_result.permanent_redirect =
        std::any_of(r.redirect_statuses.begin(), r.redirect_statuses.end(),
                    [](int s) { return s == 301 || s == 308; });
    m_result.every_redirect_permanent =
        !r.redirect_statuses.empty() &&
        std::all_of(r.redirect_statuses.begin(), r.redirect_statuses.end(),
                    [](int s) { return s == 301 || s == 308; });
    classify(r);
    ++m_progress.done;
    m_progress.broken += m_result.works() ? 0 : 1;
    if (m_options.progress) {
      m_options.progress(m_progress);
    }
  }

  void classify(const net::FetchResponse& r) {
    std::string attempts =
        std::to_string(m_result.attempts) + (m_result.attempts == 1 ? " attempt" : " attempts");
    switch (r.error.kind) {
    case Kind::None:
      break;
    case Kind::PrivateAddress:
      set(m_result, rules::link_private_address,
          r.error.detail + " (use --allow-private or --allow-address for an intranet link)");
      return;
    case Kind::Scheme:
      set(m_result, rules::link_unsupported_scheme, r.error.detail);
      return;
    case Kind::Deadline:
      set(m_result, rules::link_unchecked,
          "not checked: " + r.error.detail + " (raise --deadline, or split the run with --shard)");
      return;
    case Kind::Budget:
      set(m_result, rules::link_timeout,
          "no answer before " + r.error.detail + ", after " + attempts +
              " (raise --url-budget for a slow site)");
      return;
    case Kind::Timeout:
      set(m_result, rules::link_timeout,
          "no answer within " + seconds_text(m_options.fetch.total_timeout_ms) + " after " +
              attempts + " (raise --timeout or links.timeout for a slow site)");
      return;
    default:
      set(m_result, rules::link_broken, r.error.detail + " after " + attempts);
      return;
    }
    if (m_accept.contains(r.status)) {
      classify_working(m_result);
      return;
    }
    if (r.status == 429) {
      auto after = net::parse_retry_after(r.retry_after);
      set(m_result, rules::link_blocked,
          after && *after > m_options.fetch.max_retry_after
              ? "rate limited (429), Retry-After " + std::to_string(after->count()) +
                    " s is longer than verity waits"
              : "rate limited (429) after " + attempts);
      return;
    }
    if (r.status == 999 || ((r.status == 403 || r.status == 503) && r.bot_wall)) {
      set(m_result, rules::link_blocked,
          "a bot wall answered (HTTP " + std::to_string(r.status) + "): check it in a browser");
      return;
    }
    set(m_result, rules::link_broken,
        "HTTP " + std::to_string(r.status) +
            (r.status >= 500 ? " after " + attempts : std::string()));
  }

  const LinkOptions& m_options;
  const StatusSet& m_accept;
  std::mt19937& m_rng;
  LinkProgress& m_progress;
  LinkResult m_result;
  size_t m_method = 0;
  bool m_done = false;
  int m_retries = 0;
  std::chrono::milliseconds m_delay{0};
  std::optional<net::FetchResponse> m_last_answer; // the last HTTP answer, for a spent budget
};

// The result for a URL decided without fetching it, if any: not http(s), excluded, or fresh in
// the cache.
std::optional<LinkResult> decide_offline(const std::string& url, const LinkOptions& options,
                                         std::int64_t now) {
  LinkResult pre;
  pre.url = url;
  if (url.size() > k_max_url_length) {
    // Browsers and servers give up long before this, and matching patterns against megabytes of
    // text is not worth the risk.
    set(pre, rules::link_broken,
        "longer than " + std::to_string(k_max_url_length) + " characters: not a usable link");
    return pre;
  }
  std::string scheme = util::ascii_lower(url.substr(0, url.find("://")));
  if (scheme != "http" && scheme != "https") {
    set(pre, rules::link_unsupported_scheme, "only http and https links are checked");
    return pre;
  }
  auto matches = [&](const util::Pattern& re) { return re.search(url); };
  if (reserved_example_host(url)) {
    set(pre, rules::link_excluded, "a reserved example host: never fetched");
    return pre;
  }
  bool included = options.include.empty() ||
                  std::any_of(options.include.begin(), options.include.end(), matches);
  if (!included || std::any_of(options.exclude.begin(), options.exclude.end(), matches)) {
    set(pre, rules::link_excluded, "excluded by the configuration");
    return pre;
  }
  if (options.cache) {
    auto hit = options.cache->fresh(url, now, options.max_cache_age.count());
    // The accepted statuses are applied again: a cached 203 is not reused once 203 is refused.
    if (hit && accept_for(options, url).contains(hit->status)) {
      pre.status = hit->status;
      pre.final_url = hit->final_url;
      pre.redirects = hit->redirects;
      pre.permanent_redirect = hit->permanent_redirect;
      pre.every_redirect_permanent = hit->every_redirect_permanent;
      pre.cached = true;
      classify_working(pre);
      return pre;
    }
  }
  return std::nullopt;
}

} // namespace

std::vector<LinkResult> check_links(std::vector<std::string> urls, const LinkOptions& options) {
  std::sort(urls.begin(), urls.end());
  urls.erase(std::unique(urls.begin(), urls.end()), urls.end());
  std::mt19937 rng(12345);
  std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
  std::vector<std::pair<size_t, LinkResult>> decided;
  std::vector<std::pair<size_t, std::unique_ptr<LinkJob>>> jobs;
  std::vector<net::FetchJob*> raw;
  LinkProgress progress;
  progress.total = urls.size();
  for (size_t i = 0; i < urls.size(); ++i) {
    if (auto result = decide_offline(urls[i], options, now)) {
      progress.broken += result->works() || result->rule == &rules::link_excluded ? 0 : 1;
      decided.emplace_back(i, std::move(*result));
      continue;
    }
    const StatusSet& accept = accept_for(options, urls[i]);
    jobs.emplace_back(
        i, std::make_unique<LinkJob>(std::move(urls[i]), options, accept, rng, progress));
    raw.push_back(jobs.back().second.get());
  }
  progress.done = decided.size();
  size_t total = urls.size();
  urls = {}; // the jobs own the URLs now
  net::run_fetches(raw, options.fetch);
  if (options.progress && raw.empty()) {
    options.progress(progress);
  }
  // One result per URL, in URL order (callers look results up by binary search).
  std::vector<LinkResult> results(total);
  for (auto& [slot, result] : decided) {
    results[slot] = std::move(result);
  }
  for (auto& [slot, job] : jobs) {
    results[slot] = job->take();
    job.reset();
  }
  return results;
}

const LinkResult* find_result(const std::vector<LinkResult>& results, const std::string& url) {
  auto it = std::lower_bound(results.begin(), results.end(), url,
                             [](const LinkResult& r, const std::string& u) { return r.url < u; });
  return it != results.end() && it->url == url ? &*it : nullptr;
}

static std::optional<Fix> redirect_fix(const LinkRef& ref, const LinkResult& r) {
  // Only a chain of permanent hops ending in a page says where the link now lives; a URL with
  // credentials is never rewritten (the cache keeps them redacted).
  if (r.rule != &rules::link_redirect || !r.every_redirect_permanent || r.status < 200 ||
      r.status > 299 || r.final_url.empty() || r.final_url == ref.url ||
      net::redact_url(ref.url) != ref.url || net::redact_url(r.final_url) != r.final_url ||
      !refs::safe_to_write(r.final_url))
    return std::nullopt; // a Location header is the server's text: never written unchecked
  std::string to = r.final_url;
  const auto hash = ref.url.find('#');
  if (hash != std::string::npos && to.find('#') == std::string::npos)
    to += ref.url.substr(hash); // the fragment never travels to the server
  Fix fix;
  fix.description = "URL -> " + to + " (every redirect permanent)";
  FixEdit e;
  e.mode = FixEdit::Mode::Rewrite;
  e.pointer = ref.pointer;
  e.position = ref.position;
  e.has_offset = ref.in_body;
  e.offset = ref.offset;
  e.old_text = ref.url;
  e.new_text = std::move(to);
  fix.edits.push_back(std::move(e));
  return fix;
}

void report_link(const LinkRef& ref, const LinkResult& r, Findings& out) {
  if (!r.rule) {
    return;
  }
  Finding f = rules::make_finding(*r.rule);
  f.file = ref.file;
  f.line = ref.position.line;
  f.column = ref.position.column;
  f.pointer = ref.pointer;
  std::string shown = net::redact_url(ref.url);
  if (shown.size() > 200) {
    shown = shown.substr(0, 200) + "…";
  }
  f.message = shown + ": " + r.reason;
  net::add_fetch_fields(f.extra, {ref.url, r.status, r.error, r.redirects, r.final_url});
  if (r.cached) {
    f.extra["cached"] = true;
  }
  f.fix = redirect_fix(ref, r);
  out.push_back(std::move(f));
}

} // namespace verity::links

// Link reachability: every unique http(s) URL is checked once per run, HEAD first with a GET
// fallback (configurable), redirects followed and recorded, transient failures retried with
// exponential backoff and jitter, and the result classified: ok, link/redirect (permanent, worth
// updating), link/broken, link/timeout, link/blocked (bot walls, LinkedIn's 999, 429 after
// retries), link/private-address, link/unsupported-scheme, link/excluded. Working links may come
// from the cache of an earlier run.
#pragma once

#include "links/extract.hpp"
#include "links/link_cache.hpp"
#include "links/link_result.hpp"
#include "links/status_set.hpp"
#include "net/fetch.hpp"
#include "util/pattern.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace verity::links {

struct LinkProgress {
  size_t done = 0;
  size_t total = 0;
  size_t broken = 0; // finished and not working
};

struct LinkOptions {
  net::FetchOptions fetch;
  int retries = 2;
  std::chrono::milliseconds retry_base{1000};
  std::vector<std::string> methods{"HEAD", "GET"}; // tried in order when one is refused
  StatusSet accept = StatusSet::success();
  std::map<std::string, StatusSet> host_accept; // by "host" or "host:port"
  std::vector<util::Pattern> exclude;           // URLs matching any are not fetched (link/excluded)
  std::vector<util::Pattern> include;           // when set, only matching URLs are fetched
  LinkCache* cache = nullptr;                   // working links of earlier runs
  std::chrono::seconds max_cache_age{86400};
  std::function<void(const LinkProgress&)> progress; // after each URL
};

// Checks every unique URL; one result per unique URL, sorted by URL.
std::vector<LinkResult> check_links(std::vector<std::string> urls, const LinkOptions& options);

// The result for `url` in the output of check_links, or nullptr.
const LinkResult* find_result(const std::vector<LinkResult>& results, const std::string& url);

// Findings for one reference from its URL's result (nothing for ok).
void report_link(const LinkRef& ref, const LinkResult& result, Findings& out);

} // namespace verity::links

// The network phase of a run (--online): every unique link and remote image URL of the reported
// documents is fetched once, then each citing document gets its findings at its own line.
#pragma once

#include "config/config.hpp"
#include "links/link_check.hpp"
#include "media/image_verdict.hpp"
#include "verity/check.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace verity::engine {

struct NetworkRefs {
  std::vector<links::LinkRef> links;
  std::vector<media::ImageRef> images;
};

// True when `url` belongs to shard `index` (1-based) of `count` (0 or 1: no sharding), by a stable
// hash of the URL, so N runners split a site's URLs without talking to each other.
bool in_shard(std::string_view url, unsigned index, unsigned count);

// The fetch settings links and remote images share: guard, timeouts, User-Agent, politeness.
net::FetchOptions fetch_options(const config::LinksConfig& links, const CheckOptions& options);

// The link checker's options from verity.yaml and the flags (no cache: the caller adds one).
links::LinkOptions link_options(const config::Config& cfg, const CheckOptions& options);

// The unique link URLs of reported documents in this run's shard, sorted.
std::vector<std::string> unique_link_urls(const NetworkRefs& refs,
                                          const std::function<bool(const std::string&)>& reported,
                                          const CheckOptions& options);

// `reported(file)` says whether a document's findings are reported (--changed-since, paths): only
// their URLs are fetched.
void run_network_checks(const NetworkRefs& refs,
                        const std::function<bool(const std::string&)>& reported,
                        const config::Config& cfg, const CheckOptions& options, Findings& out);

} // namespace verity::engine

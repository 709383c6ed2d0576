// What the network checks (links, remote images) and `verity linkrot` share: the fetch and link
// settings from verity.yaml and the flags, shards, and the unique URLs to fetch. Every unique URL
// of the reported documents is fetched once; each citing document gets its findings at its own
// line.
#pragma once

#include "config/config.hpp"
#include "links/link_cache.hpp"
#include "links/link_check.hpp"
#include "media/image_verdict.hpp"
#include "verity/check.hpp"

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace verity::checks {

// True when `url` belongs to shard `index` (1-based) of `count` (0 or 1: no sharding), by a stable
// hash of the URL, so N runners split a site's URLs without talking to each other.
bool in_shard(std::string_view url, unsigned index, unsigned count);

// The fetch settings links and remote images share: guard, timeouts, User-Agent, politeness.
net::FetchOptions fetch_options(const config::LinksConfig& links, const CheckOptions& options);

// The link checker's options from verity.yaml and the flags (no cache: the caller adds one).
links::LinkOptions link_options(const config::Config& cfg, const CheckOptions& options);

// The unique URLs cited by reported documents in this run's shard, sorted.
std::vector<std::string> unique_urls(const std::vector<links::LinkRef>& refs,
                                     const std::function<bool(const std::string&)>& reported,
                                     const CheckOptions& options);
std::vector<std::string> unique_urls(const std::vector<media::ImageRef>& refs,
                                     const std::function<bool(const std::string&)>& reported,
                                     const CheckOptions& options);

// The link cache verity.yaml and the flags ask for; nullptr (with a warning) when it is off or
// cannot be used.
std::unique_ptr<links::LinkCache> open_cache(const config::Config& cfg,
                                             const CheckOptions& options);

} // namespace verity::checks

#include "engine/network_checks.hpp"

#include "media/remote_images.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>

namespace verity::engine {
namespace {

// The unique URLs cited by reported documents (a site cites most URLs more than once) that
// belong to this run's shard.
template <typename Ref>
std::vector<std::string> reported_urls(const std::vector<Ref>& refs,
                                       const std::function<bool(const std::string&)>& reported,
                                       const CheckOptions& options) {
  std::vector<std::string_view> views;
  for (const auto& ref : refs) {
    if (reported(ref.file) && in_shard(ref.url, options.shard_index, options.shard_count)) {
      views.push_back(ref.url);
    }
  }
  std::sort(views.begin(), views.end());
  views.erase(std::unique(views.begin(), views.end()), views.end());
  return {views.begin(), views.end()};
}

} // namespace

bool in_shard(std::string_view url, unsigned index, unsigned count) {
  if (count <= 1) {
    return true;
  }
  std::uint64_t hash = 14695981039346656037ull; // FNV-1a: stable across runs and machines
  for (unsigned char c : url) {
    hash = (hash ^ c) * 1099511628211ull;
  }
  return hash % count == index - 1;
}

// The fetch settings links and remote images share: guard, timeouts, User-Agent, concurrency.
net::FetchOptions fetch_options(const config::LinksConfig& lc, const CheckOptions& options) {
  net::FetchOptions fo;
  std::set<std::string> allowed(lc.allow_addresses.begin(), lc.allow_addresses.end());
  allowed.insert(options.allow_addresses.begin(), options.allow_addresses.end());
  fo.guard = net::AddressGuard(options.allow_private || lc.allow_private, std::move(allowed));
  fo.max_total = options.concurrency.value_or(lc.concurrency);
  double timeout = options.timeout_seconds.value_or(lc.timeout_seconds);
  fo.total_timeout_ms = static_cast<long>(timeout * 1000);
  fo.connect_timeout_ms =
      std::min(fo.total_timeout_ms, static_cast<long>(lc.connect_timeout_seconds * 1000));
  fo.url_budget = std::chrono::milliseconds(
      static_cast<long>(1000 * options.url_budget_seconds.value_or(std::max(90.0, 2 * timeout))));
  fo.deadline = options.deadline;
  fo.user_agent = lc.user_agent;
  fo.host.max_concurrent = lc.per_host;
  fo.host.min_interval = std::chrono::milliseconds(lc.interval_ms);
  for (const auto& [name, h] : lc.hosts) {
    net::HostPolicy p = fo.host;
    p.max_concurrent = h.concurrency.value_or(p.max_concurrent);
    p.min_interval = std::chrono::milliseconds(h.interval_ms.value_or(p.min_interval.count()));
    p.headers = h.headers;
    fo.hosts[name] = std::move(p);
  }
  return fo;
}

namespace {

std::unique_ptr<links::LinkCache> open_cache(const config::Config& cfg,
                                             const CheckOptions& options) {
  if (options.no_cache || !cfg.links.cache) {
    return nullptr;
  }
  std::optional<std::filesystem::path> path =
      cfg.links.cache->empty()
          ? links::LinkCache::default_path(cfg.site_root, std::getenv("XDG_CACHE_HOME"),
                                           std::getenv("HOME"))
          : cfg.site_root / *cfg.links.cache;
  if (!path) {
    spdlog::warn("link cache not used: neither XDG_CACHE_HOME nor HOME is set");
    return nullptr;
  }
  try {
    return std::make_unique<links::LinkCache>(*path);
  } catch (const util::SqliteUntrusted& e) {
    spdlog::warn("link cache not used: the cache file {}; delete it, or run with --no-cache",
                 e.what());
    return nullptr;
  } catch (const util::SqliteError& e) {
    spdlog::warn("link cache not used: {} (delete the file, or run with --no-cache)", e.what());
    return nullptr;
  }
}

} // namespace

links::LinkOptions link_options(const config::Config& cfg, const CheckOptions& options) {
  const config::LinksConfig& lc = cfg.links;
  links::LinkOptions lo;
  lo.fetch = fetch_options(lc, options);
  lo.retries = lc.retries;
  lo.methods = lc.methods;
  lo.accept = links::StatusSet(lc.accept);
  for (const auto& [name, h] : lc.hosts) {
    if (h.accept) {
      lo.host_accept[name] = links::StatusSet(*h.accept);
    }
  }
  // Every pattern compiled when the configuration was loaded, so none is dropped here.
  std::string error;
  for (const auto& pattern : lc.exclude) {
    if (auto p = util::Pattern::compile(pattern, error)) {
      lo.exclude.push_back(std::move(*p));
    }
  }
  for (const auto& pattern : lc.include) {
    if (auto p = util::Pattern::compile(pattern, error)) {
      lo.include.push_back(std::move(*p));
    }
  }
  lo.max_cache_age =
      std::chrono::seconds(options.max_cache_age_seconds.value_or(lc.max_cache_age_seconds));
  if (options.link_progress) {
    lo.progress = [&options](const links::LinkProgress& p) {
      options.link_progress(p.done, p.total, p.broken);
    };
  }
  return lo;
}

std::vector<std::string> unique_link_urls(const NetworkRefs& refs,
                                          const std::function<bool(const std::string&)>& reported,
                                          const CheckOptions& options) {
  return reported_urls(refs.links, reported, options);
}

namespace {

void check_links(const NetworkRefs& refs, const std::vector<std::string>& urls,
                 const config::Config& cfg, const CheckOptions& options, Findings& out) {
  links::LinkOptions lo = link_options(cfg, options);
  std::unique_ptr<links::LinkCache> cache = open_cache(cfg, options);
  lo.cache = cache.get();
  std::vector<links::LinkResult> results = links::check_links(urls, lo);
  if (cache) {
    try {
      cache->record(results, static_cast<std::int64_t>(std::time(nullptr)));
    } catch (const util::SqliteError& e) {
      spdlog::warn("link cache not updated: {}", e.what());
    }
  }
  for (const auto& ref : refs.links) {
    if (const links::LinkResult* r = links::find_result(results, ref.url)) {
      links::report_link(ref, *r, out);
    }
  }
}

} // namespace

void run_network_checks(const NetworkRefs& refs,
                        const std::function<bool(const std::string&)>& reported,
                        const config::Config& cfg, const CheckOptions& options, Findings& out) {
  if (!refs.links.empty()) {
    check_links(refs, reported_urls(refs.links, reported, options), cfg, options, out);
  }
  if (!refs.images.empty()) {
    media::RemoteImageOptions ro;
    ro.max_bytes = cfg.max_image_bytes;
    ro.fetch = fetch_options(cfg.links, options);
    std::map<std::string, media::RemoteProbe> by_url;
    for (auto& p : media::probe_remote_images(reported_urls(refs.images, reported, options), ro)) {
      by_url[p.url] = std::move(p);
    }
    for (const auto& ref : refs.images) {
      if (auto it = by_url.find(ref.url); it != by_url.end()) {
        media::judge_remote_image(ref, it->second, out);
      }
    }
  }
}

} // namespace verity::engine

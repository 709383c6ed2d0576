#include "checks/network_checks.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>

namespace verity::checks {
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

std::vector<std::string> unique_urls(const std::vector<links::LinkRef>& refs,
                                     const std::function<bool(const std::string&)>& reported,
                                     const CheckOptions& options) {
  return reported_urls(refs, reported, options);
}

std::vector<std::string> unique_urls(const std::vector<media::ImageRef>& refs,
                                     const std::function<bool(const std::string&)>& reported,
                                     const CheckOptions& options) {
  return reported_urls(refs, reported, options);
}

} // namespace verity::checks

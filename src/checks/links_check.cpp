// Network check: every unique link URL of the reported documents is checked once (with the link
// cache), then each citing document gets its findings at its own line.
#include "checks/network_checks.hpp"
#include "checks/registry.hpp"
#include "links/extract.hpp"

#include <spdlog/spdlog.h>

#include <ctime>

namespace verity::checks {

void links(const std::vector<refs::Reference>& references, const RunContext& run, Findings& out) {
  std::vector<links::LinkRef> link_refs = links::link_refs(references);
  if (link_refs.empty()) {
    return;
  }
  const config::Config& cfg = run.cfg;
  const CheckOptions& options = run.options;
  std::vector<std::string> urls = unique_urls(link_refs, run.reported, options);
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
  for (const auto& ref : link_refs) {
    if (const links::LinkResult* r = links::find_result(results, ref.url)) {
      links::report_link(ref, *r, out);
    }
  }
}

} // namespace verity::checks

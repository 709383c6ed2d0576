#include "engine/network_checks.hpp"

#include "media/remote_images.hpp"

#include <map>
#include <set>

namespace verity::engine {
namespace {

template <typename Ref>
std::vector<std::string> reported_urls(const std::vector<Ref>& refs,
                                       const std::function<bool(const std::string&)>& reported) {
  std::vector<std::string> urls;
  for (const auto& ref : refs) {
    if (reported(ref.file)) {
      urls.push_back(ref.url);
    }
  }
  return urls;
}

} // namespace

void run_network_checks(const NetworkRefs& refs,
                        const std::function<bool(const std::string&)>& reported,
                        const config::Config& cfg, const CheckOptions& options, Findings& out) {
  net::AddressGuard guard(
      options.allow_private,
      std::set<std::string>(options.allow_addresses.begin(), options.allow_addresses.end()));
  if (!refs.links.empty()) {
    links::LinkOptions lo;
    lo.fetch.guard = guard;
    lo.fetch.max_total = 128;
    lo.fetch.max_per_host = 8;
    lo.fetch.min_host_interval = std::chrono::milliseconds(50);
    std::map<std::string, links::LinkResult> by_url;
    for (auto& r : links::check_links(reported_urls(refs.links, reported), lo)) {
      by_url[r.url] = std::move(r);
    }
    for (const auto& ref : refs.links) {
      if (auto it = by_url.find(ref.url); it != by_url.end()) {
        links::report_link(ref, it->second, out);
      }
    }
  }
  if (!refs.images.empty()) {
    media::RemoteImageOptions ro;
    ro.max_bytes = cfg.max_image_bytes;
    ro.fetch.guard = guard;
    std::map<std::string, media::RemoteProbe> by_url;
    for (auto& p : media::probe_remote_images(reported_urls(refs.images, reported), ro)) {
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

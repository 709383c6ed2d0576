// Network check: every unique remote image URL of the reported documents is probed once (small
// range reads), then each citing document gets its findings at its own line.
#include "checks/network_checks.hpp"
#include "checks/registry.hpp"
#include "media/local_images.hpp"
#include "media/remote_images.hpp"

#include <map>

namespace verity::checks {

void remote_images(const std::vector<refs::Reference>& references, const RunContext& run,
                   Findings& out) {
  const config::Config& cfg = run.cfg;
  std::vector<media::ImageRef> images;
  for (const auto& ref : references) {
    if (media::is_remote_image(ref, cfg.remap)) {
      images.push_back(media::image_ref(ref));
    }
  }
  if (images.empty()) {
    return;
  }
  media::RemoteImageOptions ro;
  ro.max_bytes = cfg.max_image_bytes;
  ro.fetch = fetch_options(cfg.links, run.options);
  std::map<std::string, media::RemoteProbe> by_url;
  for (auto& p : media::probe_remote_images(unique_urls(images, run.reported, run.options), ro)) {
    by_url[p.url] = std::move(p);
  }
  for (const auto& ref : images) {
    if (auto it = by_url.find(ref.url); it != by_url.end()) {
      media::judge_remote_image(ref, it->second, out);
    }
  }
}

} // namespace verity::checks

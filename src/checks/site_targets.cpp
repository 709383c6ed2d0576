#include "checks/site_targets.hpp"

#include "checks/internal_links.hpp"
#include "refs/site_path.hpp"

namespace verity::checks {

namespace {

SiteTargets build_site_targets(const Records& records, const RunContext& run) {
  SiteTargets targets;
  if (run.static_outputs) {
    for (const auto& [output, source] : *run.static_outputs)
      targets.outputs.add(output, source);
  }
  for (const Record& r : records) {
    if (r.kind == k_page_output_record)
      targets.outputs.add(r.key, r.file);
    else if (r.kind == k_page_anchor_record)
      targets.anchors[r.key].insert(r.value);
  }
  return targets;
}

} // namespace

const SiteTargets& site_targets(const Records& records, const RunContext& run) {
  if (!run.site_targets)
    run.site_targets = std::make_shared<const SiteTargets>(build_site_targets(records, run));
  return *run.site_targets;
}

bool is_html_output(std::string_view output) {
  return output.ends_with(".html") || output.ends_with(".htm");
}

bool fragment_lands(std::string_view fragment, const SiteTargets& targets, std::string_view output,
                    const RunContext& run) {
  if (fragment == "top")
    return true;
  std::string decoded = refs::percent_decode(fragment);
  if (run.layout_anchors && (run.layout_anchors->count(std::string(fragment)) > 0 ||
                             run.layout_anchors->count(decoded) > 0))
    return true;
  auto it = targets.anchors.find(output);
  if (it == targets.anchors.end())
    return false;
  return it->second.count(fragment) > 0 || it->second.count(decoded) > 0;
}

} // namespace verity::checks

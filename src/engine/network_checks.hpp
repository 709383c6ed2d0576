// The network phase of a run (--online): every unique link and remote image URL of the reported
// documents is fetched once, then each citing document gets its findings at its own line.
#pragma once

#include "config/config.hpp"
#include "links/link_check.hpp"
#include "media/image_verdict.hpp"
#include "verity/check.hpp"

#include <functional>
#include <string>
#include <vector>

namespace verity::engine {

struct NetworkRefs {
  std::vector<links::LinkRef> links;
  std::vector<media::ImageRef> images;
};

// `reported(file)` says whether a document's findings are reported (--changed-since, paths): only
// their URLs are fetched.
void run_network_checks(const NetworkRefs& refs,
                        const std::function<bool(const std::string&)>& reported,
                        const config::Config& cfg, const CheckOptions& options, Findings& out);

} // namespace verity::engine

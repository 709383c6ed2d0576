// The one time zone of a run. File-name dates (content/filename-date) and the dates in URLs
// must be read in the same zone, and the process has only one TZ (util::ZoneLease).
#pragma once

#include "config/config.hpp"
#include "site/site_config.hpp"

#include <string>

namespace verity::engine {

// _config.yml's `timezone` (the zone Jekyll builds the site in), else verity.yaml's, else ""
// (the environment's). When both name a zone and they differ, Jekyll's is taken and a warning
// names both: a verity.yaml cannot make verity read dates otherwise than the build does.
std::string run_zone(const config::Config& cfg, const site::SiteConfig& site);

} // namespace verity::engine

#include "engine/run_zone.hpp"

#include "util/process_zone.hpp"

#include <spdlog/spdlog.h>

namespace verity::engine {

std::string run_zone(const config::Config& cfg, const site::SiteConfig& site) {
  const std::string file = cfg.file.empty() ? std::string("verity.yaml") : cfg.file.string();
  if (!cfg.timezone.empty() && !util::tz_value_of(cfg.timezone)) {
    throw config::ConfigError({file + ": timezone '" + cfg.timezone +
                               "' is unknown: use UTC, an offset such as +02:00 (at most "
                               "+14:00), or an IANA name such as Europe/Berlin (needs the "
                               "tzdata package)"});
  }
  if (site.timezone.empty()) {
    return cfg.timezone;
  }
  if (!cfg.timezone.empty() && cfg.timezone != site.timezone) {
    spdlog::warn("{}: timezone '{}' is not _config.yml's '{}', the zone Jekyll builds the site in: "
                 "verity reads dates in '{}' (remove timezone from {} or make them agree)",
                 file, cfg.timezone, site.timezone, site.timezone, file);
  }
  return site.timezone;
}

} // namespace verity::engine

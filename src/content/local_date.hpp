// The local calendar date of an instant in the site's configured time zone.
#pragma once

#include "util/process_zone.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace verity::content {

class LocalDate {
public:
  // "" = no zone configured; "UTC", "+02:00"/"-05:30", or an IANA name (Europe/Berlin) read from
  // the system's zoneinfo (util::tz_value_of). Throws std::invalid_argument for an unknown zone,
  // util::ZoneConflict when another part of the run holds another zone. Construct before any
  // worker thread starts; date_of is thread-safe.
  explicit LocalDate(const std::string& zone);

  bool configured() const { return m_configured; }
  // The YYYY-MM-DD date of `epoch_seconds` in the zone (requires configured()).
  std::string date_of(std::int64_t epoch_seconds) const;

private:
  bool m_configured = false;
  std::optional<util::ZoneLease> m_zone;
};

} // namespace verity::content

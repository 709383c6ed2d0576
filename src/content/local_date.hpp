// The local calendar date of an instant in the site's configured time zone.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace verity::content {

class LocalDate {
public:
  // "" = no zone configured; "UTC", "+02:00"/"-05:30", or an IANA name (Europe/Berlin) read from
  // the system's zoneinfo. Throws std::invalid_argument for an unknown zone. An IANA zone sets
  // the process TZ once (before any thread starts), so later lookups are thread-safe.
  explicit LocalDate(const std::string& zone);

  bool configured() const { return m_configured; }
  // The YYYY-MM-DD date of `epoch_seconds` in the zone (requires configured()).
  std::string date_of(std::int64_t epoch_seconds) const;

private:
  bool m_configured = false;
  bool m_fixed = true;
  std::int64_t m_offset_seconds = 0;
};

} // namespace verity::content

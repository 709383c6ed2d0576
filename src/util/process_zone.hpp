// The process's time zone, the one TZ glibc converts local times with (GCC 12's <chrono> has no
// zone database to use instead). Two parts of a run that wanted different zones would silently
// convert with whichever called tzset last, so every user holds a ZoneLease: while one is alive,
// a lease of another zone throws, and when the last one ends the environment's TZ comes back.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

namespace verity::util {

// The TZ value of a zone as verity.yaml and _config.yml name it: "" (the environment's zone),
// "UTC"/"Z"/"Etc/UTC", an offset "+HH:MM"/"-HH:MM" up to 14 hours, or an IANA name that is a
// regular file of /usr/share/zoneinfo (letters, digits, '_', '-', '+', '/'; never "..", a leading
// '/' or ':', which make glibc open any file). nullopt for anything else.
std::optional<std::string> tz_value_of(const std::string& zone_name);

// True for an IANA name as tz_value_of reads one (what Jekyll's `timezone:` must be).
bool is_zone_database_name(const std::string& zone_name);

class ZoneConflict : public std::logic_error {
public:
  using std::logic_error::logic_error;
};

class ZoneLease {
public:
  // Sets TZ to `tz` (a value of tz_value_of; "" keeps the environment's) and calls tzset, unless
  // a lease of the same value is alive. Throws ZoneConflict when a lease of another is. Not for
  // worker threads: take leases before they start; conversions afterwards are thread-safe.
  explicit ZoneLease(std::string tz);
  ZoneLease(const ZoneLease& other);
  ZoneLease& operator=(const ZoneLease&) = delete;
  ~ZoneLease();

  const std::string& tz() const { return m_tz; }

private:
  std::string m_tz;
};

} // namespace verity::util

#include "content/local_date.hpp"

#include "util/datetime.hpp"

#include <ctime>
#include <stdexcept>

namespace verity::content {

LocalDate::LocalDate(const std::string& zone) {
  if (zone.empty()) {
    return;
  }
  std::optional<std::string> tz = util::tz_value_of(zone);
  if (!tz) {
    if (zone[0] == '+' || zone[0] == '-') {
      throw std::invalid_argument("timezone '" + zone +
                                  "' is not a valid offset (use +HH:MM, at most +14:00)");
    }
    throw std::invalid_argument("timezone '" + zone +
                                "' is unknown: use UTC, an offset such as +02:00, or an IANA "
                                "name such as Europe/Berlin (needs the tzdata package)");
  }
  m_configured = true;
  m_zone.emplace(std::move(*tz));
}

std::string LocalDate::date_of(std::int64_t epoch_seconds) const {
  std::time_t t = static_cast<std::time_t>(epoch_seconds);
  std::tm tm{};
  ::localtime_r(&t, &tm);
  std::int64_t days = util::days_from_civil(tm.tm_year + 1900, static_cast<unsigned>(tm.tm_mon + 1),
                                            static_cast<unsigned>(tm.tm_mday));
  return util::civil_from_days(days);
}

} // namespace verity::content

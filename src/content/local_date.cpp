#include "content/local_date.hpp"

#include "util/datetime.hpp"

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <stdexcept>

namespace verity::content {

LocalDate::LocalDate(const std::string& zone) {
  if (zone.empty()) {
    return;
  }
  m_configured = true;
  if (zone == "UTC" || zone == "Z" || zone == "Etc/UTC") {
    return;
  }
  if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    try {
      int h = std::stoi(zone.substr(1, 2));
      int m = std::stoi(zone.substr(4, 2));
      if (h <= 14 && m < 60) {
        m_offset_seconds = (h * 3600 + m * 60) * (zone[0] == '-' ? -1 : 1);
        return;
      }
    } catch (const std::exception&) {
    }
    throw std::invalid_argument("timezone '" + zone + "' is not a valid offset (use +HH:MM)");
  }
  if (zone.find("..") != std::string::npos || zone.front() == '/' ||
      !std::filesystem::is_regular_file(std::filesystem::path("/usr/share/zoneinfo") / zone)) {
    throw std::invalid_argument("timezone '" + zone +
                                "' is unknown: use UTC, an offset such as +02:00, or an IANA "
                                "name such as Europe/Berlin (needs the tzdata package)");
  }
  m_fixed = false;
  ::setenv("TZ", zone.c_str(), 1);
  ::tzset();
}

std::string LocalDate::date_of(std::int64_t epoch_seconds) const {
  if (m_fixed) {
    return util::civil_from_days(util::days_of(epoch_seconds + m_offset_seconds));
  }
  std::time_t t = static_cast<std::time_t>(epoch_seconds);
  std::tm tm{};
  ::localtime_r(&t, &tm);
  std::int64_t days = util::days_from_civil(tm.tm_year + 1900, static_cast<unsigned>(tm.tm_mon + 1),
                                            static_cast<unsigned>(tm.tm_mday));
  return util::civil_from_days(days);
}

} // namespace verity::content

#include "util/process_zone.hpp"

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <mutex>
#include <system_error>

namespace verity::util {
namespace {

struct ProcessZone {
  std::mutex mutex;
  std::string tz; // the value leases hold
  int leases = 0;
  std::optional<std::string> environment; // TZ as the process had it before the first lease
};

ProcessZone& process_zone() {
  static ProcessZone zone;
  return zone;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::optional<std::string> offset_tz(const std::string& zone_name) {
  if (zone_name.size() != 6 || (zone_name[0] != '+' && zone_name[0] != '-') ||
      zone_name[3] != ':' || !is_digit(zone_name[1]) || !is_digit(zone_name[2]) ||
      !is_digit(zone_name[4]) || !is_digit(zone_name[5])) {
    return std::nullopt;
  }
  int hours = (zone_name[1] - '0') * 10 + (zone_name[2] - '0');
  int minutes = (zone_name[4] - '0') * 10 + (zone_name[5] - '0');
  if (hours > 14 || minutes > 59 || (hours == 14 && minutes > 0)) {
    return std::nullopt;
  }
  // POSIX TZ counts west of Greenwich as positive: UTC+02:00 is "<+0200>-02:00".
  std::string digits = zone_name.substr(1, 2) + zone_name.substr(4, 2);
  return "<" + zone_name.substr(0, 1) + digits + ">" + (zone_name[0] == '+' ? "-" : "+") +
         zone_name.substr(1);
}

} // namespace

bool is_zone_database_name(const std::string& zone_name) {
  if (zone_name.empty() || zone_name.size() > 128 || zone_name.front() == '/' ||
      zone_name.find("..") != std::string::npos) {
    return false;
  }
  for (char c : zone_name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || is_digit(c) || c == '_' ||
                    c == '-' || c == '+' || c == '/';
    if (!ok) {
      return false;
    }
  }
  std::error_code ec;
  return std::filesystem::is_regular_file(std::filesystem::path("/usr/share/zoneinfo") / zone_name,
                                          ec);
}

namespace {

void apply(const std::optional<std::string>& tz) {
  if (tz) {
    ::setenv("TZ", tz->c_str(), 1);
  } else {
    ::unsetenv("TZ");
  }
  ::tzset();
}

} // namespace

std::optional<std::string> tz_value_of(const std::string& zone_name) {
  if (zone_name.empty()) {
    return std::string();
  }
  if (zone_name == "UTC" || zone_name == "Z" || zone_name == "Etc/UTC") {
    return std::string("UTC0");
  }
  if (zone_name[0] == '+' || zone_name[0] == '-') {
    return offset_tz(zone_name);
  }
  if (is_zone_database_name(zone_name)) {
    return zone_name;
  }
  return std::nullopt;
}

ZoneLease::ZoneLease(std::string tz) : m_tz(std::move(tz)) {
  ProcessZone& zone = process_zone();
  std::lock_guard<std::mutex> lock(zone.mutex);
  if (zone.leases > 0) {
    if (zone.tz != m_tz) {
      throw ZoneConflict("time zone '" + m_tz + "' asked for while '" + zone.tz +
                         "' is in use: one run has one zone");
    }
    ++zone.leases;
    return;
  }
  const char* environment = std::getenv("TZ");
  zone.environment = environment ? std::optional<std::string>(environment) : std::nullopt;
  zone.tz = m_tz;
  zone.leases = 1;
  apply(m_tz.empty() ? zone.environment : std::optional<std::string>(m_tz));
}

ZoneLease::ZoneLease(const ZoneLease& other) : m_tz(other.m_tz) {
  ProcessZone& zone = process_zone();
  std::lock_guard<std::mutex> lock(zone.mutex);
  ++zone.leases;
}

ZoneLease::~ZoneLease() {
  ProcessZone& zone = process_zone();
  std::lock_guard<std::mutex> lock(zone.mutex);
  if (--zone.leases == 0) {
    apply(zone.environment);
  }
}

} // namespace verity::util

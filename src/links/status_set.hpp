// A set of HTTP status codes written as codes and ranges ("200-299", "403"), for the accepted
// statuses of link checks, globally and per host.
#pragma once

#include <utility>
#include <vector>

namespace verity::links {

class StatusSet {
public:
  StatusSet() = default;
  // The default: every 2xx.
  static StatusSet success() { return StatusSet({{200, 299}}); }
  explicit StatusSet(std::vector<std::pair<int, int>> ranges) : m_ranges(std::move(ranges)) {}
  bool contains(int status) const;
  bool empty() const { return m_ranges.empty(); }

private:
  std::vector<std::pair<int, int>> m_ranges; // inclusive
};

} // namespace verity::links

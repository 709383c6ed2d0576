#include "links/status_set.hpp"

namespace verity::links {
bool StatusSet::contains(int status) const {
  for (const auto& [low, high] : m_ranges) {
    if (status >= low && status <= high) {
      return true;
    }
  }
  return false;
}

} // namespace verity::links

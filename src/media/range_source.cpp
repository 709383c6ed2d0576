#include "media/range_source.hpp"

#include <algorithm>
#include <cstring>

namespace verity::media {

void RangeSource::add(std::uint64_t offset, std::vector<std::uint8_t> bytes) {
  auto& slot = m_ranges[offset];
  if (bytes.size() > slot.size()) {
    slot = std::move(bytes);
  }
}

std::uint64_t RangeSource::bytes_held() const {
  std::uint64_t n = 0;
  for (const auto& [offset, bytes] : m_ranges) {
    n += bytes.size();
  }
  return n;
}

size_t RangeSource::read_at(std::uint64_t offset, std::span<std::uint8_t> out) {
  size_t done = 0;
  while (done < out.size()) {
    std::uint64_t at = offset + done;
    if (m_total && at >= *m_total) {
      break;
    }
    // The last range starting at or before `at`.
    auto it = m_ranges.upper_bound(at);
    if (it == m_ranges.begin()) {
      break;
    }
    --it;
    std::uint64_t end = it->first + it->second.size();
    if (at >= end) {
      break;
    }
    size_t n = static_cast<size_t>(std::min<std::uint64_t>(out.size() - done, end - at));
    std::memcpy(out.data() + done, it->second.data() + (at - it->first), n);
    done += n;
  }
  return done;
}

} // namespace verity::media

// A ByteSource over the byte ranges fetched so far of a remote image: reads inside a fetched range
// succeed, reads into a gap come back short so the probe answers NeedMore with the offset to fetch.
#pragma once

#include "media/image_probe.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace verity::media {

class RangeSource : public ByteSource {
public:
  // Adds bytes fetched at `offset` (ranges may touch or overlap).
  void add(std::uint64_t offset, std::vector<std::uint8_t> bytes);
  // The resource's total size, when a Content-Range or the end of a 200 response told it.
  void set_total(std::uint64_t total) { m_total = total; }
  std::optional<std::uint64_t> total() const { return m_total; }
  std::uint64_t bytes_held() const;

  size_t read_at(std::uint64_t offset, std::span<std::uint8_t> out) override;
  bool complete() const override { return false; }
  std::optional<std::uint64_t> size() const override { return m_total; }

private:
  std::map<std::uint64_t, std::vector<std::uint8_t>> m_ranges;
  std::optional<std::uint64_t> m_total;
};

} // namespace verity::media

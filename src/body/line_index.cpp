#include "body/line_index.hpp"

#include <algorithm>

namespace verity::body {
namespace {

// Every byte that is not a UTF-8 continuation byte (10xxxxxx) starts a code point.
bool starts_code_point(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
}

} // namespace

LineIndex::LineIndex(std::string_view text) : m_text(text) {
  m_line_starts.push_back(0);
  m_code_points.reserve(text.size() / k_stride + 1);
  std::size_t points = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i % k_stride == 0)
      m_code_points.push_back(points);
    if (starts_code_point(text[i]))
      ++points;
    if (text[i] == '\n')
      m_line_starts.push_back(i + 1);
  }
}

std::size_t LineIndex::code_points_before(std::size_t offset) const {
  if (m_code_points.empty())
    return 0; // the empty text
  // offset == size on a stride boundary has no entry of its own: count from the last one.
  const std::size_t block = std::min(offset / k_stride, m_code_points.size() - 1);
  const auto from = m_text.begin() + static_cast<std::ptrdiff_t>(block * k_stride);
  const auto to = m_text.begin() + static_cast<std::ptrdiff_t>(offset);
  return m_code_points[block] +
         static_cast<std::size_t>(std::count_if(from, to, starts_code_point));
}

Position LineIndex::at(std::size_t offset) const {
  offset = std::min(offset, m_text.size());
  auto next = std::upper_bound(m_line_starts.begin(), m_line_starts.end(), offset);
  std::size_t line = static_cast<std::size_t>(next - m_line_starts.begin()); // 1-based
  std::size_t start = m_line_starts[line - 1];
  const std::size_t column = code_points_before(offset) - code_points_before(start) + 1;
  return Position{static_cast<int>(line), static_cast<int>(column)};
}

} // namespace verity::body

#include "body/line_index.hpp"

#include <algorithm>
#include <cstring>

namespace verity::body {
namespace {

// Every byte that is not a UTF-8 continuation byte (10xxxxxx) starts a code point.
bool starts_code_point(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
}

} // namespace

LineIndex::LineIndex(std::string_view text) : m_text(text) {
  m_line_starts.push_back(0);
  if (text.empty())
    return; // nothing to index (and memchr must not see a null pointer)
  for (const char *p = text.data(), *end = text.data() + text.size();
       (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p))));) {
    ++p;
    m_line_starts.push_back(static_cast<std::size_t>(p - text.data()));
  }
  const std::size_t blocks = (text.size() + k_stride - 1) / k_stride;
  m_code_points.reserve(blocks);
  m_one_byte_points.reserve(blocks);
  std::size_t points = 0;
  for (std::size_t from = 0; from < text.size(); from += k_stride) {
    const std::size_t to = std::min(text.size(), from + k_stride);
    std::size_t continuations = 0; // a loop the compiler turns into vector instructions
    for (std::size_t i = from; i < to; ++i)
      continuations += !starts_code_point(text[i]);
    m_code_points.push_back(points);
    m_one_byte_points.push_back(continuations == 0);
    points += (to - from) - continuations;
  }
}

std::size_t LineIndex::code_points_before(std::size_t offset) const {
  if (m_code_points.empty())
    return 0; // the empty text
  // offset == size on a stride boundary has no entry of its own: count from the last one.
  const std::size_t block = std::min(offset / k_stride, m_code_points.size() - 1);
  if (m_one_byte_points[block]) // no multi-byte character in the block: a byte is a point
    return m_code_points[block] + (offset - block * k_stride);
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

// LineIndex: byte offset in a file -> 1-based line and column (Unicode code points), the same
// positions the front matter's source map gives, so a body finding names the author's
// file:line:col.
#pragma once

#include "verity/source_map.hpp"

#include <cstddef>
#include <string_view>
#include <vector>

namespace verity::body {

class LineIndex {
public:
  explicit LineIndex(std::string_view text);

  // The position of the byte at `offset` (clamped to the text's end). Columns count code points,
  // so a continuation byte of a UTF-8 sequence counts with the byte that starts it.
  Position at(std::size_t offset) const;

private:
  // Code points before `offset`, counted from the text's start.
  std::size_t code_points_before(std::size_t offset) const;

  std::string_view m_text;
  std::vector<std::size_t> m_line_starts; // offset of the first byte of each line
  // Code points before each multiple of k_stride: a column costs at most two strides of
  // counting, however long the line (a minified page is one line with thousands of links).
  static constexpr std::size_t k_stride = 256;
  std::vector<std::size_t> m_code_points;
  // Per stride: it holds no multi-byte character, so a column there is a byte difference.
  std::vector<bool> m_one_byte_points;
};

} // namespace verity::body

#include "frontmatter/source_text.hpp"

namespace verity::frontmatter {

std::string_view rest_of_line(const Document& doc, Position pos) {
  std::string_view text = doc.bytes;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") {
    text.remove_prefix(3);
  }
  if (pos.line < 1 || pos.column < 1) {
    return {};
  }
  size_t start = 0;
  for (int line = 1; line < pos.line; ++line) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      return {};
    }
    start = nl + 1;
  }
  size_t end = text.find('\n', start);
  std::string_view line =
      text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
  if (!line.empty() && line.back() == '\r') {
    line.remove_suffix(1);
  }
  // Advance (column - 1) code points.
  size_t i = 0;
  for (int cp = 1; cp < pos.column && i < line.size(); ++cp) {
    ++i;
    while (i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) {
      ++i;
    }
  }
  return line.substr(i);
}

} // namespace verity::frontmatter

#include "frontmatter/framing.hpp"

namespace verity::frontmatter {
namespace {

// True when `line` (without its line break) is `marker` followed only by spaces or tabs.
bool is_delimiter(std::string_view line, std::string_view marker) {
  if (line.substr(0, marker.size()) != marker) {
    return false;
  }
  for (char c : line.substr(marker.size())) {
    if (c != ' ' && c != '\t' && c != '\r') {
      return false;
    }
  }
  return true;
}

} // namespace

Framing frame(std::string_view file) {
  Framing f;
  size_t pos = 0;
  if (file.substr(0, 3) == "\xEF\xBB\xBF") {
    f.had_bom = true;
    pos = 3;
  }
  size_t eol = file.find('\n', pos);
  if (eol == std::string_view::npos) {
    return f; // a lone `---` with no line break opens nothing (Jekyll needs the newline)
  }
  if (!is_delimiter(file.substr(pos, eol - pos), "---")) {
    return f;
  }
  f.yaml_offset = pos;
  int line = 1;
  size_t start = eol + 1;
  while (start < file.size()) {
    ++line;
    size_t end = file.find('\n', start);
    std::string_view text =
        file.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (is_delimiter(text, "---") || is_delimiter(text, "...")) {
      f.status = FramingStatus::Ok;
      f.yaml_length = start - pos;
      f.body_offset = end == std::string_view::npos ? file.size() : end + 1;
      f.closing_line = line;
      return f;
    }
    if (end == std::string_view::npos) {
      break;
    }
    start = end + 1;
  }
  f.status = FramingStatus::Unterminated;
  return f;
}

} // namespace verity::frontmatter

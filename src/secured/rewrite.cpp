#include "secured/rewrite.hpp"

#include "frontmatter/source_text.hpp"

namespace verity::secured {

std::optional<std::string> with_secured_value(const Document& doc, const std::string& value) {
  if (!doc.parsed || !doc.has_front_matter) {
    return std::nullopt;
  }
  const std::string& text = doc.bytes;
  std::string quoted = "\"" + value + "\""; // base64 and "v2:" need no escaping
  if (doc.data.contains("secured")) {
    std::string_view rest = frontmatter::rest_of_line(doc, doc.map.find("/secured").value);
    if (rest.empty() || rest[0] == '|' || rest[0] == '>') {
      return std::nullopt;
    }
    // rest_of_line returns a view into doc.bytes: its offset is the value's byte offset.
    size_t start = static_cast<size_t>(rest.data() - text.data());
    size_t end = start + rest.size();
    // Keep a trailing comment, if any, after the old scalar.
    size_t scalar_end = end;
    if (rest[0] == '"' || rest[0] == '\'') {
      size_t close = rest.find(rest[0], 1);
      scalar_end = close == std::string_view::npos ? end : start + close + 1;
    } else {
      size_t hash = rest.find(" #");
      scalar_end = hash == std::string_view::npos ? end : start + hash;
      while (scalar_end > start && (text[scalar_end - 1] == ' ' || text[scalar_end - 1] == '\t')) {
        --scalar_end;
      }
    }
    return text.substr(0, start) + quoted + text.substr(scalar_end);
  }
  // Insert before the closing delimiter line, with the file's own line ending.
  if (doc.body_offset == 0 || doc.body_offset > text.size()) {
    return std::nullopt;
  }
  size_t closing_end = doc.body_offset;
  size_t closing_start = text.rfind('\n', closing_end >= 2 ? closing_end - 2 : 0);
  closing_start = closing_start == std::string::npos ? 0 : closing_start + 1;
  if (closing_end == text.size() && text.back() != '\n') {
    closing_start = text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1;
  }
  bool crlf = closing_start >= 2 && text[closing_start - 2] == '\r';
  return text.substr(0, closing_start) + "secured: " + quoted + (crlf ? "\r\n" : "\n") +
         text.substr(closing_start);
}

} // namespace verity::secured

#include "content/date_field.hpp"

#include "frontmatter/source_text.hpp"

namespace verity::content {

std::optional<DateField> read_date_field(const Document& doc, const std::string& field) {
  if (!doc.parsed) {
    return std::nullopt;
  }
  auto it = doc.data.find(field);
  if (it == doc.data.end() || !it->is_string()) {
    return std::nullopt;
  }
  DateField out;
  out.text = it->get<std::string>();
  out.pointer = "/" + escape_pointer_token(field);
  // Typed JSON no longer says how the value was written, and YAML makes only a plain scalar a
  // timestamp (UTC when it has no zone): quoted and block scalars are strings for Time.parse.
  std::string_view raw = frontmatter::rest_of_line(doc, doc.map.find(out.pointer).value);
  bool plain = !raw.empty() && raw[0] != '"' && raw[0] != '\'' && raw[0] != '|' && raw[0] != '>';
  out.reading = util::read_jekyll_date(out.text, plain ? util::DateQuoting::Plain
                                                       : util::DateQuoting::Quoted);
  return out;
}

} // namespace verity::content

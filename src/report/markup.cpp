#include "report/markup.hpp"

#include "util/printable.hpp"
#include "util/utf8.hpp"

#include <cstdint>

namespace verity::report {

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    std::uint32_t cp = 0;
    size_t len = util::utf8_sequence(s, i, cp);
    if (len == 0) {
      out += "\xEF\xBF\xBD"; // not UTF-8: the document must stay well-formed
      ++i;
      continue;
    }
    std::string_view one = s.substr(i, len);
    i += len;
    switch (cp) {
    case '&':
      out += "&amp;";
      continue;
    case '<':
      out += "&lt;";
      continue;
    case '>':
      out += "&gt;";
      continue;
    case '"':
      out += "&quot;";
      continue;
    case '\'':
      out += "&apos;";
      continue;
    // As character references: an attribute keeps them (a raw one would be read back as a
    // space), and no byte of the data can start a new line of the report (a CI log reads
    // `::command::` at a line's start).
    case '\n':
      out += "&#10;";
      continue;
    case '\t':
      out += "&#9;";
      continue;
    case '\r':
      out += "&#13;";
      continue;
    default:
      break;
    }
    if (cp < 0x20 || cp == 0x7F) {
      out += "\xEF\xBF\xBD"; // control characters are not allowed in XML 1.0
    } else if (!util::is_printable(one)) {
      out += util::printable(one); // C1 and bidi overrides: shown as \u202e, never applied
    } else {
      out += one;
    }
  }
  return out;
}

std::string markdown_cell(std::string_view text) {
  // Controls and bidi overrides first (a job summary is shown in a browser, and read in logs);
  // their escapes' backslashes are then escaped as Markdown, so the reader sees `\x1b`.
  std::string s = util::printable(text);
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
    case '|':
    case '\\':
    case '`':
    case '*':
    case '_':
    case '[':
    case ']':
    case '<':
    case '>':
      out += '\\';
      out += c;
      break;
    default:
      out += c;
    }
  }
  return out;
}

} // namespace verity::report

#include "report/markup.hpp"

#include "util/printable.hpp"

namespace verity::report {

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&apos;";
      break;
    default:
      if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
        out += "\xEF\xBF\xBD"; // control characters are not allowed in XML 1.0
      } else {
        out += static_cast<char>(c);
      }
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

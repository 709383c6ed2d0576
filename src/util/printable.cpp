// The escaping walks the text once, one UTF-8 sequence at a time: a malformed sequence is not a
// reason to give up on the rest of the line, only on its first byte.
#include "util/printable.hpp"

#include "util/utf8.hpp"

#include <cstdint>

namespace verity::util {
namespace {

bool needs_escape(std::uint32_t cp) {
  return (cp < 0x20 && cp != '\t') || cp == 0x7F || // C0 (but tab), DEL
         (cp >= 0x80 && cp <= 0x9F) ||              // C1: CSI, NEL, OSC... in 8-bit form
         (cp >= 0x2028 && cp <= 0x202E) ||          // line/paragraph separators, bidi
         (cp >= 0x2066 && cp <= 0x2069);            // bidi isolates
}

void append_hex(std::string& out, const char* prefix, std::uint32_t value, int digits) {
  static constexpr char k_hex[] = "0123456789abcdef";
  out += prefix;
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
    out += k_hex[(value >> shift) & 0xF];
  }
}

} // namespace

bool is_printable(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    std::uint32_t cp = 0;
    size_t len = utf8_sequence(text, i, cp);
    if (len == 0 || needs_escape(cp)) {
      return false;
    }
    i += len;
  }
  return true;
}

std::string printable(std::string_view text) {
  if (is_printable(text)) {
    return std::string(text);
  }
  std::string out;
  out.reserve(text.size() + 16);
  for (size_t i = 0; i < text.size();) {
    std::uint32_t cp = 0;
    size_t len = utf8_sequence(text, i, cp);
    if (len == 0) {
      append_hex(out, "\\x", static_cast<unsigned char>(text[i]), 2);
      ++i;
      continue;
    }
    if (!needs_escape(cp)) {
      out.append(text.substr(i, len));
    } else if (cp < 0x80) {
      append_hex(out, "\\x", cp, 2);
    } else {
      append_hex(out, "\\u", cp, 4);
    }
    i += len;
  }
  return out;
}

} // namespace verity::util

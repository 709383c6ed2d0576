#include "util/utf8.hpp"

namespace verity::util {

size_t utf8_sequence(std::string_view text, size_t at, std::uint32_t& cp) {
  auto c = static_cast<unsigned char>(text[at]);
  size_t len = 0;
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (at + len > text.size()) {
    return 0;
  }
  for (size_t k = 1; k < len; ++k) {
    auto b = static_cast<unsigned char>(text[at + k]);
    if ((b & 0xC0) != 0x80) {
      return 0;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  return len;
}

bool is_valid_utf8(std::string_view text, size_t* bad_offset) {
  for (size_t i = 0; i < text.size();) {
    std::uint32_t cp = 0;
    size_t len = utf8_sequence(text, i, cp);
    if (len == 0) {
      if (bad_offset) {
        *bad_offset = i;
      }
      return false;
    }
    i += len;
  }
  return true;
}

size_t count_code_points(std::string_view text) {
  size_t count = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) {
      ++count;
    }
  }
  return count;
}

} // namespace verity::util

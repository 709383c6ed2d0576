#include "body/ruby_unicode.hpp"

#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

namespace verity::body {

namespace {

void append_utf8(char32_t cp, std::string& out) {
  char buf[U8_MAX_LENGTH];
  int32_t len = 0;
  U8_APPEND_UNSAFE(buf, len, static_cast<UChar32>(cp));
  out.append(buf, static_cast<size_t>(len));
}

} // namespace

bool known_to_ruby(char32_t cp) {
  UVersionInfo age{};
  u_charAge(static_cast<UChar32>(cp), age);
  if (age[0] == 0 && age[1] == 0) // unassigned in ICU too
    return false;
  return age[0] <= kRubyUnicodeMajor;
}

void append_ruby_downcase(char32_t cp, std::string& out) {
  if (cp < 0x80) { // the common case, and the one without ICU
    out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
    return;
  }
  if (!known_to_ruby(cp)) {
    append_utf8(cp, out);
    return;
  }
  // One code point alone, in the root locale: the only conditional mapping ICU applies there is
  // Final_Sigma, which needs a cased letter before it, so it never fires, as in Ruby.
  UChar src[2];
  int32_t src_len = 0;
  U16_APPEND_UNSAFE(src, src_len, static_cast<UChar32>(cp));
  UChar dst[8]; // the longest full lowercase mapping is 3 UTF-16 units
  UErrorCode status = U_ZERO_ERROR;
  int32_t dst_len = u_strToLower(dst, 8, src, src_len, "", &status);
  if (U_FAILURE(status) || dst_len > 8) {
    append_utf8(cp, out);
    return;
  }
  for (int32_t i = 0; i < dst_len;) {
    UChar32 c = 0;
    U16_NEXT(dst, i, dst_len, c);
    append_utf8(static_cast<char32_t>(c), out);
  }
}

bool is_onigmo_word(char32_t cp) {
  if (cp < 0x80)
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
           cp == '_';
  if (!known_to_ruby(cp))
    return false;
  auto c = static_cast<UChar32>(cp);
  if (u_hasBinaryProperty(c, UCHAR_ALPHABETIC))
    return true;
  int mask = U_GET_GC_MASK(c);
  return (mask & (U_GC_M_MASK | U_GC_ND_MASK | U_GC_PC_MASK)) != 0;
}

} // namespace verity::body

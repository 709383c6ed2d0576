// ECMAScript pattern syntax -> RE2 syntax, then RE2 with a memory budget. The translation is a
// single left-to-right pass (no recursion), so a hostile pattern costs time linear in its length.
#include "util/pattern.hpp"

#include "util/ascii.hpp"

#include <cstdint>
#include <cstdio>
#include <re2/re2.h>

namespace verity::util {
namespace {

// RE2 fails to compile a pattern whose program would exceed this, instead of growing; the lazy
// DFA gets the rest of the budget and falls back to the NFA (still linear) when it runs out.
constexpr int64_t k_max_mem = 8 << 20; // RE2's default; \p{L}{1,100} still fits

// The value of `count` hex digits at `s[i]`, or -1.
long hex_at(std::string_view s, size_t i, size_t count) {
  if (i + count > s.size()) {
    return -1;
  }
  long v = 0;
  for (size_t k = 0; k < count; ++k) {
    int d = hex_value(s[i + k]);
    if (d < 0) {
      return -1;
    }
    v = v * 16 + d;
  }
  return v;
}

std::string code_point(long cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "\\x{%lx}", cp);
  return buf;
}

bool is_ascii_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

struct Translation {
  std::string re2;
  std::string error; // empty when the translation succeeded
};

// A sentence for a construct RE2 cannot run, naming where it is (1-based byte offset).
std::string unsupported(const char* what, size_t at) {
  return std::string(what) + " (at character " + std::to_string(at + 1) +
         ") is not supported: verity runs patterns on a linear-time engine (RE2); rewrite the "
         "pattern without it";
}

// Translates one escape sequence starting at `s[i] == '\\'`; advances `i` past it.
bool translate_escape(std::string_view s, size_t& i, bool in_class, Translation& t) {
  const size_t at = i;
  if (i + 1 >= s.size()) {
    t.error = "the pattern ends with a lone backslash: escape it as \\\\";
    return false;
  }
  char c = s[i + 1];
  i += 2;
  switch (c) {
  case 'u': {
    long cp = hex_at(s, i, 4);
    if (cp < 0) {
      t.re2 += 'u'; // ECMAScript (Annex B): an incomplete \u is the letter u
      return true;
    }
    i += 4;
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < s.size() && s[i] == '\\' && s[i + 1] == 'u') {
      long low = hex_at(s, i + 2, 4);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        i += 6;
      }
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      t.error = unsupported("a lone UTF-16 surrogate \\u escape", at);
      return false;
    }
    t.re2 += code_point(cp);
    return true;
  }
  case 'x': {
    long v = hex_at(s, i, 2);
    if (v < 0) {
      t.re2 += 'x';
      return true;
    }
    i += 2;
    t.re2 += code_point(v);
    return true;
  }
  case 'c':
    if (i < s.size() && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) {
      t.re2 += code_point(s[i] % 32);
      ++i;
      return true;
    }
    t.re2 += "\\\\c"; // Annex B: a backslash and the letter c
    return true;
  case '0':
    if (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      t.error = unsupported("an octal escape", at);
      return false;
    }
    t.re2 += "\\x{0}";
    return true;
  case 'k':
    t.error = unsupported("a named backreference \\k", at);
    return false;
  case 's':
    // ECMAScript's \s as the old matcher ran it (isspace): RE2's \s lacks \v.
    t.re2 += in_class ? "\\t-\\r " : "[\\t-\\r ]";
    return true;
  case 'S':
    t.re2 += in_class ? "\\S" : "[^\\t-\\r ]";
    return true;
  case 'b':
    t.re2 += in_class ? "\\x{8}" : "\\b"; // backspace inside a class, a word boundary outside
    return true;
  case 'd':
  case 'D':
  case 'w':
  case 'W':
  case 'B':
  case 'n':
  case 'r':
  case 't':
  case 'f':
  case 'v':
  case 'p':
  case 'P':
    t.re2 += '\\';
    t.re2 += c;
    return true;
  default:
    break;
  }
  if (c >= '1' && c <= '9') {
    t.error = unsupported("a backreference", at);
    return false;
  }
  if (is_ascii_alnum(c)) {
    t.re2 += c; // an identity escape of a letter is the letter (\A, \z mean other things in RE2)
  } else if (static_cast<unsigned char>(c) < 0x80) {
    t.re2 += '\\';
    t.re2 += c; // escaped punctuation is literal in both
  } else {
    t.re2 += c; // the first byte of a literal UTF-8 character; the rest is copied as is
  }
  return true;
}

Translation translate(std::string_view s) {
  Translation t;
  t.re2.reserve(s.size() + 16);
  bool in_class = false;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '\\') {
      if (!translate_escape(s, i, in_class, t)) {
        return t;
      }
      continue;
    }
    if (in_class) {
      if (c == ']') {
        in_class = false;
      } else if (c == '[') {
        t.re2 += '\\'; // literal in ECMAScript; RE2 could read "[:alpha:]"
      }
      t.re2 += c;
      ++i;
      continue;
    }
    if (c == '[') {
      if (s.substr(i, 3) == "[^]") {
        t.re2 += "[\\x{0}-\\x{10ffff}]"; // ECMAScript: any character
        i += 3;
        continue;
      }
      if (s.substr(i, 2) == "[]") {
        t.re2 += "[^\\x{0}-\\x{10ffff}]"; // ECMAScript: matches nothing
        i += 2;
        continue;
      }
      in_class = true;
      t.re2 += c;
      ++i;
      if (i < s.size() && s[i] == '^') {
        t.re2 += '^';
        ++i;
      }
      continue;
    }
    if (c == '(' && s.substr(i, 2) == "(?") {
      std::string_view head = s.substr(i, 4);
      if (head.substr(0, 3) == "(?=" || head.substr(0, 3) == "(?!") {
        t.error = unsupported("a lookahead (?= or (?!", i);
        return t;
      }
      if (head == "(?<=" || head == "(?<!") {
        t.error = unsupported("a lookbehind (?<= or (?<!", i);
        return t;
      }
      if (head.substr(0, 3) == "(?<") {
        t.re2 += "(?P<"; // a named group, as RE2 spells it
        i += 3;
        continue;
      }
    }
    if (c == '.') {
      t.re2 += "[^\\n\\r]"; // ECMAScript's dot stops at both line terminators
      ++i;
      continue;
    }
    t.re2 += c;
    ++i;
  }
  if (in_class) {
    t.error = "a character class '[' is never closed: add ']' or escape it as \\[";
  }
  return t;
}

} // namespace

std::optional<Pattern> Pattern::compile(std::string_view source, std::string& error) {
  if (source.size() > k_max_pattern_bytes) {
    error = "the pattern is " + std::to_string(source.size()) + " bytes long, more than the " +
            std::to_string(k_max_pattern_bytes) + " verity accepts: shorten it";
    return std::nullopt;
  }
  Translation t = translate(source);
  if (!t.error.empty()) {
    error = std::move(t.error);
    return std::nullopt;
  }
  RE2::Options options;
  options.set_log_errors(false); // RE2 would print to stderr; the caller reports the error
  options.set_max_mem(k_max_mem);
  options.set_never_capture(true); // only "does it match" is asked
  auto re = std::make_shared<const RE2>(t.re2, options);
  if (!re->ok()) {
    if (re->error_code() == RE2::ErrorPatternTooLarge) {
      error = "the pattern needs more memory than verity allows a pattern (repetitions such as "
              "{1000} multiply its size): simplify it";
    } else {
      error = "not a valid regular expression for verity's engine (RE2: " + re->error() + ")";
    }
    return std::nullopt;
  }
  return Pattern(std::string(source), std::move(re));
}

bool Pattern::search(std::string_view subject) const {
  return RE2::PartialMatch(re2::StringPiece(subject.data(), subject.size()), *m_re);
}

} // namespace verity::util

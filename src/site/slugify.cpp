// Character classes come from RE2's Unicode tables (\p{L}, \p{M}, \p{Nd}), one code point at a
// time, so the classification is Unicode's and not a hand-made table.
#include "site/slugify.hpp"

#include "util/pattern.hpp"
#include "util/utf8.hpp"

#include <cstdint>
#include <stdexcept>

namespace verity::site {
namespace {

const util::Pattern& word_pattern() {
  static const util::Pattern p = [] {
    std::string error;
    auto compiled = util::Pattern::compile("^[\\p{M}\\p{L}\\p{Nd}]$", error);
    if (!compiled) {
      throw std::logic_error("slugify pattern: " + error);
    }
    return *compiled;
  }();
  return p;
}

bool kept(std::string_view sequence, std::uint32_t cp, SlugMode mode) {
  if (cp < 0x80) {
    char c = static_cast<char>(cp);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      return true;
    }
    return mode == SlugMode::Pretty &&
           std::string_view("._~!$&'()+,;=@").find(c) != std::string_view::npos;
  }
  return word_pattern().search(sequence);
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::uint32_t lower(std::uint32_t cp) {
  if ((cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)) {
    return cp + 0x20;
  }
  if (cp >= 0x100 && cp <= 0x17F && cp != 0x130 && cp != 0x131 && cp != 0x138 && cp != 0x149 &&
      cp != 0x17F) {
    // Latin Extended-A pairs capitals with the next code point, shifted by one at U+0139-0148
    // and U+0179-017E.
    bool odd_capitals = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
    if (cp == 0x178) {
      return 0xFF;
    }
    return odd_capitals ? (cp % 2 == 1 ? cp + 1 : cp) : (cp % 2 == 0 ? cp + 1 : cp);
  }
  if ((cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) || (cp >= 0x410 && cp <= 0x42F)) {
    return cp + 0x20;
  }
  if (cp >= 0x400 && cp <= 0x40F) {
    return cp + 0x50;
  }
  return cp;
}

} // namespace

std::string downcase(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    std::uint32_t cp = 0;
    size_t n = util::utf8_sequence(text, i, cp);
    if (n == 0) {
      out += text[i++]; // not UTF-8: kept byte for byte
      continue;
    }
    append_utf8(out, lower(cp));
    i += n;
  }
  return out;
}

std::string slugify(std::string_view text, SlugMode mode, bool cased) {
  std::string slug;
  bool in_run = false;
  for (size_t i = 0; i < text.size();) {
    std::uint32_t cp = 0;
    size_t n = util::utf8_sequence(text, i, cp);
    bool keep = n != 0 && kept(text.substr(i, n), cp, mode);
    if (keep) {
      slug.append(text.substr(i, n));
      in_run = false;
    } else if (!in_run) {
      slug += '-';
      in_run = true;
    }
    i += n == 0 ? 1 : n;
  }
  // gsub(/^-|-$/, "")
  if (!slug.empty() && slug.front() == '-') {
    slug.erase(0, 1);
  }
  if (!slug.empty() && slug.back() == '-') {
    slug.pop_back();
  }
  return cased ? slug : downcase(slug);
}

} // namespace verity::site

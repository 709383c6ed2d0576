// The two id generators kramdown uses under Jekyll (design note site-model.md §3.1, §3.2), ported
// from kramdown 2.4.0 (converter/base.rb generate_id) and kramdown-parser-gfm 1.1.0 (gfm.rb
// generate_gfm_header_id), with Ruby 3.1's Unicode behaviour from ruby_unicode.hpp.
#include "body/heading_id.hpp"

#include "body/ruby_unicode.hpp"
#include "util/utf8.hpp"

namespace verity::body {

namespace {

bool is_ascii_letter(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_ascii_digit(unsigned char c) {
  return c >= '0' && c <= '9';
}

// kramdown's HTML converter writes no id attribute when the id is empty after String#strip.
bool blank_for_ruby(std::string_view id) {
  for (char c : id)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r' && c != '\0')
      return false;
  return true;
}

} // namespace

// text.downcase, then gsub(/[^\p{Word}\- \t]/, ""), then tr(" \t", "-"), fused into one pass:
// lowercasing one code point alone is what Ruby does, and the filter looks at each code point of
// the lowercased result (U+0130 gives 'i' and U+0307, both kept). Invalid UTF-8 (Ruby would have
// raised before reaching the id) is dropped one byte at a time, so the rest still gives its id.
std::string gfm_base_id(std::string_view header_text) {
  std::string id;
  id.reserve(header_text.size());
  std::string lowered;
  for (size_t at = 0; at < header_text.size();) {
    std::uint32_t cp = 0;
    size_t len = util::utf8_sequence(header_text, at, cp);
    if (len == 0) {
      ++at;
      continue;
    }
    at += len;
    if (cp == ' ' || cp == '\t' || cp == '-') {
      id += '-';
      continue;
    }
    lowered.clear();
    append_ruby_downcase(static_cast<char32_t>(cp), lowered);
    for (size_t i = 0; i < lowered.size();) {
      std::uint32_t low = 0;
      size_t low_len = util::utf8_sequence(lowered, i, low);
      if (low_len == 0)
        break; // cannot happen: ICU's output is well-formed
      if (low == '-' || is_onigmo_word(static_cast<char32_t>(low)))
        id.append(lowered, i, low_len);
      i += low_len;
    }
  }
  return id;
}

// gsub(/^[^a-zA-Z]+/, "") (^ is a line start in Ruby, so it fires after every newline as well),
// tr('^a-zA-Z0-9 -', ""), tr(' ', '-'), downcase; "section" when nothing is left. Bytewise is
// exact: every byte of a non-ASCII character is outside both sets.
std::string kramdown_base_id(std::string_view header_text) {
  std::string id;
  bool line_start = true;
  for (unsigned char c : header_text) {
    if (line_start && !is_ascii_letter(c))
      continue; // inside the run the anchored gsub removes
    line_start = c == '\n';
    if (is_ascii_letter(c))
      id += static_cast<char>(c | 0x20);
    else if (is_ascii_digit(c) || c == '-')
      id += static_cast<char>(c);
    else if (c == ' ')
      id += '-';
  }
  return id.empty() ? std::string("section") : id;
}

std::string HeadingIds::next_gfm(std::string_view header_text) {
  std::string base = gfm_base_id(header_text);
  // @id_counter = Hash.new(-1), keyed by the base string before the suffix.
  auto [it, inserted] = m_gfm_counts.try_emplace(base, -1);
  int n = ++it->second;
  std::string id = m_prefix + base;
  if (n > 0)
    id += "-" + std::to_string(n);
  return blank_for_ruby(id) ? std::string() : id;
}

std::string HeadingIds::next_kramdown(std::string_view header_text) {
  std::string id = kramdown_base_id(header_text);
  // @used_ids: the first use is stored with 0, each repeat gets the next number.
  auto [it, inserted] = m_kramdown_used.try_emplace(id, 0);
  if (!inserted)
    id += "-" + std::to_string(++it->second);
  return m_prefix + id;
}

} // namespace verity::body

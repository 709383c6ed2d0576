// First cut, ASCII only: the Unicode rules (Ruby's downcase, Onigmo's \p{Word}) replace it.
#include "body/heading_id.hpp"

#include <cctype>

namespace verity::body {

std::string gfm_base_id(std::string_view header_text) {
  std::string id;
  for (unsigned char c : header_text) {
    if (c >= 0x80 || std::isalnum(c) || c == '_' || c == '-') {
      id += static_cast<char>(c < 0x80 ? std::tolower(c) : c);
    } else if (c == ' ' || c == '\t') {
      id += '-';
    }
  }
  return id;
}

std::string kramdown_base_id(std::string_view header_text) {
  std::size_t start = 0;
  while (start < header_text.size() &&
         !std::isalpha(static_cast<unsigned char>(header_text[start])))
    ++start;
  std::string id;
  for (unsigned char c : header_text.substr(start)) {
    if (c < 0x80 && (std::isalnum(c) || c == '-'))
      id += static_cast<char>(std::tolower(c));
    else if (c == ' ')
      id += '-';
  }
  return id.empty() ? std::string("section") : id;
}

std::string HeadingIds::next_gfm(std::string_view header_text) {
  std::string base = gfm_base_id(header_text);
  auto [it, inserted] = m_gfm_counts.try_emplace(base, -1);
  int n = ++it->second;
  if (base.empty() && n == 0)
    return {};
  return m_prefix + (n > 0 ? base + "-" + std::to_string(n) : base);
}

std::string HeadingIds::next_kramdown(std::string_view header_text) {
  std::string id = kramdown_base_id(header_text);
  auto [it, inserted] = m_kramdown_used.try_emplace(id, 0);
  if (!inserted)
    id += "-" + std::to_string(++it->second);
  return m_prefix + id;
}

} // namespace verity::body

// Heading ids exactly as Jekyll's kramdown (2.4, parser-gfm 1.1) makes them, so a #fragment is
// checked against the id the built page really has (design note site-model.md §3).
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace verity::body {

// kramdown-GFM's base id for a header's text (post-Liquid, inline markup already reduced to
// text): Ruby's full Unicode downcase, everything but \p{Word}, '-', ' ', '\t' removed, each
// space or tab made '-'. May be empty (then the header gets no id).
std::string gfm_base_id(std::string_view header_text);

// kramdown's own converter algorithm (headers inside `<div markdown="1">`, and every header with
// `kramdown.input: kramdown`): leading non-letters dropped, [^a-zA-Z0-9 -] dropped, ' ' -> '-',
// downcased; never empty ("section").
std::string kramdown_base_id(std::string_view header_text);

// The ids of one page, in order: de-duplicates as kramdown does (GFM: a counter keyed by the
// base string, "-N" appended, an empty id stays absent; kramdown's: used ids get "-1", "-2").
class HeadingIds {
public:
  explicit HeadingIds(std::string prefix = {}) : m_prefix(std::move(prefix)) {}
  // The id of the next header outside raw HTML: auto_id_prefix + base (+ "-N"); "" when the
  // header gets no id attribute (an empty base without prefix: kramdown writes none).
  std::string next_gfm(std::string_view header_text);
  // The id the HTML converter gives a header inside `<div markdown="1">`: never empty.
  std::string next_kramdown(std::string_view header_text);

private:
  std::string m_prefix;
  std::map<std::string, int, std::less<>> m_gfm_counts;
  std::map<std::string, int, std::less<>> m_kramdown_used;
};

} // namespace verity::body

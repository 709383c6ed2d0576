// Ruby 3.1's view of Unicode, for the heading ids kramdown computes under Jekyll: String#downcase
// (full case mapping, no context) and Onigmo's \p{Word}. Ruby 3.1 (Debian 12's jekyll) ships
// Unicode 13.0 tables, ICU 72 has 15.0: code points assigned after 13.0 are, to Ruby,
// unassigned, so they neither change case nor count as word characters.
#pragma once

#include <string>

namespace verity::body {

// The newest Unicode version Ruby's tables know (RbConfig::CONFIG["UNICODE_VERSION"]).
inline constexpr int kRubyUnicodeMajor = 13;

// True when Ruby would call `cp` assigned: ICU's age of it is at most kRubyUnicodeMajor.0.
bool known_to_ruby(char32_t cp);

// Appends the UTF-8 of `cp.chr.downcase`: SpecialCasing's unconditional mappings (U+0130 gives
// "i\u0307"), capital sigma always small sigma. `cp` must be a scalar value.
void append_ruby_downcase(char32_t cp, std::string& out);

// Onigmo's \p{Word} for UTF-8: Alphabetic (letters, Nl, Other_Alphabetic such as circled
// letters), marks, Nd, Pc. Not No, not the joiners ZWJ/ZWNJ, not spaces, symbols or emoji.
bool is_onigmo_word(char32_t cp);

} // namespace verity::body

// Jekyll's Utils.slugify (4.3) in the two modes URLs use, and Ruby's String#downcase as far as
// file and category names need it.
#pragma once

#include <string>
#include <string_view>

namespace verity::site {

enum class SlugMode {
  Default, // every run of characters other than letters, marks and decimal digits becomes '-'
  Pretty,  // the same, but `._~!$&'()+,;=@` are kept as well
};

// Replaces runs as `mode` says, trims one '-' at each end, and lowercases unless `cased`.
std::string slugify(std::string_view text, SlugMode mode, bool cased = false);

// Lowercases ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic capitals (the letters real
// file and category names use); other code points are kept.
std::string downcase(std::string_view text);

} // namespace verity::site

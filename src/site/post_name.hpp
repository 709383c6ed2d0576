// Document::DATE_FILENAME_MATCHER and DATELESS_FILENAME_MATCHER (Jekyll 4.3) on a file's path:
// only its last component decides.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace verity::site {

struct PostName {
  std::string date; // "2020-01-05" as written ("" for a dateless name)
  std::string slug; // the rest of the name without its extension and trailing dots
  std::string ext;  // ".md"
};

// `YYYY-MM-DD-slug.ext` (2-4 digit year, 1-2 digit month and day, an extension without dots).
std::optional<PostName> match_dated_name(std::string_view path);

// `name.ext`: any name with an extension.
std::optional<PostName> match_dateless_name(std::string_view path);

} // namespace verity::site

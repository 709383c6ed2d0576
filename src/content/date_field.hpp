// The document's date field (`date_field`: `date` for Jekyll sites, publishedDateTime for the
// Smartable family) read as Jekyll reads a front-matter `date`: plain YAML timestamps, quoted
// strings, `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS +ZZZZ`, ISO 8601.
#pragma once

#include "util/jekyll_date.hpp"
#include "verity/document.hpp"

#include <optional>
#include <string>

namespace verity::content {

struct DateField {
  std::string text;    // the value as written (without quotes)
  std::string pointer; // JSON Pointer of the field
  util::DateReading reading;
};

// nullopt when the document has no such field or its value is not a string (the schema
// reports a mistyped value).
std::optional<DateField> read_date_field(const Document& doc, const std::string& field);

} // namespace verity::content

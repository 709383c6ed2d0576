// content/duplicate-url: a field that must be unique across the corpus (webUrl by default)
// appears with the same value in two or more documents. Every document of a group gets a
// finding that names the others. Works on small extracted records, so a 100k-document run does
// not keep every document in memory.
#pragma once

#include "verity/document.hpp"
#include "verity/finding.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace verity::content {

struct FieldOccurrence {
  std::string field;
  std::string value;
  std::string file;
  Position position;
};

// The occurrences of `fields` (top-level string values) in one document.
std::vector<FieldOccurrence> extract_unique_fields(const Document& doc,
                                                   const std::vector<std::string>& fields);

// One occurrence as the cross-document check reads it: borrowed from wherever the occurrences are
// kept (they outlive the check), so that a 100k-document site is never held twice.
struct FieldValue {
  std::string_view field;
  std::string_view value;
  std::string_view file;
  Position position;
};

void check_duplicate_fields(std::vector<FieldValue> occurrences, Findings& out);
// The same over owned occurrences.
void check_duplicate_fields(const std::vector<FieldOccurrence>& occurrences, Findings& out);

} // namespace verity::content

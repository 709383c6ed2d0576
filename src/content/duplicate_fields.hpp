// content/duplicate-url: a field that must be unique across the corpus (webUrl by default)
// appears with the same value in two or more documents. Every document of a group gets a
// finding that names the others. Works on small extracted records, so a 100k-document run does
// not keep every document in memory.
#pragma once

#include "verity/document.hpp"
#include "verity/finding.hpp"

#include <string>
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

void check_duplicate_fields(std::vector<FieldOccurrence> occurrences, Findings& out);

} // namespace verity::content

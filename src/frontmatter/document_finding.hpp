// The one way a check builds a finding about a value of a document: the position comes from the
// document's source map (the value's line:col, or its nearest ancestor's); the rule id and the
// default severity from the rule's catalogue entry.
#pragma once

#include "rules/make_finding.hpp"
#include "verity/document.hpp"
#include "verity/finding.hpp"

#include <string>

namespace verity::frontmatter {

inline Finding finding_at(const Document& doc, const rules::Rule& rule, std::string pointer,
                          std::string message) {
  Position pos = doc.map.find(pointer).value;
  Finding f = rules::make_finding(rule);
  f.file = doc.path;
  f.line = pos.line;
  f.column = pos.column;
  f.pointer = std::move(pointer);
  f.message = std::move(message);
  return f;
}

} // namespace verity::frontmatter

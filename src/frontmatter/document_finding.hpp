// The one way a check builds a finding about a value of a document: the position comes from the
// document's source map (the value's line:col, or its nearest ancestor's).
#pragma once

#include "verity/document.hpp"
#include "verity/finding.hpp"

#include <string>

namespace verity::frontmatter {

inline Finding finding_at(const Document& doc, std::string rule, Severity severity,
                          std::string pointer, std::string message) {
  Position pos = doc.map.find(pointer).value;
  Finding f;
  f.rule = std::move(rule);
  f.severity = severity;
  f.file = doc.path;
  f.line = pos.line;
  f.column = pos.column;
  f.pointer = std::move(pointer);
  f.message = std::move(message);
  return f;
}

} // namespace verity::frontmatter

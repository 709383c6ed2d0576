#include "verity/finding.hpp"

#include <tuple>

namespace verity {

std::string_view to_string(Severity severity) {
  switch (severity) {
  case Severity::Note:
    return "note";
  case Severity::Warning:
    return "warning";
  case Severity::Error:
    return "error";
  }
  return "error";
}

std::optional<Severity> parse_severity(std::string_view text) {
  if (text == "note") {
    return Severity::Note;
  }
  if (text == "warning") {
    return Severity::Warning;
  }
  if (text == "error") {
    return Severity::Error;
  }
  return std::nullopt;
}

bool finding_less(const Finding& a, const Finding& b) {
  return std::tie(a.file, a.line, a.column, a.rule, a.message) <
         std::tie(b.file, b.line, b.column, b.rule, b.message);
}

} // namespace verity

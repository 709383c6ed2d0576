// Finding: one problem verity found, as plain data. Checks return findings; they never print
// or exit. The CLI decides the exit code once, from all findings of the run.
#pragma once

#include "verity/fix.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace verity {

enum class Severity { Note = 0, Warning = 1, Error = 2 };

std::string_view to_string(Severity severity);
// Parses "note", "warning" or "error"; nullopt for anything else.
std::optional<Severity> parse_severity(std::string_view text);

struct Finding {
  std::string rule; // stable id (src/rules/catalogue.def); SARIF and baselines key on it
  Severity severity = Severity::Error;
  std::string file;    // relative to the site root, '/' separators
  int line = 0;        // 1-based; 0 = the whole file
  int column = 0;      // 1-based, in Unicode code points; 0 = the whole line
  std::string pointer; // JSON Pointer into the front matter, "" when not applicable
  std::string message;
  nlohmann::json extra =
      nlohmann::json::object(); // rule-specific data (url, status, other file...)
  // The repair, for rules the catalogue marks fixable, when there is exactly one right answer.
  std::optional<Fix> fix;
};

using Findings = std::vector<Finding>;

// Orders findings by file, line, column, then rule and message, so reports are deterministic.
bool finding_less(const Finding& a, const Finding& b);

} // namespace verity

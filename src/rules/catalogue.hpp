// The rule catalogue: every rule verity can report, each with its one default severity and the
// texts `verity rules`, SARIF and the reports show. Emitters name an entry (rules::image_missing),
// never an id string, so an id can neither be misspelt nor be missing here. The entries are
// written once, in rules/catalogue.def. This folder depends on nothing but verity/finding.hpp, so
// every layer may include it.
#pragma once

#include "verity/finding.hpp"

#include <span>
#include <string_view>

namespace verity::rules {

struct Rule {
  std::string_view id; // "family/name", stable across releases
  Severity default_severity;
  std::string_view short_description;
  std::string_view full_description;
  std::string_view help;
};

// One named entry per rule: rules::frontmatter_missing, rules::schema_type, ...
#define VERITY_RULE(name, ...) extern const Rule name;
#include "rules/catalogue.def"
#undef VERITY_RULE

// Every entry, in catalogue order (family by family).
std::span<const Rule* const> all();

// The entry with this id, or nullptr (an id from elsewhere, e.g. a merged report of another
// version).
const Rule* find(std::string_view id);

// What `verity fix` does for findings of `rule`, or "" when the rule is not fixable (the
// VERITY_FIX marks of catalogue.def).
std::string_view fix_text(const Rule& rule);
inline bool fixable(const Rule& rule) { return !fix_text(rule).empty(); }

} // namespace verity::rules

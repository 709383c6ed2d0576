// The catalogue of rule ids: what each means and how to fix it. SARIF's tool.driver.rules and
// `verity rules` come from here. Rule ids are stable across releases (baselines key on them).
#pragma once

#include "verity/finding.hpp"

#include <string_view>
#include <vector>

namespace verity::report {

struct RuleInfo {
  std::string_view id;
  Severity default_severity;
  std::string_view short_description;
  std::string_view full_description;
  std::string_view help;
};

const std::vector<RuleInfo>& all_rules();

// The entry for `id`; for ids not in the table (e.g. a rare schema keyword) a generic entry
// built from the family.
RuleInfo rule_info(std::string_view id);

} // namespace verity::report

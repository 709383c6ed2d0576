// The rule catalogue (rules/catalogue.hpp) as `verity rules` prints it, as text, JSON or a
// Markdown table (the README's rule list is this table), and the part of it a report carries.
#pragma once

#include "verity/finding.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace verity::report {

enum class RuleListFormat { Text, Json, Markdown };

// "text", "json" or "markdown"; nullopt for anything else.
std::optional<RuleListFormat> parse_rule_list_format(std::string_view name);

// Every catalogue entry, in catalogue order.
std::string list_rules(RuleListFormat format);

// {id: {default_severity, short_description}} for each catalogue rule that has a finding in
// `findings`, keyed (and so sorted) by id.
nlohmann::ordered_json rules_of(const Findings& findings);

} // namespace verity::report

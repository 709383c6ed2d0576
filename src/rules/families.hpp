// Rule families whose member is chosen by data rather than by the code: the JSON Schema keyword
// that failed, the link-rot state a URL is in. The lookups return catalogue entries only, so no
// id is ever assembled from text.
#pragma once

#include "rules/catalogue.hpp"

#include <string_view>

namespace verity::rules {

// The rule for a failed JSON Schema keyword ("type", "minLength", "if"...); schema_invalid for a
// keyword without a rule of its own.
const Rule& schema_keyword(std::string_view keyword);

// The rule for a link-rot state ("broken", "flaky"...); nullptr for "ok", which is no finding.
const Rule* linkrot_state(std::string_view state);

// True when `id` is in `family` ("linkrot" holds "linkrot/broken").
bool in_family(std::string_view id, std::string_view family);

} // namespace verity::rules

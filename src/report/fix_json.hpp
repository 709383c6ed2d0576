// A finding's fix as the reports carry it: JSON `fix` (the edits, or why none applies) and
// SARIF `fixes` (artifactChanges with replacements, which code-scanning tools offer as
// suggestions). Only planned fixes become SARIF fixes: a suggestion must apply as shown.
#pragma once

#include "verity/finding.hpp"

#include <nlohmann/json.hpp>

#include <optional>

namespace verity::report {

nlohmann::ordered_json fix_json(const Fix& fix);

// SARIF 2.1.0 §3.55 `fix` objects for `finding`, or nullopt when it has no planned fix.
std::optional<nlohmann::ordered_json> sarif_fixes(const Finding& finding,
                                                  const nlohmann::ordered_json& artifact);

} // namespace verity::report

// Checks of a schema's local `$ref`s made before anything follows them: each names a schema of
// the same file, none is part of a cycle (`$ref: "#"` included), and the schema is not nested
// deeper than verity's recursive consumers can take.
#pragma once

#include "schema/compiled_schema.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

namespace verity::schema {

// A problem when the document is nested too deep for anything recursive (a copy included);
// iterative itself.
std::optional<SchemaProblem> check_depth(const nlohmann::json& schema);

// One problem per offending `$ref` (pointer to it), or one for a schema nested too deep.
std::vector<SchemaProblem> check_refs(const nlohmann::json& schema);

} // namespace verity::schema

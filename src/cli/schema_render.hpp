// What `verity schema infer` prints besides the YAML schemas: the outliers as text, and
// everything as one JSON document for programs.
#pragma once

#include "engine/infer_site.hpp"

#include <string>
#include <vector>

namespace verity::cli {

// One line per outlier, "file:line:col: message [kind]", then one summary line per collection.
std::string outliers_text(const std::vector<engine::InferredCollection>& inferred);

// {"collections": [{name, globs, documents, unreadable, schema, outliers: [...]}]}
std::string inferred_json(const std::vector<engine::InferredCollection>& inferred,
                          const infer::InferOptions& options);

} // namespace verity::cli

// An inferred schema as YAML for a person to read and edit: block style, two-space indents, keys
// in a fixed order, and beside each property a comment with its evidence. Deterministic: the
// same documents give the same bytes.
#pragma once

#include "infer/inferred_schema.hpp"

#include <string>
#include <string_view>

namespace verity::infer {

// `header` lines become comments above the schema (each without its "# ").
std::string to_yaml(const InferredSchema& schema, const std::vector<std::string>& header);

// A scalar as YAML writes it safely: plain when it cannot be read as anything but that string,
// else double-quoted with JSON's escapes (which YAML's double quotes read the same way).
std::string yaml_scalar(std::string_view text);

} // namespace verity::infer

// Walks a JSON Schema (draft-07) by its keywords, so that property *names* such as "format" are
// never mistaken for keywords. Shared by the schema lint, the format stripper and the messages.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace verity::schema {

// Calls `visit(subschema, pointer_in_schema, under_combinator)` for `root` and every schema
// nested in it through a keyword that holds schemas.
void for_each_schema(
    const nlohmann::json& root,
    const std::function<void(const nlohmann::json&, const std::string&, bool)>& visit);

// Calls `visit(child, pointer_suffix, keyword)` for each schema directly inside `schema` (through
// a keyword that holds schemas); `pointer_suffix` is escaped ("/properties/a~1b").
void for_each_child(
    const nlohmann::json& schema,
    const std::function<void(const nlohmann::json&, const std::string&, std::string_view)>& visit);

// Same walk, mutable (to strip keywords).
void for_each_schema_mut(nlohmann::json& root, const std::function<void(nlohmann::json&)>& visit);

// The JSON Pointer (RFC 6901, escaped) a local "$ref" ("#/definitions/a%20b") names, decoded as
// valijson decodes it; nullopt when it is not a local reference or cannot be decoded.
std::optional<std::string> local_ref_pointer(std::string_view ref);

// The value at an escaped JSON Pointer, or nullptr.
const nlohmann::json* at_pointer(const nlohmann::json& root, const std::string& pointer);

// Follows a local "$ref" ("#/definitions/x") inside `root`; nullptr when it does not resolve.
const nlohmann::json* resolve_ref(const nlohmann::json& root, const nlohmann::json& schema);

// The subschema that governs the instance at `instance_pointer`, following properties, items,
// additionalProperties and local $refs (not combinators); nullptr when unknown.
const nlohmann::json* subschema_for(const nlohmann::json& root,
                                    const std::string& instance_pointer);

} // namespace verity::schema

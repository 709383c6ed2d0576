// The schema self-check: a schema verity accepts can never silently under-validate.
#include "schema/compiled_schema.hpp"
#include "schema/formats.hpp"
#include "schema/schema_refs.hpp"
#include "schema/schema_walk.hpp"
#include "util/pattern.hpp"
#include "verity/source_map.hpp"

#include <array>

namespace verity::schema {
namespace {

constexpr std::array<std::string_view, 12> k_later_draft_keywords = {
    "dependentRequired", "dependentSchemas", "prefixItems", "unevaluatedProperties",
    "unevaluatedItems",  "minContains",      "maxContains", "$anchor",
    "$recursiveRef",     "$recursiveAnchor", "$dynamicRef", "$dynamicAnchor"};

} // namespace

SchemaError::SchemaError(std::vector<SchemaProblem> problems)
    : std::runtime_error(problems.empty() ? "invalid schema" : problems.front().message),
      m_problems(std::move(problems)) {}

std::vector<SchemaProblem> lint_schema(const nlohmann::json& schema) {
  std::vector<SchemaProblem> problems;
  if (!schema.is_object()) {
    problems.push_back({"", "a schema must be a mapping (JSON object)"});
    return problems;
  }
  if (auto it = schema.find("$schema"); it != schema.end()) {
    std::string uri = it->is_string() ? it->get<std::string>() : "";
    if (uri.find("draft-07") == std::string::npos && uri.find("draft-06") == std::string::npos &&
        uri.find("draft-04") == std::string::npos) {
      problems.push_back(
          {"/$schema", "$schema '" + uri +
                           "' is not supported: verity validates JSON Schema "
                           "draft-07 (use http://json-schema.org/draft-07/schema#)"});
    }
  }
  // Refs and depth first: the walk below and every later step rely on them.
  problems = check_refs(schema);
  if (!problems.empty()) {
    return problems;
  }
  for_each_schema(schema, [&](const nlohmann::json& s, const std::string& ptr,
                              bool under_combinator) {
    for (auto kw : k_later_draft_keywords) {
      if (s.contains(std::string(kw))) {
        problems.push_back({ptr + "/" + std::string(kw),
                            "keyword '" + std::string(kw) +
                                "' belongs to a later JSON Schema draft; draft-07 validators "
                                "ignore it silently, so verity refuses it"});
      }
    }
    if (auto it = s.find("$ref"); it != s.end()) {
      if (!it->is_string() || it->get<std::string>().rfind("#", 0) != 0) {
        problems.push_back({ptr + "/$ref",
                            "only local references ('#/definitions/...') are supported; copy "
                            "the referenced schema into this file's definitions"});
      }
    }
    if (auto it = s.find("pattern"); it != s.end()) {
      std::string error;
      if (!it->is_string()) {
        problems.push_back({ptr + "/pattern", "'pattern' must be a string"});
      } else if (!util::Pattern::compile(it->get_ref<const std::string&>(), error)) {
        problems.push_back({ptr + "/pattern", "pattern: " + error});
      }
    }
    if (auto it = s.find("patternProperties"); it != s.end() && it->is_object()) {
      for (auto& [source, unused] : it->items()) {
        std::string error;
        if (!util::Pattern::compile(source, error)) {
          problems.push_back(
              {ptr + "/patternProperties/" + escape_pointer_token(source), "pattern: " + error});
        }
      }
    }
    if (auto it = s.find("format"); it != s.end()) {
      std::string name = it->is_string() ? it->get<std::string>() : "";
      if (!is_known_format(name)) {
        problems.push_back(
            {ptr + "/format", "unknown format '" + name +
                                  "': verity checks date-time, date, time, uri, uri-reference, "
                                  "email and hostname; use 'pattern' for anything else"});
      } else if (under_combinator) {
        problems.push_back({ptr + "/format",
                            "'format' inside allOf/anyOf/oneOf/not/if is not checked by verity: "
                            "move it to a plain property schema"});
      }
    }
  });
  return problems;
}

} // namespace verity::schema

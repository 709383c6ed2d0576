// _config.yml as Jekyll's YAML (Psych, YAML 1.1) reads it: anchors, aliases and merge keys
// (`<<: *defaults`) are expanded here, a repeated key keeps its last value, and yes/no/on/off
// are booleans. Expansion is bounded (values counted as they are copied), so an alias bomb is
// an error, not an allocation. Front matter keeps refusing aliases (frontmatter/yaml_to_json).
#pragma once

#include "verity/source_map.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace verity::site {

struct ConfigYamlLimits {
  size_t max_depth = 64;
  size_t max_values = 200000; // after alias and merge-key expansion
  size_t max_scalar_bytes = 1u << 20;
};

struct ConfigYamlError {
  Position position;
  std::string message;
};

struct ConfigYaml {
  bool ok = false;
  nlohmann::json value = nlohmann::json::object(); // the root mapping ({} for an empty file)
  SourceMap map;                                   // JSON Pointer -> where the value is written
  std::vector<ConfigYamlError> errors;
};

// Psych's (YAML 1.1) booleans: yes/no, on/off, true/false in lower, Capital or UPPER case;
// nullopt for anything else ("y" and "n" stay strings).
std::optional<bool> psych_boolean(std::string_view plain_scalar);

// Parses `text` (a whole _config.yml). Never throws for bad input.
ConfigYaml parse_config_yaml(std::string_view text, const ConfigYamlLimits& limits = {});

} // namespace verity::site

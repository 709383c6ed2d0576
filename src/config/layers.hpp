// A configuration is a stack of layers: a built-in profile (jekyll, or smartable on top of it) and
// the site's verity.yaml on top. Layers merge predictably: mappings merge key by key, a null
// removes the key below it, anything else (lists, scalars) replaces. Every value of the result is
// traced back to the layer, file, line and column it came from.
#pragma once

#include "verity/source_map.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace verity::config {

struct Layer {
  std::string name; // file name or builtin:NAME, for messages
  nlohmann::json value;
  SourceMap map; // positions in that file (empty for JSON files)
};

// `over` laid onto `base` by the rules above.
nlohmann::json overlay(nlohmann::json base, const nlohmann::json& over);

// The merged value of `layers`, bottom first.
nlohmann::json merge_layers(const std::vector<Layer>& layers);

// "file:line:col" of the value at `pointer` in the merged result: the top-most layer that holds
// it supplied it. The top layer's name when no layer has it.
std::string origin_of(const std::vector<Layer>& layers, const std::string& pointer);

// JSON Pointers of the nulls in `value` that are not where a null may remove something (`allowed`
// says which pointers may be null).
std::vector<std::string> misplaced_nulls(const nlohmann::json& value,
                                         bool (*allowed)(const std::string& pointer));

} // namespace verity::config

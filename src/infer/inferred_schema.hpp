// The schema inference proposes for a collection, with the evidence behind every keyword, so a
// person can read why each line is there before adopting it. Rendered as JSON Schema draft-07
// (YAML for people, JSON for programs).
#pragma once

#include "infer/observation.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace verity::infer {

struct InferOptions {
  // A property is required when present in at least this share of the objects around it (1 =
  // in every one: then the schema validates every document it was learnt from).
  double required_ratio = 1.0;
  // A string property becomes an enum when it takes at most this many distinct values (0 = no
  // enums) and each value occurs, on average, at least `enum_min_repeats` times.
  size_t enum_max = 10;
  size_t enum_min_repeats = 3;
  bool strict = false; // additionalProperties: false on every object place fully described
};

struct SchemaProperty;

struct SchemaNode {
  std::vector<std::string> types; // JSON Schema type names, in a fixed order
  std::string format;
  std::vector<nlohmann::json> enumeration; // strings (and null when the place holds nulls)
  std::optional<double> minimum;
  std::vector<std::string> required;
  std::vector<SchemaProperty> properties; // by name
  std::unique_ptr<SchemaNode> items;
  bool closed = false;  // additionalProperties: false
  std::string evidence; // "present in 187/192; string 185, null 2"

  // The draft-07 schema this node stands for (keys in the order they are written).
  nlohmann::ordered_json to_json() const;
};

struct SchemaProperty {
  std::string name;
  SchemaNode schema;
};

struct InferredSchema {
  std::string title; // the collection or selector
  size_t documents = 0;
  SchemaNode root;

  // With "$schema" and "title": a complete draft-07 document.
  nlohmann::ordered_json to_json() const;
};

InferredSchema infer_schema(const std::string& title, const Observer& observed,
                            const InferOptions& options);

} // namespace verity::infer

// What the documents of a collection hold, place by place: for every property (array items
// folded into one place), how often it is present, which JSON types it takes, and for strings,
// numbers, objects and arrays what inference needs (distinct values, shapes, formats, minimum,
// children). Built once from every document; schema and outliers are read from it.
#pragma once

#include "infer/string_shape.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace verity::infer {

enum class JsonType { Null, Boolean, Integer, Number, String, Object, Array };
inline constexpr size_t k_type_count = 7;
std::string_view type_name(JsonType type); // "null", "boolean", "integer", ...
JsonType type_of(const nlohmann::json& value);

// The formats inference may give a string property: each is given only when every string
// value passes verity's own format check, so the schema validates its documents by construction.
inline constexpr std::array<std::string_view, 7> k_candidate_formats = {
    "date-time", "date", "time", "duration", "email", "uri", "uri-reference"};

// Bounds on what one place keeps, whatever the documents hold (they come from the checked tree).
struct ObserveLimits {
  size_t max_distinct = 10;    // distinct strings kept (an enum needs no more than --enum-max)
  size_t max_enum_bytes = 64;  // a longer string is text, never an enum value
  size_t max_properties = 500; // more names at one place: a mapping used as a dictionary
  // Nesting below this is counted, not described: each level is two in the schema's YAML
  // (`properties:`, then the name), and verity reads schema files 64 levels deep at most.
  size_t max_depth = 28;
};

struct Place {
  size_t seen = 0; // values observed here
  std::array<size_t, k_type_count> types{};
  // strings
  std::map<std::string, size_t> distinct; // while !too_many_distinct
  bool too_many_distinct = false;
  std::array<size_t, k_shape_count> shapes{};
  std::array<size_t, k_candidate_formats.size()> formats{}; // strings valid per format
  // numbers
  std::optional<double> minimum;
  // objects: the place of each property; `seen` of a child counts the objects holding it
  std::map<std::string, std::unique_ptr<Place>> properties;
  // More than max_properties names: its keys are data, not a schema (none is described). Said
  // whatever order the documents come in, so the result does not depend on threads.
  bool too_many_properties = false;
  bool deeper = false; // values below max_depth were not described
  // arrays: one place for every item of every array here
  std::unique_ptr<Place> items;

  size_t count(JsonType t) const { return types[static_cast<size_t>(t)]; }
  size_t count(Shape s) const { return shapes[static_cast<size_t>(s)]; }
  const Place* property(const std::string& name) const;
};

class Observer {
public:
  explicit Observer(ObserveLimits limits = {}) : m_limits(limits) {}
  // Adds one document's front matter (an object; anything else counts as one value).
  void add(const nlohmann::json& front_matter);
  // Adds what `other` observed, as if its documents had been added here (threads observe apart).
  void merge(const Observer& other);
  const Place& root() const { return m_root; }
  size_t documents() const { return m_root.seen; }

private:
  void observe(Place& place, const nlohmann::json& value, size_t depth);
  void limit_properties(Place& place) const;
  void merge_place(Place& into, const Place& from) const;
  ObserveLimits m_limits;
  Place m_root;
};

} // namespace verity::infer

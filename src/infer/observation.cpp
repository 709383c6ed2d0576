#include "infer/observation.hpp"

#include "schema/formats.hpp"

#include <algorithm>

namespace verity::infer {

std::string_view type_name(JsonType type) {
  switch (type) {
  case JsonType::Null:
    return "null";
  case JsonType::Boolean:
    return "boolean";
  case JsonType::Integer:
    return "integer";
  case JsonType::Number:
    return "number";
  case JsonType::String:
    return "string";
  case JsonType::Object:
    return "object";
  case JsonType::Array:
    return "array";
  }
  return "";
}

JsonType type_of(const nlohmann::json& value) {
  switch (value.type()) {
  case nlohmann::json::value_t::null:
  case nlohmann::json::value_t::discarded:
    return JsonType::Null;
  case nlohmann::json::value_t::boolean:
    return JsonType::Boolean;
  case nlohmann::json::value_t::number_integer:
  case nlohmann::json::value_t::number_unsigned:
    return JsonType::Integer;
  case nlohmann::json::value_t::number_float:
    return JsonType::Number;
  case nlohmann::json::value_t::string:
  case nlohmann::json::value_t::binary:
    return JsonType::String;
  case nlohmann::json::value_t::object:
    return JsonType::Object;
  case nlohmann::json::value_t::array:
    return JsonType::Array;
  }
  return JsonType::Null;
}

const Place* Place::property(const std::string& name) const {
  auto it = properties.find(name);
  return it == properties.end() ? nullptr : it->second.get();
}

void Observer::add(const nlohmann::json& front_matter) {
  observe(m_root, front_matter, 0);
}

void Observer::limit_properties(Place& place) const {
  if (place.properties.size() > m_limits.max_properties) {
    place.too_many_properties = true;
    place.properties.clear();
  }
}

void Observer::merge_place(Place& into, const Place& from) const {
  into.seen += from.seen;
  for (size_t i = 0; i < k_type_count; ++i) {
    into.types[i] += from.types[i];
  }
  for (size_t i = 0; i < k_shape_count; ++i) {
    into.shapes[i] += from.shapes[i];
  }
  for (size_t i = 0; i < into.formats.size(); ++i) {
    into.formats[i] += from.formats[i];
  }
  // Distinct strings only grow: too many on either side, or in the union, is too many.
  into.too_many_distinct = into.too_many_distinct || from.too_many_distinct;
  if (!into.too_many_distinct) {
    for (const auto& [value, count] : from.distinct) {
      into.distinct[value] += count;
    }
    if (into.distinct.size() > m_limits.max_distinct) {
      into.too_many_distinct = true;
    }
  }
  if (into.too_many_distinct) {
    into.distinct.clear();
  }
  if (from.minimum) {
    into.minimum = into.minimum ? std::min(*into.minimum, *from.minimum) : *from.minimum;
  }
  into.deeper = into.deeper || from.deeper;
  into.too_many_properties = into.too_many_properties || from.too_many_properties;
  if (!into.too_many_properties) {
    for (const auto& [name, child] : from.properties) {
      auto& slot = into.properties[name];
      if (!slot) {
        slot = std::make_unique<Place>();
      }
      merge_place(*slot, *child);
    }
    limit_properties(into);
  } else {
    into.properties.clear();
  }
  if (from.items) {
    if (!into.items) {
      into.items = std::make_unique<Place>();
    }
    merge_place(*into.items, *from.items);
  }
}

void Observer::merge(const Observer& other) {
  merge_place(m_root, other.m_root);
}

void Observer::observe(Place& place, const nlohmann::json& value, size_t depth) {
  ++place.seen;
  JsonType type = type_of(value);
  ++place.types[static_cast<size_t>(type)];
  switch (type) {
  case JsonType::String: {
    if (!value.is_string()) {
      break;
    }
    const std::string& s = value.get_ref<const std::string&>();
    ++place.shapes[static_cast<size_t>(shape_of(s))];
    // A format is given only when every string passes it: once one string here failed it
    // (its count fell behind), later ones need not be checked. Exact, and most of the work.
    const size_t strings_before = place.count(JsonType::String) - 1;
    for (size_t i = 0; i < k_candidate_formats.size(); ++i) {
      if (place.formats[i] == strings_before && schema::check_format(k_candidate_formats[i], s)) {
        ++place.formats[i];
      }
    }
    if (!place.too_many_distinct) {
      if (s.size() > m_limits.max_enum_bytes) {
        place.too_many_distinct = true;
      } else if (auto it = place.distinct.find(s); it != place.distinct.end()) {
        ++it->second;
      } else if (place.distinct.size() >= m_limits.max_distinct) {
        place.too_many_distinct = true; // the union of any split holds this many too
      } else {
        place.distinct.emplace(s, 1);
      }
      if (place.too_many_distinct) {
        place.distinct.clear();
      }
    }
    break;
  }
  case JsonType::Integer:
  case JsonType::Number: {
    double d = value.get<double>();
    place.minimum = place.minimum ? std::min(*place.minimum, d) : d;
    break;
  }
  case JsonType::Object:
    if (depth >= m_limits.max_depth) {
      place.deeper = true;
      break;
    }
    if (place.too_many_properties) {
      break;
    }
    for (const auto& [name, child] : value.items()) {
      auto it = place.properties.find(name);
      if (it == place.properties.end()) {
        it = place.properties.emplace(name, std::make_unique<Place>()).first;
      }
      observe(*it->second, child, depth + 1);
    }
    limit_properties(place);
    break;
  case JsonType::Array:
    if (depth >= m_limits.max_depth) {
      place.deeper = true;
      break;
    }
    for (const auto& item : value) {
      if (!place.items) {
        place.items = std::make_unique<Place>();
      }
      observe(*place.items, item, depth + 1);
    }
    break;
  case JsonType::Null:
  case JsonType::Boolean:
    break;
  }
}

} // namespace verity::infer

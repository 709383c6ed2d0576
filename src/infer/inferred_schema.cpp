#include "infer/inferred_schema.hpp"

#include <algorithm>
#include <cmath>

namespace verity::infer {
namespace {

// "string 185, null 2", most frequent first (ties in type order).
std::string type_evidence(const Place& place) {
  std::vector<std::pair<size_t, size_t>> present; // (count, type index)
  for (size_t t = 0; t < k_type_count; ++t) {
    if (place.types[t] > 0) {
      present.emplace_back(place.types[t], t);
    }
  }
  std::stable_sort(present.begin(), present.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::string out;
  for (const auto& [count, t] : present) {
    out += (out.empty() ? "" : ", ") + std::string(type_name(static_cast<JsonType>(t))) + " " +
           std::to_string(count);
  }
  return out;
}

std::vector<std::string> types_of(const Place& place) {
  std::vector<std::string> types;
  auto has = [&](JsonType t) { return place.count(t) > 0; };
  if (has(JsonType::Null)) {
    types.emplace_back("null");
  }
  if (has(JsonType::Boolean)) {
    types.emplace_back("boolean");
  }
  if (has(JsonType::Number)) {
    types.emplace_back("number"); // integers are numbers too
  } else if (has(JsonType::Integer)) {
    types.emplace_back("integer");
  }
  if (has(JsonType::String)) {
    types.emplace_back("string");
  }
  if (has(JsonType::Object)) {
    types.emplace_back("object");
  }
  if (has(JsonType::Array)) {
    types.emplace_back("array");
  }
  return types;
}

size_t format_index(std::string_view name) {
  for (size_t i = 0; i < k_candidate_formats.size(); ++i) {
    if (k_candidate_formats[i] == name) {
      return i;
    }
  }
  return 0;
}

// The most specific format every string here passes. uri-reference passes almost any word, so
// it is given only when every string is a URL or a path.
std::string format_of(const Place& place) {
  size_t strings = place.count(JsonType::String);
  if (strings == 0) {
    return "";
  }
  for (std::string_view f : {"date-time", "date", "time", "duration", "email", "uri"}) {
    if (place.formats[format_index(f)] == strings) {
      return std::string(f);
    }
  }
  size_t url_like =
      place.count(Shape::Url) + place.count(Shape::SitePath) + place.count(Shape::RelativePath);
  if (place.formats[format_index("uri-reference")] == strings && url_like == strings) {
    return "uri-reference";
  }
  return "";
}

class Builder {
public:
  explicit Builder(const InferOptions& options) : m_options(options) {}

  SchemaNode build(const Place& place) const {
    SchemaNode node;
    node.types = types_of(place);
    size_t strings = place.count(JsonType::String);
    if (strings > 0) {
      node.format = format_of(place);
      add_enum(place, node);
    }
    if (place.minimum && *place.minimum >= 0) {
      node.minimum = 0;
    }
    size_t objects = place.count(JsonType::Object);
    if (objects > 0 && !place.deeper) {
      for (const auto& [name, child] : place.properties) {
        SchemaNode c = build(*child);
        c.evidence = "present in " + std::to_string(child->seen) + "/" + std::to_string(objects) +
                     "; " + type_evidence(*child) + details(*child, c);
        if (static_cast<double>(child->seen) >=
            m_options.required_ratio * static_cast<double>(objects) - 1e-9) {
          node.required.push_back(name);
        }
        node.properties.push_back({name, std::move(c)});
      }
      node.closed = m_options.strict && !place.too_many_properties;
    }
    if (place.items && place.items->seen > 0 && !place.deeper) {
      node.items = std::make_unique<SchemaNode>(build(*place.items));
      node.items->evidence = std::to_string(place.items->seen) + " items in " +
                             std::to_string(place.count(JsonType::Array)) + " arrays; " +
                             type_evidence(*place.items) + details(*place.items, *node.items);
    }
    return node;
  }

private:
  void add_enum(const Place& place, SchemaNode& node) const {
    size_t strings = place.count(JsonType::String);
    if (m_options.enum_max == 0 || place.too_many_distinct || !node.format.empty() ||
        place.distinct.empty() || place.distinct.size() > m_options.enum_max ||
        strings < m_options.enum_min_repeats * place.distinct.size()) {
      return;
    }
    // `enum` constrains every type: only a place of strings (and nulls) gets one.
    size_t nulls = place.count(JsonType::Null);
    if (strings + nulls != place.seen) {
      return;
    }
    for (const auto& [value, _] : place.distinct) {
      node.enumeration.emplace_back(value);
    }
    if (nulls > 0) {
      node.enumeration.emplace_back(nullptr);
    }
  }

  static std::string details(const Place& place, const SchemaNode& node) {
    std::string out;
    if (!node.format.empty()) {
      out += "; every string is " + node.format;
    }
    if (!node.enumeration.empty()) {
      out += "; " + std::to_string(place.distinct.size()) + " distinct";
    }
    if (place.too_many_properties) {
      out += "; too many property names to describe (a mapping used as a dictionary?)";
    }
    if (place.deeper) {
      out += "; nested too deep to describe";
    }
    return out;
  }

  const InferOptions& m_options;
};

nlohmann::ordered_json number_json(double d) {
  if (std::floor(d) == d && std::fabs(d) < 9.0e15) {
    return static_cast<long long>(d);
  }
  return d;
}

} // namespace

nlohmann::ordered_json SchemaNode::to_json() const {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  if (types.size() == 1) {
    j["type"] = types.front();
  } else if (!types.empty()) {
    j["type"] = types;
  }
  if (!format.empty()) {
    j["format"] = format;
  }
  if (!enumeration.empty()) {
    nlohmann::ordered_json values = nlohmann::ordered_json::array();
    for (const auto& v : enumeration) {
      values.push_back(v.is_null() ? nlohmann::ordered_json(nullptr)
                                   : nlohmann::ordered_json(v.get<std::string>()));
    }
    j["enum"] = std::move(values);
  }
  if (minimum) {
    j["minimum"] = number_json(*minimum);
  }
  if (!required.empty()) {
    j["required"] = required;
  }
  if (!properties.empty()) {
    nlohmann::ordered_json props = nlohmann::ordered_json::object();
    for (const auto& p : properties) {
      props[p.name] = p.schema.to_json();
    }
    j["properties"] = std::move(props);
  }
  if (items) {
    j["items"] = items->to_json();
  }
  if (closed) {
    j["additionalProperties"] = false;
  }
  return j;
}

nlohmann::ordered_json InferredSchema::to_json() const {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  j["$schema"] = "http://json-schema.org/draft-07/schema#";
  j["title"] = title;
  nlohmann::ordered_json body = root.to_json();
  for (auto& [key, value] : body.items()) {
    j[key] = std::move(value);
  }
  return j;
}

InferredSchema infer_schema(const std::string& title, const Observer& observed,
                            const InferOptions& options) {
  InferredSchema out;
  out.title = title;
  out.documents = observed.documents();
  out.root = Builder(options).build(observed.root());
  out.root.evidence = std::to_string(out.documents) + " documents";
  return out;
}

} // namespace verity::infer

#include "infer/outliers.hpp"

#include <algorithm>
#include <tuple>

namespace verity::infer {
namespace {

std::string display(const std::string& pointer) {
  return pointer.empty() ? std::string("(front matter)") : pointer.substr(1);
}

std::string preview(const nlohmann::json& value) {
  std::string s = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (s.size() > 60) {
    s = s.substr(0, 57) + "...";
  }
  return s;
}

std::string type_phrase(JsonType t) {
  switch (t) {
  case JsonType::Null:
    return "null (a key without a value)";
  case JsonType::Object:
    return "a mapping";
  case JsonType::Array:
    return "a list";
  case JsonType::Integer:
    return "an integer";
  default:
    return "a " + std::string(type_name(t));
  }
}

// Levenshtein distance, giving up above `limit` (names are short; the answer is only "close?").
size_t distance(std::string_view a, std::string_view b, size_t limit) {
  if (a.size() > b.size() + limit || b.size() > a.size() + limit) {
    return limit + 1;
  }
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) {
    row[j] = j;
  }
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    size_t best = row[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
      best = std::min(best, row[j]);
    }
    if (best > limit) {
      return limit + 1;
    }
  }
  return row[b.size()];
}

class Finder {
public:
  Finder(const OutlierOptions& options, std::vector<Outlier>& out)
      : m_options(options), m_out(out) {}

  void walk(const Sample& sample, const Place& place, const nlohmann::json& value,
            const std::string& pointer) {
    JsonType t = type_of(value);
    if (!check_type(sample, place, value, t, pointer) && t == JsonType::String &&
        value.is_string()) {
      check_shape(sample, place, value.get_ref<const std::string&>(), pointer);
    }
    if (t == JsonType::Object) {
      check_properties(sample, place, value, pointer);
      for (const auto& [name, child] : value.items()) {
        if (const Place* p = place.property(name)) {
          walk(sample, *p, child, pointer + "/" + escape_pointer_token(name));
        }
      }
    } else if (t == JsonType::Array && place.items) {
      for (size_t i = 0; i < value.size(); ++i) {
        walk(sample, *place.items, value[i], pointer + "/" + std::to_string(i));
      }
    }
  }

private:
  bool dominates(size_t agreeing, size_t siblings) const {
    return siblings >= m_options.min_siblings &&
           static_cast<double>(agreeing) >= m_options.dominance * static_cast<double>(siblings);
  }

  // Where the value at `pointer` is written: in the document, or in _config.yml's `defaults`.
  // A missing property is reported at its parent's key, a misspelt one at its own (`at_key`), a
  // value where it starts.
  void locate(const Sample& sample, const std::string& pointer, bool at_key, Outlier& o) const {
    o.document = sample.file;
    o.file = sample.file;
    o.pointer = pointer;
    if (!sample.map.contains(pointer) && sample.defaults) {
      if (auto it = sample.defaults->origins.find(pointer); it != sample.defaults->origins.end()) {
        o.file = sample.defaults->file;
        o.position = it->second;
        return;
      }
    }
    SourceEntry entry = sample.map.find(pointer);
    o.position = pointer.empty() ? Position{1, 1} : at_key ? entry.key : entry.value;
    if (o.position.line == 0) {
      o.position = {1, 1};
    }
  }

  void emit(const Sample& sample, const std::string& pointer, OutlierKind kind, std::string message,
            size_t agreeing, size_t siblings, const std::string& locate_at) {
    Outlier o;
    locate(sample, locate_at, kind == OutlierKind::Missing || kind == OutlierKind::Spelling, o);
    o.pointer = pointer;
    o.kind = kind;
    o.message = std::move(message);
    if (o.file != o.document) {
      o.message += " (the value comes from `defaults` in " + o.file + ", for " + o.document + ")";
    }
    o.agreeing = agreeing;
    o.siblings = siblings;
    m_out.push_back(std::move(o));
  }

  bool check_type(const Sample& sample, const Place& place, const nlohmann::json& value, JsonType t,
                  const std::string& pointer) {
    size_t dominant = 0;
    for (size_t i = 1; i < k_type_count; ++i) {
      if (place.types[i] > place.types[dominant]) {
        dominant = i;
      }
    }
    auto d = static_cast<JsonType>(dominant);
    if (t == d || (t == JsonType::Integer && d == JsonType::Number) ||
        !dominates(place.types[dominant], place.seen)) {
      return false;
    }
    emit(sample, pointer, OutlierKind::Type,
         display(pointer) + " is " + type_phrase(t) +
             (t == JsonType::Null ? "" : " (" + preview(value) + ")") + " where " +
             std::to_string(place.types[dominant]) + "/" + std::to_string(place.seen) +
             " siblings hold " + type_phrase(d),
         place.types[dominant], place.seen, pointer);
    return true;
  }

  void check_shape(const Sample& sample, const Place& place, const std::string& text,
                   const std::string& pointer) {
    size_t strings = place.count(JsonType::String);
    size_t dominant = 0;
    for (size_t i = 1; i < k_shape_count; ++i) {
      if (place.shapes[i] > place.shapes[dominant]) {
        dominant = i;
      }
    }
    auto d = static_cast<Shape>(dominant);
    Shape s = shape_of(text);
    if (s == d || !is_structured(d) || !dominates(place.shapes[dominant], strings)) {
      return;
    }
    emit(sample, pointer, OutlierKind::Shape,
         display(pointer) + " is " + preview(text) + ", " + std::string(describe(s)) + ", where " +
             std::to_string(place.shapes[dominant]) + "/" + std::to_string(strings) +
             " siblings hold " + std::string(describe(d)),
         place.shapes[dominant], strings, pointer);
  }

  void check_properties(const Sample& sample, const Place& place, const nlohmann::json& value,
                        const std::string& pointer) {
    size_t objects = place.count(JsonType::Object);
    for (const auto& [name, child] : place.properties) {
      bool here = value.contains(name);
      if (!here && child->seen < objects && dominates(child->seen, objects)) {
        emit(sample, pointer + "/" + escape_pointer_token(name), OutlierKind::Missing,
             (pointer.empty() ? std::string() : display(pointer) + ": ") + "no `" + name +
                 "`, which " + std::to_string(child->seen) + "/" + std::to_string(objects) +
                 " siblings have",
             child->seen, objects, pointer);
      }
      if (here && objects >= m_options.min_siblings && name.size() >= 4 &&
          static_cast<double>(child->seen) <= 0.01 * static_cast<double>(objects) + 1) {
        check_spelling(sample, place, name, *child, pointer, objects);
      }
    }
  }

  void check_spelling(const Sample& sample, const Place& place, const std::string& name,
                      const Place& rare, const std::string& pointer, size_t objects) {
    for (const auto& [other, common] : place.properties) {
      if (other == name || !dominates(common->seen, objects) ||
          distance(name, other, 2) > (name.size() >= 8 ? 2u : 1u)) {
        continue;
      }
      std::string at = pointer + "/" + escape_pointer_token(name);
      emit(sample, at, OutlierKind::Spelling,
           display(at) + " is in " + std::to_string(rare.seen) + "/" + std::to_string(objects) +
               " siblings, while " + std::to_string(common->seen) + " have `" + other +
               "`: a misspelling?",
           common->seen, objects, at);
      return;
    }
  }

  const OutlierOptions& m_options;
  std::vector<Outlier>& m_out;
};

} // namespace

std::string_view kind_name(OutlierKind kind) {
  switch (kind) {
  case OutlierKind::Missing:
    return "missing";
  case OutlierKind::Type:
    return "type";
  case OutlierKind::Shape:
    return "shape";
  case OutlierKind::Spelling:
    return "spelling";
  }
  return "";
}

std::vector<Outlier> find_outliers(const Observer& observed, const std::vector<Sample>& samples,
                                   const OutlierOptions& options) {
  std::vector<Outlier> out;
  Finder finder(options, out);
  for (const Sample& sample : samples) {
    finder.walk(sample, observed.root(), sample.data, "");
  }
  std::stable_sort(out.begin(), out.end(), [](const Outlier& a, const Outlier& b) {
    return std::tie(a.document, a.position.line, a.position.column, a.pointer) <
           std::tie(b.document, b.position.line, b.position.column, b.pointer);
  });
  return out;
}

} // namespace verity::infer

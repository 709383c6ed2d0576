#include "config/layers.hpp"

namespace verity::config {
namespace {

std::string at(const std::string& file, Position pos) {
  if (pos.line <= 0) {
    return file;
  }
  return file + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column);
}

void collect_nulls(const nlohmann::json& value, const std::string& pointer,
                   bool (*allowed)(const std::string&), std::vector<std::string>& out) {
  if (value.is_null()) {
    if (!allowed(pointer)) {
      out.push_back(pointer);
    }
  } else if (value.is_object()) {
    for (const auto& [key, child] : value.items()) {
      collect_nulls(child, pointer + "/" + escape_pointer_token(key), allowed, out);
    }
  } else if (value.is_array()) {
    for (size_t i = 0; i < value.size(); ++i) {
      collect_nulls(value[i], pointer + "/" + std::to_string(i), allowed, out);
    }
  }
}

} // namespace

nlohmann::json overlay(nlohmann::json base, const nlohmann::json& over) {
  if (!base.is_object() || !over.is_object()) {
    return over;
  }
  for (const auto& [key, value] : over.items()) {
    if (value.is_null()) {
      base.erase(key);
    } else if (auto it = base.find(key); it != base.end()) {
      *it = overlay(std::move(*it), value);
    } else {
      // Onto nothing: a null inside still means "nothing here", never a null value.
      base[key] = overlay(nlohmann::json::object(), value);
    }
  }
  return base;
}

nlohmann::json merge_layers(const std::vector<Layer>& layers) {
  nlohmann::json merged = nlohmann::json::object();
  for (const auto& layer : layers) {
    merged = overlay(std::move(merged), layer.value);
  }
  return merged;
}

std::string origin_of(const std::vector<Layer>& layers, const std::string& pointer) {
  if (layers.empty()) {
    return "";
  }
  nlohmann::json::json_pointer ptr;
  try {
    ptr = nlohmann::json::json_pointer(pointer);
  } catch (const nlohmann::json::exception&) {
    return layers.back().name;
  }
  for (auto it = layers.rbegin(); it != layers.rend(); ++it) {
    if (it->value.contains(ptr)) {
      return at(it->name, it->map.find(pointer).value);
    }
  }
  return layers.back().name;
}

std::vector<std::string> misplaced_nulls(const nlohmann::json& value,
                                         bool (*allowed)(const std::string& pointer)) {
  std::vector<std::string> out;
  collect_nulls(value, "", allowed, out);
  return out;
}

} // namespace verity::config

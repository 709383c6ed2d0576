#include "schema/schema_walk.hpp"

namespace verity::schema {
namespace {

// Keywords whose value is one schema, a map of schemas, or an array (or one) of schemas.
const char* const k_schema_keywords[] = {
    "additionalProperties", "additionalItems", "not", "if", "then", "else", "contains",
    "propertyNames"};
const char* const k_map_keywords[] = {"properties", "patternProperties", "definitions", "$defs",
                                      "dependencies"};
const char* const k_array_keywords[] = {"items", "allOf", "anyOf", "oneOf"};

bool is_combinator(std::string_view k) {
  return k == "allOf" || k == "anyOf" || k == "oneOf" || k == "not" || k == "if" || k == "then" ||
         k == "else";
}

void walk(const nlohmann::json& s, const std::string& ptr, bool under,
          const std::function<void(const nlohmann::json&, const std::string&, bool)>& visit,
          int depth) {
  if (!s.is_object() || depth > 200) {
    return;
  }
  visit(s, ptr, under);
  for (const char* k : k_schema_keywords) {
    auto it = s.find(k);
    if (it != s.end()) {
      walk(*it, ptr + "/" + k, under || is_combinator(k), visit, depth + 1);
    }
  }
  for (const char* k : k_map_keywords) {
    auto it = s.find(k);
    if (it != s.end() && it->is_object()) {
      for (auto& [name, sub] : it->items()) {
        walk(sub, ptr + "/" + k + "/" + name, under, visit, depth + 1);
      }
    }
  }
  for (const char* k : k_array_keywords) {
    auto it = s.find(k);
    if (it == s.end()) {
      continue;
    }
    bool comb = under || is_combinator(k);
    if (it->is_array()) {
      for (size_t i = 0; i < it->size(); ++i) {
        walk((*it)[i], ptr + "/" + k + "/" + std::to_string(i), comb, visit, depth + 1);
      }
    } else {
      walk(*it, ptr + "/" + k, comb, visit, depth + 1);
    }
  }
}

void walk_mut(nlohmann::json& s, const std::function<void(nlohmann::json&)>& visit, int depth) {
  if (!s.is_object() || depth > 200) {
    return;
  }
  visit(s);
  for (const char* k : k_schema_keywords) {
    auto it = s.find(k);
    if (it != s.end()) {
      walk_mut(*it, visit, depth + 1);
    }
  }
  for (const char* k : k_map_keywords) {
    auto it = s.find(k);
    if (it != s.end() && it->is_object()) {
      for (auto& [name, sub] : it->items()) {
        walk_mut(sub, visit, depth + 1);
      }
    }
  }
  for (const char* k : k_array_keywords) {
    auto it = s.find(k);
    if (it == s.end()) {
      continue;
    }
    if (it->is_array()) {
      for (auto& sub : *it) {
        walk_mut(sub, visit, depth + 1);
      }
    } else {
      walk_mut(*it, visit, depth + 1);
    }
  }
}

std::string unescape(std::string token) {
  std::string out;
  for (size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size()) {
      out += token[i + 1] == '1' ? '/' : '~';
      ++i;
    } else {
      out += token[i];
    }
  }
  return out;
}

} // namespace

void for_each_schema(
    const nlohmann::json& root,
    const std::function<void(const nlohmann::json&, const std::string&, bool)>& visit) {
  walk(root, "", false, visit, 0);
}

void for_each_schema_mut(nlohmann::json& root, const std::function<void(nlohmann::json&)>& visit) {
  walk_mut(root, visit, 0);
}

const nlohmann::json* resolve_ref(const nlohmann::json& root, const nlohmann::json& schema) {
  const nlohmann::json* s = &schema;
  for (int hops = 0; hops < 32 && s->is_object(); ++hops) {
    auto it = s->find("$ref");
    if (it == s->end() || !it->is_string()) {
      return s;
    }
    std::string ref = it->get<std::string>();
    if (ref.rfind("#", 0) != 0) {
      return nullptr;
    }
    try {
      nlohmann::json::json_pointer p(ref.substr(1));
      if (!root.contains(p)) {
        return nullptr;
      }
      s = &root.at(p);
    } catch (const std::exception&) {
      return nullptr;
    }
  }
  return s->is_object() ? s : nullptr;
}

const nlohmann::json* subschema_for(const nlohmann::json& root,
                                    const std::string& instance_pointer) {
  const nlohmann::json* s = resolve_ref(root, root);
  size_t pos = 0;
  while (s && pos < instance_pointer.size()) {
    size_t next = instance_pointer.find('/', pos + 1);
    std::string token = unescape(instance_pointer.substr(
        pos + 1, next == std::string::npos ? std::string::npos : next - pos - 1));
    pos = next == std::string::npos ? instance_pointer.size() : next;
    const nlohmann::json* found = nullptr;
    if (auto props = s->find("properties"); props != s->end() && props->contains(token)) {
      found = &(*props)[token];
    } else if (auto items = s->find("items"); items != s->end()) {
      if (items->is_object()) {
        found = &*items;
      } else if (items->is_array()) {
        try {
          size_t idx = std::stoul(token);
          if (idx < items->size()) {
            found = &(*items)[idx];
          }
        } catch (const std::exception&) {
        }
      }
    } else if (auto ap = s->find("additionalProperties"); ap != s->end() && ap->is_object()) {
      found = &*ap;
    }
    s = found ? resolve_ref(root, *found) : nullptr;
  }
  return s;
}

} // namespace verity::schema

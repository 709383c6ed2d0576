#include "schema/schema_walk.hpp"

#include "verity/source_map.hpp"

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

} // namespace

template <class Json, class Visit> void for_each_child_impl(Json& s, Visit&& visit) {
  if (!s.is_object()) {
    return;
  }
  for (const char* k : k_schema_keywords) {
    if (auto it = s.find(k); it != s.end()) {
      visit(*it, std::string("/") + k, k);
    }
  }
  for (const char* k : k_map_keywords) {
    if (auto it = s.find(k); it != s.end() && it->is_object()) {
      for (auto& [name, sub] : it->items()) {
        visit(sub, std::string("/") + k + "/" + escape_pointer_token(name), k);
      }
    }
  }
  for (const char* k : k_array_keywords) {
    auto it = s.find(k);
    if (it == s.end()) {
      continue;
    }
    if (it->is_array()) {
      for (size_t i = 0; i < it->size(); ++i) {
        visit((*it)[i], std::string("/") + k + "/" + std::to_string(i), k);
      }
    } else {
      visit(*it, std::string("/") + k, k);
    }
  }
}

void for_each_child(
    const nlohmann::json& schema,
    const std::function<void(const nlohmann::json&, const std::string&, std::string_view)>& visit) {
  for_each_child_impl(schema, visit);
}

namespace {

void walk(const nlohmann::json& s, const std::string& ptr, bool under,
          const std::function<void(const nlohmann::json&, const std::string&, bool)>& visit,
          int depth) {
  if (!s.is_object() || depth > 200) {
    return;
  }
  visit(s, ptr, under);
  for_each_child_impl(
      s, [&](const nlohmann::json& child, const std::string& suffix, std::string_view keyword) {
        walk(child, ptr + suffix, under || is_combinator(keyword), visit, depth + 1);
      });
}

void walk_mut(nlohmann::json& s, const std::function<void(nlohmann::json&)>& visit, int depth) {
  if (!s.is_object() || depth > 200) {
    return;
  }
  visit(s);
  for_each_child_impl(s, [&](nlohmann::json& child, const std::string&, std::string_view) {
    walk_mut(child, visit, depth + 1);
  });
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

std::optional<std::string> local_ref_pointer(std::string_view ref) {
  if (ref.empty() || ref.front() != '#') {
    return std::nullopt;
  }
  std::string_view raw = ref.substr(1);
  while (!raw.empty() && raw.back() == '/') {
    raw.remove_suffix(1); // valijson trims trailing slashes
  }
  if (!raw.empty() && raw.front() != '/') {
    return std::nullopt;
  }
  std::string out;
  size_t pos = 0;
  while (pos < raw.size()) {
    size_t next = raw.find('/', pos + 1);
    std::string_view token = raw.substr(
        pos + 1, next == std::string_view::npos ? std::string_view::npos : next - pos - 1);
    pos = next == std::string_view::npos ? raw.size() : next;
    // RFC 6901 first, then the URI fragment's %-encoding, in valijson's order.
    std::string decoded;
    for (size_t i = 0; i < token.size(); ++i) {
      if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
        decoded += token[i + 1] == '1' ? '/' : '~';
        ++i;
      } else {
        decoded += token[i];
      }
    }
    std::string unpercent;
    for (size_t i = 0; i < decoded.size(); ++i) {
      if (decoded[i] != '%') {
        unpercent += decoded[i];
        continue;
      }
      auto hex = [](char c) {
        return c >= '0' && c <= '9'   ? c - '0'
               : c >= 'a' && c <= 'f' ? c - 'a' + 10
               : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                      : -1;
      };
      int hi = i + 2 < decoded.size() ? hex(decoded[i + 1]) : -1;
      int lo = i + 2 < decoded.size() ? hex(decoded[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        return std::nullopt;
      }
      unpercent += static_cast<char>(hi * 16 + lo);
      i += 2;
    }
    out += "/" + escape_pointer_token(unpercent);
  }
  return out;
}

const nlohmann::json* at_pointer(const nlohmann::json& root, const std::string& pointer) {
  try {
    nlohmann::json::json_pointer p(pointer);
    return root.contains(p) ? &root.at(p) : nullptr;
  } catch (const std::exception&) {
    return nullptr;
  }
}

const nlohmann::json* resolve_ref(const nlohmann::json& root, const nlohmann::json& schema) {
  const nlohmann::json* s = &schema;
  for (int hops = 0; hops < 32 && s->is_object(); ++hops) {
    auto it = s->find("$ref");
    if (it == s->end() || !it->is_string()) {
      return s;
    }
    auto pointer = local_ref_pointer(it->get_ref<const std::string&>());
    s = pointer ? at_pointer(root, *pointer) : nullptr;
    if (!s) {
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

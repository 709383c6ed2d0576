#include "site/defaults.hpp"

#include "util/glob.hpp"

#include <map>

namespace verity::site {
namespace {

// FrontmatterDefaults#sanitize_path: one leading '/' removed.
std::string sanitize_path(std::string_view path) {
  if (!path.empty() && path[0] == '/') {
    path.remove_prefix(1);
  }
  return std::string(path);
}

bool has_precedence(const DefaultsScope* old_scope, const DefaultsScope& new_scope) {
  if (!old_scope) {
    return true;
  }
  size_t new_len = sanitize_path(new_scope.path).size();
  size_t old_len = sanitize_path(old_scope->path).size();
  if (new_len != old_len) {
    return new_len >= old_len;
  }
  if (new_scope.type) {
    return true;
  }
  return !old_scope->type;
}

using Origins = std::map<std::string, Position>;

// Where each value under `pointer` (relative to the scope's `values`) is written in _config.yml.
void add_origins(const nlohmann::json& value, const std::string& pointer,
                 const std::string& config_pointer, const SourceMap& map, Origins& out) {
  if (!pointer.empty()) {
    out[pointer] = map.find(config_pointer + pointer).value;
  }
  if (value.is_object()) {
    for (const auto& [key, child] : value.items()) {
      add_origins(child, pointer + "/" + escape_pointer_token(key), config_pointer, map, out);
    }
  } else if (value.is_array()) {
    for (size_t i = 0; i < value.size(); ++i) {
      add_origins(value[i], pointer + "/" + std::to_string(i), config_pointer, map, out);
    }
  }
}

Origins scope_origins(const DefaultsScope& scope, const SourceMap& map) {
  Origins out;
  add_origins(scope.values, "", "/defaults/" + std::to_string(scope.index) + "/values", map, out);
  return out;
}

void erase_subtree(Origins& origins, const std::string& pointer) {
  origins.erase(pointer);
  std::string prefix = pointer + "/";
  for (auto it = origins.lower_bound(prefix);
       it != origins.end() && it->first.starts_with(prefix);) {
    it = origins.erase(it);
  }
}

void copy_subtree(const Origins& from, const std::string& pointer, Origins& to) {
  if (auto it = from.find(pointer); it != from.end()) {
    to[pointer] = it->second;
  }
  std::string prefix = pointer + "/";
  for (auto it = from.lower_bound(prefix); it != from.end() && it->first.starts_with(prefix);
       ++it) {
    to[it->first] = it->second;
  }
}

// deep_merge(base, over) in place, keeping `base_origins` the origins of what `base` becomes: a
// replaced value takes over's origins, a merged mapping takes over's position and keeps the
// origins of the keys over does not name.
void merge_located(nlohmann::json& base, Origins& base_origins, const nlohmann::json& over,
                   const Origins& over_origins, const std::string& at) {
  for (const auto& [key, value] : over.items()) {
    std::string child = at + "/" + escape_pointer_token(key);
    auto it = base.find(key);
    if (it != base.end() && it->is_object() && value.is_object()) {
      if (auto o = over_origins.find(child); o != over_origins.end()) {
        base_origins[child] = o->second;
      }
      merge_located(*it, base_origins, value, over_origins, child);
    } else {
      base[key] = value;
      erase_subtree(base_origins, child);
      copy_subtree(over_origins, child, base_origins);
    }
  }
}

} // namespace

std::string Defaults::strip_collections_dir(std::string path) const {
  const std::string& dir = m_config.collections_dir;
  if (dir.empty() || !path.starts_with(dir + "/")) {
    return path;
  }
  return path.substr(dir.size() + 1);
}

bool Defaults::applies(const DefaultsScope& scope, std::string_view path,
                       const std::optional<std::string>& type, std::string_view on_disk) const {
  if (scope.type && (!type || *type != *scope.type)) {
    return false;
  }
  if (scope.path.empty()) {
    return true;
  }
  std::string sanitized = sanitize_path(path);
  if (scope.path.find('*') == std::string::npos) {
    return sanitized.starts_with(strip_collections_dir(scope.path));
  }
  // Jekyll globs the scope on disk and tests each match as a prefix; the matches that can be a
  // prefix of this item are its own path and its folders.
  std::string scope_glob = sanitize_path(scope.path);
  for (size_t end = 0; end != std::string_view::npos;) {
    end = on_disk.find('/', end + 1);
    std::string_view candidate = on_disk.substr(0, end);
    if (util::glob_match(scope_glob, candidate) &&
        sanitized.starts_with(strip_collections_dir(std::string(candidate)))) {
      return true;
    }
  }
  return false;
}

template <class Merge>
void Defaults::for_each_applying(std::string_view path, const std::optional<std::string>& type,
                                 std::string_view on_disk, Merge&& merge) const {
  const DefaultsScope* old_scope = nullptr;
  for (const auto& scope : m_config.defaults) {
    if (!applies(scope, path, type, on_disk)) {
      continue;
    }
    bool wins = has_precedence(old_scope, scope);
    if (wins) {
      old_scope = &scope;
    }
    merge(scope, wins);
  }
}

nlohmann::json Defaults::all(std::string_view path, const std::optional<std::string>& type,
                             std::string_view on_disk) const {
  nlohmann::json values = nlohmann::json::object();
  for_each_applying(path, type, on_disk, [&](const DefaultsScope& scope, bool wins) {
    values = wins ? deep_merge(std::move(values), scope.values) : deep_merge(scope.values, values);
  });
  return values;
}

DefaultValues Defaults::located(std::string_view path, const std::optional<std::string>& type,
                                std::string_view on_disk) const {
  DefaultValues out;
  out.file = m_config.config_file;
  for_each_applying(path, type, on_disk, [&](const DefaultsScope& scope, bool wins) {
    Origins origins = scope_origins(scope, m_config.map);
    if (wins) {
      merge_located(out.values, out.origins, scope.values, origins, "");
    } else {
      nlohmann::json values = scope.values;
      merge_located(values, origins, out.values, out.origins, "");
      out.values = std::move(values);
      out.origins = std::move(origins);
    }
  });
  return out;
}

} // namespace verity::site

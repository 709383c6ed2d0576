#include "site/defaults.hpp"

#include "util/glob.hpp"

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

} // namespace

nlohmann::json deep_merge(nlohmann::json base, const nlohmann::json& over) {
  if (!base.is_object() || !over.is_object()) {
    return over;
  }
  for (const auto& [key, value] : over.items()) {
    auto it = base.find(key);
    if (it != base.end() && it->is_object() && value.is_object()) {
      *it = deep_merge(std::move(*it), value);
    } else {
      base[key] = value;
    }
  }
  return base;
}

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

nlohmann::json Defaults::all(std::string_view path, const std::optional<std::string>& type,
                             std::string_view on_disk) const {
  nlohmann::json values = nlohmann::json::object();
  const DefaultsScope* old_scope = nullptr;
  for (const auto& scope : m_config.defaults) {
    if (!applies(scope, path, type, on_disk)) {
      continue;
    }
    if (has_precedence(old_scope, scope)) {
      values = deep_merge(std::move(values), scope.values);
      old_scope = &scope;
    } else {
      values = deep_merge(scope.values, values);
    }
  }
  return values;
}

} // namespace verity::site

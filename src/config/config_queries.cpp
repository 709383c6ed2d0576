// What a loaded Config answers for one file: its collection, whether it is ignored, the severity
// a rule has there, and the files the configuration was read from.
#include "config/config.hpp"
#include "config/sourced_file.hpp"
#include "rules/catalogue.hpp"
#include "util/glob.hpp"

namespace verity::config {
namespace fs = std::filesystem;

namespace {

bool rule_matches(const std::string& pattern, const std::string& rule) {
  if (pattern == rule) {
    return true;
  }
  if (pattern.size() > 2 && pattern.substr(pattern.size() - 2) == "/*") {
    return rule.rfind(pattern.substr(0, pattern.size() - 1), 0) == 0;
  }
  return false;
}

} // namespace

const Collection* Config::collection_for(const std::string& relative_path) const {
  for (const auto& c : collections) {
    for (const auto& g : c.paths) {
      if (util::glob_match(g, relative_path)) {
        return &c;
      }
    }
  }
  return nullptr;
}

bool Config::is_ignored(const std::string& relative_path) const {
  for (const auto& e : ignore) {
    if (!e.rules.empty()) {
      continue;
    }
    for (const auto& g : e.paths) {
      if (util::glob_match(g, relative_path)) {
        return true;
      }
    }
  }
  return false;
}

std::optional<Severity> Config::effective_severity(const std::string& rule, const std::string& path,
                                                   Severity default_severity) const {
  for (const auto& e : ignore) {
    bool path_hit = false;
    for (const auto& g : e.paths) {
      path_hit = path_hit || util::glob_match(g, path);
    }
    if (!path_hit) {
      continue;
    }
    if (e.rules.empty()) {
      return std::nullopt;
    }
    for (const auto& r : e.rules) {
      if (rule_matches(r, rule)) {
        return std::nullopt;
      }
    }
  }
  if (auto it = rule_levels.find(rule); it != rule_levels.end()) {
    return it->second;
  }
  // A built-in schema is a guess about someone else's site: a property it does not know, or a
  // value in another style than the one it was fitted to, is worth a look, not a failed gate.
  // Types, required properties and formats stay errors. `rules:` above can raise them again.
  if ((rule == rules::schema_additional_properties.id || rule == rules::schema_pattern.id) &&
      default_severity == Severity::Error) {
    if (const Collection* c = collection_for(path); c && c->builtin_schema) {
      default_severity = Severity::Warning;
    }
  }
  std::string family = rule.substr(0, rule.find('/')) + "/*";
  if (auto it = rule_levels.find(family); it != rule_levels.end()) {
    return it->second;
  }
  return default_severity;
}

std::vector<fs::path> Config::source_files() const {
  std::vector<fs::path> out;
  if (!file.empty()) {
    out.push_back(file);
  }
  for (const auto& c : collections) {
    if (!c.schema_source.empty() && c.schema_source.rfind(k_builtin, 0) != 0) {
      fs::path p(c.schema_source);
      out.push_back(p.is_absolute() ? p : site_root / p);
    }
  }
  return out;
}

} // namespace verity::config

#include "config/schema_loading.hpp"

#include "config/embedded.hpp"
#include "config/sourced_file.hpp"
#include "util/confine.hpp"

namespace verity::config {
namespace fs = std::filesystem;

namespace {

nlohmann::json builtin_definitions() {
  auto common = embedded::find("common.schema.yaml");
  if (!common) {
    return nlohmann::json::object();
  }
  SourcedJson c = parse_yaml_text(*common, "builtin:common.schema.yaml");
  return c.value.value("definitions", nlohmann::json::object());
}

} // namespace

std::shared_ptr<const schema::CompiledSchema> load_schema(const std::string& source,
                                                          const PathPolicy& policy,
                                                          std::vector<fs::path>& read_files,
                                                          const std::string& where) {
  SourcedJson src;
  std::string name;
  if (source.rfind(k_builtin, 0) == 0) {
    std::string file = source.substr(k_builtin.size());
    auto text = embedded::find(file);
    if (!text || file == "common.schema.yaml") {
      throw ConfigError({where + ": unknown built-in schema '" + source +
                         "' (`verity config defaults DIR` writes out the built-in ones)"});
    }
    name = source;
    src = parse_yaml_text(*text, name);
    // Built-in schemas share the definitions in common.schema.yaml.
    auto& defs = src.value["definitions"];
    const nlohmann::json common_defs = builtin_definitions();
    for (auto& [k, v] : common_defs.items()) {
      if (!defs.contains(k)) {
        defs[k] = v;
      }
    }
  } else {
    fs::path path = fs::path(source).is_absolute() ? fs::path(source) : policy.root / source;
    name = path.lexically_normal().string();
    read_files.push_back(path);
    fs::path open_path = path;
    if (!policy.trusted || !fs::path(source).is_absolute()) {
      // Missing and outside get the same words: nothing about files outside the site leaks.
      auto inside = util::resolve_inside(policy.root, policy.real_root, path);
      if (!inside) {
        throw ConfigError({where + ": the schema file " + source + " " +
                           util::k_missing_or_outside + ": name a file inside the site"});
      }
      open_path = *inside;
    }
    std::string text = read_text(open_path);
    src = parse_file(path, text);
  }
  try {
    return std::make_shared<const schema::CompiledSchema>(src.value);
  } catch (const schema::SchemaError& e) {
    std::vector<std::string> errors;
    for (const auto& p : e.problems()) {
      errors.push_back(at(name, src.map.find(p.pointer).key) + ": " + p.message);
    }
    throw ConfigError(errors);
  }
}

} // namespace verity::config

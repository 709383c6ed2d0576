#include "config/config.hpp"

#include "config/embedded.hpp"
#include "config/layers.hpp"
#include "config/profiles.hpp"
#include "config/schema_loading.hpp"
#include "config/site_url.hpp"
#include "config/sourced_file.hpp"
#include "util/confine.hpp"

#include <spdlog/spdlog.h>

namespace verity::config {
namespace fs = std::filesystem;

namespace {

// Validates the merged `value` against `schema`, turning findings into config errors. Positions
// come from the top layer (the site's verity.yaml, where a mistake almost always is), and from
// `where` for a value that layer does not hold.
void validate_against(const schema::CompiledSchema& schema, const nlohmann::json& value,
                      const Layer& top,
                      const std::function<std::string(const std::string&)>& where) {
  Document doc;
  doc.path = top.name;
  doc.data = value;
  doc.map = top.map;
  Findings findings;
  schema.validate(doc, findings);
  std::sort(findings.begin(), findings.end(), finding_less);
  if (!findings.empty()) {
    std::vector<std::string> errors;
    for (const auto& f : findings) {
      const bool in_top =
          top.value.contains(nlohmann::json::json_pointer(f.pointer.empty() ? "" : f.pointer));
      errors.push_back(
          (in_top || f.pointer.empty() ? at(top.name, {f.line, f.column}) : where(f.pointer)) +
          ": " + f.message);
    }
    throw ConfigError(errors);
  }
}

const schema::CompiledSchema& config_schema_compiled() {
  static const schema::CompiledSchema k_schema(config_schema());
  return k_schema;
}

void apply_limit(Config& cfg, const std::string& limit, std::uint64_t value) {
  if (limit == "max_file_bytes") {
    cfg.limits.max_file_bytes = value;
  } else if (limit == "max_front_matter_bytes") {
    cfg.limits.max_front_matter_bytes = value;
  } else if (limit == "max_depth") {
    cfg.limits.max_depth = value;
  } else if (limit == "max_image_bytes") {
    cfg.max_image_bytes = value;
  }
}

} // namespace

ConfigError::ConfigError(std::vector<std::string> messages)
    : std::runtime_error(messages.empty() ? "configuration error" : messages.front()),
      m_messages(std::move(messages)) {}

nlohmann::json config_schema() {
  auto text = embedded::find("verity-config.schema.yaml");
  return parse_yaml_text(text.value_or("{}"), "builtin:verity-config.schema.yaml").value;
}

namespace {

fs::path real_path_of(const fs::path& dir) {
  std::error_code ec;
  fs::path real = fs::canonical(dir, ec);
  return ec ? dir : real;
}

// A state or lock file named by the config (or its default): resolved inside the site root and
// returned relative to it, or, when absolute in a trusted config, taken as written. Throws
// ConfigError naming `where`.
fs::path confined_state_path(const std::string& value, const PathPolicy& policy,
                             const std::string& key, const std::string& where) {
  fs::path p(value);
  if (policy.trusted && p.is_absolute()) {
    return p;
  }
  auto inside = util::resolve_writable_inside(policy.root, policy.real_root, p);
  if (!inside) {
    throw ConfigError({where + ": " + key + " '" + value +
                       "' leaves the site root (an absolute path, `..`, or a symbolic link "
                       "on the way pointing outside): name a path inside the site, or give an "
                       "absolute path in a config passed with --trusted-config FILE"});
  }
  // Relative to the real root: the same file as written, with any symlink on the way replaced by
  // where it led, so that nothing opened later can be redirected outside.
  return inside->lexically_relative(policy.real_root);
}

} // namespace

Config load_config(const fs::path& config_file, const fs::path& site_root, const Trust& trust) {
  Config cfg;
  std::vector<fs::path> read_files;
  const bool from_tree = !config_file.empty() && !trust.trusted;
  if (config_file.empty()) {
    cfg.site_root = site_root;
  } else {
    cfg.file = config_file;
    // A trusted config lives outside the checkout: the site is where the command points.
    cfg.site_root = trust.trusted                       ? site_root
                    : config_file.parent_path().empty() ? fs::path(".")
                                                        : config_file.parent_path();
  }
  cfg.site_root = fs::absolute(cfg.site_root).lexically_normal();
  cfg.real_site_root = real_path_of(cfg.site_root);
  cfg.trusted = !from_tree;
  const PathPolicy policy{cfg.site_root, cfg.real_site_root, cfg.trusted};
  std::optional<Layer> user;
  if (!config_file.empty()) {
    fs::path open_path = config_file;
    if (from_tree) {
      auto inside = util::resolve_inside(cfg.site_root, cfg.real_site_root, config_file);
      if (!inside) {
        throw ConfigError({config_file.string() + ": " + util::k_missing_or_outside +
                           ": replace the link with the file itself"});
      }
      open_path = *inside;
    }
    std::string text = read_text(open_path);
    SourcedJson parsed = parse_file(config_file, text);
    user = Layer{config_file.string(), std::move(parsed.value), std::move(parsed.map)};
    if (!user->value.is_object()) {
      throw ConfigError(
          {user->name + ": the file must be a mapping of settings (version: 1, ...)"});
    }
    // The file's own format version, even though every profile has one: it is what lets a
    // later verity read this file as it was meant.
    if (!user->value.contains("version")) {
      throw ConfigError(
          {user->name + ":1:1: missing required property 'version': write `version: 1` first"});
    }
  }
  // The profile under the file: named by `extends`, or picked from the site.
  ProfileChoice profile = choose_profile(cfg.site_root);
  if (user && user->value.contains("extends")) {
    const nlohmann::json& e = user->value["extends"];
    std::string named = e.is_string() ? e.get<std::string>() : e.dump();
    profile = {named, "extends: in " + user->name};
  }
  std::optional<std::vector<std::string_view>> profile_layers = profile_files(profile.name);
  if (!profile_layers) {
    std::string names;
    for (const auto& n : profile_names()) {
      names += (names.empty() ? "" : ", ") + n;
    }
    throw ConfigError({origin_of({*user}, "/extends") + ": unknown profile " + profile.name +
                       ": use one of " + names});
  }
  std::vector<Layer> layers;
  for (std::string_view file : *profile_layers) {
    std::string layer_name = "builtin:" + fs::path(std::string(file)).filename().string();
    SourcedJson parsed = parse_yaml_text(embedded::find(file).value_or(""), layer_name);
    layers.push_back({layer_name, std::move(parsed.value), std::move(parsed.map)});
  }
  if (user) {
    // A null removes a collection of the profile; anywhere else it is a mistake.
    std::vector<std::string> errors;
    for (const auto& pointer : misplaced_nulls(user->value, [](const std::string& p) {
           return p.rfind("/collections/", 0) == 0 &&
                  p.find('/', std::string_view("/collections/").size()) == std::string::npos;
         })) {
      errors.push_back(origin_of({*user}, pointer) +
                       ": null here removes nothing: only `collections: {NAME: null}` removes a "
                       "collection of the profile; give a value or delete the line");
    }
    if (!errors.empty()) {
      throw ConfigError(errors);
    }
    layers.push_back(std::move(*user));
  }
  cfg.profile = profile.name;
  cfg.profile_reason = profile.reason;
  spdlog::info("configuration: {} over profile {} ({})",
               cfg.file.empty() ? "no verity.yaml" : cfg.file.string(), profile.name,
               profile.reason);
  const nlohmann::json merged = merge_layers(layers);
  auto where = [&](const std::string& pointer) { return origin_of(layers, pointer); };
  validate_against(config_schema_compiled(), merged, layers.back(), where);
  const nlohmann::json& j = merged;
  if (from_tree) {
    if (auto widening = widening_settings(layers.back().value, where); !widening.empty()) {
      throw ConfigError(widening);
    }
  }

  std::vector<std::string> errors;
  const nlohmann::json empty_object = nlohmann::json::object();
  const nlohmann::json empty_array = nlohmann::json::array();
  auto member = [&](const char* key, const nlohmann::json& fallback) -> const nlohmann::json& {
    auto it = j.find(key);
    return it == j.end() ? fallback : *it;
  };
  for (auto& [cname, c] : member("collections", empty_object).items()) {
    Collection col;
    col.name = cname;
    col.paths = c.value("paths", std::vector<std::string>{});
    col.schema_source = c.value("schema", "");
    col.front_matter_required = c.value("front_matter", "required") == "required";
    col.front_matter_explicit = c.contains("front_matter");
    col.origin = where("/collections/" + escape_pointer_token(cname));
    if (!col.schema_source.empty()) {
      try {
        std::string pointer = "/collections/" + escape_pointer_token(cname) + "/schema";
        col.schema = load_schema(col.schema_source, policy, read_files, where(pointer));
        col.builtin_schema = col.schema_source.rfind(k_builtin, 0) == 0;
      } catch (const ConfigError& e) {
        errors.insert(errors.end(), e.messages().begin(), e.messages().end());
      }
    }
    cfg.collections.push_back(std::move(col));
  }
  if (!errors.empty()) {
    throw ConfigError(errors);
  }
  for (auto& [rule, level] : member("rules", empty_object).items()) {
    std::string l = level.get<std::string>();
    cfg.rule_levels[rule] = l == "off" ? std::nullopt : parse_severity(l);
  }
  for (const auto& entry : member("ignore", empty_array)) {
    IgnoreEntry ie;
    ie.paths = entry.at("paths").get<std::vector<std::string>>();
    ie.rules = entry.value("rules", std::vector<std::string>{});
    cfg.ignore.push_back(std::move(ie));
  }
  cfg.timezone = j.value("timezone", "");
  cfg.unique_fields = j.value("unique_fields", cfg.unique_fields);
  cfg.date_field = j.value("date_field", cfg.date_field);
  if (j.contains("images")) {
    cfg.image_fields = j["images"].value("fields", cfg.image_fields);
    cfg.allow_empty_alt = j["images"].value("allow_empty_alt", cfg.allow_empty_alt);
  }
  if (j.contains("limits")) {
    const auto& l = j["limits"];
    cfg.limits.max_file_bytes = l.value("max_file_bytes", cfg.limits.max_file_bytes);
    cfg.limits.max_front_matter_bytes =
        l.value("max_front_matter_bytes", cfg.limits.max_front_matter_bytes);
    cfg.limits.max_depth = l.value("max_depth", cfg.limits.max_depth);
    cfg.max_image_bytes = l.value("max_image_bytes", cfg.max_image_bytes);
  }
  cfg.network = j.value("network", false);
  if (j.contains("linkrot")) {
    cfg.linkrot.history = j["linkrot"].value("history", cfg.linkrot.history);
    cfg.linkrot.failures_to_broken =
        j["linkrot"].value("failures_to_broken", cfg.linkrot.failures_to_broken);
  }
  if (j.contains("links")) {
    cfg.links = parse_links_config(j["links"], where, errors);
    if (!errors.empty()) {
      throw ConfigError(errors);
    }
  }
  if (j.contains("secured")) {
    const auto& sp = j["secured"];
    cfg.secured.lockfile = sp.value("lockfile", cfg.secured.lockfile);
    cfg.secured.fields = sp.value("fields", cfg.secured.fields);
    cfg.secured.bind_body = sp.value("bind_body", cfg.secured.bind_body);
    cfg.secured.min_version = sp.value("min_version", cfg.secured.min_version);
    cfg.secured.require_alg = sp.value("require_alg", cfg.secured.require_alg);
  }
  for (const auto& r : member("remap", empty_array)) {
    cfg.remap.push_back({strip_trailing_slash(r.at("from").get<std::string>()),
                         strip_trailing_slash(r.at("to").get<std::string>())});
  }
  std::string site_url = j.contains("site_url")
                             ? strip_trailing_slash(j["site_url"].get<std::string>())
                             : jekyll_site_url(cfg.site_root, cfg.real_site_root);
  if (!site_url.empty()) {
    cfg.remap.push_back({site_url, "/"});
  }
  // State and lock files: never outside the site root unless a trusted config says so.
  auto state = [&](const std::string& value, const std::string& key, const std::string& pointer) {
    return confined_state_path(value, policy, key, where(pointer)).string();
  };
  try {
    cfg.secured.lockfile = state(cfg.secured.lockfile, "secured.lockfile", "/secured/lockfile");
    cfg.linkrot.history = state(cfg.linkrot.history, "linkrot.history", "/linkrot/history");
    if (cfg.links.cache && j.contains("links") && j["links"].contains("cache")) {
      cfg.links.cache = state(*cfg.links.cache, "links.cache", "/links/cache");
    }
  } catch (const ConfigError& e) {
    errors.insert(errors.end(), e.messages().begin(), e.messages().end());
  }
  for (const auto& [limit, value] : trust.limits) {
    apply_limit(cfg, limit, value);
  }
  if (!errors.empty()) {
    throw ConfigError(errors);
  }
  return cfg;
}

} // namespace verity::config

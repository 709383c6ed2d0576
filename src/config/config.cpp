#include "config/config.hpp"

#include "config/embedded.hpp"
#include "config/layers.hpp"
#include "config/profiles.hpp"
#include "frontmatter/yaml_to_json.hpp"
#include "rules/catalogue.hpp"
#include "util/confine.hpp"
#include "util/file.hpp"
#include "util/glob.hpp"
#include "util/utf8.hpp"

#include <spdlog/spdlog.h>
#include <yaml-cpp/yaml.h>

#include <sys/stat.h>
#include <unistd.h>

namespace verity::config {
namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t k_max_config_bytes = 1 << 20;
constexpr std::string_view k_builtin = "builtin:";

std::string at(const std::string& file, Position pos) {
  if (pos.line <= 0) {
    return file;
  }
  return file + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column);
}

// A YAML or JSON document loaded with positions, for config and schema files.
struct SourcedJson {
  nlohmann::json value;
  SourceMap map;
};

SourcedJson parse_yaml_text(std::string_view text, const std::string& name) {
  frontmatter::Conversion conv = frontmatter::yaml_to_json(text, {}, true);
  std::vector<std::string> errors;
  for (const auto& issue : conv.issues) {
    if (issue.severity == Severity::Error) {
      errors.push_back(at(name, issue.position) + ": " + issue.message);
    }
  }
  if (!conv.ok && errors.empty()) {
    errors.push_back(name + ": cannot parse the file as YAML");
  }
  if (!errors.empty()) {
    throw ConfigError(errors);
  }
  return {std::move(conv.value), std::move(conv.map)};
}

// "name:line:col" of a byte offset in `text` (columns in bytes: the text may not be UTF-8).
std::string at_offset(const std::string& name, std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  int line = 1, col = 1;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return name + ":" + std::to_string(line) + ":" + std::to_string(col);
}

std::string read_text(const fs::path& path) {
  util::ReadResult r = util::read_file(path, k_max_config_bytes);
  if (r.status == util::ReadResult::Status::TooLarge) {
    throw ConfigError({path.string() + ": file is larger than 1 MiB"});
  }
  if (r.status != util::ReadResult::Status::Ok) {
    throw ConfigError({path.string() + ": cannot read: " + r.error});
  }
  size_t bad = 0;
  if (!util::is_valid_utf8(r.bytes, &bad)) {
    throw ConfigError(
        {at_offset(path.string(), r.bytes, bad) + ": not valid UTF-8: save the file as UTF-8"});
  }
  return std::move(r.bytes);
}

SourcedJson parse_file(const fs::path& path, std::string_view text) {
  std::string name = path.string();
  if (path.extension() == ".json") {
    try {
      return {nlohmann::json::parse(text), {}};
    } catch (const nlohmann::json::parse_error& e) {
      // e.byte is one past the offending byte.
      throw ConfigError(
          {at_offset(name, text, e.byte > 0 ? e.byte - 1 : 0) + ": invalid JSON: " + e.what()});
    }
  }
  return parse_yaml_text(text, name);
}

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

nlohmann::json builtin_definitions() {
  auto common = embedded::find("common.schema.yaml");
  if (!common) {
    return nlohmann::json::object();
  }
  SourcedJson c = parse_yaml_text(*common, "builtin:common.schema.yaml");
  return c.value.value("definitions", nlohmann::json::object());
}

// `where`: the file:line:col of the `schema:` value, for mistakes in the value itself.
// Where a path named by the config may be opened from: relative paths always stay inside the site
// root (the tree is the pull request's, symlinks included); absolute paths only in a trusted
// config.
struct PathPolicy {
  fs::path root;      // the site root
  fs::path real_root; // with symlinks resolved
  bool trusted = false;
};

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

std::string strip_trailing_slash(std::string s) {
  while (s.size() > 1 && s.back() == '/') {
    s.pop_back();
  }
  return s;
}

// url + baseurl from Jekyll's _config.yml, the default for `site_url`.
// A _config.yml that leaves the site root is treated as missing.
std::string jekyll_site_url(const fs::path& site_root, const fs::path& real_root) {
  fs::path path = site_root / "_config.yml";
  auto inside = util::resolve_inside(site_root, real_root, path);
  std::error_code ec;
  if (!inside || !fs::is_regular_file(*inside, ec)) {
    return "";
  }
  util::ReadResult r = util::read_file(*inside, k_max_config_bytes);
  if (r.status != util::ReadResult::Status::Ok) {
    return "";
  }
  try {
    YAML::Node node = YAML::Load(r.bytes);
    if (!node.IsMap() || !node["url"] || !node["url"].IsScalar()) {
      return "";
    }
    std::string url = node["url"].Scalar();
    std::string base =
        node["baseurl"] && node["baseurl"].IsScalar() ? node["baseurl"].Scalar() : "";
    if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
      return "";
    }
    url = strip_trailing_slash(url);
    if (!base.empty() && base.front() != '/') {
      base = "/" + base;
    }
    return strip_trailing_slash(url + base);
  } catch (const std::exception& e) {
    spdlog::warn("{}: not read ({}); set site_url in verity.yaml", path.string(), e.what());
    return "";
  }
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

ConfigError::ConfigError(std::vector<std::string> messages)
    : std::runtime_error(messages.empty() ? "configuration error" : messages.front()),
      m_messages(std::move(messages)) {}

nlohmann::json config_schema() {
  auto text = embedded::find("verity-config.schema.yaml");
  return parse_yaml_text(text.value_or("{}"), "builtin:verity-config.schema.yaml").value;
}

std::optional<fs::path> find_config_file(const fs::path& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec);
  if (!fs::is_directory(dir, ec)) {
    dir = dir.parent_path();
  }
  const fs::path start_dir = dir;
  for (int guard = 0; guard < 256 && !dir.empty(); ++guard) {
    fs::path candidate = dir / "verity.yaml";
    // Any entry counts, a dangling symlink included: load_config then refuses a link that leaves
    // the site in the same words whether or not its target exists.
    auto st = fs::symlink_status(candidate, ec);
    if (fs::exists(st) && !fs::is_directory(st)) {
      // Above the folder asked about, a file someone else owns (a verity.yaml planted in /tmp
      // on a shared machine) is not taken: it would choose the site and its rules.
      struct stat owner {};
      bool own = dir == start_dir || (::lstat(candidate.c_str(), &owner) == 0 &&
                                      (owner.st_uid == ::geteuid() || owner.st_uid == 0));
      if (own) {
        return candidate;
      }
    }
    // Like git, not above the top of the work tree the search started in.
    if (dir == dir.parent_path() || fs::exists(dir / ".git", ec)) {
      break;
    }
    dir = dir.parent_path();
  }
  return std::nullopt;
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

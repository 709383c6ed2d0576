// Jekyll 4.3's Configuration::DEFAULTS, add_default_collections and add_default_excludes, over
// the keys of _config.yml that decide reading and output.
#include "site/site_config.hpp"

#include "site/config_yaml.hpp"
#include "site/site_time.hpp"
#include "util/confine.hpp"
#include "util/file.hpp"

namespace verity::site {
namespace fs = std::filesystem;
namespace {

// Configuration::DEFAULT_EXCLUDES (4.3.1).
const std::vector<std::string> k_default_excludes = {
    ".sass-cache",  ".jekyll-cache",  "gemfiles",      "Gemfile",      "Gemfile.lock",
    "node_modules", "vendor/bundle/", "vendor/cache/", "vendor/gems/", "vendor/ruby/"};

class Reader {
public:
  Reader(const nlohmann::json& json, const SourceMap& map, const std::string& file,
         std::vector<ConfigProblem>& problems)
      : m_json(json), m_map(map), m_file(file), m_problems(problems) {}

  const nlohmann::json* get(const char* key) const {
    auto it = m_json.find(key);
    return it == m_json.end() || it->is_null() ? nullptr : &*it;
  }

  void problem(const std::string& pointer, std::string message) {
    m_problems.push_back({m_file, m_map.find(pointer).value, std::move(message)});
  }

  // Ruby's `to_s` of a scalar (numbers and booleans as Jekyll would print them).
  static std::optional<std::string> scalar_text(const nlohmann::json& v) {
    if (v.is_string()) {
      return v.get<std::string>();
    }
    if (v.is_number() || v.is_boolean()) {
      return v.dump();
    }
    return std::nullopt;
  }

  void string_key(const char* key, std::string& out) {
    if (const auto* v = get(key)) {
      if (auto text = scalar_text(*v)) {
        out = *text;
      } else {
        problem(std::string("/") + key, std::string("`") + key + "` must be a string");
      }
    }
  }

  // Ruby truthiness: everything but false and nil.
  void bool_key(const char* key, bool& out) {
    if (const auto* v = get(key)) {
      out = !(v->is_boolean() && !v->get<bool>());
    }
  }

  void list_key(const char* key, std::vector<std::string>& out) {
    const auto* v = get(key);
    if (!v) {
      return;
    }
    if (!v->is_array()) {
      // Jekyll: InvalidConfigurationError, "'include' should be set as an array".
      problem(std::string("/") + key,
              std::string("`") + key + "` must be a list (Jekyll refuses the build otherwise)");
      return;
    }
    out.clear();
    for (const auto& item : *v) {
      if (auto text = scalar_text(item)) {
        out.push_back(*text);
      }
    }
  }

private:
  const nlohmann::json& m_json;
  const SourceMap& m_map;
  const std::string& m_file;
  std::vector<ConfigProblem>& m_problems;
};

// Collection#sanitize_label: only letters, digits, '_', '-' and '.' stay, so a label never
// names a folder other than "_label" below collections_dir.
std::string collection_label(const std::string& written) {
  std::string out;
  for (char c : written) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
        c == '-' || c == '.') {
      out += c;
    }
  }
  return out;
}

void read_collections(Reader& r, SiteConfig& config) {
  const auto* v = r.get("collections");
  if (v && v->is_array()) {
    for (const auto& label : *v) {
      if (auto text = Reader::scalar_text(label)) {
        config.collections[collection_label(*text)];
      }
    }
  } else if (v && v->is_object()) {
    for (const auto& [label, meta] : v->items()) {
      std::string sanitized = collection_label(label);
      CollectionConfig& c = config.collections[sanitized];
      if (sanitized != label) {
        // Collection#extract_metadata looks the sanitized label up: this entry's settings are
        // not the collection's.
        r.problem("/collections/" + escape_pointer_token(label),
                  "collection `" + label + "` is read as `" + sanitized +
                      "` (Jekyll keeps only letters, digits, '_', '-' and '.'), and its settings "
                      "are ignored: rename it `" +
                      sanitized + "`");
        continue;
      }
      if (!meta.is_object()) {
        continue;
      }
      if (auto it = meta.find("output"); it != meta.end()) {
        c.output = !(it->is_null() || (it->is_boolean() && !it->get<bool>()));
      }
      if (auto it = meta.find("permalink"); it != meta.end() && !it->is_null()) {
        if (auto text = Reader::scalar_text(*it)) {
          c.permalink = *text;
        }
      }
    }
  } else if (v) {
    r.problem("/collections", "`collections` must be a mapping or a list of labels");
  }
  // add_default_collections: posts always exist and are always written.
  CollectionConfig& posts = config.collections["posts"];
  posts.output = true;
}

void read_defaults(Reader& r, SiteConfig& config) {
  const auto* v = r.get("defaults");
  if (!v) {
    return;
  }
  if (!v->is_array()) {
    r.problem("/defaults", "`defaults` must be a list of {scope, values}");
    return;
  }
  for (size_t i = 0; i < v->size(); ++i) {
    const auto& set = (*v)[i];
    // FrontmatterDefaults#valid?: a hash whose values are a hash; others are skipped (a warning).
    if (!set.is_object() || !set.contains("values") || !set["values"].is_object()) {
      r.problem("/defaults/" + std::to_string(i),
                "a `defaults` entry needs `values:` as a mapping (Jekyll skips this one)");
      continue;
    }
    DefaultsScope scope;
    scope.index = i;
    scope.values = set["values"];
    if (auto s = set.find("scope"); s != set.end() && s->is_object()) {
      if (auto p = s->find("path"); p != s->end() && p->is_string()) {
        scope.path = p->get<std::string>();
      }
      if (auto t = s->find("type"); t != s->end() && !t->is_null()) {
        std::string type = Reader::scalar_text(*t).value_or("");
        // update_deprecated_types
        if (type == "page") {
          type = "pages";
        } else if (type == "post") {
          type = "posts";
        } else if (type == "draft") {
          type = "drafts";
        }
        scope.type = type;
      }
    }
    config.defaults.push_back(std::move(scope));
  }
}

std::vector<std::string> split_extensions(const std::string& list) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    std::string ext = list.substr(start, comma == std::string::npos ? comma : comma - start);
    for (char& c : ext) {
      c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    out.push_back("." + ext);
    if (comma == std::string::npos) {
      break;
    }
    start = comma + 1;
  }
  return out;
}

} // namespace

namespace {

// A folder as Jekyll reads it: in_source_dir runs it through File.expand_path(path, "/"), so
// "coll//", "./coll/" and "x/../coll" are "coll", and ".." cannot climb above the source. One
// spelling keeps sources, findings and globs alike, and inside the site.
std::string folder_path(const std::string& written) {
  // Below "/", lexically_normal drops every ".." that would climb above it, as expand_path does.
  std::string out = fs::path("/" + written).lexically_normal().relative_path().generic_string();
  while (!out.empty() && out.back() == '/')
    out.pop_back();
  return out;
}

} // namespace

SiteConfig site_config_from_json(const nlohmann::json& json, const SourceMap& map,
                                 const std::string& file, std::vector<ConfigProblem>& problems) {
  SiteConfig config;
  config.config_file = file;
  config.map = map;
  Reader r(json, map, file, problems);
  read_collections(r, config);
  r.string_key("collections_dir", config.collections_dir);
  config.collections_dir = folder_path(config.collections_dir);
  r.list_key("include", config.include);
  r.list_key("exclude", config.exclude);
  for (const auto& e : k_default_excludes) {
    if (std::find(config.exclude.begin(), config.exclude.end(), e) == config.exclude.end()) {
      config.exclude.push_back(e);
    }
  }
  read_defaults(r, config);
  r.string_key("permalink", config.permalink);
  r.string_key("baseurl", config.baseurl);
  r.string_key("url", config.url);
  std::string markdown_ext;
  r.string_key("markdown_ext", markdown_ext);
  if (r.get("markdown_ext")) {
    config.markdown_ext = split_extensions(markdown_ext);
  }
  r.bool_key("future", config.future);
  r.bool_key("show_drafts", config.show_drafts);
  r.bool_key("unpublished", config.unpublished);
  r.string_key("timezone", config.timezone);
  if (!config.timezone.empty() && !SiteZone::is_known_name(config.timezone)) {
    // glibc opens whatever file TZ names (a path, ":path", "../.."): only names of the system's
    // zone database reach it, so the checkout can neither read a file nor hang the run.
    r.problem("/timezone", "timezone '" + config.timezone +
                               "' is not a zone name of /usr/share/zoneinfo (such as "
                               "Europe/Berlin or UTC): verity uses the machine's zone instead");
    config.timezone.clear();
  }
  if (const auto* sass = r.get("sass"); sass && sass->is_object()) {
    if (auto it = sass->find("sourcemap"); it != sass->end() && it->is_string()) {
      config.sass_sourcemap = it->get<std::string>();
    }
  }
  return config;
}

SiteConfig load_site_config(const fs::path& root, const fs::path& real_root,
                            std::vector<ConfigProblem>& problems, std::uint64_t max_bytes) {
  for (const char* name : {"_config.yml", "_config.yaml"}) {
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(root / name, ec)) || ec) {
      continue;
    }
    auto resolved = util::resolve_inside(root, real_root, name);
    if (!resolved) {
      problems.push_back({name, {}, std::string(name) + " " + util::k_missing_or_outside});
      break;
    }
    util::ReadResult read = util::read_file(*resolved, max_bytes);
    if (read.status == util::ReadResult::Status::TooLarge) {
      problems.push_back(
          {name,
           {},
           std::string(name) + " is larger than " + std::to_string(max_bytes) + " bytes"});
      break;
    }
    if (read.status != util::ReadResult::Status::Ok) {
      problems.push_back({name, {}, "cannot read " + std::string(name) + ": " + read.error});
      break;
    }
    ConfigYaml yaml = parse_config_yaml(read.bytes);
    for (const auto& e : yaml.errors) {
      problems.push_back({name, e.position, e.message});
    }
    return site_config_from_json(yaml.value, yaml.map, name, problems);
  }
  std::vector<ConfigProblem> none;
  SiteConfig config = site_config_from_json(nlohmann::json::object(), {}, "", none);
  return config;
}

} // namespace verity::site

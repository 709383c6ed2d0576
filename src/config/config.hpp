// The run configuration: verity.yaml (or the built-in default), validated against verity's own
// schema, with every collection schema loaded and compiled once.
#pragma once

#include "config/links_config.hpp"
#include "config/secured_policy.hpp"
#include "config/trust.hpp"
#include "frontmatter/loader.hpp"
#include "schema/compiled_schema.hpp"
#include "verity/finding.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace verity::config {

// A configuration problem: exit code 2, with every message naming file:line:col.
class ConfigError : public std::runtime_error {
public:
  explicit ConfigError(std::vector<std::string> messages);
  const std::vector<std::string>& messages() const { return m_messages; }

private:
  std::vector<std::string> m_messages;
};

struct Collection {
  std::string name;
  // Globs relative to the site root. Empty: the collection Jekyll itself has by this name (posts,
  // drafts, pages, or one of _config.yml's), whose documents the site model decides.
  std::vector<std::string> paths;
  std::string schema_source; // as written: a path or builtin:NAME ("" = no schema)
  std::shared_ptr<const schema::CompiledSchema> schema;
  bool front_matter_required = true;
  bool front_matter_explicit = false; // `front_matter:` was written (else Jekyll's rule applies)
  std::string origin;                 // "verity.yaml:LINE:COL" of the entry, for messages
  // A built-in schema is a guess about someone else's site: its unknown-property and
  // value-pattern findings are warnings (see Config::effective_severity).
  bool builtin_schema = false;
};

struct IgnoreEntry {
  std::vector<std::string> paths;
  std::vector<std::string> rules; // empty = the paths are left out entirely
};

struct Remap {
  std::string from; // URL prefix, no trailing slash
  std::string to;   // site-absolute path prefix, starts with '/'
};

struct Config {
  std::filesystem::path site_root;
  std::filesystem::path real_site_root; // site_root with symlinks resolved
  std::filesystem::path file;           // the verity.yaml used; empty for the built-in default
  bool trusted = true; // false for a verity.yaml in the checked tree (it could only restrict)
  std::string profile; // the built-in profile under verity.yaml (builtin:jekyll, ...)
  std::string profile_reason; // why that one (extends:, or what the site root has)
  std::vector<Collection> collections;
  std::map<std::string, std::optional<Severity>> rule_levels; // nullopt = off
  std::vector<IgnoreEntry> ignore;
  std::string timezone; // "" = accept any offset from UTC-12 to UTC+14
  std::vector<Remap> remap;
  std::vector<std::string> unique_fields{"webUrl"};
  std::string date_field = "publishedDateTime";
  // Top-level front-matter fields whose string value (or {path} object) names an image
  // (`images.fields`; the Jekyll profile gives [image], as jekyll-seo-tag reads it).
  std::vector<std::string> image_fields;
  // `images.allow_empty_alt`: alt="" marks a decorative body image (no image/alt-missing), as
  // WCAG and HTMLProofer 4 have it; false reports it as HTMLProofer 3 does.
  bool allow_empty_alt = true;
  frontmatter::LoadLimits limits;
  SecuredPolicy secured;
  bool network = false; // `network: true`: as --online
  LinksConfig links;
  LinkrotConfig linkrot;
  std::uint64_t max_image_bytes = 256 * 1024; // bytes read per image probe, all reads together

  // The collection a site-relative path belongs to (first match), or nullptr.
  const Collection* collection_for(const std::string& relative_path) const;
  // True when the path is left out entirely by an `ignore` entry without rules.
  bool is_ignored(const std::string& relative_path) const;
  // The severity for `rule` on `path` after `rules:` and `ignore:`; nullopt = drop the finding.
  std::optional<Severity> effective_severity(const std::string& rule, const std::string& path,
                                             Severity default_severity) const;
  // Every config and schema file this config read (a change to any of them means: check all).
  std::vector<std::filesystem::path> source_files() const;
};

// Finds verity.yaml by walking up from `start` (a file or directory). nullopt when none.
std::optional<std::filesystem::path> find_config_file(const std::filesystem::path& start);

// Loads `config_file`, or the built-in default when it is empty. The site root is the config
// file's folder, except for the built-in default and a trusted config, where it is `site_root`.
// A config that is not trusted is refused (ConfigError) when it would widen what verity does
// (see trust.hpp); every path it names, and the default state paths, must stay inside the site
// root; they come back relative to the site root with symlinks resolved.
// Throws ConfigError.
Config load_config(const std::filesystem::path& config_file, const std::filesystem::path& site_root,
                   const Trust& trust = {});

// The JSON Schema of verity.yaml, as JSON.
nlohmann::json config_schema();

} // namespace verity::config

// The schema a collection names: a built-in one (`builtin:NAME`, sharing common.schema.yaml's
// definitions) or a file, which a config from the checkout may only name inside the site.
#pragma once

#include "schema/compiled_schema.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace verity::config {

// Where a path named by the config may be opened from: relative paths always stay inside the site
// root (the tree is the pull request's, symlinks included); absolute paths only in a trusted
// config.
struct PathPolicy {
  std::filesystem::path root;      // the site root
  std::filesystem::path real_root; // with symlinks resolved
  bool trusted = false;
};

// Loads and compiles the schema `source` names; the files read are added to `read_files`.
// `where`: the file:line:col of the `schema:` value, for mistakes in the value itself. Throws
// ConfigError.
std::shared_ptr<const schema::CompiledSchema>
load_schema(const std::string& source, const PathPolicy& policy,
            std::vector<std::filesystem::path>& read_files, const std::string& where);

} // namespace verity::config

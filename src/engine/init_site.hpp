// `verity init`: a verity.yaml that extends the profile detected for the site and gives each
// collection a schema inferred from its documents (under schemas/). Planned first, so that the
// command can refuse to overwrite, or show what --force would replace, before writing anything.
#pragma once

#include "engine/infer_site.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace verity::engine {

struct InitFile {
  std::string relative; // to the site root: "verity.yaml", "schemas/news.schema.yaml"
  std::string content;
  std::optional<std::string> existing; // the file there now, when there is one
};

struct InitPlan {
  std::string profile;        // builtin:jekyll, builtin:smartable
  std::string profile_reason; // why that one
  std::vector<InferredCollection> collections;
  std::vector<InitFile> files; // the schemas, then verity.yaml (written last)
  std::vector<std::string> notes;
};

// Infers every collection of the site at `root` under the built-in profile it detects (any
// verity.yaml there is not read: init replaces it). Throws UsageError when `root` is not a
// folder, or a target is a symbolic link or not a regular file.
InitPlan plan_init(const std::filesystem::path& root, const infer::InferOptions& options,
                   unsigned jobs);

// Writes the plan's files inside `root` only (schemas/ created when missing; never through a
// symbolic link), each atomically, verity.yaml last. Throws RunError.
void write_init(const std::filesystem::path& root, const InitPlan& plan);

} // namespace verity::engine

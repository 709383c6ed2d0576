// Which files a run reads (every document of every collection under the site root) and which of
// them it reports on (the given paths, or the files changed since a git revision).
#pragma once

#include "config/config.hpp"

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace verity::engine {

struct SourceFile {
  std::filesystem::path absolute;
  std::string relative; // to the site root, '/' separators
  const config::Collection* collection = nullptr;
};

// Every document under the site root that belongs to a collection and is not ignored, sorted by
// relative path. Skips dot-directories, _site, node_modules and vendor; does not follow symlinked
// directories.
std::vector<SourceFile> discover(const config::Config& config);

// Site-relative paths changed since `revision` (committed, staged, unstaged and untracked).
// Throws UsageError when git fails (not a repository, unknown revision).
std::set<std::string> changed_files(const std::filesystem::path& site_root,
                                    const std::string& revision);

// The files a run reads and the ones it reports on.
struct Selection {
  std::vector<SourceFile> files;  // every document (cross-document rules see them all)
  std::set<std::string> reported; // relative paths reported on, when not `all`
  bool all = true;

  bool is_reported(const std::string& relative_path) const {
    return all || reported.count(relative_path) > 0;
  }
};

// Moves the findings of reported documents from `all` to `out` with the severities of `rules:`
// and `ignore:` applied (findings turned off are dropped).
void keep_reported(const config::Config& cfg, const Selection& selection, Findings& all,
                   Findings& out);

// Everything discover() finds plus explicit file arguments outside every collection; reported:
// the given files and directories, narrowed to the files changed since `changed_since` (all of
// them when the configuration or a schema changed). Throws UsageError for a path outside the
// site root or missing, or an unknown revision.
Selection select_documents(const config::Config& cfg,
                           const std::vector<std::filesystem::path>& paths,
                           const std::optional<std::string>& changed_since);

// Reads one document with the limits of the configuration and its collection's front-matter rule;
// problems with the file are findings.
Document load_source(const SourceFile& src, const config::Config& cfg, Findings& findings);

// True when a document could not be parsed (its findings say why): JUnit reports it as an error.
bool unparseable(const Document& doc, const Findings& findings);

// The relative path of `path` under `root`, or nullopt when it lies outside.
std::optional<std::string> relative_to_root(const std::filesystem::path& root,
                                            const std::filesystem::path& path);

} // namespace verity::engine

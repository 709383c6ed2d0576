// Which of the files a run reads it reports on: the given paths, or the files changed since a git
// revision.
#pragma once

#include "config/config.hpp"
#include "engine/discover.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace verity::engine {

// The files a run reads and the ones it reports on.
struct Selection {
  std::vector<SourceFile> files;              // every document (cross-document rules see them all)
  std::shared_ptr<const Discovery> discovery; // what the files point into, and the counts
  std::set<std::string> reported;             // relative paths reported on, when not `all`
  bool all = true;

  bool is_reported(const std::string& relative_path) const {
    return all || reported.count(relative_path) > 0;
  }
};

// Everything discover() finds plus explicit file arguments outside every collection; reported:
// the given files and directories, narrowed to the files changed since `changed_since` (all of
// them when the configuration or a schema changed). Throws UsageError for a path outside the
// site root or missing, or an unknown revision.
Selection select_documents(const config::Config& cfg,
                           const std::vector<std::filesystem::path>& paths,
                           const std::optional<std::string>& changed_since, unsigned jobs = 0);

} // namespace verity::engine

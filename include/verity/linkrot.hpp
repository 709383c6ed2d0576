// The library entry points of `verity linkrot`: a scheduled link-rot run that checks every link
// afresh, records the results in the history database and reports each URL's state across runs.
#pragma once

#include "verity/check.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>

namespace verity {

struct LinkrotOptions {
  CheckOptions check;                    // paths, config, jobs, network flags, shard, progress
  std::filesystem::path history_file;    // empty = linkrot.history under the site root
  std::optional<int> failures_to_broken; // empty = linkrot.failures_to_broken (default 3)
  std::optional<std::int64_t> run_time;  // record the run as started then (backfills, tests)
};

// Runs the link checks and records them. Throws like run_check; a history file that cannot be
// opened or written is a RunError naming it.
CheckResult run_linkrot(const LinkrotOptions& options);

// Deletes runs older than `keep_days` days from the history; returns how many.
size_t prune_linkrot(const LinkrotOptions& options, std::int64_t keep_days);

} // namespace verity

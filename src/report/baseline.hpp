// Baselines for pre-merge gates: findings whose stable key is in an earlier JSON report are
// "known" and marked `"new": false`; only new findings decide the exit code. A PR is failed only
// by what it introduces, while the rest stays visible.
#pragma once

#include "verity/finding.hpp"

#include <filesystem>
#include <set>
#include <string>

namespace verity::report {

// The finding keys of a JSON report written by `verity check --format json`. Throws UsageError
// naming the file and what is wrong with it.
std::set<std::string> load_baseline_keys(const std::filesystem::path& report);

// Sets `extra["new"]` on every finding.
void mark_baseline(Findings& findings, const std::set<std::string>& known_keys);

// False only for findings marked known by mark_baseline.
bool is_new(const Finding& finding);

} // namespace verity::report

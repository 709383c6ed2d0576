// Reading JSON reports back and merging the reports of sharded runs (`verity check --shard K/N`,
// `verity linkrot --shard K/N`) into the report one unsharded run would have written: findings
// of every shard (offline findings, which every shard reports, once), counts recomputed.
#pragma once

#include "verity/check.hpp"

#include <filesystem>
#include <vector>

namespace verity::report {

// A JSON report as a CheckResult (documents are not listed in a JSON report: only counted).
// Throws UsageError naming the file when it is not a verity JSON report.
CheckResult read_json_report(const std::filesystem::path& path, size_t& documents);

// Merges shard reports; `documents` receives the document count of the merged run.
CheckResult merge_reports(const std::vector<std::filesystem::path>& reports, size_t& documents);

} // namespace verity::report

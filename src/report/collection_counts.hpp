// The per-collection counts every summary shows (issue 13, "never a silent pass"): how many
// documents each collection has, how many were checked and ignored, its schema, and the files
// with front matter in no collection. One place for what every writer must agree on: the JSON
// shape (JSON report, SARIF properties), the label of a collection without a schema, how many
// unmatched files a summary lists, and how shard reports add up.
#pragma once

#include "verity/check.hpp"

#include <nlohmann/json.hpp>

#include <string_view>
#include <vector>

namespace verity::report {

// Summaries meant to be read (text, Markdown) list this many unmatched files, then "... and K
// more"; the JSON report lists them all.
inline constexpr size_t k_unmatched_listed = 20;

// What a summary shows in the schema column: the schema as written, or "no schema".
std::string_view schema_label(const CollectionCount& c);

// [{name, schema (null when none), found, checked, ignored}], in the order given (by name).
nlohmann::ordered_json collections_json(const std::vector<CollectionCount>& collections);

// The inverse of collections_json for a report read back; entries without a name are dropped.
std::vector<CollectionCount> collections_from_json(const nlohmann::json& j);

// Adds one shard's counts to `merged` (sorted by name, and kept so). Shards split the URLs, not
// the documents: every shard discovers and checks the whole site, so each count is the same in
// every shard and the merged run's is the largest (as `documents` is merged), never the sum.
void merge_collection_counts(std::vector<CollectionCount>& merged,
                             const std::vector<CollectionCount>& shard);

} // namespace verity::report

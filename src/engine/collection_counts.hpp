// What every summary says of the site: per collection, how many documents were found, checked
// and left out by `ignore`; a note for each collection without a schema; and _config.yml's
// problems as findings. So a run can never pass silently over files it did not read.
#pragma once

#include "engine/discover.hpp"
#include "engine/selection.hpp"
#include "verity/check.hpp"

#include <vector>

namespace verity::engine {

// The counts of `selection`, sorted by collection name.
std::vector<CollectionCount> count_collections(const Selection& selection);

// One schema/none note per collection with documents and no schema (data files have none).
void add_schema_notes(const std::vector<CollectionCount>& counts, Findings& out);

// _config.yml's problems (values Jekyll cannot use, the entry budget), as site/config findings.
Findings site_findings(const Discovery& discovery);

} // namespace verity::engine

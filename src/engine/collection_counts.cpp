#include "engine/collection_counts.hpp"

#include "rules/make_finding.hpp"

#include <map>

namespace verity::engine {

std::vector<CollectionCount> count_collections(const Selection& selection) {
  std::map<std::string, CollectionCount> by_name;
  for (const SourceFile& f : selection.files) {
    if (!f.collection) {
      continue; // unmatched: listed on their own
    }
    CollectionCount& c = by_name[f.collection->name];
    c.name = f.collection->name;
    c.schema = f.collection->schema_source;
    ++c.found;
    c.checked += selection.is_reported(f.relative) ? 1 : 0;
  }
  if (selection.discovery) {
    for (const auto& [name, ignored] : selection.discovery->ignored) {
      if (name.empty()) {
        continue;
      }
      CollectionCount& c = by_name[name];
      c.name = name;
      c.found += ignored;
      c.ignored += ignored;
    }
  }
  std::vector<CollectionCount> out;
  for (auto& [_, c] : by_name) {
    out.push_back(std::move(c));
  }
  return out;
}

void add_schema_notes(const std::vector<CollectionCount>& counts, Findings& out) {
  for (const CollectionCount& c : counts) {
    if (!c.schema.empty() || c.name == "data" || c.found == c.ignored) {
      continue;
    }
    Finding f = rules::make_finding(rules::schema_none);
    f.message = "collection `" + c.name + "` (" + std::to_string(c.found) +
                (c.found == 1 ? " document" : " documents") +
                ") has no schema: its documents got only the checks that need none";
    f.extra["collection"] = c.name;
    out.push_back(std::move(f));
  }
}

Findings site_findings(const Discovery& discovery) {
  Findings out;
  for (const auto& p : discovery.inventory.problems) {
    Finding f = rules::make_finding(rules::site_config);
    f.file = p.file.empty() ? discovery.inventory.config.config_file : p.file;
    f.line = p.position.line;
    f.column = p.position.column;
    f.message = p.message;
    out.push_back(std::move(f));
  }
  // A folder too deep to read may hold documents Jekyll publishes: never a silent pass.
  for (const auto& c : discovery.inventory.candidates) {
    if (c.kind != site::CandidateKind::Skipped ||
        c.reason != std::string_view(site::reason::too_deep))
      continue;
    Finding f = rules::make_finding(rules::frontmatter_limit);
    f.file = c.source;
    f.line = 1;
    f.column = 1;
    f.message = "the folder is nested deeper than verity reads (" + c.detail +
                "): none of its files was checked, though Jekyll builds them; move them up";
    out.push_back(std::move(f));
  }
  return out;
}

} // namespace verity::engine

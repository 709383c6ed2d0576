// `verity schema infer` and `verity init`: the documents of each collection read as the site
// model decides, with the `defaults` Jekyll merges under them, observed for schema inference and
// for the outliers among them.
#pragma once

#include "config/config.hpp"
#include "infer/inferred_schema.hpp"
#include "infer/outliers.hpp"

#include <set>
#include <string>
#include <vector>

namespace verity::engine {

struct InferRequest {
  // Collection names, or globs of site-relative paths; empty: every collection with documents.
  std::vector<std::string> selectors;
  infer::InferOptions schema;
  bool outliers = false;
  infer::OutlierOptions outlier_options;
  unsigned jobs = 0; // 0 = one per core
};

struct InferredCollection {
  std::string name;               // the collection, or the glob that selected the documents
  std::vector<std::string> globs; // the collection's paths; empty for one of Jekyll's own
  bool from_glob = false;         // selected by a glob, not a collection
  std::string schema_source;      // the schema it has now ("" = none)
  size_t documents = 0;           // documents learnt from
  size_t unreadable = 0;          // left out: no front matter, or front matter unparsed or refused
  infer::InferredSchema schema;
  std::vector<infer::Outlier> outliers;
  // What the schema cannot show and the user should hear (printed on stderr): every document left
  // out, or a document whose front matter has too many names to describe (naming it).
  std::vector<std::string> notes;
};

// The schema file for `c`: the schema in YAML under comments that say where it came from, how to
// read its evidence and how to adopt it.
// `file` is the name it is saved under (schema_file_name), which its adoption hint names.
std::string schema_file_text(const InferredCollection& c, const infer::InferOptions& options,
                             const std::string& file);

// "news.schema.yaml": the collection's name with anything but [A-Za-z0-9._-] as '_' (a glob's
// name too), never starting with '.'.
std::string schema_file_name(const std::string& name);

// schema_file_name(name), or NAME-2.schema.yaml, -3... when `taken` has it; adds the result.
std::string unique_schema_file_name(const std::string& name, std::set<std::string>& taken);

// Throws UsageError for a selector that names no collection and matches no document.
std::vector<InferredCollection> infer_site(const config::Config& cfg, const InferRequest& request);

} // namespace verity::engine

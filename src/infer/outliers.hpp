// The documents that break what most of their siblings do: a property nearly every sibling has
// and this one lacks, a value of another type than nearly all others, a string of another shape
// ("2 hours" where the others are ISO 8601 durations, a relative path where they are URLs).
// Found from the observations, with no schema written; each names file:line:col.
#pragma once

#include "infer/observation.hpp"
#include "verity/document.hpp"
#include "verity/source_map.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace verity::infer {

// One document as inference sees it: its front matter with `defaults` merged under it, as Jekyll
// merges them, and where each value is written.
struct Sample {
  std::string file; // relative to the site root
  nlohmann::json data;
  SourceMap map;
  std::optional<DefaultValues> defaults;
};

struct OutlierOptions {
  double dominance = 0.9;   // the share of siblings that must agree
  size_t min_siblings = 10; // fewer siblings than this agree on nothing
};

// Missing: a property nearly every sibling has; Type: another JSON type; Shape: another kind of
// string; Spelling: a property only a few siblings have, named nearly as one that nearly all have.
enum class OutlierKind { Missing, Type, Shape, Spelling };
std::string_view kind_name(OutlierKind kind); // "missing", "type", "shape", "spelling"

struct Outlier {
  std::string document; // the document that breaks the pattern
  std::string file;     // where to change it: the document, or _config.yml for a `defaults` value
  Position position;
  std::string pointer; // the value's JSON Pointer (for a missing property: where it would be)
  OutlierKind kind = OutlierKind::Missing;
  std::string message;
  size_t agreeing = 0; // siblings that do what this one does not
  size_t siblings = 0; // the siblings compared
};

// The outliers of `samples` (the documents `observed` was built from), in file order, then by
// position and pointer.
std::vector<Outlier> find_outliers(const Observer& observed, const std::vector<Sample>& samples,
                                   const OutlierOptions& options = {});

} // namespace verity::infer

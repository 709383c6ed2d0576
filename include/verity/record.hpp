// Record: a small fact a per-document check keeps for the corpus checks (a field value that must
// be unique, a legacy blob seen), so that cross-document rules never need the documents again.
#pragma once

#include "verity/source_map.hpp"

#include <string>
#include <vector>

namespace verity {

struct Record {
  std::string kind;  // what the fact is, named by the check that keeps it ("content/unique-field")
  std::string file;  // the document, relative to the site root
  std::string key;   // e.g. the field name
  std::string value; // e.g. the field value
  Position position; // where it is written
};

using Records = std::vector<Record>;

} // namespace verity

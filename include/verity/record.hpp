// Record: a small fact a per-document check keeps for the corpus checks (a field value that must
// be unique, a legacy blob seen), so that cross-document rules never need the documents again.
#pragma once

#include "verity/source_map.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace verity {

struct Record {
  // What the fact is: a constant named by the check that keeps it ("unique-field"), so a
  // 100k-document run does not keep 100k copies of it.
  std::string_view kind;
  std::string file;  // the document, relative to the site root; "" for a fact about the site
                     // (kept once by the scan, whichever documents say it)
  std::string key;   // e.g. the field name
  std::string value; // e.g. the field value
  Position position; // where it is written
};

using Records = std::vector<Record>;

} // namespace verity

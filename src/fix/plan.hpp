// Planning the fixes of one file: each finding's fix intent (verity/fix.hpp) becomes the exact
// bytes to replace, or a reason why not. A plan is only accepted when it is surgical: the bytes it
// replaces are what the finding saw, it overlaps no other edit, and, for front matter, the YAML
// reads afterwards exactly as before except for the values the fix changes (checked by parsing
// the edited text, so a style verity cannot rewrite safely is refused, never half-edited).
#pragma once

#include "verity/finding.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace verity::fix {

struct FilePlan {
  std::string edited;     // the file with every planned fix applied
  std::size_t planned = 0; // fixes accepted
  std::size_t refused = 0; // fixes refused (each says why in Fix::refused)
};

// Plans the fixes of `findings` (all about the file whose bytes are `file`), in place.
// Findings without a fix are left alone.
FilePlan plan_file(std::string_view file, const std::vector<Finding*>& findings);

// `file` with the planned edits of `fixes` applied (edits sorted by offset, none overlapping).
std::string apply_planned(std::string_view file, const std::vector<const Fix*>& fixes);

} // namespace verity::fix

// Planning and applying the fixes of a run's findings, file by file: each file is read once,
// its fixes planned (fix/plan.hpp) against those bytes, and, with `write`, replaced atomically
// only while it still holds them.
#pragma once

#include "fix/site_files.hpp"
#include "verity/finding.hpp"

#include <string>
#include <vector>

namespace verity::fix {

// Fills every fix of `findings` with its planned bytes or the reason it cannot be applied.
void plan_fixes(Findings& findings, FixFiles& files);

struct FileOutcome {
  std::string file;
  std::string diff;       // the unified diff of the planned fixes
  std::size_t fixes = 0;  // planned fixes in this file
  bool written = false;   // with write: the file now holds them
  std::string skipped;    // why the file was left alone, when it was
};

// Applies the planned fixes of `findings` whose `selected` is true (findings[i] <-> selected[i]),
// grouped by file in path order. Without `write`, only the diffs are made.
std::vector<FileOutcome> apply_fixes(const Findings& findings, const std::vector<bool>& selected,
                                     FixFiles& files, bool write);

} // namespace verity::fix

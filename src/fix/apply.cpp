#include "fix/apply.hpp"

#include "fix/plan.hpp"
#include "fix/unified_diff.hpp"
#include "util/hash.hpp"

#include <map>

namespace verity::fix {

void plan_fixes(Findings& findings, FixFiles& files) {
  std::map<std::string, std::vector<Finding*>> by_file;
  for (Finding& f : findings) {
    if (f.fix)
      by_file[f.file].push_back(&f);
  }
  for (auto& [file, list] : by_file) {
    FileRead read = files.read(file);
    if (!read.ok) {
      for (Finding* f : list) {
        f->fix->planned = false;
        f->fix->refused = file + " cannot be edited: " + read.error;
      }
      continue;
    }
    plan_file(read.bytes, list);
  }
}

std::vector<FileOutcome> apply_fixes(const Findings& findings, const std::vector<bool>& selected,
                                     FixFiles& files, bool write) {
  std::map<std::string, std::vector<const Fix*>> by_file;
  for (std::size_t i = 0; i < findings.size() && i < selected.size(); ++i) {
    const Finding& f = findings[i];
    if (selected[i] && f.fix && f.fix->planned)
      by_file[f.file].push_back(&*f.fix);
  }
  std::vector<FileOutcome> out;
  for (const auto& [file, fixes] : by_file) {
    FileOutcome outcome;
    outcome.file = file;
    outcome.fixes = fixes.size();
    FileRead read = files.read(file);
    if (!read.ok) {
      outcome.skipped = read.error;
    } else if (util::sha256_hex(read.bytes) != fixes.front()->digest) {
      outcome.skipped = "it changed since verity checked it";
    } else {
      const std::string edited = apply_planned(read.bytes, fixes);
      outcome.diff = unified_diff(file, read.bytes, edited);
      if (write) {
        outcome.skipped = files.replace(file, read.bytes, edited);
        outcome.written = outcome.skipped.empty();
      }
    }
    out.push_back(std::move(outcome));
  }
  return out;
}

} // namespace verity::fix

// Corpus check, site-wide: secured/no-lockfile, one note per run when the site has legacy v1
// blobs but no pin lockfile (so only their format could be checked).
#include "checks/registry.hpp"
#include "secured/check.hpp"

#include <algorithm>

namespace verity::checks {

void no_lockfile(const Records& records, const RunContext& run, Findings& out) {
  const config::Config& cfg = run.cfg;
  bool any_v1 = std::any_of(records.begin(), records.end(), [](const Record& r) {
    return r.kind == secured::k_legacy_blob_record;
  });
  if (any_v1 && !run.secured.pins) {
    Finding note;
    note.rule = "secured/no-lockfile";
    note.severity = Severity::Note;
    note.file = cfg.secured.lockfile;
    note.message = "the site has legacy v1 secured blobs but no pin lockfile: only their format is "
                   "checked. Run "
                   "`verity secured pin` on the trusted branch and commit " +
                   cfg.secured.lockfile + " so that new, edited or copied legacy blobs are caught";
    out.push_back(std::move(note));
  }
}

} // namespace verity::checks

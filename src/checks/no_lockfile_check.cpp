// Corpus check, site-wide: secured/no-lockfile, one note per run when the site has legacy v1
// blobs but no pin lockfile (so only their format could be checked).
#include "checks/registry.hpp"
#include "secured/check.hpp"
#include "secured/no_lockfile.hpp"

#include <algorithm>

namespace verity::checks {

void no_lockfile(const Records& records, const RunContext& run, Findings& out) {
  const config::Config& cfg = run.cfg;
  bool any_v1 = std::any_of(records.begin(), records.end(), [](const Record& r) {
    return r.kind == secured::k_legacy_blob_record;
  });
  if (any_v1 && !run.secured.pins) {
    Finding note = secured::no_lockfile_for_site(cfg.secured.lockfile);
    out.push_back(std::move(note));
  }
}

} // namespace verity::checks

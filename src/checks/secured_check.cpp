// Document check: the `secured` field (secured/check.hpp); it records each legacy blob for the
// corpus check no-lockfile.
#include "checks/registry.hpp"
#include "secured/check.hpp"

namespace verity::checks {

void secured_field(const DocumentInput& in, const RunContext& run, Findings& out,
                   Records& records) {
  secured::check_secured(in.doc, run.secured, out, records);
}

} // namespace verity::checks

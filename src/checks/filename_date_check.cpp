// Document check: content/filename-date (content/filename_date.hpp).
#include "checks/registry.hpp"
#include "content/filename_date.hpp"

namespace verity::checks {

void filename_date(const DocumentInput& in, const RunContext& run, Findings& out, Records&) {
  content::check_filename_date(in.doc, run.cfg.date_field, run.zone, out);
}

} // namespace verity::checks

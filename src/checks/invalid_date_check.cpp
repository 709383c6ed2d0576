// Document check: content/invalid-date (content/invalid_date.hpp). Registered after `schema`,
// whose findings on the same value it reads so as not to report one mistake twice.
#include "checks/registry.hpp"
#include "content/invalid_date.hpp"

namespace verity::checks {

void invalid_date(const DocumentInput& in, const RunContext& run, Findings& out, Records&) {
  content::check_invalid_date(in.doc, run.cfg.date_field, out, out);
}

} // namespace verity::checks

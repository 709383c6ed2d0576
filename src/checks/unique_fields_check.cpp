// Document check: records the values of the fields that must be unique across the site, for the
// corpus check duplicate-fields.
#include "checks/unique_fields_check.hpp"

#include "checks/registry.hpp"
#include "content/duplicate_fields.hpp"

namespace verity::checks {

void unique_fields(const DocumentInput& in, const RunContext& run, Findings&, Records& records) {
  for (auto& o : content::extract_unique_fields(in.doc, run.cfg.unique_fields)) {
    records.push_back({k_unique_field_record, std::move(o.file), std::move(o.field),
                       std::move(o.value), o.position});
  }
}

} // namespace verity::checks

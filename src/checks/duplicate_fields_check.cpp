// Corpus check: content/duplicate-url over the unique-field records of every document
// (content/duplicate_fields.hpp).
#include "checks/registry.hpp"
#include "checks/unique_fields_check.hpp"
#include "content/duplicate_fields.hpp"

namespace verity::checks {

void duplicate_fields(const Records& records, const RunContext&, Findings& out) {
  std::vector<content::FieldValue> occurrences; // views into `records`: nothing copied
  for (const auto& r : records) {
    if (r.kind == k_unique_field_record) {
      occurrences.push_back({r.key, r.value, r.file, r.position});
    }
  }
  content::check_duplicate_fields(std::move(occurrences), out);
}

} // namespace verity::checks

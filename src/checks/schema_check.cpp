// Document check: the front matter, with the `defaults` that apply merged under it as Jekyll
// merges them, against its collection's schema.
#include "checks/registry.hpp"

namespace verity::checks {

void schema(const DocumentInput& in, const RunContext&, Findings& out, Records&) {
  if (in.collection && in.collection->schema) {
    in.collection->schema->validate(in.doc, in.defaults, out);
  }
}

} // namespace verity::checks

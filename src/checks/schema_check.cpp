// Document check: the front matter against its collection's schema.
#include "checks/registry.hpp"

namespace verity::checks {

void schema(const DocumentInput& in, const RunContext&, Findings& out, Records&) {
  if (in.collection && in.collection->schema) {
    in.collection->schema->validate(in.doc, out);
  }
}

} // namespace verity::checks

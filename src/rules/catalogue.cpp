#include "rules/catalogue.hpp"

namespace verity::rules {

// Constant-initialised, so no static initialisation order applies to them.
#define VERITY_RULE(name, id, severity, short_description, full_description, help)                 \
  constexpr Rule name{id, Severity::severity, short_description, full_description, help};
#include "rules/catalogue.def"
#undef VERITY_RULE

std::span<const Rule* const> all() {
  static constexpr const Rule* k_all[] = {
#define VERITY_RULE(name, ...) &name,
#include "rules/catalogue.def"
#undef VERITY_RULE
  };
  return k_all;
}

const Rule* find(std::string_view id) {
  for (const Rule* rule : all()) {
    if (rule->id == id) {
      return rule;
    }
  }
  return nullptr;
}

} // namespace verity::rules

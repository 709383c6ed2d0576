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

std::string_view fix_text(const Rule& rule) {
  struct Mark {
    const Rule* rule;
    std::string_view text;
  };
  static constexpr Mark k_fixes[] = {
#define VERITY_RULE(...)
#define VERITY_FIX(name, text) {&name, text},
#include "rules/catalogue.def"
#undef VERITY_FIX
#undef VERITY_RULE
  };
  for (const Mark& mark : k_fixes) {
    if (mark.rule == &rule)
      return mark.text;
  }
  return {};
}

} // namespace verity::rules

#include "rules/families.hpp"

namespace verity::rules {
namespace {

// The entry of `family` whose id ends in "/" + `name`.
const Rule* member(std::string_view family, std::string_view name) {
  for (const Rule* rule : all()) {
    std::string_view id = rule->id;
    if (in_family(id, family) && id.substr(family.size() + 1) == name) {
      return rule;
    }
  }
  return nullptr;
}

} // namespace

const Rule& schema_keyword(std::string_view keyword) {
  const Rule* rule = member("schema", keyword);
  return rule ? *rule : schema_invalid;
}

const Rule* linkrot_state(std::string_view state) {
  return member("linkrot", state);
}

bool in_family(std::string_view id, std::string_view family) {
  return id.size() > family.size() && id.starts_with(family) && id[family.size()] == '/';
}

} // namespace verity::rules

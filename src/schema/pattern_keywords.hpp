// `pattern` and `patternProperties` without the standard library regex. valijson 1.0 evaluates both
// with it, and its matcher recurses once per character (a long string overflowed the stack) and
// backtracks (a pattern such as (a+)+$ never returned); it has no way to plug in another engine.
// So verity hides both keywords from it: the copy valijson compiles carries them as custom
// keywords whose constraints match with util::Pattern (RE2). patternProperties takes the
// additionalProperties beside it along (which names count as "additional" depends on the
// patterns), and its subschemas are compiled as schemas of their own, validated per property.
// propertyNames goes the same way, so that a key it refuses is reported (valijson's is silent).
#pragma once

#include "util/pattern.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace valijson {
class Schema;
}

namespace verity::schema {

class PatternKeywords {
public:
  PatternKeywords();
  ~PatternKeywords();
  PatternKeywords(const PatternKeywords&) = delete;
  PatternKeywords& operator=(const PatternKeywords&) = delete;

  // Compiles `doc` (a copy for valijson, already linted: every pattern compiles, every $ref
  // resolves, no cycle) into `out`, rewriting `doc` on the way. Throws std::exception when
  // valijson refuses the result.
  void compile(nlohmann::json& doc, valijson::Schema& out);

  // --- used by the constraints ---
  enum class Additional { Allow, Deny, Schema };
  struct Spec {
    std::vector<std::pair<util::Pattern, size_t>> patterns; // pattern, stashed schema
    std::vector<std::string> names;                         // of `properties`, sorted
    Additional additional = Additional::Allow;
    size_t additional_schema = 0;
  };
  const Spec& spec(size_t i) const { return m_specs[i]; }
  const valijson::Schema& stashed(size_t i) const { return *m_stash[i]; }

private:
  void prepare(nlohmann::json& doc);

  std::vector<Spec> m_specs;
  std::vector<std::unique_ptr<valijson::Schema>> m_stash;
};

} // namespace verity::schema

// The one way a finding starts: from a catalogue entry, which fills in the rule id and the
// default severity. Everything else (file, position, message, extra) is the emitter's.
#pragma once

#include "rules/catalogue.hpp"

#include <string>

namespace verity::rules {

inline Finding make_finding(const Rule& rule) {
  Finding f;
  f.rule = std::string(rule.id);
  f.severity = rule.default_severity;
  return f;
}

} // namespace verity::rules

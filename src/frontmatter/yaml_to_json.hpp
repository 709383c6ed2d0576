// YAML text -> typed JSON with a source map, built from yaml-cpp parser events so that anchors,
// aliases, merge keys and tags are seen (and refused) before anything could be expanded.
#pragma once

#include "rules/catalogue.hpp"
#include "verity/finding.hpp"
#include "verity/source_map.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace verity::frontmatter {

struct ConversionLimits {
  size_t max_depth = 64;
  size_t max_scalar_bytes = 1 << 20;
};

// A problem of the YAML text, with the rule id and severity of its catalogue entry (one of the
// frontmatter family: yaml-error, duplicate-key, ambiguous-bool, alias, limit).
struct ConversionIssue {
  ConversionIssue(const rules::Rule& r, Position pos, std::string ptr, std::string text)
      : rule(r.id), severity(r.default_severity), position(pos), pointer(std::move(ptr)),
        message(std::move(text)) {}
  std::string rule;
  Severity severity;
  Position position;
  std::string pointer;
  std::string message;
};

struct Conversion {
  bool ok = false; // false: `value` is unusable (syntax error, limit, non-mapping root)
  // The YAML is well-formed, its root a list or a scalar: `value` holds it (a _data file may be
  // one), though front matter and configuration cannot use it.
  bool non_mapping_root = false;
  nlohmann::json value = nlohmann::json::object();
  SourceMap map;
  std::vector<ConversionIssue> issues;
  // Pointers whose value was refused (alias, tag...) and replaced: later checks stay silent there.
  std::vector<std::string> refused;
  // Pointers whose key appeared more than once (the first value is kept).
  std::vector<std::string> duplicates;
};

// Converts the YAML in `yaml` (the front matter from its opening `---`, so YAML line 0 is file
// line 1). Never throws for bad input: every problem is an issue. `whole_file`: the text is a
// whole file (verity.yaml, a schema), not front matter: messages say "the file", and a root that
// is not a mapping is reported at line 1.
// Front matter of the usual shape is read by frontmatter/simple_yaml's fast reader, the rest by
// yaml-cpp; both feed the same builder and give the same Conversion.
Conversion yaml_to_json(std::string_view yaml, const ConversionLimits& limits = {},
                        bool whole_file = false);

namespace detail {
// yaml_to_json with yaml-cpp alone: the reference the fast reader is tested against.
Conversion yaml_to_json_by_yaml_cpp(std::string_view yaml, const ConversionLimits& limits = {},
                                    bool whole_file = false);
} // namespace detail

} // namespace verity::frontmatter

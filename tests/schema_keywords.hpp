// A collection schema with one property per JSON Schema (draft-07) keyword the validator reports,
// and front matter that fails each of them once, for the tests that every keyword has its rule.
#pragma once

#include <string>
#include <vector>

namespace verity::test {

// The keywords failed by k_keyword_front_matter, each reported as schema/<keyword>.
inline const std::vector<std::string> k_failed_keywords = {"type",
                                                           "required",
                                                           "enum",
                                                           "const",
                                                           "format",
                                                           "pattern",
                                                           "propertyNames",
                                                           "additionalProperties",
                                                           "minLength",
                                                           "maxLength",
                                                           "minimum",
                                                           "maximum",
                                                           "exclusiveMinimum",
                                                           "exclusiveMaximum",
                                                           "multipleOf",
                                                           "minItems",
                                                           "maxItems",
                                                           "uniqueItems",
                                                           "contains",
                                                           "additionalItems",
                                                           "minProperties",
                                                           "maxProperties",
                                                           "dependencies",
                                                           "anyOf",
                                                           "oneOf",
                                                           "not",
                                                           "if"};

inline const char* const k_keyword_schema = R"({
  "type": "object", "required": ["title", "must"], "additionalProperties": false,
  "properties": {
    "title": {"type": "string"}, "must": {}, "ty": {"type": "integer"}, "en": {"enum": ["a"]},
    "co": {"const": "x"}, "fo": {"type": "string", "format": "date"},
    "pa": {"type": "string", "pattern": "^x"},
    "pn": {"type": "object", "propertyNames": {"pattern": "^[a-z]+$"}},
    "mnl": {"type": "string", "minLength": 3}, "mxl": {"type": "string", "maxLength": 1},
    "mn": {"minimum": 5}, "mx": {"maximum": 1}, "emn": {"exclusiveMinimum": 5},
    "emx": {"exclusiveMaximum": 1}, "mo": {"multipleOf": 3},
    "mni": {"type": "array", "minItems": 3}, "mxi": {"type": "array", "maxItems": 1},
    "ui": {"type": "array", "uniqueItems": true},
    "cn": {"type": "array", "contains": {"type": "string"}},
    "ai": {"type": "array", "items": [{"type": "integer"}], "additionalItems": false},
    "mnp": {"type": "object", "minProperties": 2}, "mxp": {"type": "object", "maxProperties": 1},
    "de": {"type": "object", "dependencies": {"a": ["b"]}},
    "any": {"anyOf": [{"type": "integer"}, {"type": "boolean"}]},
    "one": {"oneOf": [{"type": "integer"}, {"minimum": 0}]},
    "nt": {"not": {"type": "string"}},
    "cond": {"if": {"type": "integer"}, "then": {"minimum": 10}}
  }})";

// The YAML between the `---` lines (no key Jekyll would read as a boolean).
inline const char* const k_keyword_front_matter =
    "title: all\nty: \"1\"\nen: b\nco: yy\nfo: \"2024-13-45\"\npa: zed\npn: {B1: 1}\nextra: 1\n"
    "mnl: ab\nmxl: abc\nmn: 1\nmx: 5\nemn: 5\nemx: 1\nmo: 4\nmni: [1]\nmxi: [1, 2]\nui: [1, 1]\n"
    "cn: [1, 2]\nai: [1, 2]\nmnp: {a: 1}\nmxp: {a: 1, b: 2}\nde: {a: 1}\nany: x\none: 5\n"
    "nt: s\ncond: 3\n";

} // namespace verity::test

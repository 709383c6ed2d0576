// A fast reader for the front matter most documents have: block mappings and sequences of
// one-line scalars. It yields the parser events yaml-cpp would, with the same marks, so the one
// JSON builder (yaml_to_json.cpp) types, maps and judges them; anything outside that shape (flow
// collections, block or multi-line scalars, anchors, tags, tabs, rare escapes...) is declined and
// yaml-cpp reads the text. Why: yaml-cpp's scanner is most of a run's CPU (62% of `schema infer`),
// and the differential tests and fuzz target hold the two readers to the same result.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace verity::frontmatter {

struct SimpleMark {
  int pos = 0;    // byte offset in the text
  int line = 0;   // 0-based
  int column = 0; // bytes from the line's start
};

struct SimpleEvent {
  enum class Kind { MapStart, MapEnd, SeqStart, SeqEnd, Scalar, Null };
  Kind kind = Kind::Null;
  SimpleMark mark;
  bool plain = true; // Scalar: plain ("?" tag) or quoted ("!")
  std::string value; // Scalar: the decoded text
};

// The events of `text` (optionally opened by a `---` line), or nullopt when it is not of the
// simple shape, or is empty: the caller then reads it with yaml-cpp.
std::optional<std::vector<SimpleEvent>> read_simple_yaml(std::string_view text);

} // namespace verity::frontmatter

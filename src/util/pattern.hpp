// Regular expressions taken from input (schema `pattern` and `patternProperties`, links
// include/exclude), run on RE2: matching is linear in the subject and never recurses on its
// length, memory per pattern is bounded, and a pattern RE2 cannot run (lookaround,
// backreferences) is refused when it is compiled, never at match time. The syntax accepted is
// the ECMAScript subset JSON Schema patterns are written in; `\uXXXX`, `.` and `\s` keep their
// ECMAScript meaning.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace verity::util {

// Longer patterns are refused: no real schema needs one, and the cost of a match grows with it.
inline constexpr size_t k_max_pattern_bytes = 4096;

class Pattern {
public:
  // The compiled pattern, or nullopt with `error` set to a sentence saying what to change.
  static std::optional<Pattern> compile(std::string_view source, std::string& error);

  // True when the pattern matches somewhere in `subject` (unanchored, as JSON Schema and
  // ECMAScript's RegExp.test search).
  bool search(std::string_view subject) const;

  const std::string& source() const { return m_source; }

private:
  Pattern(std::string source, std::shared_ptr<const re2::RE2> re)
      : m_source(std::move(source)), m_re(std::move(re)) {}

  std::string m_source;
  std::shared_ptr<const re2::RE2> m_re; // shared: patterns are copied into options, RE2 is not
};

} // namespace verity::util

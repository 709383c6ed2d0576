// The bytes of one YAML scalar as written, for edits that change only them: which style it is
// written in, where a plain token ends, where a text occurs inside the scalar, and how a new text
// is written in the same style. Everything here works on the front matter's own text; whether an
// edit really changed only the intended value is checked afterwards by parsing (fix/plan.cpp).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace verity::fix {

enum class ScalarStyle { Plain, SingleQuoted, DoubleQuoted, Literal, Folded };

// The style of the scalar whose first byte is at `offset` of `yaml`.
ScalarStyle style_at(std::string_view yaml, std::size_t offset);

// The end of the plain token starting at `offset`: the first whitespace, line break, comment,
// or flow indicator (`,` `]` `}`). Numbers and YAML 1.1 booleans are one such token.
std::size_t plain_token_end(std::string_view yaml, std::size_t offset);

// Where `raw` (text as written in the scalar's style) occurs in the scalar starting at `offset`:
// a plain scalar must start with it; a quoted one holds it between its quotes; a block scalar
// (| or >) holds it in one of its content lines. nullopt when it does not.
std::optional<std::size_t> find_in_scalar(std::string_view yaml, std::size_t offset,
                                          ScalarStyle style, std::string_view raw);

// `text` as it is written inside a scalar of `style`: quotes doubled in single quotes, escapes in
// double quotes. nullopt when the style cannot hold it on one line (a line break, or a control
// character outside double quotes).
std::optional<std::string> written_in(ScalarStyle style, std::string_view text);

// A plain token quoted so that every YAML version reads it as the string written: single quotes,
// or double quotes when it holds a single quote.
std::string quoted(std::string_view token);

} // namespace verity::fix

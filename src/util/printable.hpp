// Safe text for terminals and CI logs. Everything verity prints that came from input (file
// names, keys, values, URLs, library and schema messages) passes through printable() at the
// writer boundary, so that no input can move the cursor, set a title, ring the bell, reorder
// the line (bidi overrides, "Trojan Source"), or start a new line that a CI runner would read
// as a workflow command (`::error file=...` on GitHub Actions).
#pragma once

#include <string>
#include <string_view>

namespace verity::util {

// `text` with every character that could act on a terminal or a log viewer written as an escape:
// C0 controls except tab (`\x0a`, `\x1b`), DEL (`\x7f`), C1 controls (`\u0085`), the bidi
// embeddings, overrides and isolates U+202A-U+202E and U+2066-U+2069, and the line and paragraph
// separators U+2028/U+2029 (`\u202e`); bytes that are not valid UTF-8 become `\xNN`. Everything
// else, backslashes included, is kept as it is, so ordinary text reads unchanged.
std::string printable(std::string_view text);

// True when printable(text) would change nothing (the common case; lets callers skip a copy).
bool is_printable(std::string_view text);

} // namespace verity::util

// UTF-8 validation and code-point counting (report columns are in code points, as SARIF's
// columnKind "unicodeCodePoints" requires).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace verity::util {

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
// On failure, `*bad_offset` (when given) is the offset of the first invalid byte.
bool is_valid_utf8(std::string_view text, size_t* bad_offset = nullptr);

// The length of the well-formed UTF-8 sequence at text[at] (1 to 4), with its code point in
// `cp`; 0 when the bytes there are not well-formed UTF-8.
size_t utf8_sequence(std::string_view text, size_t at, std::uint32_t& cp);

// Number of code points in `text` (continuation bytes are not counted).
size_t count_code_points(std::string_view text);

} // namespace verity::util

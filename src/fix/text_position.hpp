// Positions (line, column in code points, as findings give them) to byte offsets and back, so a
// fix can be located from a finding that only names file:line:col.
#pragma once

#include "verity/source_map.hpp"

#include <cstddef>
#include <optional>
#include <string_view>

namespace verity::fix {

// The byte offset of `pos` in `file`: a UTF-8 BOM before line 1 is not counted in its columns,
// as the front matter's source map does not count it. nullopt when the position is not in the
// file (past its last line, or past the end of its line).
std::optional<std::size_t> offset_of(std::string_view file, Position pos);

// The position of the byte at `offset` (clamped to the end), BOM skipped as above.
Position position_of(std::string_view file, std::size_t offset);

} // namespace verity::fix

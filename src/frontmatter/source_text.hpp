// The raw source text at a position of a document, for checks that care how a value was written
// (quoted, plain, block scalar), which typed JSON no longer says.
#pragma once

#include "verity/document.hpp"

#include <string_view>

namespace verity::frontmatter {

// The rest of the line at `pos` (line 1-based, column in code points), without the line break;
// empty when the position is not in the file.
std::string_view rest_of_line(const Document& doc, Position pos);

} // namespace verity::frontmatter

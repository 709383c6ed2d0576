// Front-matter framing, exactly as Jekyll does it: a file has front matter iff its first line is
// `---` (optional trailing spaces/tabs); the block ends at the next line that is `---` or `...`
// (optional trailing spaces/tabs). A `---` inside a block scalar also ends it, as in Jekyll.
#pragma once

#include <cstddef>
#include <string_view>

namespace verity::frontmatter {

enum class FramingStatus { Ok, Missing, Unterminated };

struct Framing {
  FramingStatus status = FramingStatus::Missing;
  bool had_bom = false;   // a UTF-8 BOM preceded the opening line (it is skipped)
  size_t yaml_offset = 0; // start of the YAML text (0, or 3 after a BOM); includes the `---`
  size_t yaml_length = 0; // up to the start of the closing line
  size_t body_offset = 0; // first byte after the closing line (file size when at EOF)
  int closing_line = 0;   // 1-based line of the closing delimiter
};

// Frames `file`. Never allocates and never reads past `file`.
Framing frame(std::string_view file);

} // namespace verity::frontmatter

// SplicedText: pieces of a file joined into one string that remembers where each byte came from.
// md4c hands an HTML block inside a list or a quote over line by line, without the container's
// markers; gumbo needs the block whole. Joining the lines here and mapping back keeps every
// finding at the author's own file offset.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace verity::body {

class SplicedText {
public:
  // Appends `piece`, whose first byte is at `file_offset` in the file.
  void append(std::string_view piece, std::size_t file_offset);
  // Appends bytes that are in no file (a separator): they map to the offset of the byte before.
  void append_synthetic(std::string_view piece);

  const std::string& text() const { return m_text; }
  // The file offset of text()[pos] (pos == text().size() maps one past the last byte).
  std::size_t file_offset(std::size_t pos) const;

private:
  std::string m_text;
  struct Run {
    std::size_t text_pos;
    std::size_t file_offset;
    bool synthetic;
  };
  std::vector<Run> m_runs;
};

} // namespace verity::body

#include "body/spliced_text.hpp"

#include <algorithm>

namespace verity::body {

void SplicedText::append(std::string_view piece, std::size_t file_offset) {
  if (piece.empty())
    return;
  m_runs.push_back(Run{m_text.size(), file_offset, false});
  m_text.append(piece);
}

void SplicedText::append_synthetic(std::string_view piece) {
  if (piece.empty())
    return;
  m_runs.push_back(Run{m_text.size(), file_offset(m_text.size()), true});
  m_text.append(piece);
}

std::size_t SplicedText::file_offset(std::size_t pos) const {
  if (m_runs.empty())
    return 0;
  auto after = std::upper_bound(m_runs.begin(), m_runs.end(), pos,
                                [](std::size_t p, const Run& run) { return p < run.text_pos; });
  if (after == m_runs.begin())
    return m_runs.front().file_offset;
  const Run& run = *(after - 1);
  if (run.synthetic)
    return run.file_offset;
  return run.file_offset + (pos - run.text_pos);
}

} // namespace verity::body

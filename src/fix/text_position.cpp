#include "fix/text_position.hpp"

namespace verity::fix {
namespace {

constexpr std::string_view k_bom = "\xEF\xBB\xBF";

bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

} // namespace

std::optional<std::size_t> offset_of(std::string_view file, Position pos) {
  if (pos.line < 1 || pos.column < 1)
    return std::nullopt;
  std::size_t start = file.starts_with(k_bom) ? k_bom.size() : 0;
  for (int line = 1; line < pos.line; ++line) {
    const std::size_t nl = file.find('\n', start);
    if (nl == std::string_view::npos)
      return std::nullopt;
    start = nl + 1;
  }
  std::size_t end = file.find('\n', start);
  if (end == std::string_view::npos)
    end = file.size();
  std::size_t i = start;
  for (int cp = 1; cp < pos.column; ++cp) {
    if (i >= end)
      return std::nullopt;
    ++i;
    while (i < end && continuation(file[i]))
      ++i;
  }
  return i;
}

Position position_of(std::string_view file, std::size_t offset) {
  if (offset > file.size())
    offset = file.size();
  std::size_t start = file.starts_with(k_bom) && offset >= k_bom.size() ? k_bom.size() : 0;
  Position pos{1, 1};
  for (std::size_t i = start; i < offset; ++i) {
    if (file[i] == '\n') {
      ++pos.line;
      pos.column = 1;
    } else if (!continuation(file[i])) {
      ++pos.column;
    }
  }
  return pos;
}

} // namespace verity::fix

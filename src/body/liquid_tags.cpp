#include "body/liquid_tags.hpp"

namespace verity::body {
namespace {

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

} // namespace

LiquidTag liquid_tag(std::string_view s, std::size_t at) {
  LiquidTag tag;
  std::size_t close = s.find("%}", at + 2);
  if (close == std::string_view::npos)
    return tag;
  tag.end = close + 2;
  std::size_t i = at + 2;
  while (i < close && (s[i] == ' ' || s[i] == '-' || s[i] == '\t' || s[i] == '\n'))
    ++i;
  while (i < close && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || s[i] == '_'))
    tag.name += lower(s[i++]);
  return tag;
}

std::size_t block_end(std::string_view s, std::size_t from, std::string_view name) {
  std::string closing = "end" + std::string(name);
  for (std::size_t at = s.find("{%", from); at != std::string_view::npos;
       at = s.find("{%", at + 2)) {
    LiquidTag tag = liquid_tag(s, at);
    if (tag.end == std::string_view::npos)
      return std::string_view::npos;
    if (tag.name == closing)
      return tag.end;
  }
  return std::string_view::npos;
}

void blank_liquid_comments(std::string& text) {
  std::size_t at = text.find("{%");
  while (at != std::string::npos) {
    LiquidTag tag = liquid_tag(text, at);
    if (tag.end == std::string_view::npos)
      return;
    std::size_t next = tag.end;
    if (tag.name == "comment" || tag.name == "highlight") {
      std::size_t close = block_end(text, tag.end, tag.name);
      next = close == std::string_view::npos ? text.size() : close;
      for (std::size_t i = at; i < next; ++i) {
        if (text[i] != '\n' && text[i] != '\r')
          text[i] = ' ';
      }
    }
    at = text.find("{%", next);
  }
}

} // namespace verity::body

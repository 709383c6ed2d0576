#include "body/include_tags.hpp"

#include "body/liquid_tags.hpp"

#include <unordered_set>

namespace verity::body {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// The first word after the tag's name: from after `{%` and its name to the closing `%}`.
std::string_view first_argument(std::string_view tag) {
  std::size_t i = 0;
  while (i < tag.size() && (is_space(tag[i]) || tag[i] == '-'))
    ++i;
  while (i < tag.size() && !is_space(tag[i]))
    ++i; // the name
  while (i < tag.size() && is_space(tag[i]))
    ++i;
  std::size_t end = i;
  while (end < tag.size() && !is_space(tag[end]))
    ++end;
  std::string_view word = tag.substr(i, end - i);
  if (word.ends_with('-') && end == tag.size())
    word.remove_suffix(1); // `{% include a.html -%}`
  return word;
}

} // namespace

std::vector<std::string> included_files(std::string_view text) {
  std::vector<std::string> out;
  std::unordered_set<std::string_view> seen;
  for (std::size_t at = text.find("{%"); at != std::string_view::npos;) {
    LiquidTag tag = liquid_tag(text, at);
    if (tag.end == std::string_view::npos)
      break; // Jekyll stops here; the body scan reports it
    std::size_t next = tag.end;
    if (tag.name == "comment" || tag.name == "raw" || tag.name == "highlight") {
      next = block_end(text, tag.end, tag.name);
      if (next == std::string_view::npos)
        break;
    } else if (tag.name == "include" || tag.name == "include_cached") {
      std::string_view name = first_argument(text.substr(at + 2, tag.end - 2 - (at + 2)));
      if (name.size() >= 2 && (name.front() == '"' || name.front() == '\'') &&
          name.back() == name.front())
        name = name.substr(1, name.size() - 2);
      if (!name.empty() && name.find("{{") == std::string_view::npos &&
          name.find("{%") == std::string_view::npos && seen.insert(name).second)
        out.emplace_back(name);
    }
    at = text.find("{%", next);
  }
  return out;
}

} // namespace verity::body

#include "refs/reference.hpp"

namespace verity::refs {

std::string_view to_string(ReferenceKind kind) {
  switch (kind) {
  case ReferenceKind::Link:
    return "link";
  case ReferenceKind::Image:
    return "image";
  case ReferenceKind::Script:
    return "script";
  case ReferenceKind::Stylesheet:
    return "stylesheet";
  case ReferenceKind::Anchor:
    return "anchor";
  }
  return "link";
}

bool safe_to_write(std::string_view url) {
  for (const char c : url) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F || c == '"' || c == '\'' || c == '<' || c == '>' || c == '(' ||
        c == ')' || c == '{' || c == '}' || c == '\\' || c == '`' || c == '|' || c == '^')
      return false;
  }
  return true;
}

} // namespace verity::refs

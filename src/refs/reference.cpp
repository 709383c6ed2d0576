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

} // namespace verity::refs

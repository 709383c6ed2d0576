#include "config/embedded.hpp"

namespace verity::embedded {

std::optional<std::string_view> find(std::string_view name) {
  for (const auto& f : files()) {
    if (f.path.size() > name.size() && f.path.substr(f.path.size() - name.size()) == name &&
        f.path[f.path.size() - name.size() - 1] == '/') {
      return f.content;
    }
  }
  return std::nullopt;
}

} // namespace verity::embedded

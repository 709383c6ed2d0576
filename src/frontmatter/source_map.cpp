#include "verity/source_map.hpp"

namespace verity {

SourceEntry SourceMap::find(std::string_view pointer) const {
  std::string key(pointer);
  while (true) {
    auto it = m_entries.find(key);
    if (it != m_entries.end()) {
      return it->second;
    }
    if (key.empty()) {
      return {};
    }
    size_t slash = key.rfind('/');
    key.resize(slash == std::string::npos ? 0 : slash);
  }
}

bool SourceMap::contains(std::string_view pointer) const {
  return m_entries.count(std::string(pointer)) != 0;
}

std::string escape_pointer_token(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

} // namespace verity

// ASCII case folding for protocol text (host names, header names, schemes), independent of the
// C locale.
#pragma once

#include <algorithm>
#include <string>

namespace verity::util {

inline std::string ascii_lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
  });
  return text;
}

} // namespace verity::util

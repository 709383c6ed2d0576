// Fuzz target: the regular-expression wrapper (ECMAScript syntax translated for RE2). Input:
// pattern, '\n', subject. Properties: compiling and matching never crash or hang, every refusal
// says why, and a pattern of plain letters and digits matches exactly where the text occurs.
#include "util/pattern.hpp"

#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  size_t nl = in.find('\n');
  std::string_view source = in.substr(0, nl);
  std::string_view subject = nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1);
  std::string error;
  auto pattern = verity::util::Pattern::compile(source, error);
  if (!pattern) {
    if (error.empty()) {
      __builtin_trap(); // every refusal says why
    }
    return 0;
  }
  bool found = pattern->search(subject);
  bool plain = !source.empty();
  for (char c : source) {
    plain = plain && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
  }
  if (plain && found != (subject.find(source) != std::string_view::npos)) {
    __builtin_trap();
  }
  return 0;
}

// Fuzz target: the strict base64 decoder. Property: whatever decodes re-encodes to the same text
// (one byte string, exactly one text form).
#include "crypto/base64.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto r = verity::crypto::base64_decode(text);
  if (r.ok() && verity::crypto::base64_encode(r.bytes) != text) {
    __builtin_trap();
  }
  if (!r.ok() && r.error->offset > size) {
    __builtin_trap();
  }
  return 0;
}

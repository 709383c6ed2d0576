// Fuzz target: the v1 and v2 secured parsers. Property: a v2 value that parses serialises back to
// exactly the same text.
#include "secured/blob.hpp"
#include "secured/envelope.hpp"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  std::string value(reinterpret_cast<const char*>(data), size);
  (void)verity::secured::parse_v1(value);
  (void)verity::secured::detect_version(value);
  auto v2 = verity::secured::parse_v2(value);
  if (auto* env = std::get_if<verity::secured::Envelope>(&v2)) {
    if (verity::secured::serialize_v2(*env) != value) {
      __builtin_trap();
    }
  }
  return 0;
}

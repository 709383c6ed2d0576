// Fuzz target: framing, YAML -> typed JSON with the source map, and the secured format checks, on
// arbitrary file bytes. Every input must give findings, never a crash or a hang.
#include "frontmatter/loader.hpp"
#include "secured/check.hpp"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  verity::Findings findings;
  verity::frontmatter::LoadOptions options;
  verity::Document doc = verity::frontmatter::parse_document(
      std::string(reinterpret_cast<const char*>(data), size), "_news/fuzz.md", options, findings);
  verity::secured::SecuredPolicy policy;
  verity::secured::SecuredContext ctx{&policy, nullptr, nullptr, false};
  verity::Records records;
  verity::secured::check_secured(doc, ctx, findings, records);
  for (const auto& f : findings) {
    if (f.rule.empty() || f.message.empty()) {
      __builtin_trap();
    }
  }
  return 0;
}

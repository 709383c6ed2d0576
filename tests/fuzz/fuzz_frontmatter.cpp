// Fuzz target: framing, YAML -> typed JSON with the source map, and the secured format checks, on
// arbitrary file bytes. Every input must give findings, never a crash or a hang. And the fast
// front-matter reader (frontmatter/simple_yaml) must convert whatever it accepts exactly as
// yaml-cpp does: value, source map, issues, refused and duplicate pointers.
#include "frontmatter/framing.hpp"
#include "frontmatter/loader.hpp"
#include "frontmatter/simple_yaml.hpp"
#include "frontmatter/yaml_to_json.hpp"
#include "secured/check.hpp"

#include <cstdint>
#include <string>

namespace {

bool same_issues(const verity::frontmatter::Conversion& a,
                 const verity::frontmatter::Conversion& b) {
  if (a.issues.size() != b.issues.size()) {
    return false;
  }
  for (size_t i = 0; i < a.issues.size(); ++i) {
    const auto& x = a.issues[i];
    const auto& y = b.issues[i];
    if (x.rule != y.rule || x.position != y.position || x.pointer != y.pointer ||
        x.message != y.message) {
      return false;
    }
  }
  return true;
}

void check_fast_reader(std::string_view yaml) {
  namespace fm = verity::frontmatter;
  if (!fm::read_simple_yaml(yaml)) {
    return;
  }
  fm::Conversion fast = fm::yaml_to_json(yaml);
  fm::Conversion reference = fm::detail::yaml_to_json_by_yaml_cpp(yaml);
  if (fast.ok != reference.ok || fast.value != reference.value || !(fast.map == reference.map) ||
      !same_issues(fast, reference) || fast.refused != reference.refused ||
      fast.duplicates != reference.duplicates) {
    __builtin_trap(); // the fast reader said something yaml-cpp does not
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  verity::Findings findings;
  verity::frontmatter::LoadOptions options;
  verity::Document doc =
      verity::frontmatter::parse_document(bytes, "_news/fuzz.md", options, findings);
  verity::secured::SecuredPolicy policy;
  verity::secured::SecuredContext ctx{&policy, nullptr, nullptr, false};
  verity::Records records;
  verity::secured::check_secured(doc, ctx, findings, records);
  for (const auto& f : findings) {
    if (f.rule.empty() || f.message.empty()) {
      __builtin_trap();
    }
  }
  verity::frontmatter::Framing framing = verity::frontmatter::frame(bytes);
  if (framing.status == verity::frontmatter::FramingStatus::Ok) {
    check_fast_reader(std::string_view(bytes).substr(framing.yaml_offset, framing.yaml_length));
  }
  check_fast_reader(bytes); // a whole file (verity.yaml, _data) goes through the same reader
  return 0;
}

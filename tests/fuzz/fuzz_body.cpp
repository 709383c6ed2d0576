// Fuzz target: the body scanners (Markdown behind the kramdown pre-pass, and HTML). Properties:
// every reference, anchor and malformed destination lies inside the input, a reference without
// Liquid, entity or escape in the Markdown body is text of the input, and
// nothing crashes, hangs or reads outside the input (ASan).
#include "body/body_scan.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace {

void check(const verity::body::BodyScan& scan, std::string_view file, bool markdown) {
  for (const auto& ref : scan.references) {
    if (ref.origin.offset > file.size() || ref.element.offset > file.size())
      __builtin_trap();
    // Raw text read back from the file (no Liquid, no md4c copy) is the file's own bytes.
    if (markdown && ref.origin.offset + ref.raw.size() <= file.size() && ref.raw.size() > 0 &&
        ref.raw.find_first_of("{}&\\") == std::string::npos &&
        file.substr(ref.origin.offset, ref.raw.size()) != ref.raw &&
        file.find(ref.raw) == std::string_view::npos)
      __builtin_trap();
  }
  for (const auto& a : scan.anchors) {
    if (a.offset > file.size())
      __builtin_trap();
  }
  for (const auto& m : scan.malformed) {
    if (m.offset > file.size())
      __builtin_trap();
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view file(reinterpret_cast<const char*>(data), size);
  std::size_t body = size > 0 ? data[0] % (size + 1) : 0; // a front matter of any length
  check(verity::body::scan_markdown(file, body), file, true);
  check(verity::body::scan_html(file, body), file, false);
  return 0;
}

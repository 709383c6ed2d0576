// Fuzz target: the body scanners (Markdown behind the kramdown pre-pass, and HTML). Properties:
// every reference, anchor and malformed destination lies inside the input, a reference without
// Liquid, entity or escape in the Markdown body is text of the input, an included file's name is
// a literal of the input, and
// nothing crashes, hangs or reads outside the input (ASan).
#include "body/body_scan.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace {

// Text with what the scanners may rewrite taken out: white space (line ends read as LF; md4c
// writes an HTML block line's indentation itself, and the pre-pass blanks kramdown block HTML
// md4c may still see), control characters, every non-ASCII byte (invalid UTF-8, NUL and some
// controls read as U+FFFD), and backslashes (md4c's copy of `a\\_b.html` is `a_b.html`).
std::string canonical(std::string_view s) {
  std::string out;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c > 0x20 && c < 0x7F && c != '\\')
      out += ch;
  }
  return out;
}

// Whether `raw` is written in `file` at `at`, as HTML reads it.
bool same_text(std::string_view file, std::size_t at, std::string_view raw) {
  const std::string want = canonical(raw);
  const std::string read = canonical(file.substr(at, 3 * raw.size() + 16));
  return read.compare(0, want.size(), want) == 0;
}

// What the author wrote for `raw`: an email autolink `<a@b>` is md4c's `mailto:a@b`.
std::string_view written(std::string_view raw) {
  return raw.starts_with("mailto:") ? raw.substr(7) : raw;
}

// Whether every line of `raw` is text of the file (as `readable`, canonical).
bool lines_in(const std::string& readable, std::string_view raw) {
  std::size_t start = 0;
  while (start <= raw.size()) {
    std::size_t end = raw.find_first_of("\r\n", start);
    if (end == std::string_view::npos)
      end = raw.size();
    if (readable.find(canonical(raw.substr(start, end - start))) == std::string::npos)
      return false;
    start = end + 1;
  }
  return true;
}

void check(const verity::body::BodyScan& scan, std::string_view file, bool markdown) {
  const std::string readable = canonical(file);
  for (const auto& ref : scan.references) {
    if (ref.origin.offset > file.size() || ref.element.offset > file.size())
      __builtin_trap();
    // Raw text read back from the file (no Liquid, no md4c copy) is the file's own bytes, as HTML
    // reads them, at its position or (a srcset candidate after an entity or invalid UTF-8, whose
    // position falls back to the value's start) elsewhere in the file; line by line, since an
    // HTML block in a list or a quote is joined from its lines without the container's markers.
    if (markdown && ref.raw.size() > 0 && ref.raw.find_first_of("{}&\\") == std::string::npos &&
        !same_text(file, ref.origin.offset, ref.raw) && !lines_in(readable, written(ref.raw)))
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
  // An included file's name is a literal of the file, never Liquid, never empty.
  for (const auto& name : scan.includes) {
    if (name.empty() || name.find("{{") != std::string::npos ||
        file.find(name) == std::string_view::npos)
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

// Text report: one `file:line:col: severity [rule] message` line per finding, as compilers
// print them (editors and CI problem matchers parse this form), then a one-line summary. Every
// input-derived part is made printable, so a finding is exactly one line and no file name, key
// or message can start a line of its own (a CI workflow command) or talk to the terminal.
#include "report/baseline.hpp"
#include "report/writers.hpp"
#include "util/printable.hpp"

#include <cstdio>

namespace verity::report {

std::string write_text(const CheckResult& result, bool color) {
  std::string out;
  size_t counts[3] = {0, 0, 0};
  size_t known = 0;
  auto paint = [&](std::string_view code, std::string_view text) {
    return color ? "\x1b[" + std::string(code) + "m" + std::string(text) + "\x1b[0m"
                 : std::string(text);
  };
  for (const auto& f : result.findings) {
    ++counts[static_cast<int>(f.severity)];
    std::string loc = util::printable(f.file);
    if (f.line > 0) {
      loc += ":" + std::to_string(f.line);
      if (f.column > 0) {
        loc += ":" + std::to_string(f.column);
      }
    }
    std::string_view sev = to_string(f.severity);
    std::string_view code = f.severity == Severity::Error     ? "1;31"
                            : f.severity == Severity::Warning ? "1;33"
                                                              : "1;36";
    out += paint("1", loc) + ": " + paint(code, sev) + " [" + util::printable(f.rule) + "] " +
           util::printable(f.message) + (is_new(f) ? "" : " (known: in the baseline)") + "\n";
    known += is_new(f) ? 0 : 1;
  }
  char duration[32];
  std::snprintf(duration, sizeof duration, "%.2f", result.duration_seconds);
  out += std::to_string(result.documents.size()) +
         " documents checked: " + std::to_string(counts[2]) + " errors, " +
         std::to_string(counts[1]) + " warnings, " + std::to_string(counts[0]) + " notes" +
         (known ? ", " + std::to_string(known) + " of them known from the baseline" : "") + " (" +
         duration + " s)\n";
  return out;
}

} // namespace verity::report

// Text report: one `file:line:col: severity [rule] message` line per finding, as compilers
// print them (editors and CI problem matchers parse this form), then the documents per
// collection and the files in no collection (one line under -q), then a one-line summary. Every
// input-derived part is made printable, so a finding is exactly one line and no file name, key
// or message can start a line of its own (a CI workflow command) or talk to the terminal.
#include "report/baseline.hpp"
#include "report/collection_counts.hpp"
#include "report/writers.hpp"
#include "util/printable.hpp"
#include "util/utf8.hpp"

#include <algorithm>
#include <cstdio>

namespace verity::report {
namespace {

// `text` padded to `width` code points, on the left (numbers) or the right (names).
std::string padded(const std::string& text, size_t width, bool right_align) {
  size_t shown = util::count_code_points(text);
  std::string fill(width > shown ? width - shown : 0, ' ');
  return right_align ? fill + text : text + fill;
}

// A table, one row per collection, columns as wide as their widest cell; the schema last, as
// it is, since it is the only column that can be long.
std::string collections_table(const std::vector<CollectionCount>& collections) {
  std::vector<std::vector<std::string>> rows = {{"collection", "found", "checked", "ignored"}};
  for (const auto& c : collections) {
    rows.push_back({util::printable(c.name), std::to_string(c.found), std::to_string(c.checked),
                    std::to_string(c.ignored)});
  }
  std::vector<size_t> widths(rows.front().size(), 0);
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], util::count_code_points(row[i]));
    }
  }
  std::string out;
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t i = 0; i < rows[r].size(); ++i) {
      out += padded(rows[r][i], widths[i], i > 0) + "  ";
    }
    out +=
        (r == 0 ? std::string("schema") : util::printable(schema_label(collections[r - 1]))) + "\n";
  }
  return out;
}

std::string unmatched_list(const std::vector<std::string>& unmatched) {
  std::string out = "unmatched: " + std::to_string(unmatched.size()) +
                    " files with front matter in no collection (schema-free checks only)\n";
  size_t listed = std::min(unmatched.size(), k_unmatched_listed);
  for (size_t i = 0; i < listed; ++i) {
    out += "  " + util::printable(unmatched[i]) + "\n";
  }
  if (unmatched.size() > listed) {
    out += "  ... and " + std::to_string(unmatched.size() - listed) + " more\n";
  }
  return out;
}

// -q: the table and the list folded into one line of totals.
std::string collections_line(const CheckResult& result) {
  size_t found = 0, checked = 0, ignored = 0;
  for (const auto& c : result.collections) {
    found += c.found;
    checked += c.checked;
    ignored += c.ignored;
  }
  return std::to_string(result.collections.size()) + " collections: " + std::to_string(found) +
         " found, " + std::to_string(checked) + " checked, " + std::to_string(ignored) +
         " ignored; " + std::to_string(result.unmatched.size()) + " unmatched\n";
}

} // namespace

std::string write_text(const CheckResult& result, bool color, bool quiet) {
  std::string out;
  size_t counts[3] = {0, 0, 0};
  size_t known = 0;
  auto paint = [&](std::string_view code, std::string_view text) {
    return color ? "\x1b[" + std::string(code) + "m" + std::string(text) + "\x1b[0m"
                 : std::string(text);
  };
  for (const auto& f : result.findings) {
    ++counts[static_cast<int>(f.severity)];
    // A site-wide finding has no file: named after the program, as compilers do ("cc1: note").
    std::string loc = f.file.empty() ? std::string("verity") : util::printable(f.file);
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
  if (!result.collections.empty() || !result.unmatched.empty()) {
    if (quiet) {
      out += collections_line(result);
    } else {
      out += result.collections.empty() ? "" : collections_table(result.collections);
      out += result.unmatched.empty() ? "" : unmatched_list(result.unmatched);
    }
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

// Markdown summary, fit for a GitHub issue body or a job summary ($GITHUB_STEP_SUMMARY): the
// counts, the documents per collection and the files in no collection, what to act on first, and
// (for link-rot runs) the links by state with their history.
// Long lists are cut with a line saying how many more there are: the JSON report has them all.
#include "report/collection_counts.hpp"
#include "report/markup.hpp"
#include "report/writers.hpp"
#include "util/datetime.hpp"

#include <algorithm>
#include <map>

namespace verity::report {
namespace {

constexpr size_t k_max_rows = 200;

// file:line:col, as the text report and the compilers print it: two findings on one line (a link
// and an image) stay two places.
std::string location(const std::string& file, int line, int column) {
  if (line <= 0) {
    return file;
  }
  return file + ":" + std::to_string(line) + (column > 0 ? ":" + std::to_string(column) : "");
}

void linkrot_section(const LinkrotSummary& s, std::string& out) {
  auto count = [&](const char* state) {
    auto it = s.states.find(state);
    return it == s.states.end() ? size_t{0} : it->second;
  };
  size_t total = 0;
  for (const auto& [state, n] : s.states) {
    total += n;
  }
  out += "## verity linkrot: " + std::to_string(count("broken")) + " broken, " +
         std::to_string(count("newly-broken")) + " newly broken, " +
         std::to_string(count("flaky")) + " flaky, " + std::to_string(count("recovered")) +
         " recovered, " + std::to_string(count("blocked")) + " blocked of " +
         std::to_string(total) + " links\n\n";
  if (!s.runs.empty()) {
    out +=
        "Broken links per run (last " + std::to_string(std::min<size_t>(s.runs.size(), 10)) + "): ";
    for (size_t i = s.runs.size() > 10 ? s.runs.size() - 10 : 0; i < s.runs.size(); ++i) {
      out += std::to_string(s.runs[i].broken) + (i + 1 < s.runs.size() ? " → " : "");
    }
    out += "\n\nA link is broken after " + std::to_string(s.failures_to_broken) +
           " failing runs in a row; only broken links fail the run by default.\n\n";
  }
  if (s.urls.empty()) {
    out += "Every link works.\n\n";
    return;
  }
  out += "| state | link | failing since | runs | last error | cited by |\n";
  out += "|---|---|---|---|---|---|\n";
  size_t shown = 0;
  for (const auto& u : s.urls) {
    if (shown++ == k_max_rows) {
      break;
    }
    std::string cited;
    for (size_t i = 0; i < u.cited_by.size() && i < 3; ++i) {
      cited += (i ? ", " : "") + markdown_cell(location(u.cited_by[i].file, u.cited_by[i].line,
                                                        u.cited_by[i].column));
    }
    if (u.cited_by.size() > 3) {
      cited += " and " + std::to_string(u.cited_by.size() - 3) + " more";
    }
    out += "| " + u.state + " | " + markdown_cell(u.url) + " | " +
           (u.first_failed ? util::civil_from_days(util::days_of(u.first_failed)) : "") + " | " +
           (u.consecutive_failures ? std::to_string(u.consecutive_failures) : "") + " | " +
           markdown_cell(u.last_error) + " | " + cited + " |\n";
  }
  if (s.urls.size() > k_max_rows) {
    out += "\n… and " + std::to_string(s.urls.size() - k_max_rows) +
           " more links: see the JSON or HTML report.\n";
  }
  out += "\n";
}

// Tables, not lists: a table cell never turns a file name that starts with `#` or `1.` into a
// heading or a numbered item.
void collections_section(const CheckResult& result, std::string& out) {
  if (!result.collections.empty()) {
    out += "### Collections\n\n| collection | found | checked | ignored | schema |\n"
           "|---|---:|---:|---:|---|\n";
    for (const auto& c : result.collections) {
      out += "| " + markdown_cell(c.name) + " | " + std::to_string(c.found) + " | " +
             std::to_string(c.checked) + " | " + std::to_string(c.ignored) + " | " +
             markdown_cell(schema_label(c)) + " |\n";
    }
    out += "\n";
  }
  if (!result.unmatched.empty()) {
    out += "**Unmatched: " + std::to_string(result.unmatched.size()) +
           "** files with front matter in no collection (checked without a schema).\n\n"
           "| unmatched file |\n|---|\n";
    size_t listed = std::min(result.unmatched.size(), k_unmatched_listed);
    for (size_t i = 0; i < listed; ++i) {
      out += "| " + markdown_cell(result.unmatched[i]) + " |\n";
    }
    if (result.unmatched.size() > listed) {
      out += "\n… and " + std::to_string(result.unmatched.size() - listed) +
             " more: see the JSON report.\n";
    }
    out += "\n";
  }
}

} // namespace

std::string write_markdown(const CheckResult& result) {
  std::string out;
  if (result.linkrot) {
    linkrot_section(*result.linkrot, out);
  }
  size_t counts[3] = {0, 0, 0};
  std::map<std::string, size_t> by_rule;
  for (const auto& f : result.findings) {
    ++counts[static_cast<int>(f.severity)];
    ++by_rule[f.rule];
  }
  out += std::string(result.linkrot ? "### Findings" : "## verity") + ": " +
         std::to_string(counts[2]) + " errors, " + std::to_string(counts[1]) + " warnings, " +
         std::to_string(counts[0]) + " notes in " + std::to_string(result.documents.size()) +
         " documents\n\n";
  collections_section(result, out);
  if (result.findings.empty()) {
    out += "No findings.\n";
    return out;
  }
  out += "| rule | findings |\n|---|---|\n";
  for (const auto& [rule, n] : by_rule) {
    out += "| " + markdown_cell(rule) + " | " + std::to_string(n) + " |\n";
  }
  out += "\n| severity | where | rule | message |\n|---|---|---|---|\n";
  // Errors first, then warnings, then notes; within a severity, file order.
  size_t shown = 0;
  for (int severity = 2; severity >= 0; --severity) {
    for (const auto& f : result.findings) {
      if (static_cast<int>(f.severity) != severity || shown == k_max_rows) {
        continue;
      }
      ++shown;
      out += "| " + std::string(to_string(f.severity)) + " | " +
             markdown_cell(location(f.file, f.line, f.column)) + " | " + markdown_cell(f.rule) +
             " | " + markdown_cell(f.message) + " |\n";
    }
  }
  if (result.findings.size() > shown) {
    out += "\n… and " + std::to_string(result.findings.size() - shown) +
           " more findings: see the JSON report.\n";
  }
  return out;
}

} // namespace verity::report

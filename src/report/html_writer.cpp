// A self-contained HTML page: inline CSS and inline SVG charts, no scripts and no external assets,
// so it can be archived as a CI artifact and opened anywhere. For `verity check`: the summary per
// collection and per rule (bar chart), the documents found, checked and ignored per collection
// and the files in no collection, then the findings grouped by document, worst first. For
// `verity linkrot`: the links that are not ok by state, and a chart of broken links per run.
#include "report/collection_counts.hpp"
#include "report/markup.hpp"
#include "report/writers.hpp"
#include "rules/families.hpp"
#include "util/datetime.hpp"
#include "verity/version.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <tuple>

namespace verity::report {
namespace {

constexpr std::string_view k_style = R"(
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:75em;padding:0 1em;color:#1b1b1b}
h1{font-size:1.6em;margin:.2em 0}h2{margin-top:1.6em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%;margin:.6em 0}
th,td{border-bottom:1px solid #e4e4e4;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums}
.error,.state-broken td:first-child{color:#b00020;font-weight:600}
.warning,.state-flaky td:first-child,.state-newly-broken td:first-child,.state-blocked td:first-child{color:#8a5a00;font-weight:600}
.note,.state-recovered td:first-child{color:#1f5f99}
details{border:1px solid #e4e4e4;border-radius:4px;margin:.4em 0;padding:.3em .6em}
summary{cursor:pointer;font-weight:600}ol{margin:.3em 0;padding-left:1.4em}
code{background:#f4f4f4;padding:0 .25em;border-radius:3px}.loc{font-family:monospace}
.url{word-break:break-all}figure{margin:1em 0}figcaption{color:#555;font-size:.9em}
)";

std::string esc(std::string_view s) {
  return xml_escape(s);
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string date_of(std::int64_t t) {
  return util::civil_from_days(util::days_of(t));
}

// Horizontal bars, one per label, scaled to the largest value.
std::string bar_chart(const std::vector<std::pair<std::string, size_t>>& rows,
                      const std::string& id) {
  size_t max = 1;
  for (const auto& [label, n] : rows) {
    max = std::max(max, n);
  }
  const double label_width = 260, bar_width = 420, row = 22;
  std::string svg = "<svg id=\"" + id + "\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
                    num(label_width + bar_width + 60) + "\" height=\"" +
                    num(row * static_cast<double>(rows.size()) + 4) +
                    "\" role=\"img\" aria-label=\"findings per rule\">";
  double y = 2;
  for (const auto& [label, n] : rows) {
    double w = bar_width * static_cast<double>(n) / static_cast<double>(max);
    svg += "<text x=\"0\" y=\"" + num(y + 15) + "\" font-size=\"13\">" + esc(label) + "</text>";
    svg += "<rect x=\"" + num(label_width) + "\" y=\"" + num(y + 3) + "\" width=\"" +
           num(std::max(w, 1.0)) + "\" height=\"16\" fill=\"#4a7fb5\"><title>" + esc(label) + ": " +
           std::to_string(n) + "</title></rect>";
    svg += "<text x=\"" + num(label_width + w + 6) + "\" y=\"" + num(y + 15) +
           "\" font-size=\"13\">" + std::to_string(n) + "</text>";
    y += row;
  }
  return svg + "</svg>";
}

// Failing (light) and broken (dark) links per run, oldest on the left.
std::string trend_chart(const std::vector<LinkrotRun>& runs) {
  std::int64_t max = 1;
  for (const auto& r : runs) {
    max = std::max({max, r.failing, r.broken});
  }
  const double width = 640, height = 160, top = 10, bottom = 24;
  double slot = width / static_cast<double>(std::max<size_t>(runs.size(), 1));
  double bar = std::clamp(slot * 0.7, 2.0, 40.0);
  std::string svg = "<svg id=\"trend\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(width) +
                    "\" height=\"" + num(height) +
                    "\" role=\"img\" aria-label=\"broken links per run\">";
  svg += "<line x1=\"0\" y1=\"" + num(height - bottom) + "\" x2=\"" + num(width) + "\" y2=\"" +
         num(height - bottom) + "\" stroke=\"#999\"/>";
  double plot = height - top - bottom;
  for (size_t i = 0; i < runs.size(); ++i) {
    const auto& r = runs[i];
    double x = slot * static_cast<double>(i) + (slot - bar) / 2;
    double hf = plot * static_cast<double>(r.failing) / static_cast<double>(max);
    double hb = plot * static_cast<double>(r.broken) / static_cast<double>(max);
    std::string tip = "run " + std::to_string(r.id) + " (" + date_of(r.started_at) +
                      "): " + std::to_string(r.broken) + " broken, " + std::to_string(r.failing) +
                      " failing of " + std::to_string(r.urls);
    svg += "<g class=\"run\" data-broken=\"" + std::to_string(r.broken) + "\"><title>" + esc(tip) +
           "</title><rect x=\"" + num(x) + "\" y=\"" + num(height - bottom - hf) + "\" width=\"" +
           num(bar) + "\" height=\"" + num(hf) + "\" fill=\"#f2b8b5\"/><rect x=\"" + num(x) +
           "\" y=\"" + num(height - bottom - hb) + "\" width=\"" + num(bar) + "\" height=\"" +
           num(hb) + "\" fill=\"#b00020\"/></g>";
  }
  if (!runs.empty()) {
    svg += "<text x=\"0\" y=\"" + num(height - 6) + "\" font-size=\"12\">" +
           date_of(runs.front().started_at) + "</text><text x=\"" + num(width) + "\" y=\"" +
           num(height - 6) + "\" font-size=\"12\" text-anchor=\"end\">" +
           date_of(runs.back().started_at) + "</text>";
  }
  svg += "<text x=\"4\" y=\"" + num(top + 10) + "\" font-size=\"12\">max " + std::to_string(max) +
         "</text>";
  return svg + "</svg>";
}

void linkrot_section(const LinkrotSummary& s, std::string& out) {
  out += "<section id=\"linkrot\"><h2>Links</h2><p id=\"states\">";
  bool first = true;
  for (const char* state : {"broken", "newly-broken", "flaky", "blocked", "recovered", "ok"}) {
    auto it = s.states.find(state);
    out += std::string(first ? "" : " · ") + "<span class=\"state-" + state + "\">" + state +
           ": <b>" + std::to_string(it == s.states.end() ? 0 : it->second) + "</b></span>";
    first = false;
  }
  out += "</p><p>A link is <b>broken</b> after " + std::to_string(s.failures_to_broken) +
         " failing runs in a row; a single failure is <i>newly-broken</i>, and failures that come "
         "and go are <i>flaky</i>.</p>";
  out += "<figure>" + trend_chart(s.runs) +
         "<figcaption>Broken (dark) and failing (light) links per run, last " +
         std::to_string(s.runs.size()) + " runs</figcaption></figure>";
  out += "<table id=\"links\"><thead><tr><th>State</th><th>Link</th><th>Failing since</th>"
         "<th>Runs</th><th>Last error</th><th>Cited by</th></tr></thead><tbody>";
  for (const auto& u : s.urls) {
    out += "<tr class=\"state-" + u.state + "\" data-state=\"" + u.state + "\"><td>" + u.state +
           "</td><td class=\"url\">" + esc(u.url) + "</td><td>" +
           (u.first_failed ? date_of(u.first_failed) : "") + "</td><td class=\"n\">" +
           (u.consecutive_failures ? std::to_string(u.consecutive_failures) : "") + "</td><td>" +
           esc(u.last_error) + "</td><td>";
    for (size_t i = 0; i < u.cited_by.size() && i < 5; ++i) {
      out += (i ? "<br>" : "") + std::string("<span class=\"loc\">") + esc(u.cited_by[i].file) +
             ":" + std::to_string(u.cited_by[i].line) + "</span>";
    }
    if (u.cited_by.size() > 5) {
      out += "<br>and " + std::to_string(u.cited_by.size() - 5) + " more";
    }
    out += "</td></tr>";
  }
  out += "</tbody></table></section>";
}

// Every unmatched file, not the first few as in the text and Markdown summaries: the page is an
// archived artifact, and the list is folded away when it is long.
void collections_section(const CheckResult& result, std::string& out) {
  if (result.collections.empty() && result.unmatched.empty()) {
    return;
  }
  out += "<section id=\"collection-counts\"><h2>Collections</h2>";
  if (!result.collections.empty()) {
    out += "<table id=\"counts\"><thead><tr><th>Collection</th><th>Found</th><th>Checked</th>"
           "<th>Ignored</th><th>Schema</th></tr></thead><tbody>";
    for (const auto& c : result.collections) {
      out += "<tr><td>" + esc(c.name) + "</td><td class=\"n\">" + std::to_string(c.found) +
             "</td><td class=\"n\">" + std::to_string(c.checked) + "</td><td class=\"n\">" +
             std::to_string(c.ignored) + "</td><td>" + esc(schema_label(c)) + "</td></tr>";
    }
    out += "</tbody></table>";
  }
  if (!result.unmatched.empty()) {
    out += std::string("<details id=\"unmatched\"") +
           (result.unmatched.size() <= k_unmatched_listed ? " open" : "") +
           "><summary>Unmatched: " + std::to_string(result.unmatched.size()) +
           " files with front matter in no collection (checked without a schema)</summary><ul>";
    for (const auto& file : result.unmatched) {
      out += "<li class=\"loc\">" + esc(file) + "</li>";
    }
    out += "</ul></details>";
  }
  out += "</section>";
}

struct DocumentFindings {
  std::string file;
  std::vector<const Finding*> findings;
  size_t counts[3] = {0, 0, 0};
  int worst = -1;
};

void findings_section(const CheckResult& result, std::string& out) {
  std::map<std::string, std::string> collection_of;
  for (const auto& d : result.documents) {
    collection_of[d.file] = d.collection;
  }
  struct Tally {
    size_t documents = 0;
    size_t counts[3] = {0, 0, 0};
  };
  std::map<std::string, Tally> by_collection;
  for (const auto& d : result.documents) {
    ++by_collection[d.collection.empty() ? "(none)" : d.collection].documents;
  }
  std::map<std::string, size_t> by_rule;
  std::map<std::string, DocumentFindings> by_document;
  size_t in_link_table = 0;
  for (const auto& f : result.findings) {
    int sev = static_cast<int>(f.severity);
    auto c = collection_of.find(f.file);
    std::string col = c == collection_of.end() || c->second.empty() ? "(none)" : c->second;
    ++by_collection[col].counts[sev];
    ++by_rule[f.rule];
    if (result.linkrot && rules::in_family(f.rule, "linkrot")) {
      ++in_link_table; // listed once per link in the table above, with every citing line
      continue;
    }
    DocumentFindings& d = by_document[f.file];
    d.file = f.file;
    d.findings.push_back(&f);
    ++d.counts[sev];
    d.worst = std::max(d.worst, sev);
  }
  out += "<section id=\"summary\"><h2>Summary</h2><table id=\"collections\"><thead><tr>"
         "<th>Collection</th><th>Documents</th><th>Errors</th><th>Warnings</th><th>Notes</th>"
         "</tr></thead><tbody>";
  for (const auto& [name, t] : by_collection) {
    out += "<tr><td>" + esc(name) + "</td><td class=\"n\">" + std::to_string(t.documents) +
           "</td><td class=\"n\">" + std::to_string(t.counts[2]) + "</td><td class=\"n\">" +
           std::to_string(t.counts[1]) + "</td><td class=\"n\">" + std::to_string(t.counts[0]) +
           "</td></tr>";
  }
  out += "</tbody></table>";
  std::vector<std::pair<std::string, size_t>> rules(by_rule.begin(), by_rule.end());
  std::stable_sort(rules.begin(), rules.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  if (!rules.empty()) {
    out += "<figure>" + bar_chart(rules, "rules-chart") +
           "<figcaption>Findings per rule</figcaption></figure>";
  }
  out += "</section>";
  collections_section(result, out);
  out += "<section id=\"documents\"><h2>Findings by document</h2>";
  std::vector<DocumentFindings*> docs;
  for (auto& [file, d] : by_document) {
    std::stable_sort(d.findings.begin(), d.findings.end(),
                     [](const Finding* a, const Finding* b) { return a->severity > b->severity; });
    docs.push_back(&d);
  }
  std::stable_sort(docs.begin(), docs.end(),
                   [](const DocumentFindings* a, const DocumentFindings* b) {
                     return std::tuple(-a->worst, -static_cast<long>(a->counts[2]), a->file) <
                            std::tuple(-b->worst, -static_cast<long>(b->counts[2]), b->file);
                   });
  if (in_link_table > 0) {
    out += "<p>" + std::to_string(in_link_table) +
           " link-rot findings are listed by link in the table above.</p>";
  }
  if (docs.empty() && in_link_table == 0) {
    out += "<p>No findings.</p>";
  }
  for (const DocumentFindings* d : docs) {
    out += "<details open class=\"doc\" data-file=\"" + esc(d->file) + "\"><summary>" +
           esc(d->file) + " — " + std::to_string(d->counts[2]) + " errors, " +
           std::to_string(d->counts[1]) + " warnings, " + std::to_string(d->counts[0]) +
           " notes</summary><ol>";
    for (const Finding* f : d->findings) {
      std::string sev(to_string(f->severity));
      std::string loc = f->file + (f->line > 0 ? ":" + std::to_string(f->line) : "") +
                        (f->column > 0 ? ":" + std::to_string(f->column) : "");
      out += "<li class=\"finding\" data-severity=\"" + sev + "\"><span class=\"loc\">" + esc(loc) +
             "</span> <span class=\"" + sev + "\">" + sev + "</span> <code>" + esc(f->rule) +
             "</code> " + esc(f->message) + "</li>";
    }
    out += "</ol></details>";
  }
  out += "</section>";
}

} // namespace

std::string write_html(const CheckResult& result) {
  size_t counts[3] = {0, 0, 0};
  for (const auto& f : result.findings) {
    ++counts[static_cast<int>(f.severity)];
  }
  std::string title = result.linkrot ? "verity linkrot" : "verity check";
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                    "<title>" +
                    title + " report</title><style>" + std::string(k_style) +
                    "</style></head><body><header><h1 id=\"headline\">" + title + ": " +
                    std::to_string(counts[2]) + " errors, " + std::to_string(counts[1]) +
                    " warnings, " + std::to_string(counts[0]) + " notes</h1><p>" +
                    std::to_string(result.documents.size()) + " documents · verity " +
                    std::string(version()) + " · " + num(result.duration_seconds) +
                    " s</p></header>";
  if (result.linkrot) {
    linkrot_section(*result.linkrot, out);
  }
  findings_section(result, out);
  return out + "</body></html>\n";
}

} // namespace verity::report

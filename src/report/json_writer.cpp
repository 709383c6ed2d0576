// JSON report, version 1 (schema in docs/report.schema.json). Versioned from the first release so
// consumers never break silently.
#include "report/baseline.hpp"
#include "report/collection_counts.hpp"
#include "report/fix_json.hpp"
#include "report/rule_listing.hpp"
#include "report/writers.hpp"
#include "util/datetime.hpp"
#include "verity/version.hpp"

#include <map>

namespace verity::report {
namespace {

nlohmann::ordered_json linkrot_json(const LinkrotSummary& s) {
  nlohmann::ordered_json j;
  j["run_id"] = s.run_id;
  j["started_at"] = util::format_rfc3339_utc(s.started_at);
  j["failures_to_broken"] = s.failures_to_broken;
  j["states"] = s.states;
  nlohmann::ordered_json urls = nlohmann::ordered_json::array();
  for (const auto& u : s.urls) {
    nlohmann::ordered_json item;
    item["url"] = u.url;
    item["state"] = u.state;
    item["consecutive_failures"] = u.consecutive_failures;
    item["first_failed"] =
        u.first_failed ? nlohmann::ordered_json(util::format_rfc3339_utc(u.first_failed)) : nullptr;
    item["status"] = u.status;
    item["last_error"] = u.last_error;
    nlohmann::ordered_json cited = nlohmann::ordered_json::array();
    for (const auto& c : u.cited_by) {
      cited.push_back({{"file", c.file}, {"line", c.line}, {"column", c.column}});
    }
    item["cited_by"] = std::move(cited);
    urls.push_back(std::move(item));
  }
  j["urls"] = std::move(urls);
  nlohmann::ordered_json runs = nlohmann::ordered_json::array();
  for (const auto& r : s.runs) {
    runs.push_back({{"id", r.id},
                    {"started_at", util::format_rfc3339_utc(r.started_at)},
                    {"urls", r.urls},
                    {"failing", r.failing},
                    {"broken", r.broken}});
  }
  j["runs"] = std::move(runs);
  return j;
}

} // namespace

std::string write_json(const CheckResult& result) {
  nlohmann::ordered_json j;
  j["version"] = 1;
  j["tool"] = {{"name", "verity"}, {"version", std::string(version())}};
  size_t counts[3] = {0, 0, 0};
  std::map<std::string, size_t> by_rule;
  size_t known = 0;
  bool baseline = false;
  nlohmann::ordered_json findings = nlohmann::ordered_json::array();
  for (const auto& f : result.findings) {
    ++counts[static_cast<int>(f.severity)];
    ++by_rule[f.rule];
    nlohmann::ordered_json item;
    item["rule"] = f.rule;
    item["severity"] = std::string(to_string(f.severity));
    item["file"] = f.file;
    item["line"] = f.line;
    item["column"] = f.column;
    item["pointer"] = f.pointer;
    item["message"] = f.message;
    item["key"] = finding_key(f);
    baseline = baseline || f.extra.contains("new");
    known += is_new(f) ? 0 : 1;
    for (auto& [k, v] : f.extra.items()) {
      item[k] = v;
    }
    if (f.fix)
      item["fix"] = fix_json(*f.fix);
    findings.push_back(std::move(item));
  }
  nlohmann::ordered_json summary;
  summary["documents"] = result.documents.size();
  summary["documents_loaded"] = result.documents_loaded;
  summary["errors"] = counts[2];
  summary["warnings"] = counts[1];
  summary["notes"] = counts[0];
  summary["by_rule"] = by_rule;
  summary["collections"] = collections_json(result.collections);
  summary["unmatched"] = result.unmatched.size();
  summary["duration_seconds"] = result.duration_seconds;
  if (baseline) {
    summary["baseline"] = {{"new", result.findings.size() - known}, {"known", known}};
  }
  j["summary"] = std::move(summary);
  j["findings"] = std::move(findings);
  j["unmatched"] = result.unmatched; // every one: the readable summaries list only the first
  j["rules"] = rules_of(result.findings);
  if (result.linkrot) {
    j["linkrot"] = linkrot_json(*result.linkrot);
  }
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

} // namespace verity::report

// SARIF 2.1.0 as GitHub code scanning accepts it: rules with all three texts, relative URIs,
// regions in code points, and partialFingerprints that stay stable across runs. Artifact URIs
// are percent-encoded (RFC 3986): a file name with a space, '#', '?' or '%' is still one valid
// relative reference, and message texts are made printable for the annotation views.
#include "report/baseline.hpp"
#include "report/collection_counts.hpp"
#include "report/fix_json.hpp"
#include "report/writers.hpp"
#include "rules/catalogue.hpp"
#include "util/printable.hpp"
#include "verity/version.hpp"

#include <map>
#include <optional>

namespace verity::report {
namespace {

// A relative path as a URI reference: '/' separates segments, unreserved characters stay, every
// other byte (space, '%', '#', '?', ':', non-ASCII UTF-8, controls) becomes %XX.
std::string uri_reference(std::string_view path) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += k_hex[c >> 4];
      out += k_hex[c & 0xF];
    }
  }
  return out;
}

std::string level(Severity s) {
  return s == Severity::Error ? "error" : s == Severity::Warning ? "warning" : "note";
}

// The driver's entry for a rule: the catalogue's texts and default severity. An id outside the
// catalogue can only come from a merged report of another version: it gets its id as text and
// the level it was reported with.
nlohmann::ordered_json driver_rule(const std::string& id, Severity reported) {
  const rules::Rule* rule = rules::find(id);
  std::string short_text = rule ? std::string(rule->short_description) : id;
  std::string full_text = rule ? std::string(rule->full_description) : id;
  std::string help = rule ? std::string(rule->help) : "See the message.";
  return {{"id", id},
          {"shortDescription", {{"text", short_text}}},
          {"fullDescription", {{"text", full_text}}},
          {"help", {{"text", help}}},
          {"defaultConfiguration", {{"level", level(rule ? rule->default_severity : reported)}}}};
}

nlohmann::ordered_json physical_location(const std::string& file, int line, int column) {
  nlohmann::ordered_json region;
  region["startLine"] = line > 0 ? line : 1;
  if (column > 0) {
    region["startColumn"] = column;
  }
  return {{"artifactLocation", {{"uri", uri_reference(file)}, {"uriBaseId", "%SRCROOT%"}}},
          {"region", region}};
}

// extra["origin"] = {file, line, column}: where a value the finding is about is written when that
// is another file (a schema finding on a value from _config.yml `defaults`).
std::optional<nlohmann::ordered_json> origin_location(const nlohmann::json& extra) {
  auto o = extra.find("origin");
  if (o == extra.end() || !o->is_object()) {
    return std::nullopt;
  }
  auto file = o->find("file");
  auto line = o->find("line");
  auto column = o->find("column");
  if (file == o->end() || !file->is_string() || line == o->end() || !line->is_number_integer() ||
      column == o->end() || !column->is_number_integer()) {
    return std::nullopt;
  }
  return nlohmann::ordered_json{
      {"id", 1},
      {"physicalLocation",
       physical_location(file->get<std::string>(), line->get<int>(), column->get<int>())},
      {"message", {{"text", "value from defaults"}}}};
}

} // namespace

std::string write_sarif(const CheckResult& result) {
  std::map<std::string, size_t> rule_index;
  nlohmann::ordered_json rules = nlohmann::ordered_json::array();
  for (const auto& f : result.findings) {
    if (rule_index.count(f.rule)) {
      continue;
    }
    rule_index[f.rule] = rules.size();
    rules.push_back(driver_rule(f.rule, f.severity));
  }
  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  for (const auto& f : result.findings) {
    nlohmann::ordered_json r;
    r["ruleId"] = f.rule;
    r["ruleIndex"] = rule_index[f.rule];
    r["level"] = level(f.severity);
    r["message"] = {{"text", util::printable(f.message.empty() ? f.rule : f.message)}};
    r["locations"] = nlohmann::ordered_json::array(
        {{{"physicalLocation", physical_location(f.file, f.line, f.column)}}});
    if (auto origin = origin_location(f.extra)) {
      r["relatedLocations"] = nlohmann::ordered_json::array({std::move(*origin)});
    }
    r["partialFingerprints"] = {{"verity/v1", finding_key(f)}};
    if (auto fixes = sarif_fixes(
            f, physical_location(f.file, f.line, f.column)["artifactLocation"]))
      r["fixes"] = std::move(*fixes);
    if (f.extra.contains("new")) {
      r["baselineState"] = is_new(f) ? "new" : "unchanged"; // SARIF 2.1.0 §3.27.24
    }
    results.push_back(std::move(r));
  }
  nlohmann::ordered_json run;
  run["tool"] = {{"driver",
                  {{"name", "verity"},
                   {"semanticVersion", std::string(version())},
                   {"informationUri", "https://github.com/verity-check/verity"},
                   {"rules", rules}}}};
  run["automationDetails"] = {{"id", "verity/"}};
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = std::move(results);
  // A property bag (SARIF 2.1.0 §3.8): code scanning ignores it, so the counts ride along for
  // whoever reads the file without changing how any result is shown.
  run["properties"]["collections"] = collections_json(result.collections);
  nlohmann::ordered_json sarif;
  sarif["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  sarif["version"] = "2.1.0";
  sarif["runs"] = nlohmann::ordered_json::array({run});
  return sarif.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

} // namespace verity::report

#include "report/merge.hpp"

#include "report/collection_counts.hpp"
#include "report/writers.hpp"
#include "util/datetime.hpp"
#include "util/file.hpp"

#include <algorithm>
#include <set>

namespace verity::report {
namespace {

const std::set<std::string> k_core_fields = {"rule",   "severity", "file",    "line",
                                             "column", "pointer",  "message", "key"};

Finding finding_from(const nlohmann::json& j) {
  Finding f;
  f.rule = j.value("rule", "");
  f.severity = parse_severity(j.value("severity", "error")).value_or(Severity::Error);
  f.file = j.value("file", "");
  f.line = j.value("line", 0);
  f.column = j.value("column", 0);
  f.pointer = j.value("pointer", "");
  f.message = j.value("message", "");
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!k_core_fields.count(it.key())) {
      f.extra[it.key()] = it.value();
    }
  }
  return f;
}

std::int64_t epoch_of(const nlohmann::json& j) {
  return j.is_string() ? util::parse_rfc3339(j.get<std::string>()).value_or(0) : 0;
}

LinkrotSummary linkrot_from(const nlohmann::json& j) {
  LinkrotSummary s;
  s.run_id = j.value("run_id", 0);
  s.started_at = epoch_of(j.value("started_at", nlohmann::json()));
  s.failures_to_broken = j.value("failures_to_broken", 3);
  s.states = j.value("states", std::map<std::string, size_t>{});
  for (const auto& u : j.value("urls", nlohmann::json::array())) {
    LinkrotUrl url{u.value("url", ""),
                   u.value("state", ""),
                   u.value("consecutive_failures", 0),
                   epoch_of(u.value("first_failed", nlohmann::json())),
                   u.value("status", 0),
                   u.value("last_error", ""),
                   {}};
    for (const auto& c : u.value("cited_by", nlohmann::json::array())) {
      url.cited_by.push_back({c.value("file", ""), c.value("line", 0), c.value("column", 0)});
    }
    s.urls.push_back(std::move(url));
  }
  for (const auto& r : j.value("runs", nlohmann::json::array())) {
    s.runs.push_back({r.value("id", 0), epoch_of(r.value("started_at", nlohmann::json())),
                      r.value("urls", 0), r.value("failing", 0), r.value("broken", 0)});
  }
  return s;
}

} // namespace

CheckResult read_json_report(const std::filesystem::path& path, size_t& documents) {
  util::ReadResult r = util::read_file(path, 1ull << 30);
  if (r.status != util::ReadResult::Status::Ok) {
    throw UsageError(
        path.string() + ": cannot read: " +
        (r.status == util::ReadResult::Status::TooLarge ? "larger than 1 GiB" : r.error));
  }
  nlohmann::json j = nlohmann::json::parse(r.bytes, nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("version", 0) != 1 || !j.contains("findings") ||
      !j["findings"].is_array() || !j.contains("summary")) {
    throw UsageError(path.string() + ": not a verity JSON report (--format json)");
  }
  CheckResult result;
  for (const auto& f : j["findings"]) {
    result.findings.push_back(finding_from(f));
  }
  documents = j["summary"].value("documents", size_t{0});
  result.documents_loaded = j["summary"].value("documents_loaded", size_t{0});
  result.duration_seconds = j["summary"].value("duration_seconds", 0.0);
  if (j["summary"].contains("collections")) {
    result.collections = collections_from_json(j["summary"]["collections"]);
  }
  for (const auto& file : j.value("unmatched", nlohmann::json::array())) {
    if (file.is_string()) {
      result.unmatched.push_back(file.get<std::string>());
    }
  }
  if (j.contains("linkrot") && j["linkrot"].is_object()) {
    result.linkrot = linkrot_from(j["linkrot"]);
  }
  return result;
}

CheckResult merge_reports(const std::vector<std::filesystem::path>& reports, size_t& documents) {
  CheckResult merged;
  documents = 0;
  std::set<std::string> seen;      // the same finding from several shards (offline checks) once
  std::set<std::string> unmatched; // every shard sees the whole site: each file once
  for (const auto& path : reports) {
    size_t docs = 0;
    CheckResult part = read_json_report(path, docs);
    documents = std::max(documents, docs);
    merged.documents_loaded = std::max(merged.documents_loaded, part.documents_loaded);
    merged.duration_seconds = std::max(merged.duration_seconds, part.duration_seconds);
    merge_collection_counts(merged.collections, part.collections);
    unmatched.insert(part.unmatched.begin(), part.unmatched.end());
    for (auto& f : part.findings) {
      nlohmann::json identity = f.extra;
      identity.erase("new");
      std::string id = finding_key(f) + '\0' + f.message + '\0' +
                       identity.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      if (seen.insert(id).second) {
        merged.findings.push_back(std::move(f));
      }
    }
    if (part.linkrot) {
      if (!merged.linkrot) {
        merged.linkrot = std::move(part.linkrot); // runs: each shard keeps its own history
      } else {
        for (const auto& [state, n] : part.linkrot->states) {
          merged.linkrot->states[state] += n;
        }
        std::move(part.linkrot->urls.begin(), part.linkrot->urls.end(),
                  std::back_inserter(merged.linkrot->urls));
      }
    }
  }
  std::sort(merged.findings.begin(), merged.findings.end(), finding_less);
  merged.unmatched.assign(unmatched.begin(), unmatched.end());
  return merged;
}

} // namespace verity::report

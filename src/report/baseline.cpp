#include "report/baseline.hpp"

#include "report/writers.hpp"
#include "util/file.hpp"
#include "verity/check.hpp"

#include <nlohmann/json.hpp>

namespace verity::report {

std::set<std::string> load_baseline_keys(const std::filesystem::path& path) {
  constexpr std::uint64_t k_max_report_bytes = 512ull << 20;
  util::ReadResult r = util::read_file(path, k_max_report_bytes);
  if (r.status != util::ReadResult::Status::Ok) {
    throw UsageError(
        "--baseline " + path.string() + ": cannot read: " +
        (r.status == util::ReadResult::Status::TooLarge ? "larger than 512 MiB" : r.error));
  }
  nlohmann::json report = nlohmann::json::parse(r.bytes, nullptr, false);
  if (report.is_discarded() || !report.is_object() || report.value("version", 0) != 1 ||
      !report.contains("findings") || !report["findings"].is_array()) {
    throw UsageError("--baseline " + path.string() +
                     ": not a verity JSON report (write one with `verity check --format json "
                     "--output FILE` on the base branch)");
  }
  std::set<std::string> keys;
  for (const auto& f : report["findings"]) {
    if (f.is_object() && f.contains("key") && f["key"].is_string()) {
      keys.insert(f["key"].get<std::string>());
    }
  }
  return keys;
}

void mark_baseline(Findings& findings, const std::set<std::string>& known_keys) {
  for (auto& f : findings) {
    f.extra["new"] = known_keys.count(finding_key(f)) == 0;
  }
}

bool is_new(const Finding& finding) {
  auto it = finding.extra.find("new");
  return it == finding.extra.end() || !it->is_boolean() || it->get<bool>();
}

} // namespace verity::report

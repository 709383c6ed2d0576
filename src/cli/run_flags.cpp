#include "cli/run_flags.hpp"

#include "cli/output.hpp"
#include "config/links_config.hpp"
#include "config/trust.hpp"
#include "report/baseline.hpp"
#include "report/writers.hpp"
#include "util/logging.hpp"
#include "util/phase_timer.hpp"

#include <algorithm>
#include <charconv>
#include <unistd.h>

namespace verity::cli {

namespace {
const std::vector<std::string> k_formats = {"text", "json", "sarif", "junit", "markdown", "html"};
}

namespace {
std::string limit_list() {
  std::string names;
  for (const auto& n : config::limit_names()) {
    names += (names.empty() ? "" : ", ") + n;
  }
  return names;
}
} // namespace

void add_config_flags(CLI::App& cmd, ConfigFlags& f) {
  cmd.add_option("--config", f.config,
                 "verity.yaml to use (default: found by walking up); like any file in the checked "
                 "tree it may only restrict verity")
      ->check(CLI::ExistingFile);
  cmd.add_option("--trusted-config", f.trusted_config,
                 "A verity.yaml kept outside the checkout (e.g. from the base branch) that may "
                 "widen what verity does; the checkout's own verity.yaml is then not read")
      ->check(CLI::ExistingFile)
      ->envname("VERITY_TRUSTED_CONFIG");
  cmd.add_option("--limit", f.limits,
                 "Set a resource limit NAME=VALUE (repeatable), above what a verity.yaml in the "
                 "tree may ask for: " +
                     limit_list());
}

void add_report_flags(CLI::App& cmd, ReportFlags& f) {
  cmd.add_flag("--allow-empty", f.allow_empty,
               "Exit 0 when no document is found (by default that is exit 2: a gate that read "
               "nothing must not pass)");
  cmd.add_option("--format", f.format, "Report format on stdout or --output")
      ->check(CLI::IsMember(k_formats));
  cmd.add_option("-o,--output", f.output,
                 "Write the report to FILE (atomically) instead of stdout");
  cmd.add_option("--report", f.reports,
                 "Also write FORMAT=FILE (repeatable), e.g. sarif=verity.sarif, html=audit.html");
  cmd.add_option("--fail-on", f.fail_on, "Lowest severity that makes the exit code 1")
      ->check(CLI::IsMember({"error", "warning", "note"}));
  cmd.add_option("--baseline", f.baseline,
                 "An earlier JSON report: its findings are known and only new ones fail the run");
  cmd.add_flag("-q,--quiet", f.quiet, "Only errors on stderr; no text summary when clean");
  cmd.add_flag("-v,--verbose", f.verbose, "Debug logging on stderr");
  cmd.add_option("--color", f.color, "Colour in the text report")
      ->check(CLI::IsMember({"auto", "always", "never"}));
}

void add_network_flags(CLI::App& cmd, NetworkFlags& f) {
  cmd.add_flag(
      "--allow-private", f.allow_private,
      "Allow connections to private, loopback and link-local addresses (refused by default)");
  cmd.add_option(
      "--allow-address", f.allow_addresses,
      "Allow this one private address (repeatable), e.g. 127.0.0.1 for a local test server");
  cmd.add_option("--timeout", f.timeout,
                 "Seconds one network request may take (default 20; links.timeout)")
      ->check(CLI::Range(0.1, 600.0));
  cmd.add_option("--concurrency", f.concurrency,
                 "Network transfers at once, all hosts together (default 128)")
      ->check(CLI::Range(1u, 1024u));
  cmd.add_flag("--no-progress", f.no_progress,
               "No progress line on stderr (there is none when stderr is not a terminal)");
  cmd.add_option("--shard", f.shard,
                 "Check only shard K of N of the unique URLs (K/N, e.g. 2/4), by a stable hash; "
                 "merge the reports with `verity report merge`");
  cmd.add_option("--deadline", f.deadline,
                 "Time the whole run may take (90s, 10m, 2h; default 30m; 0 = none): URLs not "
                 "checked by then are link/unchecked, and the reports are written");
  cmd.add_option("--url-budget", f.url_budget,
                 "Time one URL may take with its retries, backoff, Retry-After waits and slow "
                 "answers (default: 90s, or twice --timeout if that is longer; 0 = none)");
}

namespace {

// A duration flag in seconds (90s, 10m, 2h, 1d, or plain seconds); UsageError when malformed.
std::int64_t duration_flag(const char* name, const std::string& text) {
  auto seconds = config::parse_duration_seconds(text);
  if (!seconds) {
    throw UsageError(std::string(name) + " expects a duration such as 90s, 10m or 2h; got '" +
                     text + "'");
  }
  return *seconds;
}

} // namespace

void init_logging(const ReportFlags& f) {
  util::init_logging(f.quiet     ? util::Verbosity::Quiet
                     : f.verbose ? util::Verbosity::Verbose
                                 : util::Verbosity::Normal);
}

void apply_config_flags(const ConfigFlags& f, CheckOptions& options) {
  options.config_file = f.config;
  options.trusted_config = f.trusted_config;
  const auto& names = config::limit_names();
  for (const auto& spec : f.limits) {
    size_t eq = spec.find('=');
    std::string name = spec.substr(0, eq);
    std::string value = eq == std::string::npos ? "" : spec.substr(eq + 1);
    std::uint64_t number = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (std::find(names.begin(), names.end(), name) == names.end() || value.empty() ||
        ec != std::errc() || end != value.data() + value.size() || number == 0) {
      throw UsageError("--limit expects NAME=VALUE with NAME one of " + limit_list() +
                       " and VALUE a positive integer; got '" + spec + "'");
    }
    options.limits[name] = number;
  }
}

void apply_network_flags(const NetworkFlags& f, CheckOptions& options) {
  options.allow_private = f.allow_private;
  options.allow_addresses = f.allow_addresses;
  if (f.timeout > 0) {
    options.timeout_seconds = f.timeout;
  }
  if (f.concurrency > 0) {
    options.concurrency = f.concurrency;
  }
  if (std::int64_t deadline = duration_flag("--deadline", f.deadline); deadline > 0) {
    options.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(deadline);
  }
  if (!f.url_budget.empty()) {
    options.url_budget_seconds = static_cast<double>(duration_flag("--url-budget", f.url_budget));
  }
  if (!f.shard.empty()) {
    unsigned k = 0, n = 0;
    char slash = 0, extra = 0;
    if (std::sscanf(f.shard.c_str(), "%u%c%u%c", &k, &slash, &n, &extra) != 3 || slash != '/' ||
        n == 0 || n > 1000 || k == 0 || k > n) {
      throw UsageError("--shard expects K/N with 1 <= K <= N <= 1000, e.g. 2/4; got '" + f.shard +
                       "'");
    }
    options.shard_index = k;
    options.shard_count = n;
  }
}

bool progress_wanted(const ReportFlags& report, const NetworkFlags& network) {
  return !network.no_progress && !report.quiet && ::isatty(STDERR_FILENO);
}

ReportPlan plan_reports(const ReportFlags& f) {
  ReportPlan plan;
  plan.targets.push_back({f.format, f.output});
  for (const auto& spec : f.reports) {
    size_t eq = spec.find('=');
    std::string format = eq == std::string::npos ? "" : spec.substr(0, eq);
    if (!report::parse_format(format) || eq + 1 >= spec.size()) {
      throw UsageError("--report expects FORMAT=FILE with FORMAT one of text, json, sarif, junit, "
                       "markdown, html; got '" +
                       spec + "'");
    }
    plan.targets.push_back({format, spec.substr(eq + 1)});
  }
  if (!f.baseline.empty()) {
    plan.baseline_keys = report::load_baseline_keys(f.baseline);
  }
  return plan;
}

namespace {

// What the run looked for, so that the user can see why it found nothing.
std::string empty_run_message(const CheckResult& result) {
  std::string m = "no document found under " + result.site_root.string() + " (profile " +
                  result.searched.profile + ": " + result.searched.profile_reason + "; ";
  if (result.searched.collections.empty()) {
    m += "no collection";
  }
  for (size_t i = 0; i < result.searched.collections.size(); ++i) {
    const auto& [name, globs] = result.searched.collections[i];
    m += (i ? "; " : "") + name + ":";
    for (const auto& g : globs) {
      m += " " + g;
    }
  }
  return m + "). Name the site's files under `collections:` in verity.yaml, or pass --allow-empty "
             "if an empty site is expected";
}

} // namespace

void require_documents(const CheckResult& result, bool allow_empty) {
  if (result.documents_loaded == 0 && !allow_empty) {
    throw UsageError(empty_run_message(result));
  }
}

ExitCode finish_run(const ReportFlags& f, const ReportPlan& plan, CheckResult& result) {
  if (plan.baseline_keys) {
    report::mark_baseline(result.findings, *plan.baseline_keys);
  }
  util::PhaseTimer phase;
  for (const auto& t : plan.targets) {
    report::Format format = *report::parse_format(t.format);
    bool to_stdout = t.destination.empty() || t.destination == "-";
    report::WriteOptions wo;
    wo.color = format == report::Format::Text && to_stdout &&
               (f.color == "always" || (f.color == "auto" && ::isatty(STDOUT_FILENO)));
    wo.quiet = f.quiet && to_stdout; // a report file is always whole
    if (f.quiet && to_stdout && format == report::Format::Text && result.findings.empty()) {
      continue;
    }
    emit(t.destination, report::write_report(format, result, wo));
    phase.mark("report " + t.format);
  }
  require_documents(result, f.allow_empty);
  Severity threshold = *parse_severity(f.fail_on);
  for (const auto& finding : result.findings) {
    if (finding.severity >= threshold && report::is_new(finding)) {
      return ExitCode::Findings;
    }
  }
  return ExitCode::Ok;
}

} // namespace verity::cli

// `verity check [PATH...]`: every enabled offline check, one or more reports, and the exit code.
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/progress.hpp"
#include "config/links_config.hpp"
#include "report/baseline.hpp"
#include "report/writers.hpp"
#include "util/logging.hpp"
#include "verity/check.hpp"

#include <memory>
#include <unistd.h>

namespace verity::cli {
namespace {

struct CheckFlags {
  std::vector<std::string> paths;
  std::string config;
  std::string format = "text";
  std::string output;
  std::vector<std::string> reports;
  std::string fail_on = "error";
  std::string changed_since;
  unsigned jobs = 0;
  bool quiet = false;
  bool verbose = false;
  std::string color = "auto";
  std::string keys;
  bool decrypt = false;
  bool insecure_key_perms = false;
  bool online = false;
  bool allow_private = false;
  std::vector<std::string> allow_addresses;
  double timeout = 0;
  unsigned concurrency = 0;
  std::string max_cache_age;
  bool no_cache = false;
  bool no_progress = false;
  std::string baseline;
};

ExitCode run_check_command(const CheckFlags& flags) {
  util::init_logging(flags.quiet     ? util::Verbosity::Quiet
                     : flags.verbose ? util::Verbosity::Verbose
                                     : util::Verbosity::Normal);
  struct Target {
    report::Format format;
    std::string destination;
  };
  std::vector<Target> targets;
  targets.push_back({*report::parse_format(flags.format), flags.output});
  for (const auto& spec : flags.reports) {
    size_t eq = spec.find('=');
    auto format = eq == std::string::npos ? std::nullopt : report::parse_format(spec.substr(0, eq));
    if (!format || eq + 1 >= spec.size()) {
      throw UsageError(
          "--report expects FORMAT=FILE with FORMAT one of text, json, sarif, junit; got '" + spec +
          "'");
    }
    targets.push_back({*format, spec.substr(eq + 1)});
  }

  CheckOptions options;
  for (const auto& p : flags.paths) {
    options.paths.emplace_back(p);
  }
  options.config_file = flags.config;
  if (!flags.changed_since.empty()) {
    options.changed_since = flags.changed_since;
  }
  options.jobs = flags.jobs;
  options.keys_dir = flags.keys;
  options.decrypt = flags.decrypt;
  options.insecure_key_perms = flags.insecure_key_perms;
  options.online = flags.online;
  options.allow_private = flags.allow_private;
  options.allow_addresses = flags.allow_addresses;
  if (flags.timeout > 0) {
    options.timeout_seconds = flags.timeout;
  }
  if (flags.concurrency > 0) {
    options.concurrency = flags.concurrency;
  }
  if (!flags.max_cache_age.empty()) {
    options.max_cache_age_seconds = config::parse_duration_seconds(flags.max_cache_age);
    if (!options.max_cache_age_seconds) {
      throw UsageError("--max-cache-age expects a duration such as 1d, 12h, 30m or 3600s; got '" +
                       flags.max_cache_age + "'");
    }
  }
  options.no_cache = flags.no_cache;
  std::set<std::string> baseline;
  if (!flags.baseline.empty()) {
    baseline = report::load_baseline_keys(flags.baseline); // before the run: fail fast
  }
  ProgressLine progress(!flags.no_progress && !flags.quiet && ::isatty(STDERR_FILENO), "links");
  options.link_progress = [&](size_t done, size_t total, size_t broken) {
    progress.update(done, total, broken);
  };
  CheckResult result = run_check(options);
  progress.finish(); // erased before any report reaches the terminal
  if (!flags.baseline.empty()) {
    report::mark_baseline(result.findings, baseline);
  }

  for (const auto& t : targets) {
    bool to_stdout = t.destination.empty() || t.destination == "-";
    report::WriteOptions wo;
    wo.color = t.format == report::Format::Text && to_stdout &&
               (flags.color == "always" || (flags.color == "auto" && ::isatty(STDOUT_FILENO)));
    if (flags.quiet && to_stdout && t.format == report::Format::Text && result.findings.empty()) {
      continue;
    }
    emit(t.destination, report::write_report(t.format, result, wo));
  }
  Severity threshold = *parse_severity(flags.fail_on);
  for (const auto& f : result.findings) {
    if (f.severity >= threshold && report::is_new(f)) {
      return ExitCode::Findings;
    }
  }
  return ExitCode::Ok;
}

} // namespace

Action add_check_command(CLI::App& app) {
  auto flags = std::make_shared<CheckFlags>();
  CLI::App* cmd = app.add_subcommand("check", "Check documents: front matter, schema rules, "
                                              "cross-document rules and local images (offline)");
  cmd->add_option("paths", flags->paths,
                  "Files or directories to report on (default: the site containing the current "
                  "directory); cross-document rules always see the whole site");
  cmd->add_option("--config", flags->config, "verity.yaml to use (default: found by walking up)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--format", flags->format, "Report format on stdout or --output")
      ->check(CLI::IsMember({"text", "json", "sarif", "junit"}));
  cmd->add_option("-o,--output", flags->output,
                  "Write the report to FILE (atomically) instead of stdout");
  cmd->add_option("--report", flags->reports,
                  "Also write FORMAT=FILE (repeatable), e.g. sarif=verity.sarif");
  cmd->add_option("--fail-on", flags->fail_on, "Lowest severity that makes the exit code 1")
      ->check(CLI::IsMember({"error", "warning", "note"}));
  cmd->add_option(
      "--changed-since", flags->changed_since,
      "Report only documents changed since this git revision (all, if the config changed)");
  cmd->add_option("-j,--jobs", flags->jobs, "Threads (default: one per core)")
      ->check(CLI::Range(1u, 1024u));
  cmd->add_flag("-q,--quiet", flags->quiet, "Only errors on stderr; no text summary when clean");
  cmd->add_flag("-v,--verbose", flags->verbose, "Debug logging on stderr");
  cmd->add_option("--color", flags->color, "Colour in the text report")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->add_option("--keys", flags->keys, "Directory of typed key files (default: $VERITY_KEYS)")
      ->envname("VERITY_KEYS");
  cmd->add_flag(
      "--decrypt", flags->decrypt,
      "Open v2 blobs and pinned legacy blobs with the keys (trusted CI only); plaintext is "
      "never printed");
  cmd->add_flag("--insecure-key-perms", flags->insecure_key_perms,
                "Accept secret key files readable by others (containers with 0777 bind mounts), "
                "with a warning");
  cmd->add_flag(
      "--online", flags->online,
      "Also check links and remote images over the network; same as `network: true`");
  cmd->add_flag(
      "--allow-private", flags->allow_private,
      "Allow connections to private, loopback and link-local addresses (refused by default)");
  cmd->add_option(
      "--allow-address", flags->allow_addresses,
      "Allow this one private address (repeatable), e.g. 127.0.0.1 for a local test server");
  cmd->add_option("--timeout", flags->timeout,
                  "Seconds one network request may take (default 20; links.timeout)")
      ->check(CLI::Range(0.1, 600.0));
  cmd->add_option("--concurrency", flags->concurrency,
                  "Network transfers at once, all hosts together (default 128)")
      ->check(CLI::Range(1u, 1024u));
  cmd->add_option("--max-cache-age", flags->max_cache_age,
                  "Reuse working links checked within this time: 1d, 12h, 30m, 0 (default 1d)");
  cmd->add_flag("--no-cache", flags->no_cache,
                "Neither read nor write the link cache (.verity/cache.sqlite)");
  cmd->add_flag("--no-progress", flags->no_progress,
                "No progress line on stderr (there is none when stderr is not a terminal)");
  cmd->add_option("--baseline", flags->baseline,
                  "An earlier JSON report: its findings are known and only new ones fail the run");
  return [flags] { return run_check_command(*flags); };
}

} // namespace verity::cli

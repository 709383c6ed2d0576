// `verity check [PATH...]`: every enabled check, one or more reports, and the exit code.
#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "cli/run_flags.hpp"
#include "config/links_config.hpp"
#include "verity/check.hpp"

#include <memory>

namespace verity::cli {
namespace {

struct CheckFlags {
  std::vector<std::string> paths;
  ConfigFlags config;
  std::string changed_since;
  unsigned jobs = 0;
  std::string keys;
  bool decrypt = false;
  std::string pins_from;
  bool insecure_key_perms = false;
  bool online = false;
  std::string max_cache_age;
  bool no_cache = false;
  ReportFlags report;
  NetworkFlags network;
};

ExitCode run_check_command(const CheckFlags& flags) {
  init_logging(flags.report);
  ReportPlan plan = plan_reports(flags.report);
  CheckOptions options;
  for (const auto& p : flags.paths) {
    options.paths.emplace_back(p);
  }
  apply_config_flags(flags.config, options);
  if (!flags.changed_since.empty()) {
    options.changed_since = flags.changed_since;
  }
  options.jobs = flags.jobs;
  options.keys_dir = flags.keys;
  options.decrypt = flags.decrypt;
  if (!flags.pins_from.empty()) {
    options.pins_from = flags.pins_from;
  }
  options.insecure_key_perms = flags.insecure_key_perms;
  options.online = flags.online;
  apply_network_flags(flags.network, options);
  if (!flags.max_cache_age.empty()) {
    options.max_cache_age_seconds = config::parse_duration_seconds(flags.max_cache_age);
    if (!options.max_cache_age_seconds) {
      throw UsageError("--max-cache-age expects a duration such as 1d, 12h, 30m or 3600s; got '" +
                       flags.max_cache_age + "'");
    }
  }
  options.no_cache = flags.no_cache;
  ProgressLine progress(progress_wanted(flags.report, flags.network), "links");
  options.link_progress = [&](size_t done, size_t total, size_t broken) {
    progress.update(done, total, broken);
  };
  CheckResult result = run_check(options);
  progress.finish(); // erased before any report reaches the terminal
  return finish_run(flags.report, plan, result);
}

} // namespace

Action add_check_command(CLI::App& app) {
  auto flags = std::make_shared<CheckFlags>();
  CLI::App* cmd = app.add_subcommand("check", "Check documents: front matter, schema rules, "
                                              "cross-document rules, images, secured fields, "
                                              "and with --online links and remote images");
  cmd->add_option("paths", flags->paths,
                  "Files or directories to report on (default: the site containing the current "
                  "directory); cross-document rules always see the whole site");
  add_config_flags(*cmd, flags->config);
  cmd->add_option(
      "--changed-since", flags->changed_since,
      "Report only documents changed since this git revision (all, if the config changed)");
  cmd->add_option("-j,--jobs", flags->jobs, "Threads (default: one per core)")
      ->check(CLI::Range(1u, 1024u));
  cmd->add_option("--keys", flags->keys, "Directory of typed key files (default: $VERITY_KEYS)")
      ->envname("VERITY_KEYS");
  cmd->add_flag(
      "--decrypt", flags->decrypt,
      "Open v2 blobs and pinned legacy blobs with the keys (trusted CI only); plaintext is "
      "never printed");
  cmd->add_option("--pins-from", flags->pins_from,
                  "Trust only the legacy pins (secured.lock) committed at this git revision, e.g. "
                  "the base branch of a pull request, not the working tree's");
  cmd->add_flag("--insecure-key-perms", flags->insecure_key_perms,
                "Accept secret key files readable by others (containers with 0777 bind mounts), "
                "with a warning");
  cmd->add_flag("--online", flags->online,
                "Also check links and remote images over the network; same as `network: true`");
  cmd->add_option("--max-cache-age", flags->max_cache_age,
                  "Reuse working links checked within this time: 1d, 12h, 30m, 0 (default 1d)");
  cmd->add_flag("--no-cache", flags->no_cache,
                "Neither read nor write the link cache (kept in the user cache directory)");
  add_report_flags(*cmd, flags->report);
  add_network_flags(*cmd, flags->network);
  return [flags] { return run_check_command(*flags); };
}

} // namespace verity::cli

// `verity linkrot [PATH]`: a scheduled link-rot run recorded in the history database, and
// `verity linkrot prune --keep-days D`.
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/progress.hpp"
#include "cli/run_flags.hpp"
#include "util/datetime.hpp"
#include "verity/linkrot.hpp"

#include <memory>

namespace verity::cli {
namespace {

struct LinkrotFlags {
  std::vector<std::string> paths;
  ConfigFlags config;
  std::string history;
  unsigned jobs = 0;
  int failures_to_broken = 0;
  int keep_days = 0;
  std::string run_time;
  ReportFlags report;
  NetworkFlags network;
};

LinkrotOptions options_from(const LinkrotFlags& flags) {
  LinkrotOptions options;
  for (const auto& p : flags.paths) {
    options.check.paths.emplace_back(p);
  }
  apply_config_flags(flags.config, options.check);
  options.check.jobs = flags.jobs;
  options.check.online = true;
  options.history_file = flags.history;
  if (flags.failures_to_broken > 0) {
    options.failures_to_broken = flags.failures_to_broken;
  }
  if (!flags.run_time.empty()) {
    options.run_time = util::parse_rfc3339(flags.run_time);
    if (!options.run_time) {
      throw UsageError("--run-time expects an RFC 3339 date-time such as 2026-11-30T02:00:00Z; "
                       "got '" +
                       flags.run_time + "'");
    }
  }
  return options;
}

ExitCode run_linkrot_command(const LinkrotFlags& flags) {
  init_logging(flags.report);
  ReportPlan plan = plan_reports(flags.report);
  LinkrotOptions options = options_from(flags);
  apply_network_flags(flags.network, options.check);
  ProgressLine progress(progress_wanted(flags.report, flags.network), "links");
  options.check.link_progress = [&](size_t done, size_t total, size_t broken) {
    progress.update(done, total, broken);
  };
  CheckResult result = run_linkrot(options);
  progress.finish();
  return finish_run(flags.report, plan, result);
}

} // namespace

Action add_linkrot_command(CLI::App& app) {
  auto flags = std::make_shared<LinkrotFlags>();
  CLI::App* cmd = app.add_subcommand(
      "linkrot", "Scheduled link-rot run: check every link afresh, record the results in the "
                 "history, and report each link's state across runs (only `broken` fails)");
  cmd->add_option("paths", flags->paths, "The site, or documents in it (default: current site)");
  add_config_flags(*cmd, flags->config);
  cmd->add_option("--history", flags->history,
                  "History database (default: .verity/history.sqlite under the site root)");
  cmd->add_option("-j,--jobs", flags->jobs, "Threads reading documents (default: one per core)")
      ->check(CLI::Range(1u, 1024u));
  cmd->add_option("--failures-to-broken", flags->failures_to_broken,
                  "Consecutive failing runs before a link is broken (default 3)")
      ->check(CLI::Range(1, 100));
  cmd->add_option("--run-time", flags->run_time,
                  "Record the run as started at this RFC 3339 time (backfilling a history)");
  add_report_flags(*cmd, flags->report);
  add_network_flags(*cmd, flags->network);
  CLI::App* prune = cmd->add_subcommand("prune", "Delete runs older than --keep-days days");
  prune->add_option("--keep-days", flags->keep_days, "Days of runs to keep")
      ->required()
      ->check(CLI::Range(0, 100000));
  prune->add_option("--history", flags->history, "History database (default: as for linkrot)");
  add_config_flags(*prune, flags->config);
  return [flags, prune] {
    if (prune->parsed()) {
      size_t deleted = prune_linkrot(options_from(*flags), flags->keep_days);
      emit("-", "deleted " + std::to_string(deleted) + " run" + (deleted == 1 ? "" : "s") +
                    " older than " + std::to_string(flags->keep_days) + " days\n");
      return ExitCode::Ok;
    }
    return run_linkrot_command(*flags);
  };
}

} // namespace verity::cli

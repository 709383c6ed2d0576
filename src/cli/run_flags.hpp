// Flags shared by the commands that run checks (`check`, `linkrot`): where reports go and what
// fails the run, and how the network is used. Each group is added to a CLI11 subcommand, then
// applied: the report group writes every report and decides the exit code.
#pragma once

#include "cli/exit_code.hpp"
#include "verity/check.hpp"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace verity::cli {

struct ReportFlags {
  std::string format = "text";
  std::string output;
  std::vector<std::string> reports; // FORMAT=FILE
  std::string fail_on = "error";
  bool quiet = false;
  bool verbose = false;
  std::string color = "auto";
  std::string baseline;
  bool allow_empty = false; // a run that finds no document is exit 0, not 2
};

struct NetworkFlags {
  bool allow_private = false;
  std::vector<std::string> allow_addresses;
  double timeout = 0;
  unsigned concurrency = 0;
  bool no_progress = false;
  std::string shard;            // K/N
  std::string deadline = "30m"; // the whole network run; 0 = none
  std::string url_budget;       // per URL; "" = max(90 s, 2 x --timeout)
};

// Where the configuration comes from, and the limits the command line raises.
struct ConfigFlags {
  std::string config;
  std::string trusted_config;
  std::vector<std::string> limits; // NAME=VALUE
};

void add_config_flags(CLI::App& cmd, ConfigFlags& flags);
void add_report_flags(CLI::App& cmd, ReportFlags& flags);
void add_network_flags(CLI::App& cmd, NetworkFlags& flags);

// Sets up logging as the flags say (call first).
void init_logging(const ReportFlags& flags);

// Copies the config flags into `options`; throws UsageError for a malformed --limit.
void apply_config_flags(const ConfigFlags& flags, CheckOptions& options);

// Copies the network flags into `options`; throws UsageError for a malformed --shard.
void apply_network_flags(const NetworkFlags& flags, CheckOptions& options);

// True when a progress line may be drawn: stderr is a terminal, and neither --no-progress nor
// --quiet was given.
bool progress_wanted(const ReportFlags& report, const NetworkFlags& network);

// Checks the --report specs and reads --baseline before the run, so that a mistake costs no
// network time.
struct ReportPlan {
  struct Target {
    std::string format;
    std::string destination; // "" or "-" = stdout
  };
  std::vector<Target> targets;
  std::optional<std::set<std::string>> baseline_keys;
};
ReportPlan plan_reports(const ReportFlags& flags);

// Marks baseline findings, writes every report, and returns the exit code.
ExitCode finish_run(const ReportFlags& flags, const ReportPlan& plan, CheckResult& result);

// A run that found no document is a usage error (exit 2) saying what it looked for, unless
// `allow_empty`: never a silent pass.
void require_documents(const CheckResult& result, bool allow_empty);

} // namespace verity::cli

// One function per subcommand, registered with CLI11 by cli.cpp.
#pragma once

#include "cli/exit_code.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>

namespace verity::cli {

// Adds a subcommand to `app` and returns the action that runs it after parsing.
using Action = std::function<ExitCode()>;

Action add_check_command(CLI::App& app);
Action add_fix_command(CLI::App& app);
Action add_linkrot_command(CLI::App& app);
Action add_config_command(CLI::App& app);
Action add_rules_command(CLI::App& app);
Action add_report_command(CLI::App& app);
Action add_secured_command(CLI::App& app);
Action add_site_command(CLI::App& app);
Action add_schema_command(CLI::App& app);
Action add_init_command(CLI::App& app);
// These two read the whole command table of `app` (the root) when they run.
Action add_completions_command(CLI::App& app);
Action add_manpage_command(CLI::App& app);

} // namespace verity::cli

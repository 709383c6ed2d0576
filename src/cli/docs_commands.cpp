// `verity completions bash|zsh|fish` and `verity manpage`: written from the command table that
// `--help` prints, so they list exactly the commands and flags this binary has.
#include "cli/command_table.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "verity/version.hpp"

#include <memory>

namespace verity::cli {

Action add_completions_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand(
      "completions", "Print a shell completion script (bash: source it, or save it as "
                     "/usr/share/bash-completion/completions/verity)");
  auto shell = std::make_shared<std::string>();
  cmd->add_option("shell", *shell, "bash, zsh or fish")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish"}));
  const CLI::App* root = &app; // lives as long as the run
  return [root, shell] {
    CommandInfo table = describe_commands(*root);
    emit("-", *shell == "bash"  ? bash_completion(table)
              : *shell == "zsh" ? zsh_completion(table)
                                : fish_completion(table));
    return ExitCode::Ok;
  };
}

Action add_manpage_command(CLI::App& app) {
  app.add_subcommand("manpage", "Print the verity(1) man page (roff)");
  const CLI::App* root = &app;
  return [root] {
    emit("-", man_page(describe_commands(*root), std::string(version())));
    return ExitCode::Ok;
  };
}

} // namespace verity::cli

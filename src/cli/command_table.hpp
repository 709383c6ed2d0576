// verity's commands and flags as plain data, read from the same CLI11 definitions `--help` prints,
// so that the shell completions and the man page generated from it cannot drift from the binary.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace verity::cli {

struct FlagInfo {
  std::vector<std::string> names; // "-j", "--jobs"; a positional's own name ("paths")
  std::string description;
  bool takes_value = false;
  bool positional = false;
  std::vector<std::string> choices; // from CLI::IsMember, when the flag has one
  bool files = false;               // the value is a path (complete file names)
};

struct CommandInfo {
  std::string name; // "verity", "check", "infer"
  std::string description;
  std::vector<FlagInfo> flags;
  std::vector<CommandInfo> subcommands;
};

// The tree under `app` (help flags included, hidden ones left out).
CommandInfo describe_commands(const CLI::App& app);

// Each command's path from the root ("verity schema infer"), depth first, the root first.
std::vector<std::pair<std::string, const CommandInfo*>> command_paths(const CommandInfo& root);

std::string bash_completion(const CommandInfo& root);
std::string zsh_completion(const CommandInfo& root);
std::string fish_completion(const CommandInfo& root);
std::string man_page(const CommandInfo& root, const std::string& version);

} // namespace verity::cli

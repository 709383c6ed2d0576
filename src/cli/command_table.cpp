#include "cli/command_table.hpp"

namespace verity::cli {
namespace {

// CLI11 writes a choice list into the type name: "TEXT:{text,json}" or "{error,warning,note}".
std::vector<std::string> choices_of(const std::string& type_name) {
  std::vector<std::string> out;
  size_t open = type_name.find('{');
  size_t close = type_name.rfind('}');
  if (open == std::string::npos || close == std::string::npos || close < open) {
    return out;
  }
  std::string list = type_name.substr(open + 1, close - open - 1);
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    std::string item = list.substr(start, comma == std::string::npos ? comma : comma - start);
    while (!item.empty() && item.front() == ' ') {
      item.erase(0, 1);
    }
    if (!item.empty()) {
      out.push_back(item);
    }
    if (comma == std::string::npos) {
      break;
    }
    start = comma + 1;
  }
  return out;
}

// Flags whose value is a file or folder: the shells complete file names there.
bool names_a_path(const std::string& name) {
  for (const char* path_flag :
       {"config", "trusted-config", "output", "out", "out-dir", "keys", "baseline", "report",
        "history", "input", "site", "path", "paths"}) {
    if (name == path_flag) {
      return true;
    }
  }
  return false;
}

} // namespace

CommandInfo describe_commands(const CLI::App& app) {
  CommandInfo c;
  c.name = app.get_name();
  c.description = app.get_description();
  for (const CLI::Option* o : app.get_options()) {
    if (o->get_group().empty()) {
      continue; // hidden
    }
    FlagInfo f;
    for (const auto& s : o->get_snames()) {
      f.names.push_back("-" + s);
    }
    for (const auto& l : o->get_lnames()) {
      f.names.push_back("--" + l);
    }
    f.positional = f.names.empty();
    if (f.positional) {
      f.names.push_back(o->get_name());
    }
    f.description = o->get_description();
    f.takes_value = o->get_expected_min() > 0 || f.positional;
    if (f.takes_value) {
      f.choices = choices_of(o->get_type_name());
      std::string name = o->get_lnames().empty() ? o->get_name() : o->get_lnames().front();
      f.files = f.choices.empty() && names_a_path(name);
    }
    c.flags.push_back(std::move(f));
  }
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (sub->get_group().empty()) {
      continue;
    }
    c.subcommands.push_back(describe_commands(*sub));
  }
  return c;
}

std::vector<std::pair<std::string, const CommandInfo*>> command_paths(const CommandInfo& root) {
  std::vector<std::pair<std::string, const CommandInfo*>> out;
  std::vector<std::pair<std::string, const CommandInfo*>> stack{{root.name, &root}};
  while (!stack.empty()) {
    auto [path, c] = stack.back();
    stack.pop_back();
    out.emplace_back(path, c);
    for (auto it = c->subcommands.rbegin(); it != c->subcommands.rend(); ++it) {
      stack.emplace_back(path + " " + it->name, &*it);
    }
  }
  return out;
}

} // namespace verity::cli

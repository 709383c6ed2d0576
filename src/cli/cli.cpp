#include "cli/cli.hpp"

#include "cli/commands.hpp"
#include "cli/version_text.hpp"
#include "config/config.hpp"
#include "crypto/keyfile.hpp"
#include "net/curl_handles.hpp"
#include "util/logging.hpp"
#include "util/printable.hpp"
#include "verity/check.hpp"
#include "verity/version.hpp"

#include <iostream>
#include <map>

namespace verity::cli {

int run(int argc, char** argv) {
  net::CurlGlobal curl; // before any thread starts
  CLI::App app{"verity: checks Markdown collections with YAML front matter (schema, secured "
               "fields, images, links)",
               "verity"};
  app.set_version_flag("--version", [] {
    std::string text = version_text();
    text.pop_back(); // CLI11 ends the line itself
    return text;
  });
  app.require_subcommand(1);
  std::map<CLI::App*, Action> actions;
  auto add = [&](Action (*adder)(CLI::App&)) {
    size_t before = app.get_subcommands({}).size();
    Action action = adder(app);
    auto subs = app.get_subcommands({});
    if (subs.size() > before) {
      actions[subs.back()] = std::move(action);
    }
  };
  add(add_check_command);
  add(add_fix_command);
  add(add_linkrot_command);
  add(add_config_command);
  add(add_rules_command);
  add(add_report_command);
  add(add_secured_command);
  add(add_site_command);
  add(add_schema_command);
  add(add_init_command);
  add(add_completions_command);
  add(add_manpage_command);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return static_cast<int>(ExitCode::UsageError);
  }
  try {
    for (auto* sub : app.get_subcommands()) {
      auto it = actions.find(sub);
      if (it != actions.end()) {
        return static_cast<int>(it->second());
      }
    }
    return static_cast<int>(ExitCode::UsageError);
  } catch (const config::ConfigError& e) {
    for (const auto& m : e.messages()) {
      std::cerr << "verity: error: " << util::printable(m) << "\n";
    }
    return static_cast<int>(ExitCode::UsageError);
  } catch (const crypto::KeyError& e) {
    std::cerr << "verity: error: " << util::printable(e.what()) << "\n";
    return static_cast<int>(ExitCode::UsageError);
  } catch (const UsageError& e) {
    std::cerr << "verity: error: " << util::printable(e.what()) << "\n";
    return static_cast<int>(ExitCode::UsageError);
  } catch (const RunError& e) {
    std::cerr << "verity: error: " << util::printable(e.what()) << "\n";
    return static_cast<int>(ExitCode::RunFailed);
  } catch (const std::exception& e) {
    std::cerr << "verity: internal error: " << util::printable(e.what()) << "\n";
    return static_cast<int>(ExitCode::RunFailed);
  }
}

} // namespace verity::cli

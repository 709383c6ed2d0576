// `verity site [PATH] [--format text|json]`: the Jekyll site model of PATH, each file with its
// URL and output path, or why Jekyll does not output it. Exit 1 when _config.yml has problems
// or a file would stop `jekyll build`.
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "engine/site_table.hpp"
#include "verity/check.hpp"

#include <filesystem>
#include <memory>

namespace verity::cli {
namespace {

struct SiteFlags {
  std::string path = ".";
  std::string format = "text";
};

ExitCode run_site_command(const SiteFlags& flags) {
  std::error_code ec;
  if (!std::filesystem::is_directory(flags.path, ec)) {
    throw UsageError(flags.path + " is not a folder");
  }
  engine::SiteTable table =
      engine::build_site_table(flags.path, flags.format == "json" ? engine::SiteTableFormat::Json
                                                                  : engine::SiteTableFormat::Text);
  emit("-", table.rendered);
  return table.problems > 0 ? ExitCode::Findings : ExitCode::Ok;
}

} // namespace

Action add_site_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand(
      "site", "Print the Jekyll site model: each file's URL and output path, or why it is not "
              "output");
  auto flags = std::make_shared<SiteFlags>();
  cmd->add_option("path", flags->path, "Site root (default: .)");
  cmd->add_option("--format", flags->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
  return [flags] { return run_site_command(*flags); };
}

} // namespace verity::cli

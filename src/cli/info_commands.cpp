// Commands that print what verity knows: the config schema, the built-in defaults, the rule
// catalogue and the JSON report schema.
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "config/config.hpp"
#include "config/embedded.hpp"
#include "report/baseline.hpp"
#include "report/merge.hpp"
#include "report/rule_listing.hpp"
#include "report/writers.hpp"
#include "util/file.hpp"
#include "verity/check.hpp"

#include <filesystem>
#include <memory>

namespace verity::cli {
namespace fs = std::filesystem;

Action add_config_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand("config", "Inspect verity's configuration");
  cmd->require_subcommand(1);
  CLI::App* schema = cmd->add_subcommand("schema", "Print the JSON Schema of verity.yaml");
  CLI::App* defaults = cmd->add_subcommand(
      "defaults",
      "Write the built-in verity.yaml and schemas into DIR, to start a custom configuration");
  auto dir = std::make_shared<std::string>();
  defaults->add_option("dir", *dir, "Target directory (created if needed)")->required();
  return [schema, defaults, dir] {
    if (schema->parsed()) {
      emit("-", config::config_schema().dump(2) + "\n");
      return ExitCode::Ok;
    }
    if (defaults->parsed()) {
      fs::path root(*dir);
      std::error_code ec;
      fs::create_directories(root / "schemas", ec);
      if (ec) {
        throw RunError("cannot create " + (root / "schemas").string() + ": " + ec.message());
      }
      for (const auto& f : embedded::files()) {
        std::string path(f.path);
        const bool profile = path.find("/profiles/smartable.yaml") != std::string::npos;
        if (path.find("/defaults/") == std::string::npos && !profile) {
          continue;
        }
        std::string name = profile ? "verity.yaml" : fs::path(path).filename().string();
        std::string content(f.content);
        fs::path target = profile ? root / name : root / "schemas" / name;
        if (profile) {
          // The copy names its schemas as files; it still extends the Jekyll profile.
          const std::string from = "schema: builtin:", to = "schema: schemas/";
          for (size_t at; (at = content.find(from)) != std::string::npos;) {
            content.replace(at, from.size(), to);
          }
        }
        if (fs::exists(target, ec)) {
          throw UsageError(target.string() + " exists: not overwritten");
        }
        util::write_file_atomic(target, content);
      }
      emit("-",
           "wrote " + (root / "verity.yaml").string() + " and " + (root / "schemas").string() +
               "/ (schemas refer to definitions in common.schema.yaml: copy those you use into "
               "each schema's definitions)\n");
      return ExitCode::Ok;
    }
    return ExitCode::UsageError;
  };
}

Action add_rules_command(CLI::App& app) {
  CLI::App* cmd =
      app.add_subcommand("rules", "List every rule id with its default severity and meaning");
  auto format = std::make_shared<std::string>("text");
  cmd->add_option("--format", *format, "text (one line per rule), json, or markdown (a table)")
      ->check(CLI::IsMember({"text", "json", "markdown"}));
  return [format] {
    emit("-", report::list_rules(*report::parse_rule_list_format(*format)));
    return ExitCode::Ok;
  };
}

Action add_report_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand("report", "Work with verity reports");
  cmd->require_subcommand(1);
  CLI::App* schema = cmd->add_subcommand("schema", "Print the JSON Schema of the JSON report");
  struct MergeFlags {
    std::vector<std::string> inputs;
    std::string format = "json";
    std::string output;
    std::string fail_on = "error";
  };
  auto merge_flags = std::make_shared<MergeFlags>();
  CLI::App* merge = cmd->add_subcommand(
      "merge", "Merge the JSON reports of sharded runs (--shard K/N) into one report");
  merge->add_option("reports", merge_flags->inputs, "JSON reports, one per shard")
      ->required()
      ->check(CLI::ExistingFile);
  merge->add_option("--format", merge_flags->format, "Merged report format")
      ->check(CLI::IsMember({"json", "sarif", "markdown"}));
  merge->add_option("-o,--output", merge_flags->output, "Write to FILE (atomically)");
  merge->add_option("--fail-on", merge_flags->fail_on, "Lowest severity that makes the exit code 1")
      ->check(CLI::IsMember({"error", "warning", "note"}));
  return [schema, merge, merge_flags] {
    if (schema->parsed()) {
      emit("-", std::string(report::json_report_schema()));
      return ExitCode::Ok;
    }
    if (merge->parsed()) {
      std::vector<fs::path> inputs(merge_flags->inputs.begin(), merge_flags->inputs.end());
      size_t documents = 0;
      CheckResult merged = report::merge_reports(inputs, documents);
      // JSON reports count their documents without listing them; the writers offered here
      // only count them too.
      merged.documents.resize(documents);
      emit(merge_flags->output,
           report::write_report(*report::parse_format(merge_flags->format), merged));
      Severity threshold = *parse_severity(merge_flags->fail_on);
      for (const auto& f : merged.findings) {
        if (f.severity >= threshold && report::is_new(f)) {
          return ExitCode::Findings;
        }
      }
      return ExitCode::Ok;
    }
    return ExitCode::UsageError;
  };
}

} // namespace verity::cli

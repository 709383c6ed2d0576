// `verity schema infer [COLLECTION|GLOB...]`: a JSON Schema (draft-07, in YAML) learnt from each
// collection's documents, with the evidence beside every property; `--explain` lists instead
// the documents that break what their siblings do. Exit 1 when --explain lists any.
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/run_flags.hpp"
#include "cli/schema_render.hpp"
#include "engine/infer_site.hpp"
#include "engine/site.hpp"
#include "util/file.hpp"
#include "util/logging.hpp"
#include "verity/check.hpp"

#include <filesystem>
#include <memory>
#include <set>

namespace verity::cli {
namespace {

struct InferFlags {
  std::vector<std::string> selectors;
  std::string site = ".";
  ConfigFlags config;
  double required_ratio = 1.0;
  size_t enum_max = 10;
  bool strict = false;
  bool explain = false;
  std::string format = "text";
  std::string out_dir;
  bool force = false;
  unsigned jobs = 0;
  bool verbose = false;
};

ExitCode run_infer(const InferFlags& flags) {
  util::init_logging(flags.verbose ? util::Verbosity::Verbose : util::Verbosity::Normal);
  std::error_code ec;
  if (!std::filesystem::is_directory(flags.site, ec)) {
    throw UsageError(flags.site + " is not a folder");
  }
  CheckOptions options;
  apply_config_flags(flags.config, options);
  config::Config cfg = engine::open_site(
      {flags.site}, {options.config_file, options.trusted_config, options.limits});
  engine::InferRequest request;
  request.selectors = flags.selectors;
  request.schema.required_ratio = flags.required_ratio;
  request.schema.enum_max = flags.enum_max;
  request.schema.strict = flags.strict;
  request.outliers = flags.explain || flags.format == "json";
  request.jobs = flags.jobs;
  std::vector<engine::InferredCollection> inferred = engine::infer_site(cfg, request);

  size_t outliers = 0;
  for (const auto& c : inferred) {
    outliers += c.outliers.size();
  }
  if (flags.format == "json") {
    emit("-", inferred_json(inferred, request.schema) + "\n");
  } else if (flags.explain) {
    emit("-", outliers_text(inferred));
  } else if (!flags.out_dir.empty()) {
    std::filesystem::create_directories(flags.out_dir, ec);
    std::string written;
    std::set<std::string> taken; // two names may map to one file name: never over each other
    for (const auto& c : inferred) {
      if (c.documents == 0) {
        continue;
      }
      std::string file = engine::unique_schema_file_name(c.name, taken);
      std::filesystem::path target = std::filesystem::path(flags.out_dir) / file;
      if (!flags.force && std::filesystem::symlink_status(target, ec).type() !=
                              std::filesystem::file_type::not_found) {
        throw UsageError(target.string() + " exists: schema infer never overwrites a file; "
                                           "--force replaces it");
      }
      util::write_file_atomic(target, engine::schema_file_text(c, request.schema, file));
      written += "wrote " + target.string() + " (" + std::to_string(c.documents) + " documents)\n";
    }
    emit("-", written);
  } else {
    std::string out;
    std::set<std::string> taken;
    for (const auto& c : inferred) {
      out += (out.empty() ? "" : "---\n") +
             engine::schema_file_text(c, request.schema,
                                      engine::unique_schema_file_name(c.name, taken));
    }
    emit("-", out);
  }
  return flags.explain && outliers > 0 ? ExitCode::Findings : ExitCode::Ok;
}

} // namespace

Action add_schema_command(CLI::App& app) {
  CLI::App* schema = app.add_subcommand("schema", "Learn JSON Schemas from a site's documents");
  schema->require_subcommand(1);
  CLI::App* cmd = schema->add_subcommand(
      "infer", "Print a JSON Schema (draft-07, YAML) learnt from each collection's documents, "
               "with the evidence for every property; --explain lists the outliers instead");
  auto flags = std::make_shared<InferFlags>();
  cmd->add_option("selectors", flags->selectors,
                  "Collection names, or globs of site-relative paths (default: every collection)");
  cmd->add_option("--site", flags->site, "Site root (default: .)");
  add_config_flags(*cmd, flags->config);
  cmd->add_option("--required-ratio", flags->required_ratio,
                  "Required: present in at least this share of the documents (default 1: in "
                  "every one, so the schema validates them all)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--enum-max", flags->enum_max,
                  "Most distinct strings a property may take to become an enum; each must occur "
                  "3 times on average (default 10; 0 = no enums)")
      ->check(CLI::Range(0, 1000));
  cmd->add_flag("--strict", flags->strict,
                "additionalProperties: false on every object (default: left open)");
  cmd->add_flag("--explain", flags->explain,
                "List the documents that break what their siblings do (missing property, other "
                "type, other kind of string, likely misspelt name), with file:line:col");
  cmd->add_option("--format", flags->format, "text (YAML schema, or outliers) or json (both)")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--out-dir", flags->out_dir,
                  "Write each schema to DIR/NAME.schema.yaml instead of stdout");
  cmd->add_flag("--force", flags->force, "With --out-dir: replace existing files");
  cmd->add_option("-j,--jobs", flags->jobs, "Threads reading documents (default: one per core)");
  cmd->add_flag("-v,--verbose", flags->verbose, "Debug logging on stderr");
  return [flags] { return run_infer(*flags); };
}

} // namespace verity::cli

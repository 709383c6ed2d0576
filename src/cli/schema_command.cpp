// `verity schema infer [COLLECTION|GLOB...]`: a JSON Schema (draft-07, in YAML) learnt from each
// collection's documents, with the evidence beside every property; `--explain` lists instead
// the documents that break what their siblings do. Exit 1 when --explain lists any.
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/run_flags.hpp"
#include "cli/schema_render.hpp"
#include "engine/infer_site.hpp"
#include "engine/site.hpp"
#include "util/confine.hpp"
#include "util/file.hpp"
#include "util/logging.hpp"
#include "verity/check.hpp"

#include <spdlog/spdlog.h>

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
  if (!flags.out_dir.empty() && (flags.explain || flags.format == "json")) {
    throw UsageError("--out-dir writes schema files: with --explain or --format json the report "
                     "goes to stdout, so leave --out-dir out (or redirect stdout)");
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
    for (const auto& note : c.notes) {
      spdlog::warn("collection {}: {}", c.name, note); // stderr, made printable by the logger
    }
  }
  if (flags.format == "json") {
    emit("-", inferred_json(inferred, request.schema) + "\n");
  } else if (flags.explain) {
    emit("-", outliers_text(inferred));
  } else if (!flags.out_dir.empty()) {
    if (std::filesystem::exists(flags.out_dir, ec) &&
        !std::filesystem::is_directory(flags.out_dir, ec)) {
      throw UsageError("--out-dir " + flags.out_dir + " is not a folder");
    }
    // A folder inside the site is the checkout's to shape: a linked `schemas/` there must not
    // send the files elsewhere. A folder outside the site is the user's own explicit choice.
    if (util::relative_within(cfg.site_root, flags.out_dir) &&
        !util::resolve_writable_inside(cfg.site_root, cfg.real_site_root,
                                       std::filesystem::absolute(flags.out_dir))) {
      throw UsageError("--out-dir " + flags.out_dir +
                       " is inside the site but leads out of it (a symbolic link on the way): "
                       "schema infer writes inside the site only through real folders");
    }
    std::filesystem::create_directories(flags.out_dir, ec);
    if (!std::filesystem::is_directory(flags.out_dir, ec)) {
      throw UsageError("--out-dir " + flags.out_dir + " is not a folder and cannot be made one" +
                       (ec ? ": " + ec.message() : std::string()));
    }
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
      try {
        util::write_file_atomic(target, engine::schema_file_text(c, request.schema, file));
      } catch (const std::runtime_error& e) {
        throw RunError(std::string(e.what()) + " (schemas written before it are kept)");
      }
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

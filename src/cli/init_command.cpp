// `verity init [PATH]`: writes verity.yaml (extending the detected profile) and an inferred
// schema per collection under schemas/, then runs `verity check` once and prints what it found.
// Never overwrites: --force shows the diff of every file it would replace, then replaces it.
// Exit 0 once the files are written, whatever the check found (its report says that).
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "engine/init_site.hpp"
#include "fix/unified_diff.hpp"
#include "report/writers.hpp"
#include "util/logging.hpp"
#include "util/printable.hpp"
#include "verity/check.hpp"

#include <memory>

namespace verity::cli {
namespace {

struct InitFlags {
  std::string path = ".";
  bool force = false;
  bool no_check = false;
  double required_ratio = 1.0;
  size_t enum_max = 10;
  bool strict = false;
  unsigned jobs = 0;
  bool verbose = false;
};

// Each line made safe for a terminal (the diff shows the files there now: untrusted bytes).
std::string printable_lines(std::string_view text) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    std::string_view line = text.substr(start, end == std::string_view::npos ? end : end - start);
    out += util::printable(line) + "\n";
    start = end == std::string_view::npos ? text.size() : end + 1;
  }
  return out;
}

ExitCode run_init(const InitFlags& flags) {
  util::init_logging(flags.verbose ? util::Verbosity::Verbose : util::Verbosity::Normal);
  infer::InferOptions options;
  options.required_ratio = flags.required_ratio;
  options.enum_max = flags.enum_max;
  options.strict = flags.strict;
  engine::InitPlan plan = engine::plan_init(flags.path, options, flags.jobs);

  std::string present;
  std::string diffs;
  for (const auto& f : plan.files) {
    if (f.existing) {
      present += (present.empty() ? "" : ", ") + f.relative;
      diffs += fix::unified_diff(f.relative, *f.existing, f.content);
    }
  }
  if (!present.empty() && !flags.force) {
    throw UsageError(present + (present.find(',') == std::string::npos ? " exists" : " exist") +
                     ": init never overwrites a file; `verity init --force` shows the diff and "
                     "replaces it");
  }
  std::string out = "verity init: profile " + plan.profile + " (" + plan.profile_reason + ")\n";
  if (!diffs.empty()) {
    out += "replacing (--force):\n" + diffs;
  }
  emit("-", printable_lines(out));
  engine::write_init(flags.path, plan);

  out.clear();
  for (size_t i = 0; i + 1 < plan.files.size(); ++i) {
    const auto& c = plan.collections[i];
    out += "wrote " + util::printable(plan.files[i].relative) + " (" + util::printable(c.name) +
           ": " + std::to_string(c.documents) + " documents" +
           (c.unreadable ? ", " + std::to_string(c.unreadable) + " left out" : std::string()) +
           ")\n";
  }
  out += "wrote verity.yaml\n";
  for (const auto& note : plan.notes) {
    out += "note: " + note + "\n";
  }
  // What was written is said before the check runs: a check that stops on an error (exit 2 for a
  // broken _config.yml, say) must not hide which files are now there.
  emit("-", printable_lines(out));
  if (!flags.no_check) {
    CheckOptions check;
    check.paths = {flags.path};
    check.jobs = flags.jobs;
    CheckResult result = run_check(check);
    emit("-", printable_lines("\nverity check " + flags.path + ":\n" +
                              report::write_text(result, false)));
  }
  return ExitCode::Ok;
}

} // namespace

Action add_init_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand(
      "init", "Write verity.yaml and a schema per collection inferred from its documents "
              "(schemas/), then check the site once");
  auto flags = std::make_shared<InitFlags>();
  cmd->add_option("path", flags->path, "Site root (default: .)");
  cmd->add_flag("--force", flags->force, "Replace existing files, after showing the diff of each");
  cmd->add_flag("--no-check", flags->no_check, "Do not run `verity check` afterwards");
  cmd->add_option("--required-ratio", flags->required_ratio,
                  "Required: present in at least this share of the documents (default 1)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--enum-max", flags->enum_max,
                  "Most distinct strings a property may take to become an enum (default 10)")
      ->check(CLI::Range(0, 1000));
  cmd->add_flag("--strict", flags->strict, "additionalProperties: false on every object");
  cmd->add_option("-j,--jobs", flags->jobs, "Threads reading documents (default: one per core)");
  cmd->add_flag("-v,--verbose", flags->verbose, "Debug logging on stderr");
  return [flags] { return run_init(*flags); };
}

} // namespace verity::cli

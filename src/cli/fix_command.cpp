// `verity fix [PATH...]`: the repairs verity is sure of, as a unified diff (the default, a dry
// run) or written in place with --write. The diff goes to stdout so that it can be piped to
// `git apply`; the summary of a dry run goes to stderr, that of --write to stdout.
#include "cli/commands.hpp"
#include "cli/run_flags.hpp"
#include "fix/apply.hpp"
#include "rules/catalogue.hpp"
#include "verity/check.hpp"

#include <iostream>
#include <map>
#include <memory>
#include <set>

namespace verity::cli {
namespace {

struct FixFlags {
  std::vector<std::string> paths;
  ConfigFlags config;
  std::vector<std::string> rules;
  bool write = false;
  bool online = false;
  bool no_cache = false;
  bool allow_empty = false;
  bool quiet = false;
  unsigned jobs = 0;
  NetworkFlags network;
};

std::string fixable_list() {
  std::string out;
  for (const rules::Rule* r : rules::all()) {
    if (rules::fixable(*r))
      out += (out.empty() ? "" : ", ") + std::string(r->id);
  }
  return out;
}

// The rules in scope: those named by --rule (each must be fixable), else every fixable rule.
std::set<std::string> rules_in_scope(const std::vector<std::string>& named) {
  std::set<std::string> scope;
  for (const std::string& id : named) {
    const rules::Rule* r = rules::find(id);
    if (!r)
      throw UsageError("--rule: no rule '" + id + "' (see `verity rules`)");
    if (!rules::fixable(*r))
      throw UsageError("--rule: " + id + " is not fixable; the fixable rules are " +
                       fixable_list());
    scope.insert(id);
  }
  if (scope.empty()) {
    for (const rules::Rule* r : rules::all()) {
      if (rules::fixable(*r))
        scope.insert(std::string(r->id));
    }
  }
  return scope;
}

std::string where(const Finding& f) {
  return f.file + ":" + std::to_string(f.line) + ":" + std::to_string(f.column);
}

ExitCode run_fix_command(const FixFlags& flags) {
  ReportFlags logging;
  logging.quiet = flags.quiet;
  init_logging(logging);
  const std::set<std::string> scope = rules_in_scope(flags.rules);
  CheckOptions options;
  for (const auto& p : flags.paths)
    options.paths.emplace_back(p);
  apply_config_flags(flags.config, options);
  options.jobs = flags.jobs;
  options.online = flags.online;
  options.no_cache = flags.no_cache;
  apply_network_flags(flags.network, options);
  CheckResult result = run_check(options);
  require_documents(result, flags.allow_empty);

  std::vector<bool> selected(result.findings.size(), false);
  std::map<std::string, std::size_t> other_rules; // findings fix cannot repair, by rule
  for (std::size_t i = 0; i < result.findings.size(); ++i) {
    const Finding& f = result.findings[i];
    if (scope.count(f.rule) > 0)
      selected[i] = true;
    else if (!rules::find(f.rule) || !rules::fixable(*rules::find(f.rule)))
      ++other_rules[f.rule];
  }
  fix::SiteFiles files(result.site_root);
  const std::vector<fix::FileOutcome> outcomes =
      fix::apply_fixes(result.findings, selected, files, flags.write);
  std::map<std::string, const fix::FileOutcome*> outcome_of;
  for (const auto& o : outcomes)
    outcome_of[o.file] = &o;

  if (!flags.write) {
    for (const auto& o : outcomes)
      std::cout << o.diff;
    std::cout.flush();
  }
  std::ostream& summary = flags.write ? std::cout : std::cerr;
  std::map<std::string, std::size_t> done_by_rule;
  std::vector<std::string> left;
  for (std::size_t i = 0; i < result.findings.size(); ++i) {
    if (!selected[i])
      continue;
    const Finding& f = result.findings[i];
    std::string why;
    if (!f.fix) {
      why = "no single right answer: fix it by hand";
    } else if (!f.fix->planned) {
      why = f.fix->refused;
    } else if (const auto it = outcome_of.find(f.file);
               it != outcome_of.end() && !it->second->skipped.empty()) {
      why = f.file + " was left alone: " + it->second->skipped;
    }
    if (why.empty()) {
      ++done_by_rule[f.rule];
    } else {
      left.push_back(where(f) + " " + f.rule + ": " + why);
    }
  }
  std::size_t done = 0, files_changed = 0;
  for (const auto& [rule, n] : done_by_rule)
    done += n;
  for (const auto& o : outcomes)
    files_changed += (flags.write ? o.written : (o.skipped.empty() && !o.diff.empty())) ? 1 : 0;
  if (!flags.quiet || !left.empty()) {
    summary << "verity fix: " << done << (done == 1 ? " fix " : " fixes ")
            << (flags.write ? "applied in " : "ready in ") << files_changed
            << (files_changed == 1 ? " file" : " files")
            << (flags.write || done == 0 ? "" : " (dry run: nothing written; --write applies)")
            << "\n";
    for (const auto& [rule, n] : done_by_rule)
      summary << "  " << rule << ": " << n << "\n";
    if (!left.empty()) {
      summary << "not fixed (" << left.size() << "):\n";
      for (const auto& line : left)
        summary << "  " << line << "\n";
    }
    std::size_t others = 0;
    std::string list;
    for (const auto& [rule, n] : other_rules) {
      others += n;
      list += (list.empty() ? "" : ", ") + rule + " " + std::to_string(n);
    }
    if (others > 0)
      summary << others << " other " << (others == 1 ? "finding" : "findings")
              << " no fix applies to (" << list << "): see `verity check`\n";
  }
  // Done means nothing in scope is left: every fixable finding fixed on disk.
  const bool pending = !flags.write && done > 0;
  return left.empty() && !pending ? ExitCode::Ok : ExitCode::Findings;
}

} // namespace

Action add_fix_command(CLI::App& app) {
  auto flags = std::make_shared<FixFlags>();
  CLI::App* cmd = app.add_subcommand(
      "fix", "Repair the findings that have one right answer (declared image sizes, ambiguous "
             "YAML values, moved internal links, permanent redirects with --online): a unified "
             "diff by default, --write to apply");
  cmd->add_option("paths", flags->paths,
                  "Files or directories to fix (default: the site containing the current "
                  "directory)");
  add_config_flags(*cmd, flags->config);
  cmd->add_flag("--write", flags->write,
                "Apply the fixes (each file replaced atomically); without it, print the diff");
  cmd->add_option("--rule", flags->rules, "Fix only findings of this rule (repeatable)")
      ->allow_extra_args(false); // `--rule ID PATH`: the path is a path, not a second rule
  cmd->add_flag("--online", flags->online,
                "Also check links and remote images, so redirects and remote sizes can be fixed");
  cmd->add_flag("--no-cache", flags->no_cache, "Neither read nor write the link cache");
  cmd->add_flag("--allow-empty", flags->allow_empty,
                "Exit 0 rather than 2 when no document is found");
  cmd->add_flag("-q,--quiet", flags->quiet, "Print the summary only when something is left");
  cmd->add_option("-j,--jobs", flags->jobs, "Threads (default: one per core)")
      ->check(CLI::Range(1u, 1024u));
  add_network_flags(*cmd, flags->network);
  return [flags] { return run_fix_command(*flags); };
}

} // namespace verity::cli

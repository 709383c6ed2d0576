// The files that connect verity to other tools: the pre-commit hook runs as pre-commit would run
// it (its entry plus the changed file names), the example GitHub workflows are valid YAML that
// call verity through the action with inputs it has, and every flag the hook and the action pass
// is one verity accepts. (action.yml itself: action_test.cpp.)
#include "support.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <set>
#include <sstream>

namespace verity::test {
namespace {

std::vector<std::string> words(const std::string& command) {
  std::istringstream in(command);
  std::vector<std::string> out;
  for (std::string w; in >> w;) {
    out.push_back(w);
  }
  return out;
}

TEST(Ecosystem, ThePreCommitHookChecksTheChangedFiles) {
  YAML::Node hooks = YAML::LoadFile((source_dir() / ".pre-commit-hooks.yaml").string());
  ASSERT_TRUE(hooks.IsSequence());
  YAML::Node hook = hooks[0];
  EXPECT_EQ(hook["id"].as<std::string>(), "verity-check");
  EXPECT_EQ(hook["language"].as<std::string>(), "system");
  std::vector<std::string> argv = words(hook["entry"].as<std::string>());
  ASSERT_EQ(argv.front(), "verity");
  argv.erase(argv.begin());
  fs::path site = source_dir() / "fixtures";
  // Clean files pass; a file with errors fails, as pre-commit needs.
  auto good = argv;
  good.push_back((site / "example-site/_news/2024-03-02-community-garden-opens.md").string());
  ASSERT_TRUE(fs::exists(good.back())) << good.back();
  EXPECT_EQ(run_verity(good, site).exit_code, 0);
  auto bad = argv;
  bad.push_back((site / "bad-site/_news/2021-01-01-types.md").string());
  ASSERT_TRUE(fs::exists(bad.back())) << bad.back();
  RunResult r = run_verity(bad, site);
  EXPECT_EQ(r.exit_code, 1) << r.out;
}

// A verity invocation found in a workflow or hook: the subcommand and every `--flag` it passes.
struct Invocation {
  std::string where;
  std::string command;
  std::vector<std::string> flags;
};

// Every verity call in a shell script (a workflow step's `run`, a hook's `entry`): a word whose
// last path component is `verity` followed by a subcommand word; its flags run to the end of the
// command line (backslash continuations joined), each without its `=value`.
std::vector<Invocation> invocations(const std::string& script, const std::string& where) {
  std::string joined;
  for (size_t i = 0; i < script.size(); ++i) {
    if (script[i] == '\\' && i + 1 < script.size() && script[i + 1] == '\n') {
      ++i; // a continuation: the next line is the same command
      continue;
    }
    joined += script[i];
  }
  std::vector<Invocation> out;
  std::istringstream lines(joined);
  for (std::string line; std::getline(lines, line);) {
    std::vector<std::string> w = words(line);
    for (size_t i = 0; i + 1 < w.size(); ++i) {
      bool is_verity = w[i] == "verity" || w[i].ends_with("/verity");
      bool is_command =
          !w[i + 1].empty() && std::all_of(w[i + 1].begin(), w[i + 1].end(),
                                           [](char c) { return c >= 'a' && c <= 'z'; });
      if (!is_verity || !is_command) {
        continue;
      }
      Invocation inv{where, w[i + 1], {}};
      for (size_t j = i + 2; j < w.size(); ++j) {
        if (w[j] == "&&" || w[j] == "||" || w[j] == "|" || w[j] == ";") {
          break;
        }
        if (w[j].rfind("--", 0) == 0) {
          inv.flags.push_back(w[j].substr(0, w[j].find('=')));
        }
      }
      out.push_back(inv);
    }
  }
  return out;
}

// Whether `help` lists `flag` as an option (not only as the start of a longer one).
bool help_lists(const std::string& help, const std::string& flag) {
  for (size_t at = help.find(flag); at != std::string::npos; at = help.find(flag, at + 1)) {
    char before = at == 0 ? ' ' : help[at - 1];
    char after = at + flag.size() < help.size() ? help[at + flag.size()] : ' ';
    bool word_end = !(std::isalnum(static_cast<unsigned char>(after)) || after == '-');
    if ((before == ' ' || before == ',') && word_end) {
      return true;
    }
  }
  return false;
}

TEST(Ecosystem, TheExampleWorkflowsUseTheActionWithItsOwnInputs) {
  YAML::Node action = YAML::LoadFile((source_dir() / "action.yml").string());
  ASSERT_TRUE(action["inputs"].IsMap());
  size_t inputs_given = 0;
  for (const char* name : {"pre-merge.yml", "linkrot.yml"}) {
    fs::path file = source_dir() / "docs/github-workflows" / name;
    YAML::Node wf = YAML::LoadFile(file.string());
    ASSERT_TRUE(wf["jobs"].IsMap()) << name;
    size_t uses = 0;
    for (const auto& job : wf["jobs"]) {
      for (const auto& step : job.second["steps"]) {
        if (step["run"]) {
          EXPECT_TRUE(invocations(step["run"].as<std::string>(), name).empty())
              << name << ": verity is called through the action, not by hand";
        }
        if (step["uses"] && step["uses"].as<std::string>().rfind("verity-check/verity@", 0) == 0) {
          ++uses;
          for (const auto& with : step["with"]) {
            EXPECT_TRUE(action["inputs"][with.first.as<std::string>()])
                << name << ": the action has no input " << with.first;
            ++inputs_given;
          }
        }
      }
    }
    EXPECT_EQ(uses, 1u) << name << ": one verity step per workflow";
  }
  EXPECT_EQ(inputs_given, 9u); // pre-merge 5, linkrot 4
}

// Every flag a call passes is one `verity <command> --help` lists (it would exit 2 otherwise): the
// pre-commit hook's entry, and every flag the action's run step (ci/action-run) can add.
TEST(Ecosystem, TheHookAndTheActionPassOnlyRealFlags) {
  std::vector<Invocation> calls;
  YAML::Node hooks = YAML::LoadFile((source_dir() / ".pre-commit-hooks.yaml").string());
  ASSERT_TRUE(hooks.IsSequence());
  for (const auto& hook : hooks) {
    auto found = invocations(hook["entry"].as<std::string>(), ".pre-commit-hooks.yaml");
    EXPECT_EQ(found.size(), 1u) << hook["id"];
    calls.insert(calls.end(), found.begin(), found.end());
  }
  ASSERT_EQ(calls.size(), 1u);
  // ci/action-run adds flags in two forms: `value_flag --x "$VALUE"` and `args+=(--x ...)`.
  std::string script = read_file(source_dir() / "ci/action-run");
  Invocation check_call{"ci/action-run", "check", {}};
  Invocation linkrot_call{"ci/action-run", "linkrot", {}};
  static const std::regex added(R"((value_flag |args\+=\()(--[a-z][a-z-]*))");
  std::set<std::string> flags; // --report is added in two places
  for (std::sregex_iterator it(script.begin(), script.end(), added), end; it != end; ++it) {
    flags.insert((*it)[2]);
  }
  for (const auto& flag : flags) {
    check_call.flags.push_back(flag);
    // The script refuses these two for linkrot before adding them.
    if (flag != "--changed-since" && flag != "--online") {
      linkrot_call.flags.push_back(flag);
    }
  }
  EXPECT_EQ(check_call.flags.size(), 9u);
  EXPECT_EQ(linkrot_call.flags.size(), 7u);
  calls.push_back(check_call);
  calls.push_back(linkrot_call);
  size_t checked = 0;
  std::map<std::string, std::string> help;
  for (const auto& call : calls) {
    if (!help.count(call.command)) {
      RunResult r = run_verity({call.command, "--help"}, source_dir());
      ASSERT_EQ(r.exit_code, 0) << call.where << ": verity " << call.command << " --help";
      help[call.command] = r.out;
    }
    EXPECT_FALSE(call.flags.empty()) << call.where;
    for (const auto& flag : call.flags) {
      EXPECT_TRUE(help_lists(help[call.command], flag))
          << call.where << ": verity " << call.command << " has no flag " << flag;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 17u); // the hook's --fail-on, the action's 9 for check and 7 for linkrot
  // Negative control: the matcher does refuse a flag that verity does not have, and a prefix.
  EXPECT_FALSE(help_lists(help["check"], "--no-such-flag"));
  EXPECT_FALSE(help_lists(help["check"], "--form"));
  EXPECT_FALSE(help_lists(help["linkrot"], "--changed-since"));
}

} // namespace
} // namespace verity::test

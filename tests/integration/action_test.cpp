// The GitHub Action (action.yml) and the container image (ci/Dockerfile), offline: the action's
// metadata follows the rules GitHub applies when it loads an action (required keys, inputs with
// descriptions, composite outputs with values, run steps with a shell, every `inputs.X` and
// `steps.X` an expression names exists), no input is spliced into script text, and its run step
// runs, exactly as action.yml spells it, with verity on PATH: the inputs become the flags and the
// exit code, hostile inputs stay literal arguments. The Dockerfile's shape is checked here; its
// build, where a container engine is available, by ci/container.
#include "support.hpp"

#include <gtest/gtest-spi.h>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <regex>
#include <set>

namespace verity::test {
namespace {

YAML::Node action() {
  return YAML::LoadFile((source_dir() / "action.yml").string());
}

// Every `${{ ... }}` expression in a scalar.
std::vector<std::string> expressions(const std::string& text) {
  std::vector<std::string> out;
  for (size_t at = text.find("${{"); at != std::string::npos; at = text.find("${{", at + 3)) {
    size_t end = text.find("}}", at);
    out.push_back(text.substr(at + 3, end == std::string::npos ? std::string::npos : end - at - 3));
  }
  return out;
}

// The context references in an expression: "inputs.paths", "steps.key.outputs.key", ...
std::vector<std::string> references(const std::string& expression) {
  static const std::regex ref(R"(\b([A-Za-z_][A-Za-z0-9_]*)((\.[A-Za-z_][A-Za-z0-9_-]*)+))");
  std::vector<std::string> out;
  for (std::sregex_iterator it(expression.begin(), expression.end(), ref), end; it != end; ++it) {
    out.push_back(it->str());
  }
  return out;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(s);
  while (std::getline(in, part, sep)) {
    parts.push_back(part);
  }
  return parts;
}

// Checks each reference names an input of the action or a step defined before `step_index`
// (steps.size() for the action's outputs, which may name any step). Returns how many it checked.
size_t check_references(const std::string& text, const YAML::Node& doc, size_t step_index,
                        const std::string& where) {
  size_t checked = 0;
  std::set<std::string> earlier;
  const YAML::Node& steps = doc["runs"]["steps"];
  for (size_t i = 0; i < step_index && i < steps.size(); ++i) {
    if (steps[i]["id"]) {
      earlier.insert(steps[i]["id"].as<std::string>());
    }
  }
  for (const auto& ref : references(text)) {
    auto parts = split(ref, '.');
    const std::string& context = parts[0];
    static const std::set<std::string> known = {"inputs", "steps", "github", "runner", "env"};
    EXPECT_TRUE(known.count(context)) << where << ": unknown context in " << ref;
    if (context == "inputs") {
      EXPECT_TRUE(doc["inputs"][parts[1]]) << where << ": no input " << parts[1];
    } else if (context == "steps") {
      EXPECT_TRUE(earlier.count(parts[1])) << where << ": no earlier step with id " << parts[1];
      EXPECT_TRUE(parts.size() >= 4 && parts[2] == "outputs") << where << ": " << ref;
    }
    ++checked;
  }
  return checked;
}

TEST(Action, MetadataFollowsTheRulesGitHubApplies) {
  YAML::Node doc = action();
  ASSERT_TRUE(doc.IsMap());
  static const std::set<std::string> top = {"name",    "author", "description", "inputs",
                                            "outputs", "runs",   "branding"};
  for (const auto& key : doc) {
    EXPECT_TRUE(top.count(key.first.as<std::string>())) << "unknown key " << key.first;
  }
  ASSERT_TRUE(doc["name"].IsScalar());
  ASSERT_TRUE(doc["description"].IsScalar());
  EXPECT_FALSE(doc["description"].as<std::string>().empty());
  static const std::set<std::string> colours = {"white",  "black", "yellow", "blue",     "green",
                                                "orange", "red",   "purple", "gray-dark"};
  EXPECT_TRUE(colours.count(doc["branding"]["color"].as<std::string>()));
  EXPECT_TRUE(
      std::regex_match(doc["branding"]["icon"].as<std::string>(), std::regex("[a-z0-9-]+")));

  static const std::regex id_syntax("[A-Za-z_][A-Za-z0-9_-]*");
  static const std::set<std::string> input_keys = {"description", "required", "default",
                                                   "deprecationMessage"};
  ASSERT_TRUE(doc["inputs"].IsMap());
  for (const auto& input : doc["inputs"]) {
    std::string name = input.first.as<std::string>();
    EXPECT_TRUE(std::regex_match(name, id_syntax)) << name;
    ASSERT_TRUE(input.second["description"].IsScalar()) << name << " has no description";
    for (const auto& key : input.second) {
      EXPECT_TRUE(input_keys.count(key.first.as<std::string>())) << name << ": " << key.first;
    }
    if (input.second["required"]) {
      std::string required = input.second["required"].as<std::string>();
      EXPECT_TRUE(required == "true" || required == "false") << name;
    }
  }
  EXPECT_EQ(doc["inputs"].size(), 14u);
  // The inputs the issue names, each of which ci/action-run turns into a flag.
  for (const char* name : {"paths", "format", "output", "fail-on", "changed-since", "online"}) {
    EXPECT_TRUE(doc["inputs"][name]) << name;
  }

  const YAML::Node& runs = doc["runs"];
  ASSERT_EQ(runs["using"].as<std::string>(), "composite");
  const YAML::Node& steps = runs["steps"];
  ASSERT_TRUE(steps.IsSequence());
  ASSERT_EQ(steps.size(), 4u);
  static const std::set<std::string> step_keys = {"id",
                                                  "name",
                                                  "if",
                                                  "run",
                                                  "uses",
                                                  "with",
                                                  "env",
                                                  "shell",
                                                  "working-directory",
                                                  "continue-on-error"};
  std::set<std::string> ids;
  size_t references_checked = 0;
  for (size_t i = 0; i < steps.size(); ++i) {
    const YAML::Node& step = steps[i];
    std::string where = "step " + std::to_string(i);
    for (const auto& key : step) {
      EXPECT_TRUE(step_keys.count(key.first.as<std::string>())) << where << ": " << key.first;
    }
    EXPECT_NE(static_cast<bool>(step["run"]), static_cast<bool>(step["uses"]))
        << where << ": exactly one of run and uses";
    if (step["run"]) {
      EXPECT_TRUE(step["shell"]) << where << ": a composite run step needs a shell";
      // Script injection: an expression in `run` is spliced into the script before bash reads
      // it, so a pull request's branch name could run commands. Inputs go through env instead.
      EXPECT_TRUE(expressions(step["run"].as<std::string>()).empty()) << where;
    } else {
      EXPECT_TRUE(
          std::regex_match(step["uses"].as<std::string>(),
                           std::regex(R"([A-Za-z0-9-]+/[A-Za-z0-9._/-]+@(v\d+|[0-9a-f]{40}))")))
          << where << ": uses must name a released version";
    }
    if (step["id"]) {
      std::string id = step["id"].as<std::string>();
      EXPECT_TRUE(std::regex_match(id, id_syntax)) << id;
      EXPECT_TRUE(ids.insert(id).second) << "duplicate step id " << id;
    }
    if (step["if"]) { // `if` is an expression with or without ${{ }}
      references_checked += check_references(step["if"].as<std::string>(), doc, i, where);
    }
    for (const char* field : {"env", "with"}) {
      for (const auto& kv : step[field]) {
        for (const auto& e : expressions(kv.second.as<std::string>())) {
          references_checked += check_references(e, doc, i, where);
        }
      }
    }
    if (step["name"]) {
      for (const auto& e : expressions(step["name"].as<std::string>())) {
        references_checked += check_references(e, doc, i, where);
      }
    }
  }
  ASSERT_TRUE(doc["outputs"].IsMap());
  for (const auto& output : doc["outputs"]) {
    ASSERT_TRUE(output.second["description"]) << output.first;
    ASSERT_TRUE(output.second["value"]) << output.first << ": a composite output needs a value";
    for (const auto& e : expressions(output.second["value"].as<std::string>())) {
      references_checked += check_references(e, doc, steps.size(), "outputs");
    }
  }
  // 2 ifs, 1 cache key, 2 env of install, 12 env of run, 1 in run's name, 1 output.
  EXPECT_EQ(references_checked, 19u);
}

// A small action for the checker's negative controls.
YAML::Node tiny_action() {
  return YAML::Load(R"(
name: x
description: y
inputs:
  paths: {description: p}
runs:
  using: composite
  steps:
    - id: first
      shell: bash
      run: echo
)");
}

TEST(Action, TheReferenceCheckerCatchesWhatItShould) {
  // Negative controls for the checker above (EXPECT_NONFATAL_FAILURE takes no local variables).
  YAML::Node doc = tiny_action();
  EXPECT_EQ(check_references("inputs.paths", doc, 1, "ok"), 1u);
  EXPECT_EQ(check_references("steps.first.outputs.x", doc, 1, "ok"), 1u);
  EXPECT_NONFATAL_FAILURE(check_references("inputs.nope", tiny_action(), 1, "bad"),
                          "no input nope");
  EXPECT_NONFATAL_FAILURE(check_references("steps.first.outputs.x", tiny_action(), 0, "bad"),
                          "no earlier step");
  EXPECT_NONFATAL_FAILURE(check_references("secrets.token", tiny_action(), 1, "bad"),
                          "unknown context");
  EXPECT_EQ(expressions("a ${{ inputs.x }} b ${{ steps.y.outputs.z }}").size(), 2u);
}

// Runs the step `id` of action.yml as the runner would: its env with `${{ inputs.X }}` replaced
// by the given inputs (else the input's default), then its `run` text with bash -eo pipefail,
// GITHUB_ACTION_PATH at the checkout and the built verity first on PATH.
struct StepRun {
  util::ProcessResult process;
  std::string github_output;
};

StepRun run_step(const std::string& id, const std::map<std::string, std::string>& inputs,
                 const fs::path& cwd, const std::vector<std::string>& extra_env = {}) {
  YAML::Node doc = action();
  const YAML::Node steps = doc["runs"]["steps"];
  size_t index = steps.size();
  for (size_t i = 0; i < steps.size(); ++i) {
    if (steps[i]["id"] && steps[i]["id"].as<std::string>() == id) {
      index = i;
    }
  }
  EXPECT_LT(index, steps.size()) << "no step " << id;
  if (index == steps.size()) {
    return {};
  }
  const YAML::Node step = steps[index];
  for (const auto& [name, value] : inputs) {
    EXPECT_TRUE(doc["inputs"][name]) << "the action has no input " << name;
  }
  fs::path output = cwd / ".github_output"; // a fresh file per step, as the runner gives
  fs::remove(output);
  std::vector<std::string> argv = {"env",
                                   "-u",
                                   "GITHUB_ACTIONS",
                                   "-u",
                                   "GITHUB_STEP_SUMMARY",
                                   "GITHUB_ACTION_PATH=" + source_dir().string(),
                                   "GITHUB_OUTPUT=" + output.string(),
                                   "PATH=" + fs::path(verity_binary()).parent_path().string() +
                                       ":" + std::getenv("PATH")};
  static const std::regex input_expr(R"(^\$\{\{ inputs\.([A-Za-z0-9_-]+) \}\}$)");
  for (const auto& kv : step["env"]) {
    std::string value = kv.second.as<std::string>();
    std::smatch m;
    EXPECT_TRUE(std::regex_match(value, m, input_expr)) << kv.first << ": " << value;
    std::string input = m[1];
    auto given = inputs.find(input);
    value =
        given != inputs.end() ? given->second : doc["inputs"][input]["default"].as<std::string>();
    argv.push_back(kv.first.as<std::string>() + "=" + value);
  }
  argv.insert(argv.end(), extra_env.begin(), extra_env.end());
  EXPECT_EQ(step["shell"].as<std::string>(), "bash");
  for (const char* a : {"bash", "--noprofile", "--norc", "-eo", "pipefail", "-c"}) {
    argv.push_back(a);
  }
  argv.push_back(step["run"].as<std::string>());
  StepRun r{util::run_process(argv, cwd), ""};
  if (fs::exists(output)) {
    r.github_output = read_file(output);
  }
  return r;
}

fs::path example_site_copy(const TempDir& tmp) {
  fs::path site = tmp.path() / "site";
  fs::copy(source_dir() / "fixtures/example-site", site, fs::copy_options::recursive);
  return site;
}

TEST(Action, TheRunStepTurnsInputsIntoVerityFlags) {
  TempDir tmp;
  fs::path site = example_site_copy(tmp);
  fs::path summary = tmp.path() / "summary.md";
  write_file(summary, "earlier step\n");
  // The example site has one warning (frontmatter/ambiguous-bool in _people/): fail-on warning
  // makes it fail; the default (error) does not.
  StepRun strict = run_step("run",
                            {{"format", "sarif"},
                             {"output", "verity.sarif"},
                             {"fail-on", "warning"},
                             {"paths", "_news\n_people"},
                             {"report", "json=verity.json\njunit=verity.xml"},
                             {"summary", "true"}},
                            site, {"GITHUB_STEP_SUMMARY=" + summary.string()});
  EXPECT_EQ(strict.process.exit_code, 1) << strict.process.err;
  EXPECT_EQ(strict.github_output, "exit-code=1\n");
  auto sarif = nlohmann::json::parse(read_file(site / "verity.sarif"));
  EXPECT_EQ(sarif["version"], "2.1.0");
  ASSERT_EQ(sarif["runs"][0]["results"].size(), 1u);
  EXPECT_EQ(sarif["runs"][0]["results"][0]["ruleId"], "frontmatter/ambiguous-bool");
  // The same run, by hand: the reports agree on what was checked (only _news and _people).
  RunResult direct = run_verity({"check", "--format", "json", "_news", "_people"}, site);
  EXPECT_EQ(direct.exit_code, 0);
  auto by_hand = nlohmann::json::parse(direct.out);
  auto via_action = nlohmann::json::parse(read_file(site / "verity.json"));
  via_action["summary"].erase("duration_seconds");
  by_hand["summary"].erase("duration_seconds");
  EXPECT_EQ(via_action["summary"], by_hand["summary"]);
  EXPECT_EQ(via_action["summary"]["documents"], 3); // _news 2, _people 1: the paths were passed
  EXPECT_EQ(via_action["findings"].size(), 1u);
  EXPECT_TRUE(fs::exists(site / "verity.xml"));
  std::string job_summary = read_file(summary);
  EXPECT_EQ(job_summary.rfind("earlier step\n## verity: 0 errors, 1 warnings", 0), 0u)
      << job_summary;

  StepRun lenient = run_step("run", {{"format", "json"}, {"output", "lenient.json"}}, site);
  EXPECT_EQ(lenient.process.exit_code, 0) << lenient.process.err;
  EXPECT_EQ(lenient.github_output, "exit-code=0\n");
  EXPECT_EQ(nlohmann::json::parse(read_file(site / "lenient.json"))["findings"].size(), 1u);
}

TEST(Action, HostileInputsStayLiteralArguments) {
  TempDir tmp;
  fs::path site = example_site_copy(tmp);
  // What a pull request controls: its paths, its branch name (in changed-since), free text.
  StepRun r = run_step("run",
                       {{"paths", "$(touch pwned-1) `touch pwned-2`"},
                        {"changed-since", "main;touch pwned-3"},
                        {"args", "--jobs 1 $(touch pwned-4)"},
                        {"output", "\"; touch pwned-5; echo \""}},
                       site);
  for (const char* name : {"pwned-1", "pwned-2", "pwned-3", "pwned-4", "pwned-5"}) {
    EXPECT_FALSE(fs::exists(site / name)) << name << " was created: an input ran as a command";
  }
  // verity got the words as they were written and refused them: a usage error, not a pass.
  EXPECT_EQ(r.process.exit_code, 2) << r.process.out << r.process.err;
  EXPECT_EQ(r.github_output, "exit-code=2\n");
}

TEST(Action, InputsOutsideTheirDomainAreUsageErrors) {
  TempDir tmp;
  fs::path site = example_site_copy(tmp);
  struct Case {
    std::map<std::string, std::string> inputs;
    std::string message;
  };
  std::vector<Case> cases = {
      {{{"online", "yes"}}, "online must be true or false"},
      {{{"summary", "1"}}, "summary must be true or false"},
      {{{"command", "fix"}}, "command must be check or linkrot"},
      {{{"command", "linkrot"}, {"changed-since", "origin/main"}}, "changed-since and online"},
      {{{"summary", "true"}}, "needs $GITHUB_STEP_SUMMARY"},
  };
  for (const auto& c : cases) {
    StepRun r = run_step("run", c.inputs, site);
    EXPECT_EQ(r.process.exit_code, 2) << c.message;
    EXPECT_NE(r.process.err.find(c.message), std::string::npos) << r.process.err;
    EXPECT_EQ(r.github_output, "exit-code=2\n") << c.message;
  }
}

TEST(Action, FindingsCannotIssueWorkflowCommandsInTheLog) {
  TempDir tmp;
  fs::path site = example_site_copy(tmp);
  // A file name a pull request chose, which the text report quotes at the start of a line.
  write_file(site / "::error file=README.md,line=1::forged.md", "---\ntitle: [x\n---\n");
  StepRun r = run_step("run", {}, site, {"GITHUB_ACTIONS=true"});
  EXPECT_EQ(r.process.exit_code, 1) << r.process.err;
  std::vector<std::string> lines = split(r.process.out, '\n');
  ASSERT_GE(lines.size(), 3u) << r.process.out;
  std::smatch m;
  ASSERT_TRUE(std::regex_match(lines.front(), m, std::regex("::stop-commands::([0-9a-f]{32})")))
      << lines.front();
  std::string token = m[1];
  EXPECT_EQ(lines.back(), "::" + token + "::");
  size_t forged = 0;
  for (size_t i = 1; i + 1 < lines.size(); ++i) {
    forged += lines[i].rfind("::error file=README.md", 0) == 0;
    EXPECT_EQ(lines[i].find(token), std::string::npos) << "the token must not be guessable";
  }
  EXPECT_EQ(forged, 1u) << "the finding's line, printed while commands are stopped";
  // Outside GitHub Actions nothing is added around the report.
  StepRun plain = run_step("run", {}, site);
  EXPECT_EQ(plain.process.out.find("::stop-commands::"), std::string::npos);
}

TEST(Action, AReportIsNotWrittenThroughALinkTheCheckoutHolds) {
  TempDir tmp;
  fs::path site = example_site_copy(tmp);
  fs::path outside = tmp.path() / "outside";
  fs::create_directory(outside);
  fs::create_directory_symlink(outside, site / "reports");
  StepRun r = run_step("run", {{"format", "sarif"}, {"output", "reports/verity.sarif"}}, site);
  EXPECT_EQ(r.process.exit_code, 3) << r.process.err;
  EXPECT_NE(r.process.err.find("a folder on the way is a symbolic link"), std::string::npos)
      << r.process.err;
  EXPECT_TRUE(fs::is_empty(outside));
  // Control: a real folder of the checkout gets it.
  fs::remove(site / "reports");
  fs::create_directory(site / "reports");
  StepRun ok = run_step("run", {{"format", "sarif"}, {"output", "reports/verity.sarif"}}, site);
  EXPECT_EQ(ok.process.exit_code, 0) << ok.process.err;
  EXPECT_TRUE(fs::exists(site / "reports/verity.sarif"));
}

// The Dockerfile, read as Docker would: stages, and what the final image runs as.
struct Stage {
  std::string from;
  std::vector<std::pair<std::string, std::string>> instructions; // keyword, arguments
};

std::vector<Stage> dockerfile_stages() {
  std::string text = read_file(source_dir() / "ci/Dockerfile");
  std::vector<Stage> stages;
  std::string logical;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (logical.empty() && (line.empty() || line[0] == '#')) {
      continue;
    }
    if (!line.empty() && line.back() == '\\') {
      logical += line.substr(0, line.size() - 1);
      continue;
    }
    logical += line;
    size_t space = logical.find(' ');
    std::string keyword = logical.substr(0, space);
    std::string args = space == std::string::npos ? "" : logical.substr(space + 1);
    logical.clear();
    if (keyword == "FROM") {
      stages.push_back({args, {}});
    } else if (!stages.empty()) {
      stages.back().instructions.emplace_back(keyword, args);
    }
  }
  return stages;
}

TEST(Container, TheImageIsMultiStageDebianSlimAndRunsAsAnUnprivilegedUser) {
  auto stages = dockerfile_stages();
  ASSERT_EQ(stages.size(), 2u);
  EXPECT_EQ(stages[0].from, "debian:12-slim AS build");
  EXPECT_EQ(stages[1].from, "debian:12-slim");
  // The build stage runs the scripts CI runs (ci/install-deps --build, ci/build-deb); each exists.
  std::set<std::string> scripts;
  for (const auto& [keyword, args] : stages[0].instructions) {
    static const std::regex script(R"(\bci/[a-z-]+)");
    for (std::sregex_iterator it(args.begin(), args.end(), script), end; it != end; ++it) {
      scripts.insert(it->str());
    }
  }
  EXPECT_EQ(scripts, (std::set<std::string>{"ci/install-deps", "ci/build-deb"}));
  for (const auto& s : scripts) {
    auto perms = fs::status(source_dir() / s).permissions();
    EXPECT_NE(perms & fs::perms::owner_exec, fs::perms::none) << s << " is not executable";
  }
  // The final stage: only the package (its Depends bring the runtime libraries), no compiler.
  std::map<std::string, std::string> last;
  for (const auto& [keyword, args] : stages[1].instructions) {
    last[keyword] = args;
    if (keyword == "RUN") {
      EXPECT_EQ(args.find("install-deps"), std::string::npos);
      EXPECT_EQ(args.find("g++"), std::string::npos);
      EXPECT_NE(args.find("/tmp/verity.deb"), std::string::npos);
    }
  }
  EXPECT_EQ(last["COPY"], "--from=build /verity.deb /tmp/verity.deb");
  ASSERT_TRUE(last.count("USER"));
  EXPECT_NE(last["USER"], "root");
  EXPECT_NE(last["USER"], "0");
  EXPECT_NE(last["RUN"].find("useradd"), std::string::npos);
  EXPECT_EQ(last["WORKDIR"], "/site");
  EXPECT_EQ(last["ENTRYPOINT"], "[\"verity\"]");
  EXPECT_EQ(last["CMD"], "[\"check\", \".\"]");
  // The build context leaves out build trees and history (kept beside the Dockerfile, as
  // BuildKit reads ci/Dockerfile.dockerignore for ci/Dockerfile).
  std::string ignore = read_file(source_dir() / "ci/Dockerfile.dockerignore");
  for (const char* pattern : {"\n.git\n", "\nbuild\n", "\nbuild-*\n"}) {
    EXPECT_NE(ignore.find(pattern), std::string::npos) << pattern;
  }
}

} // namespace
} // namespace verity::test

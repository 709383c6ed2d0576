// The files that connect verity to other tools: the pre-commit hook runs as pre-commit would run
// it (its entry plus the changed file names), and the example GitHub workflows are valid YAML that
// calls verity with flags it accepts.
#include "support.hpp"

#include <yaml-cpp/yaml.h>

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

TEST(Ecosystem, TheExampleWorkflowsAreValidAndUseRealFlags) {
  for (const char* name : {"pre-merge.yml", "linkrot.yml"}) {
    fs::path file = source_dir() / "docs/github-workflows" / name;
    YAML::Node wf = YAML::LoadFile(file.string());
    ASSERT_TRUE(wf["jobs"].IsMap()) << name;
    std::string text = read_file(file);
    for (const char* flag : {"--format", "--output", "--report"}) {
      EXPECT_NE(text.find(flag), std::string::npos) << name << " " << flag;
    }
  }
  // Every verity flag the workflows use is one verity accepts (it would exit 2 otherwise).
  RunResult check = run_verity({"check", "--help"}, source_dir());
  for (const char* flag : {"--changed-since", "--format", "--output", "--report"}) {
    EXPECT_NE(check.out.find(flag), std::string::npos) << flag;
  }
  RunResult linkrot = run_verity({"linkrot", "--help"}, source_dir());
  for (const char* flag : {"--no-progress", "--format", "--output", "--report"}) {
    EXPECT_NE(linkrot.out.find(flag), std::string::npos) << flag;
  }
}

} // namespace
} // namespace verity::test

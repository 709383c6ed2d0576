// What a checkout can make verity's own git calls and site search do. A pull request can commit
// the files of a bare repository (HEAD, objects/, refs/, config) into a folder; git run from there
// would take it as the repository and execute its `core.fsmonitor`. It can add a _config.yml to
// a folder of its own, or a verity.yaml above the checkout on a shared machine.
#include "support.hpp"

#include <nlohmann/json.hpp>

#include <sys/stat.h>
#include <unistd.h>

namespace verity::test {
namespace {

void git(const fs::path& dir, std::vector<std::string> args) {
  args.insert(args.begin(), {"git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"});
  auto r = util::run_process(args, dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
}

// A repository holding the example site, with a pull request's commit that plants a bare
// repository in _news/ whose config runs a command (writing `marker`) when git starts there.
fs::path hostile_checkout(const TempDir& tmp, const fs::path& marker) {
  fs::path donor = tmp.path() / "donor";
  fs::create_directories(donor);
  git(donor, {"init", "-q", "-b", "main"});
  write_file(donor / "f", "x\n");
  git(donor, {"add", "f"});
  git(donor, {"commit", "-qm", "donor"});

  fs::path repo = tmp.path() / "repo";
  fs::copy(source_dir() / "fixtures/example-site", repo, fs::copy_options::recursive);
  git(repo, {"init", "-q", "-b", "main"});
  git(repo, {"add", "-A"});
  git(repo, {"commit", "-qm", "base"});
  fs::copy(donor / ".git", repo / "_news", fs::copy_options::recursive);
  fs::remove_all(repo / "_news/hooks");
  write_file(repo / "_news/config", "[core]\n\trepositoryformatversion = 0\n\tworktree = .\n"
                                    "\tfsmonitor = \"echo PWNED > " +
                                        marker.string() + "; false\"\n");
  write_file(repo / "_news/_config.yml", ""); // and a _config.yml, to make _news a site root
  git(repo, {"add", "-A"});
  git(repo, {"commit", "-qm", "pull request"});
  return repo;
}

TEST(CheckoutGit, APlantedBareRepositoryNeverRunsItsConfig) {
  TempDir tmp;
  fs::path marker = tmp.path() / "marker";
  fs::path repo = hostile_checkout(tmp, marker);
  // Positive control: git itself, unhardened, does run the planted command from _news/.
  util::run_process({"git", "status"}, repo / "_news");
  ASSERT_TRUE(fs::exists(marker)) << "the planted repository is not what the test thinks";
  fs::remove(marker);

  // From the checkout's top: the site is the checkout (the outermost _config.yml), git is the
  // checkout's own, and the changed _news/ files are reported.
  RunResult top = run_verity({"check", "--changed-since", "HEAD~1", "_news"}, repo);
  EXPECT_FALSE(fs::exists(marker)) << top.out << top.err;
  EXPECT_NE(top.exit_code, 2) << top.err;
  // Run from _news/ itself (the site root is then _news): git refuses the bare repository it
  // would have found, the run stops (exit 2, never a pass) and nothing ran.
  RunResult inside = run_verity({"check", "--changed-since", "HEAD~1"}, repo / "_news");
  EXPECT_FALSE(fs::exists(marker)) << inside.out << inside.err;
  EXPECT_EQ(inside.exit_code, 2) << inside.out;
  EXPECT_NE(inside.err.find("git diff failed"), std::string::npos) << inside.err;
  // --pins-from asks git too.
  RunResult pins = run_verity({"check", "--pins-from", "HEAD~1"}, repo / "_news");
  EXPECT_FALSE(fs::exists(marker)) << pins.out << pins.err;
}

TEST(CheckoutGit, AnEmptyConfigInAFolderDoesNotMakeItTheSite) {
  TempDir tmp;
  fs::path site = tmp.path() / "site";
  fs::copy(source_dir() / "fixtures/example-site", site, fs::copy_options::recursive);
  write_file(site / "_news/2024-09-09-bad.md", "---\ntitle: 5\n---\n");
  auto findings = [](const RunResult& r) {
    std::vector<std::string> out;
    const nlohmann::json report = nlohmann::json::parse(r.out); // named: a temporary's member
    for (const auto& f : report["findings"]) {                  // would dangle in the loop
      out.push_back(f["rule"].get<std::string>() + " " + f["file"].get<std::string>());
    }
    return out;
  };
  RunResult before = run_verity({"check", "--format", "json", "_news"}, site);
  ASSERT_EQ(before.exit_code, 1) << before.out; // the news schema refuses the new article
  write_file(site / "_news/_config.yml", "");
  RunResult after = run_verity({"check", "--format", "json", "_news"}, site);
  EXPECT_EQ(after.exit_code, 1) << after.out;
  EXPECT_EQ(findings(after), findings(before));
  EXPECT_FALSE(findings(before).empty());
}

TEST(CheckoutGit, AVerityYamlAboveTheWorkTreeOrSomeoneElsesIsNotTaken) {
  TempDir tmp;
  fs::path site = tmp.path() / "a/site";
  fs::create_directories(site.parent_path());
  fs::copy(source_dir() / "fixtures/example-site", site, fs::copy_options::recursive);
  // This verity.yaml would turn the example site's one warning into an error (exit 1).
  write_file(tmp.path() / "verity.yaml",
             "version: 1\nrules:\n  frontmatter/ambiguous-bool: error\n");
  ASSERT_EQ(run_verity({"check"}, site).exit_code, 1) << "control: found above, when nothing stops";
  fs::create_directory(site / ".git");
  EXPECT_EQ(run_verity({"check"}, site).exit_code, 0) << "not above the work tree's top";
  fs::remove_all(site / ".git");
  VERITY_NEED_OR_SKIP(::geteuid() == 0, "root (to give the file another owner; CI runs as root)");
  ASSERT_EQ(::chown((tmp.path() / "verity.yaml").c_str(), 65534, 65534), 0);
  EXPECT_EQ(run_verity({"check"}, site).exit_code, 0) << "another user's file above is not taken";
}

} // namespace
} // namespace verity::test

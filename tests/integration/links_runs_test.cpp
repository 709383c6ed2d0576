// Link checking across runs and in CI, through the real binary against loopback servers started
// by the test: the cache (working links reused, errors never stored, --max-cache-age, --no-cache,
// a killed run), the progress line (none without a terminal, drawn on one), --baseline (only new
// findings fail) and --changed-since (only URLs of changed documents are fetched).
#include "counting_server.hpp"
#include "links/link_cache.hpp"
#include "support.hpp"

#include <httplib.h>

#include <set>
#include <thread>

namespace verity::test {
namespace {

class LinkRuns : public ::testing::Test {
protected:
  void SetUp() override {
    ::setenv("XDG_CACHE_HOME", m_xdg.path().c_str(), 1); // the cache lives outside the site
    auto& s = m_main.http();
    s.Get("/ok", [this](const httplib::Request& req, httplib::Response& res) {
      m_main.hit(req.path);
      res.set_content("ok", "text/plain");
    });
    s.Get("/moved", [this](const httplib::Request& req, httplib::Response& res) {
      m_main.hit(req.path);
      res.set_redirect(m_main.url("/ok"), 301);
    });
    s.Get("/missing", [this](const httplib::Request& req, httplib::Response& res) {
      m_main.hit(req.path);
      res.status = 404;
    });
    s.Get("/sleepy", [this](const httplib::Request& req, httplib::Response& res) {
      m_main.hit(req.path);
      std::this_thread::sleep_for(std::chrono::milliseconds(3000));
      res.status = 200;
    });
    write_file(m_dir.path() / "verity.yaml",
               "version: 1\nrules:\n  schema/none: off # not what this test is about\ncollections:\n  pages:\n    paths: [\"*.md\"]\nlinks:\n  retries: 0\n");
  }

  void page(const std::string& name, const std::vector<std::string>& urls) {
    write_link_page(m_dir.path(), name, urls);
  }

  std::vector<std::string> online(std::vector<std::string> extra) {
    std::vector<std::string> args{"check", "--online", "--allow-address", "127.0.0.1"};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }

  RunResult check(std::vector<std::string> extra = {}) {
    extra.insert(extra.begin(), {"--format", "json"});
    return run_verity(online(extra), m_dir.path());
  }

  // Rows of the link cache, or -1 when it cannot be read or fails the integrity check.
  int cache_rows() { return rows_if_intact(cache_file(), "links"); }
  fs::path cache_file() const {
    return *links::LinkCache::default_path(m_dir.path(), m_xdg.path().c_str(), nullptr);
  }

  TempDir m_xdg;
  TempDir m_dir;
  CountingServer m_main{"127.0.0.1"};
};

TEST_F(LinkRuns, WorkingLinksAreReusedFromTheCacheAndErrorsAreAskedAgain) {
  page("a", {m_main.url("/ok"), m_main.url("/moved"), m_main.url("/missing")});
  RunResult first = check();
  EXPECT_EQ(first.exit_code, 1);    // /missing
  EXPECT_EQ(m_main.hits("/ok"), 2); // HEAD /ok, and HEAD /moved's target
  EXPECT_EQ(m_main.hits("/moved"), 1);
  EXPECT_EQ(m_main.hits("/missing"), 1); // a 404 to HEAD is an answer: no GET after it
  EXPECT_EQ(cache_rows(), 2);            // /ok and /moved; never the 404

  RunResult second = check();
  EXPECT_EQ(m_main.hits("/ok"), 2);      // from the cache
  EXPECT_EQ(m_main.hits("/moved"), 1);   // from the cache, still a redirect note
  EXPECT_EQ(m_main.hits("/missing"), 2); // asked again
  bool note = false;
  const nlohmann::json second_report = second.json();
  for (const auto& f : second_report["findings"]) {
    if (f["url"] == m_main.url("/moved")) {
      note = true;
      EXPECT_EQ(f["rule"], "link/redirect");
      EXPECT_EQ(f["cached"], true);
      EXPECT_EQ(f["redirects"], nlohmann::json::array({m_main.url("/moved"), m_main.url("/ok")}));
    }
  }
  EXPECT_TRUE(note) << second.out;

  check({"--max-cache-age", "0"}); // too old: everything is fetched again
  EXPECT_EQ(m_main.hits("/ok"), 4);
  EXPECT_EQ(m_main.hits("/moved"), 2);
}

TEST_F(LinkRuns, NoCacheNeitherReadsNorWrites) {
  page("a", {m_main.url("/ok")});
  check({"--no-cache"});
  check({"--no-cache"});
  EXPECT_EQ(m_main.hits("/ok"), 2);
  EXPECT_FALSE(fs::exists(cache_file()));
  EXPECT_FALSE(fs::exists(m_dir.path() / ".verity"));
}

TEST_F(LinkRuns, AKilledRunLeavesTheCacheAsItWas) {
  page("a", {m_main.url("/ok")});
  check();
  ASSERT_EQ(cache_rows(), 1);
  page("b", {m_main.url("/sleepy"), m_main.url("/moved")});
  // SIGKILL one second in, while /sleepy is still being answered.
  std::vector<std::string> argv{"timeout", "-s", "KILL", "1", verity_binary()};
  auto args = online({"--max-cache-age", "0", "--format", "json"});
  argv.insert(argv.end(), args.begin() + 0, args.end());
  auto killed = util::run_process(argv, m_dir.path());
  EXPECT_NE(killed.exit_code, 0);
  EXPECT_EQ(cache_rows(), 1); // consistent, and exactly what the first run stored
  EXPECT_EQ(check().exit_code, 0);
}

TEST_F(LinkRuns, ProgressOnlyOnATerminal) {
  page("a", {m_main.url("/ok"), m_main.url("/moved"), m_main.url("/missing")});
  RunResult piped = run_verity(online({"--no-cache"}), m_dir.path());
  EXPECT_EQ(piped.err.find("links "), std::string::npos) << piped.err;
  EXPECT_EQ(piped.err.find('\r'), std::string::npos);

  REQUIRE_TOOL_OR_SKIP("script"); // bsdutils: without it the terminal case is not checked
  // `script` gives verity a pseudo-terminal; its output is what a person would see.
  std::string command;
  for (const auto& a : online({"--no-cache", "--format", "json", "--output", "report.json"})) {
    command += "'" + a + "' ";
  }
  auto tty = util::run_process(
      {"script", "-qec", "'" + verity_binary() + "' " + command, "/dev/null"}, m_dir.path());
  EXPECT_NE(tty.out.find("links 3/3, 1 broken"), std::string::npos) << tty.out;
  EXPECT_NE(tty.out.find("\r\x1b[K"), std::string::npos); // erased at the end

  auto quiet = util::run_process(
      {"script", "-qec", "'" + verity_binary() + "' " + command + " --no-progress", "/dev/null"},
      m_dir.path());
  EXPECT_EQ(quiet.out.find("links "), std::string::npos) << quiet.out;
}

TEST_F(LinkRuns, ABaselineFailsTheRunOnlyForNewFindings) {
  page("a", {m_main.url("/missing")});
  RunResult base = check({"--no-cache", "--output", "base.json"});
  EXPECT_EQ(base.exit_code, 1);

  RunResult same = check({"--no-cache", "--baseline", "base.json"});
  EXPECT_EQ(same.exit_code, 0) << same.out;
  const nlohmann::json same_report = same.json();
  ASSERT_EQ(same_report["findings"].size(), 1u);
  EXPECT_EQ(same_report["findings"][0]["new"], false);
  EXPECT_EQ(same_report["summary"]["baseline"]["known"], 1);

  // Another link to the missing page, in another document: new, so the run fails.
  page("b", {m_main.url("/missing")});
  RunResult grown = check({"--no-cache", "--baseline", "base.json"});
  EXPECT_EQ(grown.exit_code, 1);
  const nlohmann::json grown_report = grown.json();
  EXPECT_EQ(grown_report["summary"]["baseline"]["new"], 1);
  EXPECT_EQ(grown_report["summary"]["baseline"]["known"], 1);

  RunResult text = run_verity(online({"--no-cache", "--baseline", "base.json"}), m_dir.path());
  EXPECT_NE(text.out.find("(known: in the baseline)"), std::string::npos) << text.out;

  check({"--no-cache", "--baseline", "base.json", "--report", "sarif=out.sarif"});
  const nlohmann::json sarif = nlohmann::json::parse(read_file(m_dir.path() / "out.sarif"));
  std::multiset<std::string> states;
  for (const auto& result : sarif["runs"][0]["results"]) {
    states.insert(result.value("baselineState", ""));
  }
  EXPECT_EQ(states, (std::multiset<std::string>{"new", "unchanged"}));

  write_file(m_dir.path() / "junk.json", "{\"not\": \"a report\"}");
  RunResult bad = check({"--baseline", "junk.json"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("junk.json"), std::string::npos) << bad.err;
  EXPECT_EQ(m_main.hits("/missing"), 5); // the bad baseline stopped the run before any request
}

TEST_F(LinkRuns, ChangedSinceFetchesOnlyTheUrlsOfChangedDocuments) {
  REQUIRE_TOOL_OR_SKIP("git");
  page("a", {m_main.url("/ok")});
  page("b", {m_main.url("/missing")});
  auto git = [&](std::vector<std::string> args) {
    args.insert(args.begin(),
                {"git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"});
    return util::run_process(args, m_dir.path());
  };
  ASSERT_EQ(git({"init", "-q"}).exit_code, 0);
  git({"add", "-A"});
  ASSERT_EQ(git({"commit", "-qm", "base"}).exit_code, 0);
  page("a", {m_main.url("/ok"), m_main.url("/moved")});
  RunResult r = check({"--no-cache", "--changed-since", "HEAD"});
  EXPECT_EQ(r.exit_code, 0) << r.out; // b.md's broken link is not this change's
  EXPECT_EQ(m_main.hits("/missing"), 0);
  EXPECT_EQ(m_main.hits("/moved"), 1);
}

} // namespace
} // namespace verity::test

// `verity linkrot` through the real binary against loopback servers that change behaviour
// between runs: states over several (backfilled) days, exit codes, a run killed with SIGKILL,
// pruning, and sharded runs merged into the report of one unsharded run. No test touches a
// non-loopback address.
#include "counting_server.hpp"
#include "support.hpp"
#include "util/datetime.hpp"

#include <httplib.h>

#include <set>
#include <thread>

namespace verity::test {
namespace {

// A server whose answer per path the test changes between runs.
class ScriptedServer : public CountingServer {
public:
  explicit ScriptedServer(const std::string& host) : CountingServer(host) {
    http().Get(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
      hit(req.path);
      std::string behaviour;
      {
        std::lock_guard lock(m_mutex);
        auto it = m_behaviour.find(req.path);
        behaviour = it == m_behaviour.end() ? "200" : it->second;
      }
      if (behaviour == "sleep") {
        std::this_thread::sleep_for(std::chrono::milliseconds(3000));
      } else if (behaviour == "wall") {
        res.status = 403;
        res.set_header("cf-mitigated", "challenge");
      } else if (behaviour == "moved") {
        res.set_redirect(url("/stable"), 301);
      } else {
        res.status = std::stoi(behaviour);
      }
    });
  }
  void set(const std::string& path, const std::string& behaviour) {
    std::lock_guard lock(m_mutex);
    m_behaviour[path] = behaviour;
  }

private:
  std::mutex m_mutex;
  std::map<std::string, std::string> m_behaviour;
};

class Linkrot : public ::testing::Test {
protected:
  void SetUp() override {
    write_file(m_dir.path() / "verity.yaml", "version: 1\ncollections:\n  pages:\n    paths: "
                                             "[\"*.md\"]\nlinks:\n  retries: 0\n");
  }

  void page(const std::string& name, const std::vector<std::string>& urls) {
    write_link_page(m_dir.path(), name, urls);
  }

  std::vector<std::string> args(const std::string& day, std::vector<std::string> extra = {},
                                const std::string& format = "json") {
    std::vector<std::string> a{"linkrot",         "--format",  format,
                               "--allow-address", "127.0.0.1", "--run-time",
                               day + "T02:00:00Z"};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  }

  RunResult run(const std::string& day, std::vector<std::string> extra = {},
                const std::string& format = "json") {
    return run_verity(args(day, extra, format), m_dir.path());
  }

  static std::map<std::string, std::string> states(const nlohmann::json& report) {
    std::map<std::string, std::string> out;
    for (const auto& u : report["linkrot"]["urls"]) {
      out[u["url"].get<std::string>()] = u["state"].get<std::string>();
    }
    return out;
  }

  // Runs in the history, or -1 when it cannot be read or fails the integrity check.
  int recorded_runs() { return rows_if_intact(m_dir.path() / ".verity/history.sqlite", "runs"); }

  TempDir m_dir;
  ScriptedServer m_server{"127.0.0.1"};
};

TEST_F(Linkrot, StatesAcrossDaysAndOnlyBrokenFailsTheRun) {
  std::string stable = m_server.url("/stable"), breaks = m_server.url("/breaks"),
              flaps = m_server.url("/flaps"), walled = m_server.url("/walled");
  page("a", {stable, breaks});
  page("b", {flaps, walled, breaks});

  RunResult d1 = run("2026-11-01");
  ASSERT_EQ(d1.exit_code, 0) << d1.out << d1.err;
  EXPECT_TRUE(states(d1.json()).empty()); // every link ok: nothing to list

  m_server.set("/breaks", "404");
  m_server.set("/flaps", "500");
  m_server.set("/walled", "wall");
  RunResult d2 = run("2026-11-02");
  EXPECT_EQ(d2.exit_code, 0) << d2.out; // a first failure pages no one
  auto s2 = states(d2.json());
  EXPECT_EQ(s2[breaks], "newly-broken");
  EXPECT_EQ(s2[flaps], "newly-broken");
  EXPECT_EQ(s2[walled], "blocked");

  m_server.set("/flaps", "200");
  RunResult d3 = run("2026-11-03");
  EXPECT_EQ(d3.exit_code, 0);
  auto s3 = states(d3.json());
  EXPECT_EQ(s3[breaks], "flaky");
  EXPECT_EQ(s3[flaps], "recovered");

  m_server.set("/flaps", "500");
  RunResult d4 = run("2026-11-04");
  EXPECT_EQ(d4.exit_code, 1) << d4.out; // broken three runs in a row
  const nlohmann::json r4 = d4.json();
  auto s4 = states(r4);
  EXPECT_EQ(s4[breaks], "broken");
  EXPECT_EQ(s4[flaps], "flaky"); // failing again soon after recovering
  for (const auto& u : r4["linkrot"]["urls"]) {
    if (u["url"] == breaks) {
      EXPECT_EQ(u["consecutive_failures"], 3);
      EXPECT_EQ(u["first_failed"], "2026-11-02T02:00:00Z");
      EXPECT_EQ(u["last_error"], "HTTP 404");
      EXPECT_EQ(u["cited_by"].size(), 2u); // a.md and b.md
    }
  }
  EXPECT_EQ(r4["linkrot"]["urls"][0]["url"], breaks); // broken first
  size_t broken_findings = 0;
  for (const auto& f : r4["findings"]) {
    if (f["rule"] == "linkrot/broken") {
      ++broken_findings;
      EXPECT_EQ(f["severity"], "error");
      EXPECT_EQ(f["state"], "broken");
    }
  }
  EXPECT_EQ(broken_findings, 2u); // one per citing document

  m_server.set("/breaks", "200");
  m_server.set("/walled", "200");
  RunResult d5 = run("2026-11-05");
  EXPECT_EQ(d5.exit_code, 0);
  const nlohmann::json r5 = d5.json();
  auto s5 = states(r5);
  EXPECT_EQ(s5[breaks], "recovered");
  EXPECT_EQ(s5.count(walled), 0u); // ok again
  std::vector<int> broken_per_run;
  for (const auto& r : r5["linkrot"]["runs"]) {
    broken_per_run.push_back(r["broken"].get<int>());
  }
  EXPECT_EQ(broken_per_run, (std::vector<int>{0, 0, 0, 1, 0}));
  EXPECT_EQ(recorded_runs(), 5);
  // Every run asked afresh: /stable was fetched by all five runs (never from a cache).
  EXPECT_EQ(m_server.hits("/stable"), 5);

  // Flaky links can be made to fail the run too.
  write_file(m_dir.path() / "verity.yaml", "version: 1\ncollections:\n  pages:\n    paths: "
                                           "[\"*.md\"]\nlinks:\n  retries: 0\n"
                                           "rules:\n  linkrot/newly-broken: error\n");
  m_server.set("/stable", "410");
  EXPECT_EQ(run("2026-11-06").exit_code, 1);
}

TEST_F(Linkrot, MarkdownReportForAnIssueOrJobSummary) {
  m_server.set("/gone", "404");
  page("a", {m_server.url("/gone")});
  RunResult md = run("2026-11-01", {"--failures-to-broken", "1"}, "markdown");
  EXPECT_EQ(md.exit_code, 1);
  EXPECT_NE(md.out.find("## verity linkrot: 1 broken"), std::string::npos) << md.out;
  EXPECT_NE(md.out.find("| broken | http://127.0.0.1:"), std::string::npos) << md.out;
  EXPECT_NE(md.out.find("a.md:4"), std::string::npos);
}

// A link written only in the body is watched too, and reported where the author wrote it.
TEST_F(Linkrot, BodyLinksAreWatchedAtTheirBodyPositions) {
  m_server.set("/gone", "404");
  write_file(m_dir.path() / "b.md",
             "---\ntitle: B\n---\nText\n\nSee <a href=\"" + m_server.url("/gone") + "\">it</a>.\n");
  RunResult md = run("2026-11-01", {"--failures-to-broken", "1"}, "markdown");
  EXPECT_EQ(md.exit_code, 1) << md.out << md.err;
  EXPECT_NE(md.out.find("| broken | " + m_server.url("/gone")), std::string::npos) << md.out;
  EXPECT_NE(md.out.find("| b.md:6:14 |"), std::string::npos) << md.out; // the href's place
  EXPECT_EQ(m_server.hits("/gone"), 1);
}

TEST_F(Linkrot, AKilledRunRecordsNothingAndTheHistoryStaysUsable) {
  page("a", {m_server.url("/stable")});
  ASSERT_EQ(run("2026-11-01").exit_code, 0);
  ASSERT_EQ(run("2026-11-02").exit_code, 0);
  ASSERT_EQ(recorded_runs(), 2);
  m_server.set("/slow", "sleep");
  page("b", {m_server.url("/slow")});
  std::vector<std::string> argv{"timeout", "-s", "KILL", "1", verity_binary()};
  auto a = args("2026-11-03");
  argv.insert(argv.end(), a.begin(), a.end());
  auto killed = util::run_process(argv, m_dir.path());
  EXPECT_NE(killed.exit_code, 0);
  EXPECT_EQ(recorded_runs(), 2); // the database opens, passes integrity_check, holds runs 1-2
  m_server.set("/slow", "200");
  RunResult next = run("2026-11-04");
  EXPECT_EQ(next.exit_code, 0) << next.err;
  EXPECT_EQ(recorded_runs(), 3);
}

TEST_F(Linkrot, PruneDropsOldRuns) {
  page("a", {m_server.url("/stable")});
  std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
  for (int days_ago : {30, 20, 10, 1}) {
    std::string day = util::civil_from_days(util::days_of(now) - days_ago);
    ASSERT_EQ(run(day).exit_code, 0);
  }
  RunResult pruned = run_verity({"linkrot", "prune", "--keep-days", "15"}, m_dir.path());
  EXPECT_EQ(pruned.exit_code, 0) << pruned.err;
  EXPECT_NE(pruned.out.find("deleted 2 runs"), std::string::npos) << pruned.out;
  EXPECT_EQ(recorded_runs(), 2);
  RunResult none = run_verity({"linkrot", "prune", "--keep-days", "1", "--history", "nope.sqlite"},
                              m_dir.path());
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("nope.sqlite"), std::string::npos);
}

TEST_F(Linkrot, FourShardsMergeIntoTheReportOfOneRun) {
  std::vector<std::string> urls;
  for (int i = 0; i < 24; ++i) {
    std::string path = "/u" + std::to_string(i);
    m_server.set(path, i % 3 == 0 ? "404" : i % 3 == 1 ? "moved" : "200");
    urls.push_back(m_server.url(path));
  }
  page("a", std::vector<std::string>(urls.begin(), urls.begin() + 12));
  page("b", std::vector<std::string>(urls.begin() + 8, urls.end()));
  write_file(m_dir.path() / "c.md", "---\ntitle: [unclosed\n---\n"); // an offline finding too
  std::vector<std::string> base{"check", "--online",        "--no-cache", "--format",
                                "json",  "--allow-address", "127.0.0.1"};
  auto whole = base;
  whole.insert(whole.end(), {"--output", "whole.json"});
  run_verity(whole, m_dir.path());
  int whole_hits = m_server.total_hits();
  std::vector<std::string> merge{"report", "merge", "--output", "merged.json"};
  for (int k = 1; k <= 4; ++k) {
    auto shard = base;
    std::string out = "shard" + std::to_string(k) + ".json";
    shard.insert(shard.end(), {"--shard", std::to_string(k) + "/4", "--output", out});
    run_verity(shard, m_dir.path());
    merge.push_back(out);
  }
  EXPECT_EQ(m_server.total_hits(), 2 * whole_hits); // each URL once across the four shards
  RunResult merged = run_verity(merge, m_dir.path());
  EXPECT_EQ(merged.exit_code, 1) << merged.err; // the 404s
  auto a = nlohmann::json::parse(read_file(m_dir.path() / "whole.json"));
  auto b = nlohmann::json::parse(read_file(m_dir.path() / "merged.json"));
  EXPECT_EQ(a["findings"], b["findings"]);
  for (const char* key :
       {"documents", "documents_loaded", "errors", "warnings", "notes", "by_rule"}) {
    EXPECT_EQ(a["summary"][key], b["summary"][key]) << key;
  }
  EXPECT_GT(a["findings"].size(), 16u);
  // No shard is empty, none saw another's URLs, and together they saw every URL of the whole run.
  auto url_findings = [](const nlohmann::json& report) {
    std::multiset<std::string> seen;
    for (const auto& f : report["findings"]) {
      if (f.contains("url")) {
        seen.insert(f["rule"].get<std::string>() + " " + f["file"].get<std::string>() + " " +
                    f["url"].get<std::string>());
      }
    }
    return seen;
  };
  const std::multiset<std::string> whole_urls = url_findings(a);
  std::multiset<std::string> union_urls;
  for (int k = 1; k <= 4; ++k) {
    const nlohmann::json s =
        nlohmann::json::parse(read_file(m_dir.path() / ("shard" + std::to_string(k) + ".json")));
    const std::multiset<std::string> shard_urls = url_findings(s);
    EXPECT_FALSE(shard_urls.empty()) << "shard " << k << " checked no URL";
    for (const auto& u : shard_urls) {
      EXPECT_EQ(union_urls.count(u), 0u) << u << " seen by two shards";
    }
    union_urls.insert(shard_urls.begin(), shard_urls.end());
  }
  EXPECT_GE(whole_urls.size(), 16u);
  EXPECT_EQ(union_urls, whole_urls);
  EXPECT_EQ(run_verity({"check", "--shard", "5/4"}, m_dir.path()).exit_code, 2);
}

} // namespace
} // namespace verity::test

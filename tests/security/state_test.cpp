// State files are not taken on trust (issue 11, section 3): every SQLite file verity opens is
// checked before use, through the real binary on files crafted here with the sqlite3 C API (an
// extra table, a missing column, a view over an endless recursive query named like a table, a
// trigger, versions -1 and 999). A bad history is exit 2 naming the file, a bad cache is ignored
// with a warning, and neither file changes by one byte. A cache committed in the checkout never
// marks a dead link as alive, and two first `linkrot` runs at once both record their run.
#include "integration/counting_server.hpp"
#include "linkrot/history.hpp"
#include "links/link_cache.hpp"
#include "support.hpp"
#include "util/sqlite.hpp"

#include <httplib.h>
#include <sqlite3.h>

#include <cstdlib>
#include <ctime>
#include <thread>

namespace verity::test {
namespace {

// Runs `sql` on the file directly, in rollback-journal mode so that nothing but the file itself
// holds its bytes once it is closed.
void sql_on(const fs::path& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  int rc = sqlite3_exec(db, ("PRAGMA journal_mode=DELETE; " + sql).c_str(), nullptr, nullptr, &err);
  std::string why = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << why << "\n" << sql;
}

const std::string k_endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) ";

// The hostile variants of a file verity wrote, each with the words its refusal must contain.
struct Craft {
  std::string name;
  std::string sql; // applied to a file verity created
  std::string expected;
};

std::vector<Craft> history_crafts() {
  return {
      {"extra-table", "CREATE TABLE extra (x);", "unexpected table 'extra'"},
      {"missing-column",
       "DROP TABLE runs; CREATE TABLE runs (id INTEGER PRIMARY KEY, started_at INTEGER NOT NULL, "
       "finished_at INTEGER NOT NULL, urls INTEGER NOT NULL, failing INTEGER NOT NULL, broken "
       "INTEGER NOT NULL);",
       "table 'runs' has columns ("},
      {"endless-view",
       "DROP TABLE runs; CREATE VIEW runs AS " + k_endless +
           "SELECT x AS id, x AS started_at, x AS finished_at, '' AS shard, x AS urls, x AS "
           "failing, x AS broken FROM c;",
       "'runs' is a view, verity writes a table"},
      {"trigger", "CREATE TRIGGER t AFTER INSERT ON runs BEGIN DELETE FROM urls; END;",
       "unexpected trigger 't'"},
      {"version-minus-one", "PRAGMA user_version = -1;", "version -1 is not one verity writes"},
      {"version-999", "PRAGMA user_version = 999;", "version 999 is from a newer verity"},
  };
}

class StateFiles : public ::testing::Test {
protected:
  void SetUp() override {
    // The user's cache directory of this test: never the real ~/.cache.
    ::setenv("XDG_CACHE_HOME", (m_dir.path() / "xdg").c_str(), 1);
    write_file(site() / "verity.yaml", "version: 1\ncollections:\n  pages:\n    paths: "
                                       "[\"*.md\"]\nlinks:\n  retries: 0\n");
  }
  fs::path site() const { return m_dir.path() / "site"; }
  // a.md links to /ok, which answers 200.
  void serve_ok_page() {
    m_server.http().Get("/ok", [this](const httplib::Request& req, httplib::Response& res) {
      m_server.hit(req.path);
      res.set_content("ok", "text/plain");
    });
    write_link_page(site(), "a", {m_server.url("/ok")});
  }
  fs::path history() const { return site() / ".verity/history.sqlite"; }
  fs::path cache() const {
    return *links::LinkCache::default_path(site(), (m_dir.path() / "xdg").c_str(), nullptr);
  }

  // `verity CMD...` under coreutils timeout: a hang fails the test instead of blocking it.
  RunResult run(std::vector<std::string> args) {
    std::vector<std::string> argv{"timeout", "-s", "KILL", "60", verity_binary()};
    argv.insert(argv.end(), args.begin(), args.end());
    auto r = util::run_process(argv, site());
    return {r.exit_code, r.out, r.err};
  }
  std::vector<std::string> linkrot() {
    return {"linkrot", "--format", "json", "--allow-address", "127.0.0.1"};
  }
  std::vector<std::string> check() {
    return {"check", "--online", "--format", "json", "--allow-address", "127.0.0.1"};
  }

  TempDir m_dir;
  CountingServer m_server{"127.0.0.1"};
};

TEST_F(StateFiles, AHistoryVerityDidNotWriteIsExitTwoAndLeftUntouched) {
  serve_ok_page();
  // Positive control: the untouched file verity wrote is accepted and records the run.
  ASSERT_EQ(run(linkrot()).exit_code, 0);
  ASSERT_EQ(rows_if_intact(history(), "runs"), 1);
  ASSERT_EQ(m_server.hits("/ok"), 1);
  std::string pristine = read_file(history());
  ASSERT_FALSE(pristine.empty());
  fs::path good = m_dir.path() / "good.sqlite";
  fs::copy_file(history(), good);
  for (const auto& craft : history_crafts()) {
    SCOPED_TRACE(craft.name);
    fs::remove(history());
    fs::copy_file(good, history());
    sql_on(history(), craft.sql);
    std::string before = read_file(history());
    auto started = std::chrono::steady_clock::now();
    RunResult r = run(linkrot());
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(30)); // ceiling
    EXPECT_NE(r.err.find("the history file " + history().string() + " is not one verity wrote"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find(craft.expected), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("delete it or move it away"), std::string::npos) << r.err;
    EXPECT_TRUE(read_file(history()) == before) << "a file that failed validation was modified";
    EXPECT_FALSE(fs::exists(history().string() + "-wal"));
  }
  EXPECT_EQ(m_server.hits("/ok"), 1); // refused before any request
}

TEST_F(StateFiles, ACacheVerityDidNotWriteIsIgnoredWithAWarningAndLeftUntouched) {
  serve_ok_page();
  // Positive control: the cache is used between two good runs (one request, then none).
  ASSERT_EQ(run(check()).exit_code, 0);
  ASSERT_EQ(run(check()).exit_code, 0);
  ASSERT_EQ(m_server.hits("/ok"), 1);
  ASSERT_EQ(rows_if_intact(cache(), "links"), 1);
  fs::path good = m_dir.path() / "good.sqlite";
  fs::copy_file(cache(), good);
  std::vector<Craft> crafts = {
      {"extra-table", "CREATE TABLE extra (x);", "unexpected table 'extra'"},
      {"missing-column",
       "DROP TABLE links; CREATE TABLE links (url TEXT PRIMARY KEY, status INTEGER NOT NULL);",
       "table 'links' has columns (url TEXT primary key, status INTEGER not null) where verity "
       "writes (url TEXT primary key, status INTEGER not null, final_url TEXT not null"},
      {"endless-view",
       "DROP TABLE links; CREATE VIEW links AS " + k_endless +
           "SELECT 'x' || x AS url, 200 AS status, '' AS final_url, '[]' AS redirects, 0 AS "
           "permanent, 0 AS checked_at FROM c;",
       "'links' is a view, verity writes a table"},
      {"trigger", "CREATE TRIGGER t AFTER DELETE ON links BEGIN SELECT 1; END;",
       "unexpected trigger 't'"},
      {"version-minus-one", "PRAGMA user_version = -1;", "version -1 is not one verity writes"},
      {"version-999", "PRAGMA user_version = 999;", "version 999 is from a newer verity"},
  };
  int expected_hits = 1;
  for (const auto& craft : crafts) {
    SCOPED_TRACE(craft.name);
    fs::remove(cache());
    fs::copy_file(good, cache());
    sql_on(cache(), craft.sql);
    std::string before = read_file(cache());
    RunResult r = run(check());
    EXPECT_EQ(r.exit_code, 0) << r.err; // only a cache: the run goes on without it
    EXPECT_EQ(m_server.hits("/ok"), ++expected_hits) << "the link was not fetched afresh";
    EXPECT_NE(r.err.find("link cache not used: the cache file " + cache().string() +
                         " is not one verity wrote"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find(craft.expected), std::string::npos) << r.err;
    EXPECT_TRUE(read_file(cache()) == before) << "a file that failed validation was modified";
  }
}

TEST_F(StateFiles, ACommittedCacheCannotMarkADeadLinkAsAlive) {
  m_server.http().Get("/dead", [this](const httplib::Request& req, httplib::Response& res) {
    m_server.hit(req.path);
    res.status = 404;
  });
  std::string dead = m_server.url("/dead");
  write_link_page(site(), "a", {dead});
  // A pull request commits a well-formed cache (verity's own schema) claiming the link works,
  // both where the cache used to live and where the user's cache directory would be if the
  // pull request could write there.
  fs::path committed = site() / ".verity/cache.sqlite";
  {
    links::LinkCache cache(committed);
    links::LinkResult r;
    r.url = dead;
    r.final_url = dead;
    r.status = 200;
    r.fetched = true;
    cache.record({r}, static_cast<std::int64_t>(std::time(nullptr)));
    ASSERT_TRUE(cache.fresh(dead, static_cast<std::int64_t>(std::time(nullptr)), 86400));
  }
  std::string before = read_file(committed);
  RunResult r = run(check());
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_EQ(m_server.hits("/dead"), 1); // fetched, not taken from the committed file
  int broken = 0;
  const nlohmann::json report = r.json();
  for (const auto& f : report["findings"]) {
    broken += f["rule"] == "link/broken" && f["url"] == dead && !f.value("cached", false) ? 1 : 0;
  }
  EXPECT_EQ(broken, 1) << r.out;
  EXPECT_TRUE(read_file(committed) == before);    // never opened
  EXPECT_EQ(rows_if_intact(cache(), "links"), 0); // the real cache: errors are never stored
}

TEST_F(StateFiles, TwoFirstLinkrotRunsAtOnceBothRecordTheirRun) {
  serve_ok_page();
  constexpr int k_rounds = 5; // the race used to lose one run in most rounds
  for (int round = 0; round < k_rounds; ++round) {
    SCOPED_TRACE(round);
    fs::remove_all(site() / ".verity");
    RunResult a, b;
    std::thread ta([&] { a = run(linkrot()); });
    std::thread tb([&] { b = run(linkrot()); });
    ta.join();
    tb.join();
    EXPECT_EQ(a.exit_code, 0) << a.err;
    EXPECT_EQ(b.exit_code, 0) << b.err;
    EXPECT_EQ(rows_if_intact(history(), "runs"), 2);
  }
  EXPECT_EQ(m_server.hits("/ok"), 2 * k_rounds);
}

// The deadline behind every statement, on a query that never ends by itself.
TEST(SqliteDeadline, AnEndlessQueryEndsWithAClearError) {
  TempDir dir;
  util::Database db(dir.path() / "x.sqlite", true);
  db.set_statement_budget(std::chrono::milliseconds(200));
  auto q = db.prepare(k_endless + "SELECT count(*) FROM c");
  auto started = std::chrono::steady_clock::now();
  try {
    q.step();
    ADD_FAILURE() << "an endless query returned";
  } catch (const util::SqliteError& e) {
    EXPECT_NE(std::string(e.what()).find("a query ran longer than"), std::string::npos) << e.what();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(30));
  // Positive control: a bounded query on the same connection still works.
  auto ok = db.prepare("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < "
                       "1000) SELECT count(*) FROM c");
  ASSERT_TRUE(ok.step());
  EXPECT_EQ(ok.column_int(0), 1000);
}

} // namespace
} // namespace verity::test

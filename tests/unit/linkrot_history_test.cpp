// Unit tests of link-rot states and the history database: the state machine, one transaction
// per run, migrations from an older schema, pruning, and files that are not a history.
#include "linkrot/history.hpp"
#include "support.hpp"

#include <sqlite3.h>

namespace verity::linkrot {
namespace {

std::string walk(const std::string& outcomes, int n = 3) {
  UrlTrack track;
  std::string states;
  std::int64_t t = 1000;
  for (char c : outcomes) {
    Outcome o = c == 'o' ? Outcome::Ok : c == 'f' ? Outcome::Fail : Outcome::Blocked;
    UrlState s = advance(track, o, t += 86400, n);
    track = s.track;
    states += (states.empty() ? "" : " ") + s.state;
  }
  return states;
}

TEST(UrlStates, FromFirstFailureToBrokenAndBack) {
  EXPECT_EQ(walk("offfo"), "ok newly-broken flaky broken recovered");
  EXPECT_EQ(walk("f"), "newly-broken"); // first seen failing
  EXPECT_EQ(walk("ofofo"), "ok newly-broken recovered flaky recovered");
  EXPECT_EQ(walk("ofbff"), "ok newly-broken blocked flaky broken"); // a bot wall pauses the count
  EXPECT_EQ(walk("ff", 1), "broken broken");
  EXPECT_EQ(walk("obo"), "ok blocked ok");
}

TEST(UrlStates, TheStreakRemembersWhenItBegan) {
  UrlTrack t;
  t = advance(t, Outcome::Ok, 100, 3).track;
  t = advance(t, Outcome::Fail, 200, 3).track;
  t = advance(t, Outcome::Fail, 300, 3).track;
  EXPECT_EQ(t.streak, 2);
  EXPECT_EQ(t.first_failed, 200);
  t = advance(t, Outcome::Ok, 400, 3).track;
  EXPECT_EQ(t.streak, 0);
  EXPECT_EQ(t.first_failed, 0);
  std::string many(40, 'o');
  UrlTrack long_track{many, 0, 0};
  EXPECT_EQ(advance(long_track, Outcome::Ok, 1, 3).track.recent.size(), k_recent_window);
}

TEST(History, RecordsRunsAndReturnsStates) {
  test::TempDir dir;
  History h(dir.path() / "h.sqlite");
  EXPECT_EQ(h.schema_version(), History::k_schema_version);
  h.record_run({{"https://a.example.org/", Outcome::Ok, 200, ""},
                {"https://user:pw@b.example.org/", Outcome::Fail, 404, "HTTP 404"}},
               1000, 1010, "", 3);
  auto second = h.record_run({{"https://a.example.org/", Outcome::Fail, 0, "timed out"},
                              {"https://user:pw@b.example.org/", Outcome::Fail, 404, "HTTP 404"}},
                             2000, 2010, "", 3);
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second[0].state.state, "newly-broken");
  EXPECT_EQ(second[1].url, "https://b.example.org/"); // credentials never stored
  EXPECT_EQ(second[1].state.state, "flaky");
  EXPECT_EQ(second[1].state.track.first_failed, 1000);
  auto runs = h.runs(10);
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].started_at, 1000);
  EXPECT_EQ(runs[1].failing, 2);
  EXPECT_EQ(runs[1].broken, 0);
  EXPECT_EQ(h.prune(2500, 1000), 1u); // the run at 1000 is older than 1000 s
  EXPECT_EQ(h.runs(10).size(), 1u);
}

TEST(History, UrlsThatDifferOnlyInCredentialsAreOneUrl) {
  test::TempDir dir;
  History h(dir.path() / "h.sqlite");
  auto recorded = h.record_run({{"https://u1:p1@c.example.org/", Outcome::Ok, 200, ""},
                                {"https://u2:p2@c.example.org/", Outcome::Fail, 404, "HTTP 404"}},
                               1000, 1001, "", 3);
  ASSERT_EQ(recorded.size(), 1u); // the run is recorded, not refused for a duplicate key
  EXPECT_EQ(recorded[0].url, "https://c.example.org/");
  EXPECT_EQ(h.runs(10).at(0).urls, 2); // both were checked
}

TEST(History, AnOlderSchemaIsMigratedWithItsData) {
  test::TempDir dir;
  auto path = dir.path() / "h.sqlite";
  {
    History v1(path, 1);
    EXPECT_EQ(v1.schema_version(), 1);
    v1.record_run({{"https://a.example.org/", Outcome::Fail, 500, "HTTP 500"}}, 1000, 1001, "", 3);
  }
  History current(path);
  EXPECT_EQ(current.schema_version(), 2);
  auto next = current.record_run({{"https://a.example.org/", Outcome::Fail, 500, "HTTP 500"}}, 2000,
                                 2001, "", 3);
  EXPECT_EQ(next[0].state.track.streak, 2); // the track record survived the migration
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master WHERE name = 'results_by_url'", -1,
                     &st, nullptr);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st, 0), 1);
  sqlite3_finalize(st);
  sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  try {
    History newer(path);
    ADD_FAILURE() << "a newer schema was accepted";
  } catch (const util::SqliteError& e) {
    EXPECT_NE(std::string(e.what()).find("newer verity"), std::string::npos) << e.what();
  }
}

TEST(History, AFileThatIsNotADatabaseIsRefused) {
  test::TempDir dir;
  test::write_file(dir.path() / "h.sqlite",
                   "this is a text file, not a history\n" + std::string(4096, '.'));
  EXPECT_THROW(History(dir.path() / "h.sqlite"), util::SqliteError);
}

} // namespace
} // namespace verity::linkrot

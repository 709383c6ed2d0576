#include "linkrot/history.hpp"

#include "net/url.hpp"
#include "util/sqlite_schema.hpp"

#include <array>
#include <unordered_map>

namespace verity::linkrot {
namespace {

// Migration N takes the schema from version N-1 to N. Never edit a released step: add one.
constexpr std::array<std::string_view, History::k_schema_version> k_migrations = {
    // 1: runs, URLs with their track record, results per run.
    "CREATE TABLE runs ("
    " id INTEGER PRIMARY KEY,"
    " started_at INTEGER NOT NULL,"
    " finished_at INTEGER NOT NULL,"
    " shard TEXT NOT NULL DEFAULT '',"
    " urls INTEGER NOT NULL,"
    " failing INTEGER NOT NULL,"
    " broken INTEGER NOT NULL);"
    "CREATE TABLE urls ("
    " id INTEGER PRIMARY KEY,"
    " url TEXT NOT NULL UNIQUE,"
    " recent TEXT NOT NULL DEFAULT '',"
    " streak INTEGER NOT NULL DEFAULT 0,"
    " first_failed INTEGER NOT NULL DEFAULT 0,"
    " last_run INTEGER);"
    "CREATE TABLE results ("
    " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
    " url_id INTEGER NOT NULL REFERENCES urls(id) ON DELETE CASCADE,"
    " state TEXT NOT NULL,"
    " status INTEGER NOT NULL,"
    " error TEXT NOT NULL,"
    " PRIMARY KEY (run_id, url_id)) WITHOUT ROWID;",
    // 2: a URL's results over time without a scan of every run.
    "CREATE INDEX results_by_url ON results(url_id, run_id);",
};

} // namespace

History::History(const std::filesystem::path& path) : History(path, k_schema_version) {}

History::History(const std::filesystem::path& path, int version) : m_db(path, true) {
  // A run writes every URL and result at once: a 64 MiB page cache keeps the B-trees in memory.
  util::open_versioned(
      m_db, k_migrations, version,
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
      "PRAGMA cache_size=-65536;");
}

int History::schema_version() {
  return static_cast<int>(m_db.user_version());
}

std::vector<RecordedUrl> History::record_run(const std::vector<UrlOutcome>& outcomes,
                                             std::int64_t started_at, std::int64_t finished_at,
                                             const std::string& shard, int failures_to_broken) {
  util::Transaction tx(m_db);
  struct Known {
    std::int64_t id;
    UrlTrack track;
    bool this_run = false; // two URLs that differ only in credentials are one URL here
  };
  std::unordered_map<std::string, Known> known;
  {
    auto q = m_db.prepare("SELECT id, url, recent, streak, first_failed FROM urls");
    while (q.step()) {
      known.emplace(q.column_text(1),
                    Known{q.column_int(0),
                          {q.column_text(2), static_cast<int>(q.column_int(3)), q.column_int(4)}});
    }
  }
  m_db.prepare("INSERT INTO runs (started_at, finished_at, shard, urls, failing, broken)"
               " VALUES (?1, ?2, ?3, 0, 0, 0)")
      .bind(1, started_at)
      .bind(2, finished_at)
      .bind(3, shard)
      .run();
  std::int64_t run_id = sqlite3_last_insert_rowid(m_db.get());
  auto add_url = m_db.prepare("INSERT INTO urls (url, recent, streak, first_failed, last_run)"
                              " VALUES (?1, ?2, ?3, ?4, ?5)");
  auto update_url = m_db.prepare(
      "UPDATE urls SET recent = ?2, streak = ?3, first_failed = ?4, last_run = ?5 WHERE id = ?1");
  auto add_result = m_db.prepare(
      "INSERT INTO results (run_id, url_id, state, status, error) VALUES (?1, ?2, ?3, ?4, ?5)");
  std::vector<RecordedUrl> out;
  out.reserve(outcomes.size());
  std::int64_t failing = 0;
  std::int64_t broken = 0;
  for (const auto& o : outcomes) {
    std::string url = net::redact_url(o.url);
    auto it = known.find(url);
    bool is_new = it == known.end();
    if (!is_new && it->second.this_run) {
      continue;
    }
    UrlState s =
        advance(is_new ? UrlTrack{} : it->second.track, o.outcome, started_at, failures_to_broken);
    if (is_new) {
      // One statement for a URL seen for the first time, not an insert and an update.
      add_url.bind(1, url)
          .bind(2, s.track.recent)
          .bind(3, std::int64_t{s.track.streak})
          .bind(4, s.track.first_failed)
          .bind(5, run_id)
          .run();
      it = known.emplace(url, Known{sqlite3_last_insert_rowid(m_db.get()), s.track, true}).first;
    } else {
      it->second.track = s.track;
      it->second.this_run = true;
      update_url.bind(1, it->second.id)
          .bind(2, s.track.recent)
          .bind(3, std::int64_t{s.track.streak})
          .bind(4, s.track.first_failed)
          .bind(5, run_id)
          .run();
    }
    add_result.bind(1, run_id)
        .bind(2, it->second.id)
        .bind(3, s.state)
        .bind(4, std::int64_t{o.status})
        .bind(5, o.error)
        .run();
    failing += is_failing(s.state) ? 1 : 0;
    broken += s.state == "broken" ? 1 : 0;
    out.push_back({url, std::move(s), o.status, o.error});
  }
  m_db.prepare("UPDATE runs SET urls = ?2, failing = ?3, broken = ?4 WHERE id = ?1")
      .bind(1, run_id)
      .bind(2, static_cast<std::int64_t>(outcomes.size()))
      .bind(3, failing)
      .bind(4, broken)
      .run();
  tx.commit();
  return out;
}

std::vector<RunSummary> History::runs(size_t limit) {
  auto q = m_db.prepare("SELECT id, started_at, urls, failing, broken FROM runs"
                        " ORDER BY id DESC LIMIT ?1");
  q.bind(1, static_cast<std::int64_t>(limit));
  std::vector<RunSummary> out;
  while (q.step()) {
    out.push_back(
        {q.column_int(0), q.column_int(1), q.column_int(2), q.column_int(3), q.column_int(4)});
  }
  return {out.rbegin(), out.rend()};
}

size_t History::prune(std::int64_t now, std::int64_t keep_seconds) {
  util::Transaction tx(m_db);
  auto del = m_db.prepare("DELETE FROM runs WHERE started_at < ?1");
  del.bind(1, now - keep_seconds).run();
  size_t deleted = static_cast<size_t>(sqlite3_changes(m_db.get()));
  m_db.exec("DELETE FROM urls WHERE last_run IS NULL OR last_run NOT IN (SELECT id FROM runs)");
  tx.commit();
  return deleted;
}

} // namespace verity::linkrot

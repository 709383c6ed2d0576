// Helpers of the network tests: link pages, SQLite files checked for integrity, and a loopback
// server that counts requests per key and records when each arrived, and tracks how
// many requests it was serving at once (for concurrency limits).
#pragma once

#include "loopback_server.hpp"

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace verity::test {

// NAME.md in `dir` whose front matter lists `urls` under `links:` (the first URL on line 4).
inline void write_link_page(const std::filesystem::path& dir, const std::string& name,
                            const std::vector<std::string>& urls) {
  std::string fm = "---\ntitle: " + name + "\nlinks:\n";
  for (const auto& u : urls) {
    fm += "  - \"" + u + "\"\n";
  }
  std::filesystem::create_directories(dir);
  std::ofstream(dir / (name + ".md"), std::ios::binary) << fm << "---\n";
}

// The row count of `table` in the SQLite file at `path` after PRAGMA integrity_check passes;
// -1 when the file cannot be opened or is not intact.
inline int rows_if_intact(const std::filesystem::path& path, const std::string& table) {
  sqlite3* db = nullptr;
  int rows = -1;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW &&
        std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) == "ok") {
      sqlite3_finalize(st);
      st = nullptr;
      std::string count = "SELECT count(*) FROM " + table;
      if (sqlite3_prepare_v2(db, count.c_str(), -1, &st, nullptr) == SQLITE_OK &&
          sqlite3_step(st) == SQLITE_ROW) {
        rows = sqlite3_column_int(st, 0);
      }
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return rows;
}

class CountingServer : public LoopbackServer {
public:
  using LoopbackServer::LoopbackServer;

  int hit(const std::string& key) {
    std::lock_guard lock(m_mutex);
    m_times[key].push_back(std::chrono::steady_clock::now());
    return ++m_hits[key];
  }
  int hits(const std::string& key) {
    std::lock_guard lock(m_mutex);
    return m_hits[key];
  }
  int total_hits() {
    std::lock_guard lock(m_mutex);
    int n = 0;
    for (const auto& [k, v] : m_hits) {
      n += v;
    }
    return n;
  }
  std::vector<std::chrono::steady_clock::time_point> times(const std::string& key) {
    std::lock_guard lock(m_mutex);
    return m_times[key];
  }

  // Call at the start of a handler that should count towards max_in_flight; end() at its end.
  void begin() {
    int now = ++in_flight;
    int seen = max_in_flight.load();
    while (now > seen && !max_in_flight.compare_exchange_weak(seen, now)) {
    }
  }
  void end() { --in_flight; }

  std::atomic<int> in_flight{0};
  std::atomic<int> max_in_flight{0};

private:
  std::mutex m_mutex;
  std::map<std::string, int> m_hits;
  std::map<std::string, std::vector<std::chrono::steady_clock::time_point>> m_times;
};

} // namespace verity::test

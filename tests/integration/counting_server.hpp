// A loopback server that counts requests per key and records when each arrived, and tracks how
// many requests it was serving at once (for concurrency limits).
#pragma once

#include "loopback_server.hpp"

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace verity::test {

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

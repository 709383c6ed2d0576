// An HTTP server on a loopback address, started by a test on a free port and stopped (joined)
// when it goes out of scope. Tests add their routes with http().
#pragma once

#include <httplib.h>

#include <chrono>
#include <string>
#include <thread>

namespace verity::test {

class LoopbackServer {
public:
  explicit LoopbackServer(const std::string& host) : m_host(host) {
    m_port = m_server.bind_to_any_port(host);
    m_thread = std::thread([this] { m_server.listen_after_bind(); });
    while (!m_server.is_running()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  ~LoopbackServer() {
    m_server.stop();
    m_thread.join();
  }
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  httplib::Server& http() { return m_server; }
  std::string url(const std::string& path) const {
    return "http://" + m_host + ":" + std::to_string(m_port) + path;
  }

private:
  std::string m_host;
  httplib::Server m_server;
  int m_port = 0;
  std::thread m_thread;
};

} // namespace verity::test

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
  // port 0: any free port.
  explicit LoopbackServer(const std::string& host, int port = 0) : m_host(host) {
    if (port == 0) {
      m_port = m_server.bind_to_any_port(host);
    } else {
      m_port = m_server.bind_to_port(host, port) ? port : -1;
    }
    if (m_port <= 0) {
      return; // the test sees port() <= 0 and fails
    }
    m_thread = std::thread([this] { m_server.listen_after_bind(); });
    while (!m_server.is_running()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  ~LoopbackServer() {
    m_server.stop();
    if (m_thread.joinable()) {
      m_thread.join();
    }
  }
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  httplib::Server& http() { return m_server; }
  int port() const { return m_port; }
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

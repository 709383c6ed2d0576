// Link checking throughput against loopback servers: HOSTS servers on 127.0.0.1 (one port each,
// so each is a host for verity's politeness), every request answered after LATENCY ms, and a
// generated site whose front matter cites URLS unique URLs spread evenly over the hosts (each
// cited twice, so deduplication is exercised). Runs the real verity binary once and prints the
// wall time, the lower bound the politeness settings allow, their ratio, the requests the servers
// saw and verity's peak RSS.
// Usage: verity_link_bench VERITY URLS HOSTS LATENCY_MS INTERVAL_MS [PER_HOST] [CONCURRENCY]
//        verity_link_bench --serve URLS HOSTS LATENCY_MS SECONDS URLFILE
// The second form only serves: it writes the URL list to URLFILE, then answers for SECONDS (at
// most) and stops, so that peer tools can be timed against the same servers
// (tests/bench/peers.sh).
#include <httplib.h>

#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <memory>
#include <netinet/in.h>
#include <string>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Server {
  httplib::Server http;
  std::thread thread;
  int port = 0;
};

// Debian's compiled cpp-httplib listens with a backlog of 5: eight simultaneous connections to
// one server overflow it, and the dropped handshakes are retried by TCP one second later, which
// would be measured as verity's time. A second listen() on the same socket raises the backlog;
// the socket is found among the open descriptors by its port.
void raise_backlog(int port) {
  for (const auto& entry : fs::directory_iterator("/proc/self/fd")) {
    int fd = std::stoi(entry.path().filename().string());
    sockaddr_in addr{};
    socklen_t len = sizeof addr;
    int type = 0;
    socklen_t type_len = sizeof type;
    if (::getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &type_len) == 0 && type == SOCK_STREAM &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0 &&
        addr.sin_family == AF_INET && ntohs(addr.sin_port) == port) {
      ::listen(fd, 1024);
    }
  }
}

// Starts `hosts` servers on 127.0.0.1 that answer every GET/HEAD after `latency_ms`.
std::vector<std::unique_ptr<Server>> start_servers(int hosts, int latency_ms, int threads,
                                                   std::atomic<long>& requests) {
  std::vector<std::unique_ptr<Server>> servers;
  for (int h = 0; h < hosts; ++h) {
    auto s = std::make_unique<Server>();
    s->http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    s->http.set_keep_alive_max_count(100000);
    s->http.Get(
        R"(/.*)", [&requests, latency_ms](const httplib::Request& req, httplib::Response& res) {
          if (req.path == "/__count") { // for the peers script: requests so far, not counted
            res.set_content(std::to_string(requests.load()), "text/plain");
            return;
          }
          ++requests;
          if (latency_ms > 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(latency_ms));
          }
          res.set_content("ok", "text/plain");
        });
    s->port = s->http.bind_to_any_port("127.0.0.1");
    raise_backlog(s->port);
    Server* raw = s.get();
    s->thread = std::thread([raw] { raw->http.listen_after_bind(); });
    servers.push_back(std::move(s));
  }
  for (auto& s : servers) {
    while (!s->http.is_running()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  return servers;
}

void stop_servers(std::vector<std::unique_ptr<Server>>& servers) {
  for (auto& s : servers) {
    s->http.stop();
    s->thread.join();
  }
}

std::string url_of(const std::vector<std::unique_ptr<Server>>& servers, long u) {
  return "http://127.0.0.1:" +
         std::to_string(servers[static_cast<size_t>(u) % servers.size()]->port) + "/p/" +
         std::to_string(u);
}

int serve(int argc, char** argv) {
  if (argc < 7) {
    std::fprintf(stderr,
                 "usage: verity_link_bench --serve URLS HOSTS LATENCY_MS SECONDS URLFILE\n");
    return 2;
  }
  long urls = std::stol(argv[2]);
  int hosts = std::stoi(argv[3]);
  int latency_ms = std::stoi(argv[4]);
  int seconds = std::stoi(argv[5]);
  std::atomic<long> requests{0};
  auto servers = start_servers(hosts, latency_ms, 64, requests);
  {
    std::ofstream list(std::string(argv[6]) + ".tmp");
    for (long u = 0; u < urls; ++u) {
      list << url_of(servers, u) << "\n";
    }
  }
  fs::rename(std::string(argv[6]) + ".tmp", argv[6]); // appears whole
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < until && !fs::exists(std::string(argv[6]) + ".stop")) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::printf("served %ld requests\n", requests.load());
  stop_servers(servers);
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "--serve") {
    return serve(argc, argv);
  }
  if (argc < 6) {
    std::fprintf(stderr, "usage: verity_link_bench VERITY URLS HOSTS LATENCY_MS INTERVAL_MS "
                         "[PER_HOST] [CONCURRENCY]\n");
    return 2;
  }
  std::string verity = fs::absolute(argv[1]).string(); // the child changes directory
  long urls = std::stol(argv[2]);
  int hosts = std::stoi(argv[3]);
  int latency_ms = std::stoi(argv[4]);
  int interval_ms = std::stoi(argv[5]);
  int per_host = argc > 6 ? std::stoi(argv[6]) : 8;
  int concurrency = argc > 7 ? std::stoi(argv[7]) : 128;

  std::atomic<long> requests{0};
  auto servers = start_servers(hosts, latency_ms, std::max(per_host * 2, 8), requests);

  std::string tmpl = (fs::temp_directory_path() / "verity-link-bench-XXXXXX").string();
  fs::path site = ::mkdtemp(tmpl.data());
  {
    std::ofstream cfg(site / "verity.yaml");
    cfg << "version: 1\ncollections:\n  pages:\n    paths: [\"**/*.md\"]\nlinks:\n"
        << "  cache: false\n  interval_ms: " << interval_ms << "\n  per_host: " << per_host
        << "\n  concurrency: " << concurrency << "\n";
  }
  // 10 URLs a document; every URL is cited by two documents.
  const long per_doc = 10;
  long docs = 2 * urls / per_doc;
  for (long d = 0; d < docs; ++d) {
    fs::path dir = site / ("d" + std::to_string(d / 1000));
    if (d % 1000 == 0) {
      fs::create_directories(dir);
    }
    std::ofstream doc(dir / ("p" + std::to_string(d) + ".md"));
    doc << "---\ntitle: page " << d << "\nlinks:\n";
    for (long i = 0; i < per_doc; ++i) {
      long u = (d % (docs / 2)) * per_doc + i;
      doc << "  - \"" << url_of(servers, u) << "\"\n";
    }
    doc << "---\nBody.\n";
  }

  auto start = std::chrono::steady_clock::now();
  pid_t pid = ::fork();
  if (pid == 0) {
    if (::chdir(site.c_str()) != 0) {
      _exit(127);
    }
    int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    // The bench's own settings (interval 0) are wider than a checkout's verity.yaml may ask for.
    execl(verity.c_str(), verity.c_str(), "check", "--online", "--allow-address", "127.0.0.1",
          "--trusted-config", "verity.yaml", "--format", "json", "--output", "report.json",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  ::wait4(pid, &status, 0, &usage);
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  double latency = latency_ms / 1000.0;
  double parallel = std::min<double>(concurrency, static_cast<double>(hosts) * per_host);
  double busiest = std::ceil(static_cast<double>(urls) / hosts);
  double bound =
      std::max(static_cast<double>(urls) * latency / parallel, busiest * interval_ms / 1000.0);
  std::ifstream report(site / "report.json");
  std::string text((std::istreambuf_iterator<char>(report)), {});
  bool clean = text.find("\"findings\": []") != std::string::npos;
  std::printf("urls=%ld hosts=%d latency=%dms interval=%dms per_host=%d concurrency=%d: "
              "wall %.2f s, bound %.2f s, ratio %.2f, requests %ld, peak RSS %.1f MiB, "
              "exit %d, %s\n",
              urls, hosts, latency_ms, interval_ms, per_host, concurrency, wall, bound,
              bound > 0 ? wall / bound : 0.0, requests.load(), usage.ru_maxrss / 1024.0,
              WIFEXITED(status) ? WEXITSTATUS(status) : -1, clean ? "no findings" : "FINDINGS");
  stop_servers(servers);
  std::error_code ec;
  fs::remove_all(site, ec);
  return clean ? 0 : 1;
}

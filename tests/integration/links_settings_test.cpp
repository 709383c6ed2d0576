// Link checking settings against loopback servers started by the test, through the real binary
// (or in process on a fake clock where only timing is asserted):
// timeouts, a refused connection that is accepted on the retry, per-host concurrency, interval,
// headers and accepted statuses, the method list, include/exclude patterns, challenge pages, a
// Retry-After longer than verity waits, and config mistakes. No test touches a non-loopback
// address.
#include "counting_server.hpp"
#include "links/link_check.hpp"
#include "net/clock.hpp"
#include "support.hpp"

#include <httplib.h>

#include <atomic>
#include <ctime>
#include <mutex>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace verity::test {
namespace {

class LinkSettings : public ::testing::Test {
protected:
  void SetUp() override {
    auto& s = m_main.http();
    s.Get("/ok", [this](const httplib::Request& req, httplib::Response& res) {
      m_main.hit(req.method + " " + req.path);
      m_main.hit("agent " + req.get_header_value("User-Agent"));
      m_main.hit("token " + req.get_header_value("X-Token"));
      res.set_content("ok", "text/plain");
    });
    // Answers after 30 s, or when the test ends: far beyond any timeout a test gives.
    s.Get("/sleepy", [this](const httplib::Request& req, httplib::Response& res) {
      m_main.hit(req.method + " " + req.path);
      auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
      while (!m_released && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      res.set_content("late", "text/plain");
    });
    s.Get(R"(/slow/\d+)", [this](const httplib::Request&, httplib::Response& res) {
      m_main.begin();
      m_main.hit("slow");
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      m_main.end();
      res.status = 200;
    });
    // Stamped with the fake clock of in-process runs (frozen while a transfer is in flight).
    s.Get(R"(/paced/\d+)", [this](const httplib::Request&, httplib::Response&) {
      m_main.hit("paced");
      std::lock_guard lock(m_stamps_mutex);
      m_stamps.push_back(m_clock.now());
    });
    s.Get("/forbidden", [this](const httplib::Request& req, httplib::Response& res) {
      m_main.hit(req.method + " " + req.path);
      res.status = 403;
    });
    s.Get("/challenge", [this](const httplib::Request& req, httplib::Response& res) {
      m_main.hit(req.method + " " + req.path);
      res.status = 403;
      res.set_content("<!DOCTYPE html><html><head><title>Just a moment...</title></head>"
                      "<body>Checking your browser</body></html>",
                      "text/html");
    });
    // A rate limit said with the IETF draft's header (a delay).
    s.Get("/draft-limited", [this](const httplib::Request& req, httplib::Response& res) {
      if (m_main.hit(req.method + " " + req.path) == 1) {
        res.status = 429;
        res.set_header("RateLimit-Reset", "3");
      }
    });
    s.Get("/for-an-hour", [this](const httplib::Request& req, httplib::Response& res) {
      m_main.hit(req.method + " " + req.path);
      res.status = 429;
      res.set_header("Retry-After", "3600");
    });
  }

  void TearDown() override { m_released = true; }

  // In-process link options on the fake clock, loopback allowed.
  links::LinkOptions fake_clock_options() {
    links::LinkOptions lo;
    lo.fetch.guard = net::AddressGuard(false, {"127.0.0.1"});
    lo.fetch.clock = &m_clock;
    return lo;
  }

  void config(const std::string& links_section) {
    write_file(m_dir.path() / "verity.yaml",
               "version: 1\nrules:\n  schema/none: off # not what this test is about\ncollections:\n  pages:\n    paths: [\"*.md\"]\nlinks:\n" +
                   links_section);
  }

  void page(const std::string& name, const std::vector<std::string>& urls) {
    write_link_page(m_dir.path(), name, urls);
  }

  RunResult check(std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"check",      "--format",        "json",     "--online",
                                  "--no-cache", "--allow-address", "127.0.0.1"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_verity(args, m_dir.path());
  }

  static std::map<std::string, nlohmann::json> by_url(const RunResult& r) {
    std::map<std::string, nlohmann::json> out;
    const nlohmann::json report = r.json();
    for (const auto& f : report["findings"]) {
      out[f.value("url", "")] = f;
    }
    return out;
  }

  std::atomic<bool> m_released{false};
  net::FakeClock m_clock;
  std::mutex m_stamps_mutex;
  std::vector<net::Clock::time_point> m_stamps;
  TempDir m_dir;
  CountingServer m_main{"127.0.0.1"};
};

TEST_F(LinkSettings, ASlowServerTimesOutAtTheGivenTimeout) {
  config("  retries: 0\n");
  page("a", {m_main.url("/sleepy")});
  auto start = std::chrono::steady_clock::now();
  RunResult r = check({"--timeout", "0.5"});
  auto took = std::chrono::steady_clock::now() - start;
  auto f = by_url(r);
  ASSERT_EQ(f.count(m_main.url("/sleepy")), 1u) << r.out << r.err;
  EXPECT_EQ(f[m_main.url("/sleepy")]["rule"], "link/timeout");
  EXPECT_EQ(f[m_main.url("/sleepy")]["severity"], "warning");
  EXPECT_EQ(f[m_main.url("/sleepy")]["error"], "timed out");
  // A generous ceiling: the 0.5 s timeout ends it, where waiting for the answer takes 30 s.
  EXPECT_LT(took, std::chrono::seconds(15));
  EXPECT_EQ(r.exit_code, 0); // a warning does not fail the run
  // The timeout is not a reason to try GET after HEAD: one request.
  EXPECT_EQ(m_main.hits("HEAD /sleepy") + m_main.hits("GET /sleepy"), 1);
}

TEST_F(LinkSettings, ARefusedConnectionIsRetriedAndAcceptedOnceTheServerIsUp) {
  // A free port with nothing listening yet: find one, close it, start a server there later.
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  ::close(fd);
  std::string url = "http://127.0.0.1:" + std::to_string(port) + "/late";
  config("  retries: 2\n");
  page("a", {url});
  std::atomic<int> hits{0};
  std::unique_ptr<LoopbackServer> late;
  std::thread starter([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(500)); // the first attempt is refused
    late = std::make_unique<LoopbackServer>("127.0.0.1", port);
    late->http().Get("/late", [&](const httplib::Request&, httplib::Response& res) {
      ++hits;
      res.set_content("up", "text/plain");
    });
  });
  RunResult r = check();
  starter.join();
  ASSERT_GT(late->port(), 0) << "the port was taken in the meantime";
  EXPECT_EQ(r.json()["findings"].size(), 0u) << r.out;
  EXPECT_EQ(hits.load(), 1); // the retry reached it (HEAD is served by the GET handler)
}

TEST_F(LinkSettings, PerHostConcurrencyIntervalAndHeadersApply) {
  std::string authority = "127.0.0.1:" + std::to_string(m_main.port());
  config("  hosts:\n    \"" + authority +
         "\":\n      concurrency: 1\n      interval_ms: 0\n      headers: {X-Token: s3cret}\n"
         "  user_agent: verity-test/1\n");
  std::vector<std::string> urls{m_main.url("/ok")};
  for (int i = 0; i < 6; ++i) {
    urls.push_back(m_main.url("/slow/" + std::to_string(i)));
  }
  page("a", urls);
  // A per-host interval below the built-in one widens: only a trusted config may ask for it.
  RunResult r = check({"--trusted-config", (m_dir.path() / "verity.yaml").string()});
  EXPECT_EQ(r.json()["findings"].size(), 0u) << r.out;
  EXPECT_EQ(m_main.hits("slow"), 6);
  EXPECT_EQ(m_main.max_in_flight.load(), 1);
  EXPECT_EQ(m_main.hits("token s3cret"), 1);
  EXPECT_EQ(m_main.hits("agent verity-test/1"), 1);
}

TEST_F(LinkSettings, TheIntervalSpacesRequestStartsOnOneHost) {
  // On the fake clock: the spacing is exact and costs no real time.
  links::LinkOptions lo = fake_clock_options();
  lo.fetch.host.min_interval = std::chrono::milliseconds(1500);
  lo.fetch.host.max_concurrent = 8;
  std::vector<std::string> urls;
  for (int i = 0; i < 5; ++i) {
    urls.push_back(m_main.url("/paced/" + std::to_string(i)));
  }
  auto results = links::check_links(urls, lo);
  for (const auto& r : results) {
    EXPECT_TRUE(r.works()) << r.url << ": " << r.reason;
  }
  {
    std::lock_guard lock(m_stamps_mutex); // released before the binary run below
    ASSERT_EQ(m_stamps.size(), 5u);
    for (size_t i = 1; i < m_stamps.size(); ++i) {
      EXPECT_EQ(m_stamps[i] - m_stamps[0], std::chrono::milliseconds(1500 * i)) << i;
    }
  }

  // The interval also reaches the scheduler from verity.yaml, through the binary.
  config("  interval_ms: 150\n  per_host: 8\n");
  page("a", {urls[0], urls[1]});
  auto start = std::chrono::steady_clock::now();
  RunResult r = check();
  EXPECT_EQ(r.json()["findings"].size(), 0u) << r.out;
  auto times = m_main.times("paced");
  ASSERT_EQ(times.size(), 7u);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(150));
}

TEST_F(LinkSettings, AcceptedStatusesPerHostAndTheMethodList) {
  std::string authority = "127.0.0.1:" + std::to_string(m_main.port());
  config("  methods: [GET]\n  hosts:\n    \"" + authority +
         "\":\n      accept: [\"200-299\", 403]\n");
  page("a", {m_main.url("/forbidden"), m_main.url("/ok")});
  RunResult r = check();
  EXPECT_EQ(r.json()["findings"].size(), 0u) << r.out; // 403 is accepted on this host
  EXPECT_EQ(m_main.hits("HEAD /forbidden") + m_main.hits("HEAD /ok"), 0); // GET only
  EXPECT_EQ(m_main.hits("GET /forbidden"), 1);

  config("  accept: [200]\n");
  RunResult strict = check();
  auto f = by_url(strict);
  EXPECT_EQ(f[m_main.url("/forbidden")]["rule"], "link/broken");
  EXPECT_EQ(f[m_main.url("/forbidden")]["status"], 403);
  EXPECT_EQ(strict.exit_code, 1);
}

TEST_F(LinkSettings, ExcludeAndIncludePatternsDecideWhatIsFetched) {
  config("  exclude: [\"/forbidden$\"]\n");
  page("a", {m_main.url("/forbidden"), m_main.url("/ok")});
  RunResult r = check();
  auto f = by_url(r);
  EXPECT_EQ(f[m_main.url("/forbidden")]["rule"], "link/excluded");
  EXPECT_EQ(f[m_main.url("/forbidden")]["severity"], "note");
  EXPECT_EQ(m_main.hits("HEAD /forbidden") + m_main.hits("GET /forbidden"), 0);

  config("  include: [\"/ok$\"]\n");
  r = check();
  f = by_url(r);
  EXPECT_EQ(f[m_main.url("/forbidden")]["rule"], "link/excluded");
  EXPECT_EQ(m_main.hits("HEAD /forbidden") + m_main.hits("GET /forbidden"), 0);
  EXPECT_EQ(m_main.hits("HEAD /ok"), 2); // once per run
}

TEST_F(LinkSettings, AChallengePageIsABotWallAndALongRetryAfterIsNotWaitedFor) {
  config("  retries: 2\n");
  page("a", {m_main.url("/challenge"), m_main.url("/for-an-hour")});
  auto start = std::chrono::steady_clock::now();
  RunResult r = check();
  auto took = std::chrono::steady_clock::now() - start;
  auto f = by_url(r);
  EXPECT_EQ(f[m_main.url("/challenge")]["rule"], "link/blocked") << r.out;
  EXPECT_EQ(f[m_main.url("/for-an-hour")]["rule"], "link/blocked");
  EXPECT_NE(f[m_main.url("/for-an-hour")]["message"].get<std::string>().find("3600"),
            std::string::npos);
  EXPECT_EQ(m_main.hits("HEAD /for-an-hour") + m_main.hits("GET /for-an-hour"), 1);
  EXPECT_LT(took, std::chrono::seconds(5));
  EXPECT_EQ(r.exit_code, 0); // blocked is a warning
}

TEST_F(LinkSettings, AnUntrustedCertificateIsBrokenAndNotRetried) {
  REQUIRE_TOOL_OR_SKIP("openssl"); // makes the TLS server's certificate
  auto made =
      util::run_process({"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                         "key.pem", "-out", "cert.pem", "-days", "1", "-subj", "/CN=127.0.0.1"},
                        m_dir.path());
  ASSERT_EQ(made.exit_code, 0) << made.err;
  std::string cert = (m_dir.path() / "cert.pem").string();
  std::string key = (m_dir.path() / "key.pem").string();
  httplib::SSLServer tls(cert.c_str(), key.c_str());
  ASSERT_TRUE(tls.is_valid());
  std::atomic<int> hits{0};
  tls.Get("/", [&](const httplib::Request&, httplib::Response& res) {
    ++hits;
    res.set_content("self-signed", "text/plain");
  });
  int port = tls.bind_to_any_port("127.0.0.1");
  std::thread serving([&] { tls.listen_after_bind(); });
  while (!tls.is_running()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  std::string url = "https://127.0.0.1:" + std::to_string(port) + "/";
  config("  retries: 2\n");
  page("a", {url});
  RunResult r = check();
  tls.stop();
  serving.join();
  auto f = by_url(r);
  ASSERT_EQ(f.count(url), 1u) << r.out;
  EXPECT_EQ(f[url]["rule"], "link/broken");
  EXPECT_NE(f[url]["message"].get<std::string>().find("TLS"), std::string::npos) << f[url];
  EXPECT_NE(f[url]["message"].get<std::string>().find("after 1 attempt"), std::string::npos);
  EXPECT_EQ(hits.load(), 0); // never served: the handshake failed
}

TEST_F(LinkSettings, AnAbsurdlyLongUrlIsAFindingNotARequest) {
  config("  exclude: [\"(a|aa)*b\"]\n"); // a pattern that backtracks on long input
  std::string url = m_main.url("/") + std::string(20000, 'a');
  page("a", {url, m_main.url("/ok")});
  RunResult r = check();
  auto f = by_url(r);
  ASSERT_EQ(f.count(url), 1u) << r.err;
  EXPECT_EQ(f[url]["rule"], "link/broken");
  EXPECT_LT(f[url]["message"].get<std::string>().size(), 400u);
  EXPECT_EQ(m_main.total_hits(), 3); // only /ok: HEAD, and its User-Agent and X-Token keys
}

TEST_F(LinkSettings, RateLimitResetHeadersAreWaitedForLikeRetryAfter) {
  // On the fake clock, so the 3-4 s pauses take no real time; stamped when each request starts.
  // GitHub's header (a Unix time) on another host: each pause holds its own host only.
  CountingServer github_host("127.0.0.1");
  github_host.http().Get(
      "/github-limited", [&](const httplib::Request& req, httplib::Response& res) {
        if (github_host.hit(req.method + " " + req.path) == 1) {
          res.status = 429;
          res.set_header("X-RateLimit-Remaining", "0");
          res.set_header("X-RateLimit-Reset", std::to_string(std::time(nullptr) + 4));
        }
      });
  links::LinkOptions lo = fake_clock_options();
  lo.retries = 1;
  lo.retry_base = std::chrono::milliseconds(100);
  auto t0 = m_clock.now();
  auto results =
      links::check_links({m_main.url("/draft-limited"), github_host.url("/github-limited")}, lo);
  ASSERT_EQ(results.size(), 2u);
  for (const auto& r : results) {
    EXPECT_TRUE(r.works()) << r.url << ": " << r.reason;
    EXPECT_EQ(r.attempts, 2) << r.url;
  }
  EXPECT_EQ(m_main.hits("HEAD /draft-limited"), 2);
  EXPECT_EQ(github_host.hits("HEAD /github-limited"), 2);
  // RateLimit-Reset: 3 and a reset 3 to 4 s away: the second attempts waited that long (the
  // backoff alone is 100-200 ms), in parallel on their two hosts.
  auto waited = m_clock.now() - t0;
  EXPECT_GE(waited, std::chrono::milliseconds(3000));
  EXPECT_LE(waited, std::chrono::milliseconds(4100));
}

TEST_F(LinkSettings, ConfigMistakesAreExit2WithFileAndLine) {
  config("  exclude: [\"(unclosed\"]\n");
  RunResult r = check();
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("verity.yaml:8:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("regular expression"), std::string::npos) << r.err;

  config("  accept: [\"299-200\"]\n");
  r = check();
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("verity.yaml:8:"), std::string::npos) << r.err;

  config("  per_host: 0\n");
  r = check();
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("per_host"), std::string::npos) << r.err;

  config("  max_cache_age: soon\n");
  r = check();
  EXPECT_EQ(r.exit_code, 2) << r.err;

  config("  retries: 0\n");
  r = check({"--max-cache-age", "soon"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--max-cache-age"), std::string::npos) << r.err;
}

} // namespace
} // namespace verity::test

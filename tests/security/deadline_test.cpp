// Network deadlines (issue 11, section 4): the run's --deadline and the per-URL budget hold
// against servers that answer slowly on purpose. The scheduler tests run in process on a fake
// clock (exact, and milliseconds of real time); the binary tests use real loopback servers, a
// coreutils `timeout` watchdog so that a hang fails instead of blocking, and generous ceilings
// only (the fixed code takes a few seconds where the broken one waits a minute or more).
#include "integration/counting_server.hpp"
#include "links/link_check.hpp"
#include "net/fetch.hpp"
#include "support.hpp"

#include <atomic>
#include <thread>

namespace verity::test {
namespace {

using namespace std::chrono_literals;

// A job fetching one URL, keeping every response.
class OneUrl : public net::FetchJob {
public:
  explicit OneUrl(std::string url) : m_url(std::move(url)) {}
  std::optional<net::FetchRequest> next() override {
    if (m_asked) {
      return std::nullopt;
    }
    m_asked = true;
    return net::FetchRequest{m_url, std::nullopt, false, 0ms};
  }
  bool on_body(std::span<const std::uint8_t>) override { return true; }
  void on_response(const net::FetchResponse& r) override { responses.push_back(r); }

  std::vector<net::FetchResponse> responses;

private:
  std::string m_url;
  bool m_asked = false;
};

// Handlers that stall until the test ends (or a minute passes), so a server never outlives its
// test by more than a poll interval.
class SlowServers : public ::testing::Test {
protected:
  void SetUp() override {
    auto& s = m_server.http();
    s.Get(R"(/ok/\d+)", [this](const httplib::Request& req, httplib::Response& res) {
      m_server.hit("ok");
      m_server.hit(req.path);
      res.set_content("ok", "text/plain");
    });
    s.Get("/hang", [this](const httplib::Request&, httplib::Response& res) {
      m_server.hit("hang");
      stall(60s);
      res.set_content("late", "text/plain");
    });
    // A 503 whose error page arrives one byte every 100 ms: verity reads some of a 503 body to
    // recognise challenge pages, so without a budget each attempt lasts the full timeout.
    s.Get("/drip", [this](const httplib::Request&, httplib::Response& res) {
      m_server.hit("drip");
      res.status = 503;
      res.set_chunked_content_provider("text/html", [this](size_t, httplib::DataSink& sink) {
        std::this_thread::sleep_for(100ms);
        if (m_stop || !sink.write("x", 1)) {
          sink.done();
        }
        return true;
      });
    });
    s.Get("/unavailable", [this](const httplib::Request&, httplib::Response& res) {
      m_server.hit("unavailable");
      res.status = 503;
      res.set_header("Retry-After", "1");
    });
  }
  void TearDown() override { m_stop = true; }

  void stall(std::chrono::seconds at_most) {
    auto until = std::chrono::steady_clock::now() + at_most;
    while (!m_stop && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(20ms);
    }
  }

  // `verity ARGS` under a 90 s watchdog; returns the result and the wall time taken.
  std::pair<RunResult, std::chrono::steady_clock::duration>
  run_watched(const std::vector<std::string>& args) {
    std::vector<std::string> argv{"timeout", "90", verity_binary()};
    argv.insert(argv.end(), args.begin(), args.end());
    auto start = std::chrono::steady_clock::now();
    auto r = util::run_process(argv, m_dir.path());
    return {{r.exit_code, r.out, r.err}, std::chrono::steady_clock::now() - start};
  }

  void site(const std::vector<std::string>& urls, int retries, const std::string& links = "") {
    write_file(m_dir.path() / "verity.yaml",
               "version: 1\nrules:\n  schema/none: off # not what this test is about\ncollections:\n  pages:\n    paths: [\"*.md\"]\nlinks:\n  retries: " +
                   std::to_string(retries) + "\n" + links);
    write_link_page(m_dir.path(), "a", urls);
  }

  static std::map<std::string, nlohmann::json> by_url(const nlohmann::json& report) {
    std::map<std::string, nlohmann::json> out;
    for (const auto& f : report["findings"]) {
      out[f.value("url", "")] = f;
    }
    return out;
  }

  std::atomic<bool> m_stop{false};
  TempDir m_dir;
  CountingServer m_server{"127.0.0.1"};
};

TEST_F(SlowServers, OnAFakeClockTheDeadlineEndsWhatCouldNotStartInTime) {
  net::FakeClock clock;
  auto t0 = clock.now();
  net::FetchOptions options;
  options.guard = net::AddressGuard(false, {"127.0.0.1"});
  options.clock = &clock;
  options.host.min_interval = 10s; // starts at 0, 10 and 20 s
  options.deadline = t0 + 25s;
  std::vector<std::unique_ptr<OneUrl>> jobs;
  std::vector<net::FetchJob*> raw;
  for (int i = 0; i < 10; ++i) {
    jobs.push_back(std::make_unique<OneUrl>(m_server.url("/ok/" + std::to_string(i))));
    raw.push_back(jobs.back().get());
  }
  auto real_start = std::chrono::steady_clock::now();
  net::run_fetches(raw, options);
  EXPECT_LT(std::chrono::steady_clock::now() - real_start, 20s); // fake waits cost no time
  int fetched = 0;
  int ended = 0;
  for (const auto& job : jobs) {
    ASSERT_EQ(job->responses.size(), 1u); // every job got exactly one answer
    const auto& r = job->responses[0];
    if (r.error.kind == net::FetchError::Kind::None) {
      EXPECT_EQ(r.status, 200);
      EXPECT_EQ((r.started - t0) % 10s, 0s); // exactly on the interval
      ++fetched;
    } else {
      EXPECT_EQ(r.error.kind, net::FetchError::Kind::Deadline) << r.error.detail;
      ++ended;
    }
  }
  EXPECT_EQ(fetched, 3);
  EXPECT_EQ(ended, 7);
  EXPECT_EQ(m_server.hits("ok"), 3);
  EXPECT_LT(clock.now(), t0 + 26s); // the scheduler did not wait past the deadline
}

TEST_F(SlowServers, OnAFakeClockTheBudgetCoversRetriesAndRetryAfterWaits) {
  // Always 503 with Retry-After: 20 s, ten retries allowed: without a budget that is 11
  // attempts over 200 s. A 45 s budget allows the attempts at 0, 20 and 40 s only.
  m_server.http().Get("/always", [this](const httplib::Request&, httplib::Response& res) {
    m_server.hit("always");
    res.status = 503;
    res.set_header("Retry-After", "20");
  });
  net::FakeClock clock;
  links::LinkOptions lo;
  lo.fetch.guard = net::AddressGuard(false, {"127.0.0.1"});
  lo.fetch.clock = &clock;
  lo.fetch.url_budget = 45s;
  lo.retries = 10;
  auto t0 = clock.now();
  auto results = links::check_links({m_server.url("/always")}, lo);
  ASSERT_EQ(results.size(), 1u);
  ASSERT_NE(results[0].rule, nullptr);
  EXPECT_EQ(results[0].rule->id, "link/broken");
  EXPECT_EQ(results[0].status, 503);
  EXPECT_EQ(results[0].attempts, 3);
  EXPECT_NE(results[0].reason.find("after 3 attempts"), std::string::npos) << results[0].reason;
  EXPECT_EQ(m_server.hits("always"), 3);
  EXPECT_LT(clock.now() - t0, 45s);

  // The control: the same server with no budget gets every retry.
  lo.fetch.url_budget = 0ms;
  results = links::check_links({m_server.url("/always")}, lo);
  EXPECT_EQ(results[0].attempts, 11);
  EXPECT_EQ(m_server.hits("always"), 3 + 11);
}

TEST_F(SlowServers, ADrippingErrorPageCannotHoldAUrlPastItsBudget) {
  site({m_server.url("/drip")}, 2, "  methods: [GET]\n"); // a HEAD would get no body
  auto [r, took] =
      run_watched({"check", "--format", "json", "--online", "--no-cache", "--allow-address",
                   "127.0.0.1", "--timeout", "20", "--url-budget", "3s"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err; // 124 would be the watchdog: a hang
  auto f = by_url(r.json());
  ASSERT_EQ(f.count(m_server.url("/drip")), 1u) << r.out;
  EXPECT_EQ(f[m_server.url("/drip")]["rule"], "link/timeout");
  EXPECT_NE(f[m_server.url("/drip")]["message"].get<std::string>().find("time budget of 3 s"),
            std::string::npos)
      << f[m_server.url("/drip")];
  EXPECT_EQ(m_server.hits("drip"), 1); // the budget went on the first attempt
  EXPECT_LT(took, 30s);                // ~3 s; three full 20 s attempts without the budget
}

TEST_F(SlowServers, AServerThatAlways503sWithRetryAfterIsGivenUpOnAtTheBudget) {
  site({m_server.url("/unavailable")}, 10);
  // Ten retries is more than a checkout's verity.yaml may ask for: the test's config is trusted.
  auto [r, took] = run_watched({"check", "--format", "json", "--online", "--no-cache",
                                "--allow-address", "127.0.0.1", "--url-budget", "4s",
                                "--trusted-config", (m_dir.path() / "verity.yaml").string()});
  ASSERT_EQ(r.exit_code, 1) << r.out << r.err; // link/broken is an error
  auto f = by_url(r.json())[m_server.url("/unavailable")];
  EXPECT_EQ(f["rule"], "link/broken") << r.out;
  EXPECT_EQ(f["status"], 503);
  int hits = m_server.hits("unavailable");
  EXPECT_GE(hits, 2); // it was retried...
  EXPECT_LE(hits, 5); // ...but not ten times (backoff 1, 2, 4, 8... s would take 17 minutes)
  EXPECT_LT(took, 30s);
}

TEST_F(SlowServers, AtTheDeadlineUnfinishedUrlsAreUncheckedAndTheReportsAreWritten) {
  std::vector<std::string> urls{m_server.url("/hang")};
  for (int i = 0; i < 3; ++i) {
    urls.push_back(m_server.url("/ok/" + std::to_string(i)));
  }
  site(urls, 2);
  auto [r, took] = run_watched({"check", "--format", "text", "--online", "--no-cache",
                                "--allow-address", "127.0.0.1", "--timeout", "60", "--url-budget",
                                "0", "--deadline", "3s", "--output", "out.txt", "--report",
                                "json=out.json", "--report", "sarif=out.sarif"});
  EXPECT_EQ(r.exit_code, 0) << r.err; // unchecked is a warning
  EXPECT_LT(took, 30s);               // ~3 s; a minute without the deadline
  auto report = nlohmann::json::parse(read_file(m_dir.path() / "out.json"));
  auto f = by_url(report);
  ASSERT_EQ(report["findings"].size(), 1u) << report.dump(2); // the /ok links are fine
  EXPECT_EQ(f[m_server.url("/hang")]["rule"], "link/unchecked");
  EXPECT_EQ(f[m_server.url("/hang")]["severity"], "warning");
  EXPECT_EQ(m_server.hits("ok"), 3);
  EXPECT_NE(read_file(m_dir.path() / "out.txt").find("[link/unchecked]"), std::string::npos);
  auto sarif = nlohmann::json::parse(read_file(m_dir.path() / "out.sarif"));
  EXPECT_EQ(sarif["runs"][0]["results"].size(), 1u);
}

TEST_F(SlowServers, LinkrotKeepsADeadlineUncheckedLinkOutOfTheHistory) {
  site({m_server.url("/hang"), m_server.url("/ok/1")}, 0);
  auto [r, took] = run_watched({"linkrot", "--format", "json", "--allow-address", "127.0.0.1",
                                "--timeout", "60", "--url-budget", "0", "--deadline", "3s"});
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
  EXPECT_LT(took, 30s);
  auto report = r.json();
  auto f = by_url(report);
  EXPECT_EQ(f[m_server.url("/hang")]["rule"], "link/unchecked") << r.out;
  for (const auto& u : report["linkrot"]["urls"]) {
    EXPECT_NE(u["url"], m_server.url("/hang")) << "recorded as a failure: " << u;
  }
  EXPECT_EQ(report["linkrot"]["states"].value("newly-broken", 0), 0) << report["linkrot"];
}

} // namespace
} // namespace verity::test

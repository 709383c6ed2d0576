// Link checking through the real binary against loopback servers started by the test: status
// classes, HEAD refused, redirects (permanent, temporary, loops, to a refused address), bot walls,
// retries of transient failures, Retry-After, deduplication and the per-host concurrency limit.
// No test touches a non-loopback address.
#include "counting_server.hpp"
#include "support.hpp"

#include <httplib.h>

#include <map>
#include <thread>

namespace verity::test {
namespace {

using Server = CountingServer;

class Links : public ::testing::Test {
protected:
  void SetUp() override {
    auto& s = m_main.http();
    auto count = [this](const httplib::Request& req) {
      return m_main.hit(req.method + " " + req.path);
    };
    s.Get("/ok", [=, this](const httplib::Request& req, httplib::Response& res) {
      count(req);
      res.set_content("ok", "text/plain");
    });
    s.Get("/missing", [=, this](const httplib::Request& req, httplib::Response& res) {
      count(req);
      res.status = 404;
    });
    s.Get("/error", [=, this](const httplib::Request& req, httplib::Response& res) {
      count(req);
      res.status = 500;
    });
    s.Get("/flaky", [=, this](const httplib::Request& req, httplib::Response& res) {
      res.status = count(req) == 1 ? 503 : 200;
    });
    s.Get("/head-refused", [=, this](const httplib::Request& req, httplib::Response& res) {
      count(req);
      res.status = req.method == "HEAD" ? 405 : 200;
    });
    s.Get("/moved", [=, this](const httplib::Request& req, httplib::Response& res) {
      count(req);
      res.set_redirect(m_main.url("/ok"), 301);
    });
    s.Get("/temporary", [=, this](const httplib::Request& req, httplib::Response& res) {
      count(req);
      res.set_redirect(m_main.url("/ok"), 302);
    });
    s.Get("/loop", [=, this](const httplib::Request& req, httplib::Response& res) {
      count(req);
      res.set_redirect(m_main.url("/loop"), 302);
    });
    s.Get("/escape", [=, this](const httplib::Request& req, httplib::Response& res) {
      count(req);
      res.set_redirect(m_other.url("/ok"), 302);
    });
    s.Get("/walled", [=, this](const httplib::Request& req, httplib::Response& res) {
      count(req);
      res.status = 403;
      res.set_header("cf-mitigated", "challenge");
    });
    s.Get("/linkedin", [=, this](const httplib::Request& req, httplib::Response& res) {
      count(req);
      res.status = 999;
    });
    s.Get("/rate-limited", [=, this](const httplib::Request& req, httplib::Response& res) {
      if (count(req) == 1) {
        res.status = 429;
        res.set_header("Retry-After", "2");
      }
    });
    s.Get(R"(/slow/\d+)", [this](const httplib::Request& req, httplib::Response& res) {
      m_main.begin();
      std::this_thread::sleep_for(std::chrono::milliseconds(150));
      m_main.end();
      m_main.hit(req.path);
      res.status = 200;
    });
    m_other.http().Get(
        "/ok", [this](const httplib::Request& req, httplib::Response&) { m_other.hit(req.path); });
    write_file(m_dir.path() / "verity.yaml",
               "version: 1\nrules:\n  schema/none: off # not what this test is "
               "about\ncollections:\n  pages:\n    paths: [\"*.md\"]\n");
  }

  void page(const std::string& name, const std::vector<std::string>& urls) {
    write_link_page(m_dir.path(), name, urls);
  }

  nlohmann::json check() {
    auto r = run_verity({"check", "--format", "json", "--online", "--allow-address", "127.0.0.1"},
                        m_dir.path());
    return nlohmann::json::parse(r.out);
  }

  static std::map<std::string, std::string> rules(const nlohmann::json& report) {
    std::map<std::string, std::string> out;
    for (const auto& f : report["findings"]) {
      out[f.value("url", "")] += f["rule"].get<std::string>() + ";";
    }
    return out;
  }

  TempDir m_dir;
  Server m_main{"127.0.0.1"};
  Server m_other{"127.0.0.2"};
};

TEST_F(Links, EveryOutcomeIsClassified) {
  std::vector<std::string> paths = {"/ok",     "/missing",   "/error", "/head-refused",
                                    "/moved",  "/temporary", "/loop",  "/escape",
                                    "/walled", "/linkedin"};
  std::vector<std::string> urls;
  for (const auto& p : paths) {
    urls.push_back(m_main.url(p));
  }
  urls.push_back("ftp://files.example.org/a.zip");
  urls.push_back("https://www.example.com/page");
  page("a", urls);
  const nlohmann::json report = check();
  auto r = rules(report);
  EXPECT_EQ(r.count(m_main.url("/ok")), 0u);
  EXPECT_EQ(r[m_main.url("/missing")], "link/broken;");
  EXPECT_EQ(r[m_main.url("/error")], "link/broken;");
  EXPECT_EQ(r.count(m_main.url("/head-refused")), 0u);
  EXPECT_EQ(r[m_main.url("/moved")], "link/redirect;");
  EXPECT_EQ(r.count(m_main.url("/temporary")), 0u);
  EXPECT_EQ(r[m_main.url("/loop")], "link/broken;");
  EXPECT_EQ(r[m_main.url("/escape")], "link/private-address;");
  EXPECT_EQ(r[m_main.url("/walled")], "link/blocked;");
  EXPECT_EQ(r[m_main.url("/linkedin")], "link/blocked;");
  EXPECT_EQ(r["ftp://files.example.org/a.zip"], "link/unsupported-scheme;");
  EXPECT_EQ(r["https://www.example.com/page"], "link/excluded;");
  EXPECT_EQ(m_other.hits("/ok"), 0); // 127.0.0.2 was never contacted
  EXPECT_EQ(m_main.hits("HEAD /head-refused"), 1);
  EXPECT_EQ(m_main.hits("GET /head-refused"), 1);
  EXPECT_EQ(m_main.hits("HEAD /error") + m_main.hits("GET /error"), 3)
      << m_main.hits("HEAD /error") << " HEAD";                        // two retries
  EXPECT_LE(m_main.hits("HEAD /loop") + m_main.hits("GET /loop"), 24); // bounded
  size_t detailed = 0;
  for (const auto& f : report["findings"]) {
    if (f["url"] == m_main.url("/moved")) {
      EXPECT_EQ(f["redirects"], nlohmann::json::array({m_main.url("/moved"), m_main.url("/ok")}));
      EXPECT_EQ(f["severity"], "note");
      ++detailed;
    }
    if (f["url"] == m_main.url("/missing")) {
      EXPECT_EQ(f["status"], 404);
      EXPECT_EQ(f["line"], 5); // the second item of the list
      ++detailed;
    }
  }
  EXPECT_EQ(detailed, 2u);
}

// Body links join the network check: each URL is fetched once whether the front matter, a
// Markdown link or an <a href> cites it, and each broken citation is reported at its own body
// position.
TEST_F(Links, BodyLinksJoinOnceAndAreReportedWhereWritten) {
  write_file(m_dir.path() / "b.md", "---\ntitle: B\nlink: " + m_main.url("/missing") +
                                        "\n---\nSee [x](" + m_main.url("/missing") + ") and [ok](" +
                                        m_main.url("/ok") + ").\n<a href=\"" +
                                        m_main.url("/missing") + "\">again</a>\n");
  const nlohmann::json report = check();
  std::vector<std::string> at;
  for (const auto& f : report["findings"]) {
    if (f["rule"] == "link/broken")
      at.push_back(std::to_string(f["line"].get<int>()) + ":" +
                   std::to_string(f["column"].get<int>()));
  }
  std::sort(at.begin(), at.end());
  EXPECT_EQ(at, (std::vector<std::string>{"3:7", "5:9", "6:10"})) << report.dump(1);
  EXPECT_EQ(m_main.hits("HEAD /missing") + m_main.hits("GET /missing"), 1); // three citations
  EXPECT_EQ(m_main.hits("HEAD /ok") + m_main.hits("GET /ok"), 1);
}

TEST_F(Links, TransientFailuresAreRetriedAndRetryAfterIsHonoured) {
  page("a", {m_main.url("/flaky"), m_main.url("/rate-limited")});
  const nlohmann::json report = check();
  EXPECT_EQ(report["findings"].size(), 0u) << report.dump(1);
  EXPECT_EQ(m_main.hits("HEAD /flaky"), 2);
  auto times = m_main.times("HEAD /rate-limited");
  ASSERT_EQ(times.size(), 2u);
  EXPECT_GE(times[1] - times[0], std::chrono::milliseconds(1900)); // Retry-After: 2
}

TEST_F(Links, EachUrlOnceAndPerHostConcurrencyBounded) {
  std::vector<std::string> urls;
  for (int i = 0; i < 24; ++i) {
    urls.push_back(m_main.url("/slow/" + std::to_string(i)));
  }
  page("a", urls);
  page("b", urls);
  page("c", {m_main.url("/ok")});
  page("d", {m_main.url("/ok")});
  check();
  for (int i = 0; i < 24; ++i) {
    EXPECT_EQ(m_main.hits("/slow/" + std::to_string(i)), 1) << i;
  }
  EXPECT_EQ(m_main.hits("HEAD /ok"), 1);
  EXPECT_LE(m_main.max_in_flight.load(), 8);
  EXPECT_GE(m_main.max_in_flight.load(), 2);
}

} // namespace
} // namespace verity::test

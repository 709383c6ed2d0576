// Remote images against real HTTP servers on loopback started by the test (cpp-httplib): range
// support and its absence, a slow trickle, wrong content types, errors, redirects, the address
// guard (127.0.0.1 allowed, a redirect to 127.0.0.2 refused), deduplication, and the bytes each
// image cost. No test touches a non-loopback address.
#include "loopback_server.hpp"
#include "support.hpp"

#include <httplib.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

namespace verity::test {
namespace {

// A PNG header padded to `size` bytes, so "the whole file" is large.
std::string padded_png(std::uint32_t w, std::uint32_t h, size_t size) {
  std::string s = png_header(w, h);
  s.resize(size, 'x');
  return s;
}

// A JPEG whose SOF comes after a 60 KB APP1 segment: a second range is needed.
std::string big_app_jpeg(unsigned w, unsigned h) {
  auto be16 = [](unsigned v) { return std::string{char(v >> 8), char(v & 255)}; };
  std::string app(60000, 'a');
  std::string s =
      std::string("\xFF\xD8\xFF\xE1", 4) + be16(static_cast<unsigned>(app.size() + 2)) + app;
  s += std::string("\xFF\xC0", 2) + be16(17) + std::string("\x08", 1) + be16(h) + be16(w) +
       std::string("\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01", 10);
  s += std::string("\xFF\xDA", 2) + std::string(20000, 's');
  return s;
}

// A loopback server that counts requests and body bytes sent per path.
class CountingServer : public LoopbackServer {
public:
  using LoopbackServer::LoopbackServer;
  void count(const std::string& path, size_t bytes) {
    std::lock_guard lock(m_mutex);
    m_requests[path] += 1;
    m_bytes[path] += bytes;
  }
  size_t requests(const std::string& path) {
    std::lock_guard lock(m_mutex);
    return m_requests[path];
  }
  size_t bytes(const std::string& path) {
    std::lock_guard lock(m_mutex);
    return m_bytes[path];
  }

private:
  std::mutex m_mutex;
  std::map<std::string, size_t> m_requests, m_bytes;
};

class RemoteImages : public ::testing::Test {
protected:
  void SetUp() override {
    m_png = padded_png(123, 456, 673000);
    m_jpeg = big_app_jpeg(321, 654);
    auto& s = m_main.http();
    // Honours Range (httplib answers 206 with the requested slice).
    s.Get(R"(/ranged/(.+))", [this](const httplib::Request& req, httplib::Response& res) {
      const std::string& body = req.matches[1] == "a.png" ? m_png : m_jpeg;
      size_t sent = body.size();
      if (!req.ranges.empty()) {
        auto [a, b] = req.ranges[0];
        sent = std::min<size_t>(body.size(), static_cast<size_t>(b) + 1) - static_cast<size_t>(a);
      }
      m_main.count(req.path, sent);
      res.set_content(body, req.matches[1] == "a.png" ? "image/png" : "image/jpeg");
    });
    // Ignores Range: the whole file, 4 KB at a time, 2 ms apart.
    s.Get("/norange/a.png", [this](const httplib::Request& req, httplib::Response& res) {
      m_main.count(req.path, 0);
      res.set_chunked_content_provider(
          "image/png", [this, path = req.path](size_t offset, httplib::DataSink& sink) {
            if (offset >= m_png.size()) {
              sink.done();
              return true;
            }
            size_t n = std::min<size_t>(4096, m_png.size() - offset);
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
            m_main.count(path, n);
            return sink.write(m_png.data() + offset, n);
          });
    });
    s.Get("/page.png", [this](const httplib::Request& req, httplib::Response& res) {
      m_main.count(req.path, 0);
      res.set_content("<!DOCTYPE html><html><body>Access denied</body></html>", "text/html");
    });
    s.Get("/gone.png", [this](const httplib::Request& req, httplib::Response& res) {
      m_main.count(req.path, 0);
      res.status = 404;
      res.set_content("not found", "text/plain");
    });
    s.Get("/moved.png", [this](const httplib::Request& req, httplib::Response& res) {
      m_main.count(req.path, 0);
      res.set_redirect(m_main.url("/ranged/a.png"), 301);
    });
    s.Get("/escape.png", [this](const httplib::Request& req, httplib::Response& res) {
      m_main.count(req.path, 0);
      res.set_redirect(m_other.url("/ranged/a.png"), 302);
    });
    m_other.http().Get(R"(/ranged/(.+))",
                       [this](const httplib::Request& req, httplib::Response& res) {
                         m_other.count(req.path, m_png.size());
                         res.set_content(m_png, "image/png");
                       });
  }

  void write_doc(const std::string& name,
                 const std::vector<std::tuple<std::string, int, int>>& images) {
    std::string fm = "---\ntaxonomy: organization\n_id: " + name +
                     ".example\nname: Name\ndomain: " + name + ".example\nimages:\n";
    for (const auto& [url, w, h] : images) {
      fm += "  - url: \"" + url + "\"\n    width: " + std::to_string(w) +
            "\n    height: " + std::to_string(h) + "\n";
    }
    write_file(m_dir.path() / "_data/organizations" / (name + ".md"), fm + "---\n");
  }

  RunResult check(const std::string& format = "json") {
    std::vector<std::string> args{"check",    "--format",        format,
                                  "--online", "--allow-address", "127.0.0.1"};
    return run_verity(args, m_dir.path());
  }

  TempDir m_dir;
  std::string m_png, m_jpeg;
  CountingServer m_main{"127.0.0.1"};
  CountingServer m_other{"127.0.0.2"};
};

std::map<std::string, std::string> rule_by_url(const nlohmann::json& report) {
  std::map<std::string, std::string> out;
  for (const auto& f : report["findings"]) {
    if (f.contains("url")) {
      out[f["url"].get<std::string>()] += f["rule"].get<std::string>() + ";";
    }
  }
  return out;
}

TEST_F(RemoteImages, SizesStatusesAndContentTypesBecomeFindings) {
  write_doc("a", {{m_main.url("/ranged/a.png"), 123, 456},
                  {m_main.url("/ranged/b.jpg"), 321, 654},
                  {m_main.url("/norange/a.png"), 123, 456},
                  {m_main.url("/page.png"), 10, 10},
                  {m_main.url("/gone.png"), 10, 10},
                  {m_main.url("/moved.png"), 100, 456}});
  auto r = check();
  ASSERT_EQ(r.exit_code, 1) << r.err;
  const nlohmann::json report = r.json();
  auto rules = rule_by_url(report);
  EXPECT_EQ(rules.count(m_main.url("/ranged/a.png")), 0u);
  EXPECT_EQ(rules.count(m_main.url("/ranged/b.jpg")), 0u);
  EXPECT_EQ(rules.count(m_main.url("/norange/a.png")), 0u);
  EXPECT_EQ(rules[m_main.url("/page.png")], "image/not-an-image;");
  EXPECT_EQ(rules[m_main.url("/gone.png")], "image/unreachable;");
  EXPECT_EQ(rules[m_main.url("/moved.png")], "image/dimension-mismatch;");
  size_t detailed = 0;
  for (const auto& f : report["findings"]) {
    if (f["url"] == m_main.url("/gone.png")) {
      EXPECT_EQ(f["status"], 404);
      EXPECT_NE(f["message"].get<std::string>().find("404"), std::string::npos);
      ++detailed;
    }
    if (f["url"] == m_main.url("/moved.png")) {
      // The whole chain: every hop, then the final URL.
      EXPECT_EQ(f["redirects"],
                nlohmann::json::array({m_main.url("/moved.png"), m_main.url("/ranged/a.png")}));
      ++detailed;
    }
  }
  EXPECT_EQ(detailed, 2u);
}

TEST_F(RemoteImages, OnlyTheBytesTheProbeNeedsAreTransferred) {
  write_doc("a", {{m_main.url("/ranged/a.png"), 123, 456},
                  {m_main.url("/ranged/b.jpg"), 321, 654},
                  {m_main.url("/norange/a.png"), 123, 456}});
  auto r = check();
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_LE(m_main.bytes("/ranged/a.png"), 4096u); // one small first range
  EXPECT_EQ(m_main.requests("/ranged/a.png"), 1u);
  EXPECT_EQ(m_main.requests("/ranged/b.jpg"), 2u);    // the SOF after 60 KB needs a second range
  EXPECT_LT(m_main.bytes("/ranged/b.jpg"), 16384u);   // the APP1 segment itself is never downloaded
  EXPECT_LT(m_main.bytes("/norange/a.png"), 200000u); // Range ignored: stopped early, of 673,000
}

TEST_F(RemoteImages, EachUniqueUrlIsFetchedOncePerRun) {
  write_doc("a", {{m_main.url("/ranged/a.png"), 123, 456}});
  write_doc("b", {{m_main.url("/ranged/a.png"), 123, 456}});
  write_doc("c", {{m_main.url("/ranged/a.png"), 1, 1}});
  auto r = check();
  EXPECT_EQ(m_main.requests("/ranged/a.png"), 1u);
  const nlohmann::json report = r.json();
  ASSERT_EQ(report["findings"].size(), 1u);
  EXPECT_EQ(report["findings"][0]["file"], "_data/organizations/c.md");
}

TEST_F(RemoteImages, PrivateAddressesAreRefusedOnEveryHopUnlessAllowed) {
  write_doc("a", {{m_main.url("/escape.png"), 123, 456}, {m_other.url("/ranged/a.png"), 123, 456}});
  auto r = check();
  const nlohmann::json report = r.json();
  auto rules = rule_by_url(report);
  EXPECT_EQ(rules[m_main.url("/escape.png")],
            "image/unreachable;"); // the redirect target is 127.0.0.2
  EXPECT_EQ(rules[m_other.url("/ranged/a.png")], "image/unreachable;");
  EXPECT_EQ(m_other.requests("/ranged/a.png"), 0u); // never connected
  ASSERT_EQ(report["findings"].size(), 2u);
  for (const auto& f : report["findings"]) {
    EXPECT_NE(f["message"].get<std::string>().find("private address 127.0.0.2"), std::string::npos)
        << f.dump();
  }
  // Without --allow-address even 127.0.0.1 is refused.
  auto strict = run_verity({"check", "--format", "json", "--online"}, m_dir.path());
  EXPECT_EQ(m_main.requests("/ranged/a.png"), 0u);
  EXPECT_NE(strict.out.find("private address 127.0.0.1"), std::string::npos);
  // --allow-private lifts the guard for all of them.
  auto open =
      run_verity({"check", "--format", "json", "--online", "--allow-private"}, m_dir.path());
  EXPECT_EQ(open.exit_code, 0) << open.out;
  EXPECT_EQ(m_other.requests("/ranged/a.png"), 2u); // directly, and through the redirect
}

TEST_F(RemoteImages, OfflineByDefault) {
  write_doc("a", {{m_main.url("/ranged/a.png"), 1, 1}});
  auto r = run_verity({"check", "--format", "json"}, m_dir.path());
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(m_main.requests("/ranged/a.png"), 0u);
}

TEST_F(RemoteImages, CredentialsInUrlsAreNeverPrinted) {
  std::string url = m_main.url("/gone.png");
  url.insert(url.find("//") + 2, "alice:s3cr3t-pw@");
  write_doc("a", {{url, 1, 1}});
  auto r = check("text");
  EXPECT_EQ(r.out.find("s3cr3t-pw"), std::string::npos) << r.out;
  EXPECT_EQ(r.err.find("s3cr3t-pw"), std::string::npos);
  EXPECT_NE(r.out.find("image/unreachable"), std::string::npos);
}

} // namespace
} // namespace verity::test

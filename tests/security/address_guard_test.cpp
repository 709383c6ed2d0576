// A complete address guard (issue 11, section 7), through the real binary: links into the
// special-purpose ranges the guard used to miss (documentation, NAT64 local-use, IPv4-compatible,
// 6to4, Teredo) are refused before any connection, loopback stays refused in all its spellings
// and behind a redirect, and --allow-address still lets a test reach its own loopback server.
#include "integration/counting_server.hpp"
#include "support.hpp"

#include <map>

namespace verity::test {
namespace {

class Guard : public ::testing::Test {
protected:
  void SetUp() override {
    write_file(m_dir.path() / "verity.yaml",
               "version: 1\nrules:\n  schema/none: off # not what this test is about\ncollections:\n  pages:\n    paths: [\"*.md\"]\nlinks:\n  retries: 0\n");
    m_server.http().Get("/ok", [this](const httplib::Request& req, httplib::Response& res) {
      m_server.hit(req.path);
      res.set_content("ok", "text/plain");
    });
    m_server.http().Get("/to-other-loopback",
                        [this](const httplib::Request& req, httplib::Response& res) {
                          m_server.hit(req.path);
                          res.set_redirect(m_other.url("/secret"));
                        });
    m_other.http().Get("/secret", [this](const httplib::Request& req, httplib::Response& res) {
      m_other.hit(req.path);
      res.set_content("internal", "text/plain");
    });
  }

  // rule and message per URL of a `check --online` over one page citing `urls`.
  std::map<std::string, std::pair<std::string, std::string>>
  check(const std::vector<std::string>& urls, std::vector<std::string> extra = {}) {
    write_link_page(m_dir.path(), "a", urls);
    std::vector<std::string> args{"check",      "--format",   "json", "--online",
                                  "--no-cache", "--deadline", "60s"};
    args.insert(args.end(), extra.begin(), extra.end());
    m_last = run_verity(args, m_dir.path());
    std::map<std::string, std::pair<std::string, std::string>> out;
    const nlohmann::json report = m_last.json(); // kept alive for the loop
    for (const auto& f : report["findings"]) {
      out[f.value("url", "")] = {f["rule"], f["message"]};
    }
    return out;
  }

  TempDir m_dir;
  CountingServer m_server{"127.0.0.1"};
  CountingServer m_other{"127.0.0.2"};
  RunResult m_last;
};

TEST_F(Guard, SpecialPurposeRangesAreRefusedBeforeAnyConnection) {
  // Each host is an address literal, so the guard is the only thing between verity and it.
  const std::map<std::string, std::string> k_refused = {
      {"http://192.0.2.10/", "TEST-NET-1"},
      {"http://198.51.100.7/", "TEST-NET-2"},
      {"http://203.0.113.200/", "TEST-NET-3"},
      {"http://192.88.99.1/", "6to4 Relay"},
      {"http://[::127.0.0.1]/", "IPv4-compatible"},
      {"http://[64:ff9b:1::a00:1]/", "local-use"},
      {"http://[2002:7f00:1::1]/", "6to4"},
      {"http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", "TEREDO"},
      {"http://[2001:db8::1]/", "Documentation"},
      {"http://[fec0::1]/", "Site-Local"},
      {"http://[100::1]/", "Discard-Only"},
  };
  std::vector<std::string> urls;
  for (const auto& [url, name] : k_refused) {
    urls.push_back(url);
  }
  auto found = check(urls);
  ASSERT_EQ(found.size(), k_refused.size()) << m_last.out << m_last.err;
  for (const auto& [url, name] : k_refused) {
    EXPECT_EQ(found[url].first, "link/private-address") << url << ": " << found[url].second;
    EXPECT_NE(found[url].second.find(name), std::string::npos) << url << ": " << found[url].second;
  }
  EXPECT_EQ(m_last.exit_code, 1);
}

TEST_F(Guard, LoopbackSpellingsAndRedirectsStayRefusedAndTheAllowListStillWorks) {
  int port = m_server.port();
  std::string p = ":" + std::to_string(port);
  std::vector<std::string> spellings = {
      "http://127.0.0.1" + p + "/ok",       "http://127.1" + p + "/ok",
      "http://2130706433" + p + "/ok",      "http://0x7f000001" + p + "/ok",
      "http://0177.0.0.1" + p + "/ok",      "http://[::ffff:127.0.0.1]" + p + "/ok",
      "http://[::ffff:7f00:1]" + p + "/ok", "http://[64:ff9b::7f00:1]" + p + "/ok"};
  auto refused = check(spellings);
  for (const auto& url : spellings) {
    EXPECT_EQ(refused[url].first, "link/private-address") << url << m_last.out;
  }
  EXPECT_EQ(m_server.total_hits(), 0); // not one connection got through

  // The positive control: the one allowed address reaches the server; a redirect from there to
  // another loopback address is refused at the hop.
  std::string ok = m_server.url("/ok");
  std::string hop = m_server.url("/to-other-loopback");
  auto allowed = check({ok, hop}, {"--allow-address", "127.0.0.1"});
  EXPECT_EQ(allowed.count(ok), 0u) << m_last.out; // fine: no finding
  EXPECT_EQ(m_server.hits("/ok"), 1);
  EXPECT_EQ(allowed[hop].first, "link/private-address") << m_last.out;
  EXPECT_NE(allowed[hop].second.find("127.0.0.2"), std::string::npos) << allowed[hop].second;
  EXPECT_EQ(m_other.hits("/secret"), 0);

  // --allow-private lifts the guard for the redirect target too.
  auto open = check({hop}, {"--allow-private"});
  EXPECT_EQ(open.size(), 0u) << m_last.out;
  EXPECT_EQ(m_other.hits("/secret"), 1);
}

} // namespace
} // namespace verity::test

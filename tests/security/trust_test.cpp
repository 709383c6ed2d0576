// The trust boundary: a verity.yaml inside the checked tree may restrict verity, never widen it.
// Each hostile setting is built at test time; the network ones run against a loopback server that
// counts requests, so "refused" means no request ever arrived, not just a message.
#include "integration/counting_server.hpp"
#include "support.hpp"

#include <httplib.h>

namespace verity::test {
namespace {

constexpr const char* k_pages = "version: 1\ncollections:\n  pages:\n    paths: [\"*.md\"]\n";

class Trust : public ::testing::Test {
protected:
  void SetUp() override {
    m_server.http().Get("/alive", [this](const httplib::Request&, httplib::Response& res) {
      m_server.hit("alive");
      res.set_content("ok", "text/plain");
    });
    site = dir.path() / "site";
    write_link_page(site, "page", {m_server.url("/alive")});
  }
  void config(const std::string& extra) { write_file(site / "verity.yaml", k_pages + extra); }
  RunResult check(std::vector<std::string> args) {
    args.insert(args.begin(), "check");
    return run_verity(args, site);
  }

  TempDir dir;
  fs::path site;
  CountingServer m_server{"127.0.0.1"};
};

TEST_F(Trust, NetworkTrueInTheTreeIsRefusedWithItsLineAndNoRequestIsMade) {
  config("network: true\nlinks:\n  allow_private: true\n  retries: 0\n");
  RunResult r = check({});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("verity.yaml:5:10"), std::string::npos) << r.err; // network: true
  EXPECT_NE(r.err.find("--online"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("verity.yaml:7:18"), std::string::npos) << r.err; // allow_private
  EXPECT_NE(r.err.find("--allow-private"), std::string::npos) << r.err;
  EXPECT_EQ(m_server.total_hits(), 0);
}

TEST_F(Trust, AllowPrivateOrAddressesInTheTreeAreRefusedEvenWithOnline) {
  config("links:\n  allow_addresses: [\"127.0.0.1\"]\n  retries: 0\n");
  RunResult r = check({"--online"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("verity.yaml:6:20"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--allow-address"), std::string::npos) << r.err;
  EXPECT_EQ(m_server.total_hits(), 0);

  // Without the widening setting, --online alone still refuses the loopback address...
  config("links:\n  retries: 0\n");
  r = check({"--online", "--format", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_EQ(m_server.total_hits(), 0);
  // ...and the command line is what opens it (positive control: the server is reachable).
  r = check({"--online", "--allow-address", "127.0.0.1", "--format", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(m_server.hits("alive"), 1);
}

TEST_F(Trust, TheSameSettingsInATrustedConfigWiden) {
  // The checkout's own verity.yaml asks for the network: with --trusted-config it is not read.
  config("network: true\n");
  write_file(dir.path() / "base.yaml", std::string(k_pages) +
                                           "network: true\nlinks:\n  allow_private: true\n"
                                           "  retries: 0\n  interval_ms: 0\n");
  RunResult r =
      check({"--trusted-config", (dir.path() / "base.yaml").string(), "--format", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(m_server.hits("alive"), 1);
  EXPECT_EQ(r.json()["summary"]["documents"], 1) << r.out;

  RunResult both = check({"--trusted-config", (dir.path() / "base.yaml").string(), "--config",
                          (site / "verity.yaml").string()});
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_NE(both.err.find("exclude each other"), std::string::npos) << both.err;
}

TEST_F(Trust, LimitsAboveTheDefaultsAreRefusedLowerOnesApplyAndTheCommandLineRaises) {
  config("limits:\n  max_file_bytes: 9000000\n  max_depth: 65\n");
  RunResult r = check({});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("verity.yaml:6:19"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("verity.yaml:7:14"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--limit max_depth=VALUE"), std::string::npos) << r.err;

  // A big document: over the built-in 8 MiB, under 9 MB.
  write_file(site / "big.md", "---\ntitle: big\n---\n" + std::string(8500000, 'x') + "\n");
  config("");
  r = check({"--format", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.json()["summary"]["by_rule"].value("frontmatter/limit", 0), 1) << r.out;
  r = check({"--format", "json", "--limit", "max_file_bytes=9000000"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;

  // Restricting is allowed and takes effect: 1 KiB makes page.md too large as well.
  config("limits:\n  max_file_bytes: 1024\n");
  write_file(site / "page2.md", "---\ntitle: two\n---\n" + std::string(2000, 'y') + "\n");
  r = check({"--format", "json", "--limit", "max_file_bytes=9000000"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err; // the command line wins over the file
  r = check({"--format", "json"});
  EXPECT_EQ(r.json()["summary"]["by_rule"].value("frontmatter/limit", 0), 2) << r.out;

  RunResult bad = check({"--limit", "max_depth"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--limit expects NAME=VALUE"), std::string::npos) << bad.err;
  bad = check({"--limit", "max_anything=3"});
  EXPECT_EQ(bad.exit_code, 2);
}

TEST_F(Trust, HarderHittingLinkSettingsAreRefusedAndGentlerOnesAccepted) {
  config("links:\n  concurrency: 1000\n  per_host: 64\n  interval_ms: 0\n  timeout: 600\n"
         "  retries: 9\n  max_cache_age: 3650d\n  hosts:\n    \"example.org\": {concurrency: 50, "
         "interval_ms: 1}\n");
  RunResult r = check({});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  int refused = 0;
  for (const char* key :
       {"links.concurrency", "links.per_host", "links.interval_ms", "links.timeout",
        "links.retries", "links.max_cache_age", "links.hosts.example.org.concurrency",
        "links.hosts.example.org.interval_ms"}) {
    bool found = r.err.find(key) != std::string::npos;
    EXPECT_TRUE(found) << key << "\n" << r.err;
    refused += found;
  }
  EXPECT_EQ(refused, 8);

  // A cache file named by the checkout: it could only be one the pull request committed.
  config("links:\n  cache: .verity/cache.sqlite\n");
  r = check({});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("verity.yaml:6:10: links.cache"), std::string::npos) << r.err;

  config("links:\n  concurrency: 4\n  per_host: 1\n  interval_ms: 500\n  timeout: 5\n"
         "  retries: 0\n  max_cache_age: 1h\n  cache: false\n");
  r = check({});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

} // namespace
} // namespace verity::test

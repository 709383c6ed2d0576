// The HTML reports rendered by a real browser: headless Chromium loads each page (no network:
// the pages are self-contained), dumps the DOM and takes a screenshot, and the test checks the
// rows a person would see. Skips when chromium is not installed, and fails instead under ci/test
// (VERITY_REQUIRE_TOOLS=1: ci/install-deps installs it).
#include "counting_server.hpp"
#include "support.hpp"

#include <httplib.h>

#include <set>

namespace verity::test {
namespace {

size_t count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

class HtmlReport : public ::testing::Test {
protected:
  void SetUp() override {
    REQUIRE_TOOL_OR_SKIP("chromium"); // without it the HTML reports are not rendered
  }

  // The pages are local files with no external assets. Beyond the usual headless flags, every
  // host name resolves to nothing and any request would go to a dead loopback proxy, so the
  // browser cannot reach any other address even if one of its services tried.
  std::vector<std::string> chromium(const std::string& action) {
    return {"chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-default-apps",
            "--no-pings",
            "--dns-prefetch-disable",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--proxy-server=http://127.0.0.1:9",
            "--user-data-dir=" + (m_dir.path() / "profile").string(),
            action};
  }

  // The DOM after the page loaded.
  std::string dom(const fs::path& page) {
    auto argv = chromium("--dump-dom");
    argv.push_back("file://" + page.string());
    auto r = util::run_process(argv, m_dir.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }

  // A screenshot; returns its width and height from the PNG header (0 when there is none).
  std::pair<unsigned, unsigned> screenshot(const fs::path& page, const fs::path& png) {
    auto argv = chromium("--screenshot=" + png.string());
    argv.push_back("--window-size=1200,1600");
    argv.push_back("file://" + page.string());
    util::run_process(argv, m_dir.path());
    std::string bytes = read_file(png);
    if (bytes.size() < 24 || bytes.compare(1, 3, "PNG") != 0) {
      return {0, 0};
    }
    auto be32 = [&](size_t at) {
      return (static_cast<unsigned>(static_cast<unsigned char>(bytes[at])) << 24) |
             (static_cast<unsigned>(static_cast<unsigned char>(bytes[at + 1])) << 16) |
             (static_cast<unsigned>(static_cast<unsigned char>(bytes[at + 2])) << 8) |
             static_cast<unsigned>(static_cast<unsigned char>(bytes[at + 3]));
    };
    return {be32(16), be32(20)};
  }

  TempDir m_dir;
};

TEST_F(HtmlReport, TheAuditPageGroupsFindingsByDocumentWorstFirst) {
  fs::path page = m_dir.path() / "audit.html";
  fs::path site = source_dir() / "fixtures" / "bad-site";
  RunResult r =
      run_verity({"check", site.string(), "--format", "json", "--report", "html=" + page.string()},
                 m_dir.path());
  ASSERT_TRUE(fs::exists(page)) << r.err;
  const nlohmann::json report = r.json();
  std::string html = dom(page);
  ASSERT_NE(html.find("<h1 id=\"headline\">verity check:"), std::string::npos)
      << html.substr(0, 400);
  EXPECT_EQ(count(html, "<li class=\"finding\""), report["findings"].size());
  std::set<std::string> files;
  for (const auto& f : report["findings"]) {
    files.insert(f["file"].get<std::string>());
  }
  EXPECT_EQ(count(html, "<details open=\"\" class=\"doc\""), files.size());
  // Documents with errors come before documents with only warnings or notes.
  size_t first_error_doc = html.find("data-severity=\"error\"");
  size_t first_warning_only = std::string::npos;
  for (size_t at = html.find("<details"); at != std::string::npos;
       at = html.find("<details", at + 1)) {
    size_t end = html.find("</details>", at);
    std::string doc = html.substr(at, end - at);
    if (doc.find("data-severity=\"error\"") == std::string::npos) {
      first_warning_only = std::min(first_warning_only, at);
    } else {
      EXPECT_LT(at, first_warning_only) << "an error document after a warning-only one";
    }
  }
  EXPECT_NE(first_error_doc, std::string::npos);
  // One bar per rule in the chart, one row per collection.
  size_t chart = html.find("<svg id=\"rules-chart\"");
  ASSERT_NE(chart, std::string::npos);
  std::string svg = html.substr(chart, html.find("</svg>", chart) - chart);
  EXPECT_EQ(count(svg, "<rect"), report["summary"]["by_rule"].size());
  EXPECT_NE(html.find("<table id=\"collections\">"), std::string::npos);
  EXPECT_EQ(count(html, "<script"), 0u);
  EXPECT_EQ(count(html, "src=\"http"), 0u); // self-contained
  auto [w, h] = screenshot(page, m_dir.path() / "audit.png");
  EXPECT_EQ(w, 1200u);
  EXPECT_GT(h, 0u);
}

TEST_F(HtmlReport, TheLinkrotPageListsNonOkLinksAndChartsEveryRun) {
  CountingServer server("127.0.0.1");
  server.http().Get(R"(/.*)", [&](const httplib::Request& req, httplib::Response& res) {
    res.status = req.path == "/gone" ? 404 : req.path == "/walled" ? 999 : 200;
  });
  write_file(m_dir.path() / "site/verity.yaml",
             "version: 1\ncollections:\n  pages:\n    paths: [\"*.md\"]\nlinks:\n  retries: 0\n");
  write_file(m_dir.path() / "site/a.md", "---\ntitle: a\nlinks:\n  - \"" + server.url("/gone") +
                                             "\"\n  - \"" + server.url("/walled") + "\"\n  - \"" +
                                             server.url("/fine") + "\"\n---\n");
  fs::path page = m_dir.path() / "linkrot.html";
  for (const char* day : {"2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04"}) {
    run_verity({"linkrot", "--allow-address", "127.0.0.1", "--run-time",
                std::string(day) + "T03:00:00Z", "--format", "html", "--output", page.string()},
               m_dir.path() / "site");
  }
  std::string html = dom(page);
  EXPECT_EQ(count(html, "<tr class=\"state-broken\" data-state=\"broken\">"), 1u) << html;
  EXPECT_EQ(count(html, "data-state=\"blocked\""), 1u);
  EXPECT_EQ(count(html, "data-state="), 2u); // /fine is ok: not listed
  EXPECT_NE(html.find(server.url("/gone")), std::string::npos);
  EXPECT_NE(html.find("2026-11-01"), std::string::npos); // failing since the first run
  EXPECT_EQ(count(html, "<g class=\"run\""), 4u);        // one bar group per run
  EXPECT_EQ(count(html, "data-broken=\"1\""), 2u);       // broken from the third run on
  auto [w, h] = screenshot(page, m_dir.path() / "linkrot.png");
  EXPECT_EQ(w, 1200u);
  EXPECT_GT(h, 0u);
}

} // namespace
} // namespace verity::test

// The bad-input corpus: every configuration mistake in fixtures/bad-configs/ stops the run with
// exit code 2 and a message naming the file and line; every hostile document in
// fixtures/bad-input/ (plus the ones generated here that cannot be committed: 20 MB, binary,
// 100,000-deep nesting, a symlink out of the site) gets its expected finding while the run goes
// on for the others; credentials in a link never reach any report.
#include "counting_server.hpp"
#include "support.hpp"

#include <httplib.h>

#include <algorithm>
#include <map>
#include <sstream>

namespace verity::test {
namespace {

std::vector<std::string> split(const std::string& text, const std::string& sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t at = text.find(sep); at != std::string::npos; at = text.find(sep, start)) {
    out.push_back(text.substr(start, at - start));
    start = at + sep.size();
  }
  out.push_back(text.substr(start));
  return out;
}

std::string trim(std::string s) {
  s.erase(0, s.find_first_not_of(" \t"));
  s.erase(s.find_last_not_of(" \t\r\n") + 1);
  return s;
}

TEST(BadConfigs, EveryMistakeIsExit2WithTheFileLineAndWhatToDo) {
  fs::path corpus = source_dir() / "fixtures/bad-configs";
  size_t cases = 0;
  for (const auto& entry : fs::directory_iterator(corpus)) {
    if (entry.path().extension() != ".yaml") {
      continue;
    }
    ++cases;
    std::string text = read_file(entry.path());
    ASSERT_EQ(text.rfind("# expect: ", 0), 0u) << entry.path() << " has no expectation line";
    std::vector<std::string> parts = split(text.substr(10, text.find('\n') - 10), " | ");
    TempDir dir;
    write_file(dir.path() / "verity.yaml", text);
    fs::copy(corpus / "schemas", dir.path() / "schemas", fs::copy_options::recursive);
    write_file(dir.path() / "_news/2024-01-01-a.md", "---\ntitle: a\n---\n");
    RunResult r = run_verity({"check"}, dir.path());
    EXPECT_EQ(r.exit_code, 2) << entry.path().filename() << "\n" << r.err;
    for (const auto& part : parts) {
      EXPECT_NE(r.err.find(trim(part)), std::string::npos)
          << entry.path().filename() << ": expected '" << trim(part) << "' in\n"
          << r.err;
    }
    EXPECT_EQ(r.out, "") << entry.path().filename(); // no half report
  }
  EXPECT_GE(cases, 19u);
}

std::multiset<std::string> expected_rules(const std::string& spec) {
  std::multiset<std::string> out;
  std::istringstream in(spec);
  for (std::string word; in >> word;) {
    if (word == "-") {
      continue;
    }
    size_t star = word.find('*');
    int n = star == std::string::npos ? 1 : std::stoi(word.substr(star + 1));
    for (int i = 0; i < n; ++i) {
      out.insert(word.substr(0, star));
    }
  }
  return out;
}

TEST(BadInput, EveryHostileDocumentGetsItsFindingAndTheRunGoesOn) {
  TempDir dir;
  fs::path site = dir.path() / "site";
  fs::copy(source_dir() / "fixtures/bad-input", site, fs::copy_options::recursive);
  std::map<std::string, std::multiset<std::string>> expected;
  std::istringstream lines(read_file(site / "expected.txt"));
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#') {
      continue;
    }
    size_t space = line.find(' ');
    expected[line.substr(0, space)] = expected_rules(line.substr(space));
  }
  // What cannot be committed.
  write_file(site / "_news/huge.md", "---\ntitle: huge\n---\n" + std::string(20 << 20, 'x'));
  expected["_news/huge.md"] = {"frontmatter/limit"};
  std::string binary;
  for (int i = 0; i < 4096; ++i) {
    binary += static_cast<char>((i * 7919) & 0xff);
  }
  write_file(site / "_news/binary.md", binary);
  expected["_news/binary.md"] = {"frontmatter/missing"};
  write_file(site / "_news/deep.md", "---\ntitle: deep\nx: " + std::string(100000, '[') +
                                         std::string(100000, ']') + "\n---\n");
  expected["_news/deep.md"] = {"frontmatter/limit"};
  fs::create_directories(site / "assets");
  fs::create_symlink("/etc/passwd", site / "assets/escape.png");
  write_file(
      site / "_news/symlinked-image.md",
      "---\ntitle: symlink\nimage:\n  url: /assets/escape.png\n  width: 1\n  height: 1\n---\n");
  expected["_news/symlinked-image.md"] = {"image/outside-site"};

  RunResult r = run_verity({"check", "--format", "json"}, site);
  ASSERT_EQ(r.exit_code, 1) << r.err;
  const nlohmann::json report = r.json();
  std::map<std::string, std::multiset<std::string>> actual;
  for (const auto& f : report["findings"]) {
    actual[f["file"].get<std::string>()].insert(f["rule"].get<std::string>());
  }
  for (const auto& [file, rules] : expected) {
    EXPECT_EQ(actual[file], rules) << file;
  }
  EXPECT_EQ(report["summary"]["documents"], expected.size()); // every document was reported
  for (const auto& f : report["findings"]) {
    EXPECT_EQ(f["message"].get<std::string>().find("root:x:"), std::string::npos)
        << "a file outside the site was read: " << f["message"];
  }
}

TEST(BadInput, CredentialsInALinkReachNoReport) {
  CountingServer server("127.0.0.1");
  server.http().Get("/private",
                    [](const httplib::Request&, httplib::Response& res) { res.status = 404; });
  TempDir dir;
  write_file(dir.path() / "verity.yaml",
             "version: 1\ncollections:\n  pages:\n    paths: [\"*.md\"]\nlinks:\n  retries: 0\n");
  std::string url = server.url("/private");
  url.insert(url.find("://") + 3, "editor:hunter2@");
  write_link_page(dir.path(), "a", {url});
  RunResult r = run_verity({"check", "--online", "--allow-address", "127.0.0.1", "--report",
                            "json=r.json", "--report", "sarif=r.sarif", "--report", "junit=r.xml",
                            "--report", "markdown=r.md", "--report", "html=r.html"},
                           dir.path());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("link/broken"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("hunter2"), std::string::npos) << r.out;
  EXPECT_EQ(r.err.find("hunter2"), std::string::npos) << r.err;
  for (const char* report : {"r.json", "r.sarif", "r.xml", "r.md", "r.html"}) {
    std::string text = read_file(dir.path() / report);
    EXPECT_NE(text.find("link/broken"), std::string::npos) << report; // the finding is there
    EXPECT_EQ(text.find("hunter2"), std::string::npos) << report;
  }
  RunResult rot =
      run_verity({"linkrot", "--allow-address", "127.0.0.1", "--format", "json"}, dir.path());
  EXPECT_EQ(rot.out.find("hunter2"), std::string::npos);
  // Positive controls: the link is there, redacted, in the output and in the history (SQLite
  // keeps text as it is), so the absence above is not that of an empty file.
  std::string redacted = server.url("/private");
  EXPECT_NE(rot.out.find(redacted), std::string::npos) << rot.out << rot.err;
  std::string history = read_file(dir.path() / ".verity/history.sqlite");
  EXPECT_NE(history.find(redacted), std::string::npos);
  EXPECT_EQ(history.find("hunter2"), std::string::npos);
}

} // namespace
} // namespace verity::test

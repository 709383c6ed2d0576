// Link-rot recording and report size: records runs of URLS results into a fresh history (the
// first run inserts every URL, later ones update them) and times each transaction; then writes
// the HTML and JSON reports of a run with NONOK links that are not ok (two citing documents each,
// sixty runs of trend) and prints their sizes.
// Usage: verity_linkrot_bench [URLS] [NONOK]
#include "linkrot/history.hpp"
#include "report/writers.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace fs = std::filesystem;
using namespace verity;

int main(int argc, char** argv) {
  size_t urls = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 100000;
  size_t nonok = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 10000;
  std::string tmpl = (fs::temp_directory_path() / "verity-linkrot-bench-XXXXXX").string();
  fs::path dir = ::mkdtemp(tmpl.data());
  {
    linkrot::History history(dir / "history.sqlite");
    for (int run = 0; run < 3; ++run) {
      std::vector<linkrot::UrlOutcome> outcomes;
      outcomes.reserve(urls);
      for (size_t i = 0; i < urls; ++i) {
        bool fails = i % 20 == static_cast<size_t>(run);
        outcomes.push_back(
            {"https://host" + std::to_string(i % 500) + ".example.org/page/" + std::to_string(i),
             fails ? linkrot::Outcome::Fail : linkrot::Outcome::Ok, fails ? 404 : 200,
             fails ? "HTTP 404" : ""});
      }
      auto start = std::chrono::steady_clock::now();
      auto recorded = history.record_run(outcomes, 1'700'000'000 + run * 86400,
                                         1'700'000'000 + run * 86400 + 60, "", 3);
      double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::printf("record run %d: %zu URL results in %.3f s (%s)\n", run + 1, recorded.size(), s,
                  run == 0 ? "every URL new" : "every URL updated");
    }
  }
  std::printf("history file: %.1f MiB after 3 runs\n",
              static_cast<double>(fs::file_size(dir / "history.sqlite")) / (1 << 20));

  CheckResult result;
  LinkrotSummary summary;
  const char* states[] = {"broken", "flaky", "newly-broken", "blocked", "recovered"};
  for (size_t i = 0; i < nonok; ++i) {
    LinkrotUrl u;
    u.url = "https://www.some-publisher.example.org/articles/2024/" + std::to_string(i) +
            "/a-long-slug-of-an-article-title";
    u.state = states[i % 5];
    u.consecutive_failures = static_cast<int>(i % 7);
    u.first_failed = 1'700'000'000;
    u.status = 404;
    u.last_error = "HTTP 404";
    for (int c = 0; c < 2; ++c) {
      u.cited_by.push_back(
          {"_news/2024-01-0" + std::to_string(c + 1) + "-article-" + std::to_string(i) + ".md",
           12 + c, 5});
      Finding f;
      f.rule = "linkrot/" + u.state;
      f.severity = Severity::Warning;
      f.file = u.cited_by.back().file;
      f.line = u.cited_by.back().line;
      f.column = 5;
      f.pointer = "/related/" + std::to_string(c) + "/webUrl";
      f.message = u.url + ": failing 3 runs in a row since 2023-11-14 (HTTP 404)";
      result.findings.push_back(std::move(f));
    }
    summary.urls.push_back(std::move(u));
  }
  for (int r = 0; r < 60; ++r) {
    summary.runs.push_back({r + 1, 1'700'000'000 + r * 86400, 100000, 500 + r, 200 + r});
  }
  result.linkrot = std::move(summary);
  for (size_t i = 0; i < 2 * nonok; ++i) {
    result.documents.push_back({"_news/doc" + std::to_string(i) + ".md", "news", false});
  }
  std::string html = report::write_html(result);
  std::string json = report::write_json(result);
  std::printf("HTML report, %zu non-ok links (%zu findings): %.2f MB; JSON %.2f MB\n", nonok,
              result.findings.size(), static_cast<double>(html.size()) / 1e6,
              static_cast<double>(json.size()) / 1e6);
  fs::remove_all(dir);
  return 0;
}

// End to end: body links on small sites written here, beside the oracle fixtures
// (fixtures/bodies, compared with Jekyll + HTMLProofer by tests/oracle/bodies_test.py).
#include "support.hpp"

#include <algorithm>
#include <map>
#include <regex>
#include <set>

namespace verity::test {
namespace {

// "rule file:line:col" of each body finding, sorted.
std::vector<std::string> body_findings(const nlohmann::json& report) {
  std::vector<std::string> out;
  for (const auto& f : report["findings"]) {
    std::string rule = f["rule"];
    if (rule.starts_with("link/") || rule.starts_with("image/")) {
      out.push_back(rule + " " + f["file"].get<std::string>() + ":" +
                    std::to_string(f["line"].get<int>()) + ":" +
                    std::to_string(f["column"].get<int>()));
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(BodyLinks, IdsFromLayoutsAndIncludesLand) {
  TempDir dir;
  write_file(dir.path() / "_config.yml", "");
  write_file(dir.path() / "_layouts/default.html",
             "<body><a id=\"main-content\"></a>{{ content }}{% include foot.html %}</body>\n");
  write_file(dir.path() / "_includes/foot.html", "<footer id=\"contact\">x</footer>\n");
  write_file(dir.path() / "index.md",
             "---\nlayout: default\n---\n[skip](#main-content) [c](#contact) [bad](#nope)\n");
  auto r = run_verity({"check", "--format", "json", "."}, dir.path());
  ASSERT_EQ(r.exit_code, 1) << r.out << r.err;
  // Only the fragment no layout, include or body defines; positive controls pass.
  EXPECT_EQ(body_findings(r.json()),
            (std::vector<std::string>{"link/fragment-missing index.md:4:43"}));
}

// A layout's links are checked once, at the layout's own lines, with what is the same on every
// page: site-absolute URLs, site.baseurl and relative_url, {% link %}; a page-relative URL against
// each page using it (here the one page, /: img/rel.png is /img/rel.png). page.* differs per page
// and is left alone; a commented-out link is not one.
TEST(BodyLinks, TemplatesAreCheckedAtTheirOwnLinesWithWhatEveryPageShares) {
  TempDir dir;
  write_file(dir.path() / "_config.yml", "baseurl: /b\n");
  write_file(dir.path() / "assets/ok.css", "x\n");
  write_file(
      dir.path() / "_layouts/default.html",
      "---\nlayout: null\n---\n"
      "<link href=\"{{ '/assets/ok.css' | relative_url }}\"> <link href=\"/b/gone.css\">\n"
      "<a href=\"img/rel.png\">r</a> <a href=\"{{ page.permalink }}/x\">p</a>\n"
      "{% comment %}\n<a href=\"/b/old.html\">o</a>\n{% endcomment %}\n"
      "<img src=\"{{ site.baseurl }}/logo.png\" alt=\"L\"> <a href=\"{% link nope.md %}\">n</a>\n"
      "{{ content }}\n");
  write_file(dir.path() / "_includes/nav.html", "<nav><a href=\"/b/index.html\">home</a></nav>\n");
  write_file(dir.path() / "index.md", "---\nlayout: default\n---\nHi\n");
  auto r = run_verity({"check", "--format", "json", "."}, dir.path());
  ASSERT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_EQ(body_findings(r.json()),
            (std::vector<std::string>{"image/missing _layouts/default.html:9:11",
                                      "link/internal-missing _layouts/default.html:4:65",
                                      "link/internal-missing _layouts/default.html:5:10",
                                      "link/liquid-broken _layouts/default.html:9:58",
                                      "link/unverifiable :0:0"}));
  // page.permalink differs per page: counted once for the site, not judged.
  const nlohmann::json report = r.json(); // the loop must not outlive a temporary
  for (const auto& f : report["findings"]) {
    if (f["rule"] == "link/unverifiable") {
      EXPECT_EQ(f["count"], 1) << f.dump();
      EXPECT_NE(
          f["message"].get<std::string>().find("_layouts/default.html:5 {{ page.permalink }}/x"),
          std::string::npos)
          << f.dump();
    }
  }
}

// _data holds a site's navigation and avatars: values under link and image keys that are
// site-absolute, or on the site's own url, are internal links at their own file:line:col; other
// values (a path under `bin:`, another site's URL) are data.
// A layout's or include's link relative to the page is resolved against every page that renders
// it, through layout chains (post -> base), `defaults:` layouts and includes of includes, and
// reported once at its own line with the pages it fails on. Cycles (loop-a <-> loop-b, a.html <->
// b.html) end; commented-out includes and `layout: none` pull nothing in.
TEST(BodyLinks, TemplateLinksRelativeToThePageAreJudgedOnEveryPageUsingThem) {
  TempDir dir;
  write_file(dir.path() / "_config.yml",
             "defaults:\n  - scope: {path: blog}\n    values: {layout: post}\n");
  write_file(dir.path() / "feed.xml", "<feed/>\n");
  write_file(dir.path() / "_layouts/base.html",
             "<a href=\"feed.xml\">f</a> <a href=\"#top\">t</a> <a href=\"#skip\">s</a>\n"
             "{{ content }}\n");
  write_file(dir.path() / "_layouts/post.html",
             "---\nlayout: base\n---\n<a href=\"../up.html\">u</a> <img src=\"pic.png\" "
             "alt=\"p\">\n{{ content }}\n");
  write_file(dir.path() / "blog/pic.png", "not read: existence is the question\n");
  write_file(dir.path() / "_layouts/loop-a.html",
             "---\nlayout: loop-b\n---\n<a href=\"cyc.html\">c</a>{{ content }}\n");
  write_file(dir.path() / "_layouts/loop-b.html",
             "---\nlayout: loop-a\n---\n<a href=\"gone-b.html\">g</a>{{ content }}\n");
  write_file(dir.path() / "_includes/a.html", "{% include b.html %}\n");
  write_file(dir.path() / "_includes/b.html", "{%- include a.html -%}<a href=\"bee/\">b</a>\n");
  write_file(dir.path() / "index.md", "---\nlayout: base\n---\nHome\n");
  write_file(dir.path() / "blog/p1.md", "---\ntitle: One\n---\nOne\n");
  write_file(dir.path() / "blog/p2.md", "---\ntitle: Two\n---\nTwo\n");
  write_file(dir.path() / "cyc.md", "---\nlayout: loop-a\n---\nC\n");
  write_file(dir.path() / "inc.md", "---\nlayout: none\n---\n{% include a.html %}\n");
  write_file(dir.path() / "quiet.md",
             "---\nlayout: none\n---\n{% comment %}{% include b.html %}{% endcomment %}\n");
  auto r = run_verity({"check", "--format", "json", "."}, dir.path());
  ASSERT_EQ(r.exit_code, 1) << r.out << r.err;
  // feed.xml lands on / only, #skip nowhere, ../up.html (/up.html) on neither post; pic.png is
  // /blog/pic.png from both posts and cyc.html is /cyc.html from cyc.md: they land (controls).
  EXPECT_EQ(body_findings(r.json()),
            (std::vector<std::string>{"link/fragment-missing _layouts/base.html:1:56",
                                      "link/internal-missing _includes/b.html:1:32",
                                      "link/internal-missing _layouts/base.html:1:10",
                                      "link/internal-missing _layouts/loop-b.html:4:10",
                                      "link/internal-missing _layouts/post.html:4:10"}));
  const nlohmann::json report = r.json();
  std::map<std::string, nlohmann::json> by_place;
  for (const auto& f : report["findings"])
    by_place[f["file"].get<std::string>() + ":" + std::to_string(f["line"].get<int>()) + ":" +
             std::to_string(f["column"].get<int>())] = f;
  const nlohmann::json& feed = by_place["_layouts/base.html:1:10"];
  EXPECT_EQ(feed["pages_using"], 3) << feed.dump(); // index and both posts
  EXPECT_EQ(feed["pages_failing"], 2) << feed.dump();
  EXPECT_EQ(feed["pages"], nlohmann::json::array({"blog/p1.md", "blog/p2.md"})) << feed.dump();
  EXPECT_EQ(feed["suggestion"], "{{ '/feed.xml' | relative_url }}") << feed.dump();
  EXPECT_NE(feed["message"].get<std::string>().find(
                "on 2 of the 3 pages built with this file (on /blog/p1.html it is /blog/feed.xml)"),
            std::string::npos)
      << feed.dump();
  const nlohmann::json& skip = by_place["_layouts/base.html:1:56"];
  EXPECT_EQ(skip["pages_failing"], 3) << skip.dump();
  const nlohmann::json& bee = by_place["_includes/b.html:1:32"];
  EXPECT_EQ(bee["pages"], nlohmann::json::array({"inc.md"})) << bee.dump();
  const nlohmann::json& loop = by_place["_layouts/loop-b.html:4:10"];
  EXPECT_EQ(loop["pages"], nlohmann::json::array({"cyc.md"})) << loop.dump();
}

TEST(BodyLinks, DataFileLinksAndImagesAreCheckedAtTheirValues) {
  TempDir dir;
  write_file(dir.path() / "_config.yml", "url: https://example.com\n");
  write_file(dir.path() / "docs/index.md", "---\ntitle: D\n---\n# Docs\n");
  write_file(dir.path() / "_data/navigation.yml",
             "main:\n  - url: /docs/\n  - url: /gone/\n  - url: /docs/#nope\n"
             "  - url: https://example.com/missing.html\n  - url: https://other.example/x\n"
             "authors:\n  ann: {avatar: /assets/b.png, bin: /usr/bin/x, home_url: /docs/#docs}\n");
  write_file(dir.path() / "_data/list.yaml", "- name: x\n  link: /nowhere.html\n");
  // JSON (pretty-printed and compact) and CSV/TSV, whose header names each column.
  write_file(dir.path() / "_data/footer.json",
             "{\n  \"links\": [\n    {\"title\": \"Docs\", \"url\": \"/docs/\"},\n"
             "    {\"title\": \"Old\", \"url\": \"/old.html\"}\n  ],\n"
             "  \"logo\": \"/assets/logo.png\", \"note\": \"/not/a/link\"}\n");
  write_file(dir.path() / "_data/people.csv",
             "name,home_url,avatar\r\nann,/docs/,/assets/ann.png\r\n\"bo, jr\",/bo/,\r\n");
  write_file(dir.path() / "_data/tabs.tsv", "name\tlink\nx\t/docs/#docs\ny\t/docs/#gone\n");
  auto r = run_verity({"check", "--format", "json", "."}, dir.path());
  ASSERT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_EQ(body_findings(r.json()),
            (std::vector<std::string>{"image/missing _data/footer.json:6:11",
                                      "image/missing _data/navigation.yml:8:17",
                                      "image/missing _data/people.csv:2:12",
                                      "link/fragment-missing _data/navigation.yml:4:10",
                                      "link/fragment-missing _data/tabs.tsv:3:3",
                                      "link/internal-missing _data/footer.json:4:29",
                                      "link/internal-missing _data/list.yaml:2:9",
                                      "link/internal-missing _data/navigation.yml:3:10",
                                      "link/internal-missing _data/navigation.yml:5:10",
                                      "link/internal-missing _data/people.csv:3:10"}));
}

// {{ site.data.a.b }} in a URL is what Jekyll's DataReader gives: YAML and JSON files under
// _data/, folders as nested keys; a key no file has is unverifiable, never guessed.
TEST(BodyLinks, SiteDataInUrlsIsEvaluated) {
  TempDir dir;
  write_file(dir.path() / "_config.yml", "title: t\n");
  write_file(dir.path() / "docs/index.md", "---\ntitle: D\n---\n");
  write_file(dir.path() / "_data/paths.yml", "docs: /docs/\ngone: /gone/\n");
  write_file(dir.path() / "_data/menus/main.json", "{\"help\": \"/help.html\"}\n");
  write_file(dir.path() / "p.md",
             "---\ntitle: P\n---\n[d]({{ site.data.paths.docs }}) "
             "[g]({{ site.data.paths.gone }})\n"
             "[h]({{ site.data.menus.main.help }}) [n]({{ site.data.no.x }})\n");
  auto r = run_verity({"check", "--format", "json", "."}, dir.path());
  ASSERT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_EQ(body_findings(r.json()),
            (std::vector<std::string>{"link/internal-missing p.md:4:37",
                                      "link/internal-missing p.md:5:5", "link/unverifiable :0:0"}));
}

TEST(BodyLinks, CollectionsPostsAndPrettyUrlsResolveFromTheOutputUrl) {
  TempDir dir;
  write_file(dir.path() / "_config.yml",
             "permalink: pretty\ncollections:\n  recipes:\n    output: true\n");
  write_file(dir.path() / "_recipes/pie.md", "---\ntitle: Pie\n---\n# Pie\n");
  write_file(dir.path() / "_posts/2024-01-05-hello.md",
             "---\ntitle: Hello\n---\n[pie](../../../../recipes/pie/) [about](/about/)\n"
             "[pie anchor](/recipes/pie/#pie) [source path](../../../../_recipes/pie.md)\n");
  write_file(dir.path() / "about.md",
             "---\ntitle: About\n---\n[post]({% post_url 2024-01-05-hello %})\n"
             "[gone]({% post_url 2024-01-06-gone %})\n");
  auto r = run_verity({"check", "--format", "json", "."}, dir.path());
  ASSERT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_EQ(body_findings(r.json()),
            (std::vector<std::string>{"link/internal-missing _posts/2024-01-05-hello.md:5:47",
                                      "link/liquid-broken about.md:5:8"}));
  std::string text = r.json().dump();
  EXPECT_NE(text.find("did you mean '/recipes/pie/'"), std::string::npos) << text;
}

// Every "file:line:col" that `pattern` (three groups) finds in `text`, with "\_" read as "_".
std::multiset<std::string> places_in(std::string text, const std::regex& pattern) {
  for (size_t at = 0; (at = text.find("\\_", at)) != std::string::npos;) {
    text.erase(at, 1);
  }
  std::multiset<std::string> out;
  for (std::sregex_iterator it(text.begin(), text.end(), pattern), end; it != end; ++it) {
    out.insert((*it)[1].str() + ":" + (*it)[2].str() + ":" + (*it)[3].str());
  }
  return out;
}

TEST(BodyLinks, EveryReportFormatCarriesTheAuthorsFileLineAndColumn) {
  // A template link (no document), and a link and an image on one line of Markdown: each is a
  // place of its own in every format, and the template's is not lost where reports group by
  // document (JUnit).
  TempDir dir;
  write_file(dir.path() / "_layouts/default.html", "<a href=\"feed.xml\">f</a>\n{{ content }}\n");
  write_file(dir.path() / "feed.xml", "<feed/>\n");
  write_file(dir.path() / "blog/p1.md",
             "---\nlayout: default\n---\n# Title\n\nSee [gone](/nowhere.html) and "
             "![pic](missing.png).\n");
  write_file(dir.path() / "index.md", "---\nlayout: default\n---\nhome <a href=\"#nope\">x</a>\n");
  const fs::path out = dir.path() / "out";
  fs::create_directories(out);
  auto r = run_verity(
      {"check", ".", "--format", "json", "--report", "sarif=" + (out / "r.sarif").string(),
       "--report", "junit=" + (out / "r.xml").string(), "--report",
       "markdown=" + (out / "r.md").string(), "--report", "html=" + (out / "r.html").string(),
       "--report", "text=" + (out / "r.txt").string()},
      dir.path());
  ASSERT_EQ(r.exit_code, 1) << r.out << r.err;
  const nlohmann::json report = r.json();
  const std::vector<std::string> body = body_findings(report);
  EXPECT_EQ(body, (std::vector<std::string>{"image/missing blog/p1.md:6:38",
                                            "link/fragment-missing index.md:4:15",
                                            "link/internal-missing _layouts/default.html:1:10",
                                            "link/internal-missing blog/p1.md:6:12"}));
  std::multiset<std::string> expected;
  for (const auto& finding : body) {
    expected.insert(finding.substr(finding.find(' ') + 1));
  }
  const std::regex place(R"(([A-Za-z0-9_./-]+\.(?:md|html)):(\d+):(\d+))");
  EXPECT_EQ(places_in(read_file(out / "r.txt"), place), expected) << read_file(out / "r.txt");
  EXPECT_EQ(places_in(read_file(out / "r.md"), place), expected) << read_file(out / "r.md");
  EXPECT_EQ(places_in(read_file(out / "r.html"), place), expected);
  const std::string junit = read_file(out / "r.xml");
  EXPECT_EQ(places_in(junit, place), expected) << junit;
  EXPECT_NE(junit.find("<testcase classname=\"verity/site\" name=\"_layouts/default.html\" "
                       "file=\"_layouts/default.html\" line=\"1\""),
            std::string::npos)
      << junit;
  const nlohmann::json sarif = nlohmann::json::parse(read_file(out / "r.sarif"));
  std::multiset<std::string> in_sarif;
  for (const auto& result : sarif["runs"][0]["results"]) {
    const nlohmann::json& at = result["locations"][0]["physicalLocation"];
    std::string rule = result["ruleId"];
    if (rule.starts_with("link/") || rule.starts_with("image/")) {
      in_sarif.insert(at["artifactLocation"]["uri"].get<std::string>() + ":" +
                      std::to_string(at["region"]["startLine"].get<int>()) + ":" +
                      std::to_string(at["region"]["startColumn"].get<int>()));
    }
  }
  EXPECT_EQ(in_sarif, expected) << sarif.dump(2);
}

TEST(BodyLinks, CrlfFilesAndWideCharactersKeepExactColumns) {
  TempDir dir;
  write_file(dir.path() / "_config.yml", "");
  write_file(dir.path() / "a.md", "---\r\ntitle: A\r\n---\r\nÉté 日本 [x](/missing.html)\r\n");
  auto r = run_verity({"check", "--format", "json", "."}, dir.path());
  ASSERT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_EQ(body_findings(r.json()), (std::vector<std::string>{"link/internal-missing a.md:4:12"}));
}

TEST(BodyLinks, AMissingBaseurlIsSaidOnlyWhereTheLinkWouldOtherwiseWork) {
  TempDir dir;
  write_file(dir.path() / "_config.yml", "baseurl: /blog\n");
  write_file(dir.path() / "about.md", "---\ntitle: About\n---\nx\n");
  write_file(dir.path() / "index.md",
             "---\ntitle: Home\n---\n[a](/about.html) [b](/blog/about.html) "
             "[c]({{ site.baseurl }}/about.html) [d](/nothing.html)\n");
  auto r = run_verity({"check", "--format", "json", "."}, dir.path());
  ASSERT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_EQ(body_findings(r.json()),
            (std::vector<std::string>{"link/internal-missing index.md:4:79",
                                      "link/missing-baseurl index.md:4:5"}));
}

// internal-links judges links in chunks on every core: the findings are those of one thread, in
// the same order, wherever a chunk ends (5,000 links: three chunks of 2,048, the last one short).
TEST(BodyLinks, LinksJudgedOnSeveralThreadsGiveOneThreadsFindingsInOrder) {
  TempDir dir;
  write_file(dir.path() / "_config.yml", "");
  write_file(dir.path() / "there.md", "---\n---\n## Part one\n");
  for (int page = 0; page < 5; ++page) {
    std::string body = "---\n---\n";
    for (int i = 0; i < 1000; ++i) {
      // 1 in 4 reaches nothing, 1 in 4 no anchor, half land: 2,500 findings of 5,000 links.
      switch (i % 4) {
      case 0:
        body += "[m](/gone" + std::to_string(i) + ".html)\n";
        break;
      case 1:
        body += "[a](/there.html#nope" + std::to_string(i) + ")\n";
        break;
      case 2:
        body += "[ok](/there.html#part-one)\n";
        break;
      default:
        body += "[ok](/there.html)\n";
      }
    }
    write_file(dir.path() / ("p" + std::to_string(page) + ".md"), body);
  }
  auto one = run_verity({"check", "--format", "json", "--jobs", "1", "."}, dir.path());
  auto two = run_verity({"check", "--format", "json", "--jobs", "2", "."}, dir.path());
  ASSERT_EQ(one.exit_code, 1) << one.err;
  ASSERT_EQ(two.exit_code, 1) << two.err;
  auto links_of = [](const nlohmann::json& report) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& f : report["findings"]) {
      if (f["rule"].get<std::string>().starts_with("link/"))
        out.push_back(f);
    }
    return out;
  };
  const nlohmann::json a = links_of(one.json()), b = links_of(two.json());
  EXPECT_EQ(one.json()["summary"]["by_rule"]["link/internal-missing"], 1250);
  EXPECT_EQ(one.json()["summary"]["by_rule"]["link/fragment-missing"], 1250);
  ASSERT_EQ(a.size(), 2500u);
  EXPECT_EQ(a, b);
  EXPECT_EQ(a[0]["file"], "p0.md");
  EXPECT_EQ(a[0]["line"], 3);
  EXPECT_EQ(a[2499]["file"], "p4.md");
  EXPECT_EQ(a[2499]["line"], 997 + 3); // the last broken one, link 997, below two lines
}

// -v says how long each step took, so that a slow run tells where its time goes.
TEST(BodyLinks, VerboseRunsLogTheTimeOfEachPhase) {
  TempDir dir;
  write_file(dir.path() / "_config.yml", "");
  write_file(dir.path() / "index.md", "---\n---\n[a](/gone.html)\n");
  auto quiet = run_verity({"check", "--format", "json", "."}, dir.path());
  auto r = run_verity({"check", "-v", "--format", "json", "."}, dir.path());
  ASSERT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(quiet.err.find("phase "), std::string::npos) << quiet.err;
  for (const char* phase : {"phase inventory: ", "phase documents: read and checked: ",
                            "phase corpus check internal-links: ", "phase report json: "}) {
    EXPECT_NE(r.err.find(phase), std::string::npos) << phase << "\n" << r.err;
  }
  EXPECT_EQ(r.json()["findings"], quiet.json()["findings"]); // -v changes no report
}

} // namespace
} // namespace verity::test

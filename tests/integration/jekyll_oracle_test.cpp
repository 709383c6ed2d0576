// Oracle: each fixture site under fixtures/jekyll/ is built with Debian's `jekyll build`, and
// `verity site --format json` must list exactly the files of the built _site (none missing,
// none extra), each with the URL Jekyll gave it: every fixture layout prints
// `<!--url:{{ page.url }}-->`, so the URL of each rendered page is read back from its output.
#include "support.hpp"

#include <map>
#include <set>

namespace verity::test {
namespace {

struct Built {
  std::set<std::string> site_files;                // relative to _site
  std::map<std::string, nlohmann::json> by_output; // verity's items by output path
  std::map<std::string, std::string> reasons;      // source -> reason, for items not output
  fs::path site;
  size_t markers_compared = 0;
};

// Copies the fixture, appends `extra_config` to its _config.yml and deletes the `removed` files
// of the copy, builds it with jekyll and reads it with verity, both in UTC and the development
// environment.
Built build_tree(const fs::path& fixture, const TempDir& tmp, const std::string& extra_config = "",
                 const std::vector<std::string>& removed = {}) {
  Built b;
  fs::path src = tmp.path() / "src";
  fs::copy(fixture, src, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  for (const auto& file : removed) {
    EXPECT_TRUE(fs::remove(src / file)) << file;
  }
  // A Gemfile makes jekyll resolve gems through Bundler, which Debian's jekyll cannot.
  fs::remove(src / "Gemfile");
  fs::remove(src / "Gemfile.lock");
  if (!extra_config.empty()) {
    write_file(src / "_config.yml", read_file(src / "_config.yml") + extra_config);
  }
  b.site = tmp.path() / "_site";
  auto jekyll =
      util::run_process({"env", "TZ=UTC", "JEKYLL_ENV=development", "jekyll", "build", "-q",
                         "--disable-disk-cache", "-s", src.string(), "-d", b.site.string()},
                        tmp.path());
  EXPECT_EQ(jekyll.exit_code, 0) << jekyll.out << jekyll.err;
  auto verity = util::run_process({"env", "TZ=UTC", "JEKYLL_ENV=development", verity_binary(),
                                   "site", "--format", "json", src.string()},
                                  tmp.path());
  EXPECT_EQ(verity.exit_code, 0) << verity.err << verity.out;
  nlohmann::json table = nlohmann::json::parse(verity.out, nullptr, false);
  if (!table.is_object()) {
    ADD_FAILURE() << "verity site printed no JSON: " << verity.out;
    return b;
  }
  EXPECT_TRUE(table["problems"].empty()) << table["problems"].dump(2);
  for (const auto& entry : fs::recursive_directory_iterator(b.site)) {
    if (entry.is_regular_file()) {
      b.site_files.insert(fs::relative(entry.path(), b.site).string());
    }
  }
  for (const auto& item : table["items"]) {
    if (item["output"].is_string()) {
      EXPECT_EQ(b.by_output.count(item["output"]), 0u) << "two items write " << item["output"];
      b.by_output[item["output"].get<std::string>()] = item;
      for (const auto& extra : item.value("extra_outputs", nlohmann::json::array())) {
        b.by_output[extra["output"].get<std::string>()] = {{"kind", "extra"},
                                                           {"url", extra["url"]}};
      }
    } else {
      b.reasons[item["source"].get<std::string>()] = item["reason"].get<std::string>();
    }
  }
  // The URL Jekyll gave each rendered HTML page, read back from its layout's marker.
  for (const auto& [output, item] : b.by_output) {
    std::string kind = item["kind"];
    bool html = output.size() > 5 && output.compare(output.size() - 5, 5, ".html") == 0;
    if (!html || kind == "static" || kind == "extra" || !b.site_files.count(output)) {
      continue;
    }
    std::string text = read_file(b.site / output);
    size_t at = text.find("<!--url:");
    size_t end = text.find("-->", at);
    EXPECT_NE(at, std::string::npos) << output << " has no URL marker";
    if (at != std::string::npos && end != std::string::npos) {
      EXPECT_EQ(text.substr(at + 8, end - at - 8), item["url"].get<std::string>()) << output;
      ++b.markers_compared;
    }
    // ... and its `relative_url` (baseurl included), which is verity's `href`.
    size_t href = text.find("<!--href:");
    size_t href_end = text.find("-->", href);
    EXPECT_NE(href, std::string::npos) << output << " has no href marker";
    if (href != std::string::npos && href_end != std::string::npos) {
      EXPECT_EQ(text.substr(href + 9, href_end - href - 9), item["href"].get<std::string>())
          << output;
    }
  }
  return b;
}

Built build_both(const std::string& fixture, const TempDir& tmp,
                 const std::string& extra_config = "") {
  return build_tree(source_dir() / "fixtures" / "jekyll" / fixture, tmp, extra_config);
}

std::set<std::string> outputs(const Built& b) {
  std::set<std::string> out;
  for (const auto& [o, _] : b.by_output) {
    out.insert(o);
  }
  return out;
}

void expect_same_files(const Built& b, size_t expected_files, size_t expected_markers) {
  EXPECT_EQ(outputs(b), b.site_files);
  EXPECT_EQ(b.site_files.size(), expected_files);
  EXPECT_EQ(b.markers_compared, expected_markers);
}

TEST(JekyllOracle, PlainSite) {
  REQUIRE_TOOL_OR_SKIP("jekyll");
  TempDir tmp;
  Built b = build_both("plain", tmp);
  expect_same_files(b, 29, 18);
  EXPECT_EQ(b.by_output["linked-docs/guide.html"]["source"], "linked-docs/guide.md"); // symlink
  EXPECT_EQ(b.by_output["_private/keep.html"]["kind"], "page"); // `include` by path
  EXPECT_EQ(b.by_output["_private/s.txt"]["kind"], "static");
  EXPECT_EQ(b.by_output["recipes/nofm.md"]["kind"], "static"); // a collection file without FM
  EXPECT_EQ(b.by_output["bom.md"]["kind"], "static");          // a BOM before `---`
  EXPECT_EQ(b.by_output["assets/main.css"]["url"], "/assets/main.css");
  EXPECT_EQ(b.reasons["notes/"], "excluded");
  EXPECT_EQ(b.reasons["notes2/"], "excluded"); // `exclude` is a prefix match
  EXPECT_EQ(b.reasons["node_modules/"], "excluded");
  EXPECT_EQ(b.reasons["vendor/bundle/"], "excluded");
  EXPECT_EQ(b.reasons[".hidden.md"], "special-name");
  EXPECT_EQ(b.reasons["_notes/"], "special-name");
  EXPECT_EQ(b.reasons["backup.md~"], "special-name");
  EXPECT_EQ(b.reasons["_posts/readme.md"], "post-name-without-date");
  EXPECT_EQ(b.reasons["_data/authors.yml"], "data");
  // The planted defects (fixture_sites_test.cpp): a YAML error is only a warning to Jekyll, which
  // still writes the document; a collection file without front matter is a static file.
  EXPECT_EQ(b.by_output["recipes/broken-yaml.html"]["kind"], "document");
  EXPECT_EQ(b.by_output["recipes/nofm-too.txt"]["kind"], "static");
  EXPECT_EQ(b.by_output["2020/02/02/missing-image.html"]["kind"], "post");
  EXPECT_EQ(b.reasons["_archive/"], "special-name"); // the unmatched folder: never read
}

// The other permalink styles over the same site (a repeated key: the last one wins).
TEST(JekyllOracle, PlainSiteInEveryStyle) {
  REQUIRE_TOOL_OR_SKIP("jekyll");
  size_t styles = 0;
  for (const char* style : {"pretty", "ordinal", "weekdate", "none", "/:year/:title"}) {
    TempDir tmp;
    Built b = build_both("plain", tmp, std::string("permalink: \"") + style + "\"\n");
    SCOPED_TRACE(style);
    EXPECT_EQ(outputs(b), b.site_files);
    EXPECT_EQ(b.site_files.size(), 29u);
    EXPECT_EQ(b.markers_compared, 18u);
    ++styles;
  }
  EXPECT_EQ(styles, 5u);
}

TEST(JekyllOracle, CollectionsDir) {
  REQUIRE_TOOL_OR_SKIP("jekyll");
  TempDir tmp;
  Built b = build_both("collections-dir", tmp);
  expect_same_files(b, 14, 12);
  EXPECT_EQ(b.by_output["deep/g2.html"]["source"], "my_collections/_guides/sub/g2.md");
  // baseurl is in the href, never in the URL or the output path.
  EXPECT_EQ(b.by_output["guides/g1.html"]["url"], "/guides/g1.html");
  EXPECT_EQ(b.by_output["guides/g1.html"]["href"], "/docs/v1/guides/g1.html");
  EXPECT_EQ(b.by_output["blog/categorised.html"]["kind"], "post");
  EXPECT_EQ(b.reasons["my_collections/_notes/n.md"], "collection-not-output");
  EXPECT_EQ(b.reasons["_posts/"], "special-name"); // _posts outside collections_dir is not read
  // The planted defects (fixture_sites_test.cpp).
  EXPECT_EQ(b.by_output["guides/bad-yaml.html"]["kind"], "document");
  EXPECT_EQ(b.by_output["guides/plain-notes.md"]["kind"], "static");
  EXPECT_EQ(b.by_output["cover.html"]["source"], "my_collections/_posts/2020-02-10-cover.md");
  EXPECT_EQ(b.reasons["_snippets/"], "special-name");
}

TEST(JekyllOracle, DefaultsAndPermalinks) {
  REQUIRE_TOOL_OR_SKIP("jekyll");
  TempDir tmp;
  Built b = build_both("defaults-permalinks", tmp);
  expect_same_files(b, 25, 21);
  // `published: false` from defaults holds back static files and documents, not pages
  // (Publisher reads page.data.fetch, which does not consult defaults).
  EXPECT_EQ(b.by_output["assets/private/page/index.html"]["kind"], "page");
  EXPECT_EQ(b.by_output["manual/docs2/index.html"]["source"], "docs2.md"); // prefix scope
  EXPECT_EQ(b.by_output["globbed/intro/index.html"]["source"], "sections/x/intro.md");
  EXPECT_EQ(b.by_output["noext.html"]["url"], "/noext");
  EXPECT_EQ(b.by_output["lit/:title/index.html"]["url"], "/lit/:title/");
  EXPECT_EQ(b.by_output["ref/docs/static.txt"]["kind"], "static");
  EXPECT_EQ(b.reasons["assets/private/secret.txt"], "unpublished");
  // The planted defects (fixture_sites_test.cpp).
  EXPECT_EQ(b.by_output["ref/docs/broken/index.html"]["source"], "_docs/broken.md");
  EXPECT_EQ(b.by_output["ref/docs/appendix.md"]["kind"], "static");
  EXPECT_EQ(b.by_output["manual/b/index.html"]["source"], "docs/b.md");
  EXPECT_EQ(b.reasons["_wip/"], "special-name");
}

TEST(JekyllOracle, CategoriesDraftsFutureAndDates) {
  REQUIRE_TOOL_OR_SKIP("jekyll");
  TempDir tmp;
  Built b = build_both("categories-drafts", tmp);
  expect_same_files(b, 21, 20);
  EXPECT_EQ(b.reasons["published-no.md"], "unpublished"); // a plain `no` is YAML 1.1 false
  EXPECT_EQ(b.by_output["published-quoted.html"]["source"], "published-quoted.md");
  EXPECT_EQ(b.by_output["news/tech stuff/2020/01/01/fm-categories.html"]["url"],
            "/news/tech%20stuff/2020/01/01/fm-categories.html");
  EXPECT_EQ(b.by_output["2024/09/20/offset-shift.html"]["source"],
            "_posts/2024-09-19-offset-shift.md"); // -0500 late evening is the next day in Kolkata
  EXPECT_EQ(b.by_output["2020/03/02/yaml-timestamp.html"]["source"],
            "_posts/2020-03-01-yaml-timestamp.md"); // a zoneless YAML timestamp is UTC
  EXPECT_EQ(b.by_output["2020/03/05/quoted.html"]["source"], "_posts/2020-03-05-quoted.md");
  EXPECT_EQ(b.reasons["_drafts/a-draft.md"], "draft");
  EXPECT_EQ(b.reasons["_posts/2099-01-01-future.md"], "future");
  EXPECT_EQ(b.reasons["_posts/2020-04-01-unpublished.md"], "unpublished");
  EXPECT_EQ(b.reasons["unpublished-page.md"], "unpublished");
  // The planted defects (fixture_sites_test.cpp).
  EXPECT_EQ(b.by_output["authors/bob.html"]["kind"], "document");
  EXPECT_EQ(b.by_output["authors/README.md"]["kind"], "static");
  EXPECT_EQ(b.by_output["blog/2020/08/08/photo.html"]["source"], "Blog/_posts/2020-08-08-photo.md");
  EXPECT_EQ(b.reasons["_drafts/dup.md"], "draft");
  EXPECT_EQ(b.reasons["_scratch/"], "special-name");
}

TEST(JekyllOracle, DraftsFutureAndUnpublishedWhenTheConfigAsks) {
  REQUIRE_TOOL_OR_SKIP("jekyll");
  TempDir tmp;
  Built b =
      build_both("categories-drafts", tmp, "show_drafts: true\nfuture: true\nunpublished: true\n");
  expect_same_files(b, 27, 26);
  size_t held_back = 0;
  for (const auto& [source, why] : b.reasons) {
    held_back += why == "draft" || why == "future" || why == "unpublished" ? 1 : 0;
  }
  EXPECT_EQ(held_back, 0u);
  EXPECT_EQ(b.reasons.count("_drafts/a-draft.md"), 0u);
}

// Each site under fixtures/jekyll-broken/ holds one defect that stops `jekyll build`
// (fixture_sites_test.cpp holds verity to it): with it the build fails, and the same site
// without that one file builds.
TEST(JekyllOracle, BrokenSitesStopTheBuildOnlyBecauseOfTheirDefect) {
  REQUIRE_TOOL_OR_SKIP("jekyll");
  const std::vector<std::pair<std::string, std::string>> broken{
      {"impossible-date", "_posts/2021-01-01-month-13.md"},
      {"data-yaml", "_data/menu.yml"},
      {"data-csv", "_data/nested/prices.csv"}};
  size_t sites = 0;
  for (const auto& [site, defect] : broken) {
    SCOPED_TRACE(site);
    TempDir tmp;
    fs::path src = tmp.path() / "src";
    fs::copy(source_dir() / "fixtures/jekyll-broken" / site, src, fs::copy_options::recursive);
    auto build = [&] {
      return util::run_process({"env", "TZ=UTC", "JEKYLL_ENV=development", "jekyll", "build", "-q",
                                "--disable-disk-cache", "-s", src.string(), "-d",
                                (tmp.path() / "_site").string()},
                               tmp.path());
    };
    auto with_defect = build();
    EXPECT_NE(with_defect.exit_code, 0) << with_defect.out << with_defect.err;
    ASSERT_TRUE(fs::remove(src / defect));
    auto without = build();
    EXPECT_EQ(without.exit_code, 0) << without.out << without.err;
    EXPECT_TRUE(fs::exists(tmp.path() / "_site/index.html"));
    ++sites;
  }
  EXPECT_EQ(sites, 3u);
}

// The Smartable family fixture without its one build-stopping defect (_data/navigation.yml,
// which fixture_sites_test.cpp holds verity to): every output file, as Jekyll writes it.
TEST(JekyllOracle, SmartableFamilyWithoutItsDataDefect) {
  REQUIRE_TOOL_OR_SKIP("jekyll");
  TempDir tmp;
  Built b =
      build_tree(source_dir() / "fixtures" / "smartable-family", tmp, "", {"_data/navigation.yml"});
  expect_same_files(b, 9, 3);
  // A collection's own permalink ending in `index.json`: Jekyll adds `.html` to the file...
  EXPECT_EQ(b.by_output["api/podcasts/episode-1/index.json.html"]["url"],
            "/api/podcasts/episode-1/index.json");
  EXPECT_EQ(b.by_output["api/podcasts/transcripts/index.json.txt"]["kind"], "static");
  // ... and a front-matter permalink (here from `defaults`) keeps the extension it names.
  EXPECT_EQ(b.by_output["api/events/2023-05-10-automation-summit/index.json"]["kind"], "document");
  EXPECT_EQ(b.reasons["_news/"], "special-name"); // the profile's folders: Jekyll never reads them
  EXPECT_EQ(b.reasons["_partners/"], "special-name");
}

// The shared corpus (a real site of the Smartable family), its plugins switched off (Debian
// packages none of them): every one of its output files, nothing more.
TEST(JekyllOracle, SharedCorpusWithoutPlugins) {
  fs::path corpus = source_dir().parent_path() / "shared/corpus/smartable-power-apps";
  if (!fs::exists(corpus / "_config.yml")) {
    GTEST_SKIP() << "shared corpus not found at " << corpus << ": skipping";
  }
  REQUIRE_TOOL_OR_SKIP("jekyll");
  TempDir tmp;
  Built b = build_tree(corpus, tmp, "\nplugins: []\ntheme: null\n");
  EXPECT_EQ(outputs(b), b.site_files);
  EXPECT_GT(b.site_files.size(), 200u);
}

} // namespace
} // namespace verity::test

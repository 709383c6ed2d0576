// URL computation of the site model (src/site): escaping, sanitising, every placeholder, every
// permalink style, pages and their index rule, output paths, and dates with offsets. Expected
// values are Jekyll 4.3.1's (measured on Debian 12, see fixtures/jekyll and the oracle test).
#include "site/fnmatch.hpp"
#include "site/item_url.hpp"
#include "site/site_time.hpp"
#include "site/slugify.hpp"
#include "site/url.hpp"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

using namespace verity::site;

namespace {

// 2020-12-31T13:04:05Z.
constexpr std::int64_t k_new_years_eve = 1609419845;

DocumentFacts post(const std::string& relative_path, std::int64_t epoch) {
  const SiteZone utc("UTC");
  DocumentFacts d;
  d.label = "posts";
  d.relative_path = relative_path;
  d.slug = "hello-world";
  d.date = utc.local(epoch);
  return d;
}

std::string url_with(const std::string& permalink, const DocumentFacts& base) {
  SiteConfig config;
  DocumentFacts d = base;
  d.permalink = permalink;
  return document_url(config, d).url;
}

} // namespace

TEST(SiteUrl, EscapePathKeepsPlainPathsAndEncodesTheRest) {
  EXPECT_EQ(escape_path(""), "");
  EXPECT_EQ(escape_path("abc/DEF-1.2"), "abc/DEF-1.2");
  EXPECT_EQ(escape_path("tech stuff"), "tech%20stuff");
  EXPECT_EQ(escape_path("café"), "caf%C3%A9");
  EXPECT_EQ(escape_path("a#b"), "a%23b");
  EXPECT_EQ(escape_path("a%b"), "a%25b");
  EXPECT_EQ(escape_path("Custom-Slug!"), "Custom-Slug!"); // sub-delims are kept
  EXPECT_EQ(escape_path("x_y~z@w:v"), "x_y~z@w:v");
  EXPECT_EQ(escape_path("a\"b<c>"), "a%22b%3Cc%3E");
}

TEST(SiteUrl, UnescapeDecodesEveryPercentTriplet) {
  EXPECT_EQ(unescape_path("/tech%20stuff/caf%C3%A9.html"), "/tech stuff/café.html");
  EXPECT_EQ(unescape_path("/100%"), "/100%");
  EXPECT_EQ(unescape_path("/a%zz"), "/a%zz");
}

TEST(SiteUrl, SanitizeAddsTheSlashDropsDotsAndSqueezes) {
  EXPECT_EQ(sanitize_url("a/b"), "/a/b");
  EXPECT_EQ(sanitize_url("//a///b//"), "/a/b/");
  EXPECT_EQ(sanitize_url("/a/../b"), "/a/b"); // ".." becomes "/", then squeezed
  EXPECT_EQ(sanitize_url("./a/./b"), "/a/b");
}

TEST(SiteUrl, EveryDocumentPlaceholder) {
  DocumentFacts d = post("_posts/2020-12-31-Hello World.md", k_new_years_eve);
  d.slug = "Custom Slug!";
  d.categories = {"Tech Stuff", "News", "news"};
  const std::vector<std::pair<std::string, std::string>> cases = {
      {":year", "/2020"},
      {":short_year", "/20"},
      {":month", "/12"},
      {":i_month", "/12"},
      {":day", "/31"},
      {":i_day", "/31"},
      {":hour", "/13"},
      {":minute", "/04"},
      {":second", "/05"},
      {":y_day", "/366"},
      {":short_month", "/Dec"},
      {":long_month", "/December"},
      {":w_year", "/2020"},
      {":week", "/53"},
      {":w_day", "/4"},
      {":short_day", "/Thu"},
      {":long_day", "/Thursday"},
      {":title", "/Custom-Slug!"},
      {":slug", "/custom-slug"},
      {":name", "/2020-12-31-hello-world"},
      {":path", "/2020-12-31-Hello%20World"},
      {":collection", "/posts"},
      {":output_ext", "/.html"},
      {":categories", "/tech%20stuff/news"},
      {":slugified_categories", "/tech-stuff/news"},
  };
  size_t compared = 0;
  for (const auto& [placeholder, expected] : cases) {
    EXPECT_EQ(url_with("/" + placeholder, d), expected) << placeholder;
    ++compared;
  }
  EXPECT_EQ(compared, 25u);
}

TEST(SiteUrl, SingleDigitDatesAndTheIsoWeekYear) {
  // 2021-01-03 (a Sunday) is in ISO week 53 of 2020.
  DocumentFacts d = post("_posts/2021-01-03-x.md", 1609675200);
  EXPECT_EQ(url_with("/:i_month/:i_day/:month/:day", d), "/1/3/01/03");
  EXPECT_EQ(url_with("/:w_year-:week-:w_day", d), "/2020-53-7");
}

TEST(SiteUrl, TrailingUnderscoreIsKeptAndUnknownPlaceholdersStopTheBuild) {
  DocumentFacts d = post("_posts/2020-12-31-x.md", k_new_years_eve);
  EXPECT_EQ(url_with("/:title_/", d), "/hello-world_/");
  SiteConfig config;
  d.permalink = "/:year/:nope/";
  ItemUrl u = document_url(config, d);
  EXPECT_TRUE(u.url.empty());
  EXPECT_NE(u.error.find(":nope"), std::string::npos) << u.error;
}

TEST(SiteUrl, PostStyles) {
  DocumentFacts d = post("_posts/2020-02-04-x.md", 1580774400); // 2020-02-04T00:00:00Z
  d.slug = "x";
  d.categories = {"Blog"};
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"date", "/blog/2020/02/04/x.html"},
      {"pretty", "/blog/2020/02/04/x/"},
      {"ordinal", "/blog/2020/035/x.html"},
      {"weekdate", "/blog/2020/W06/Tue/x.html"},
      {"none", "/blog/x.html"},
      {"/:year/:title/", "/2020/x/"},
  };
  size_t compared = 0;
  for (const auto& [style, expected] : cases) {
    SiteConfig config;
    config.permalink = style;
    EXPECT_EQ(document_url(config, d).url, expected) << style;
    ++compared;
  }
  EXPECT_EQ(compared, 6u);
}

TEST(SiteUrl, PagesTakeTheStyleSuffix) {
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"date", "/about.html", "about.html"},
      {"pretty", "/about/", "about/index.html"},
      {"ordinal", "/about.html", "about.html"},
      {"none", "/about.html", "about.html"},
      {"weekdate", "/about", "about.html"}, // not in add_permalink_suffix's case list
      {"/:year/:title/", "/about/", "about/index.html"},
      {"/:categories/:title", "/about", "about.html"}, // extensionless URL, .html file
      {"/:title:output_ext", "/about.html", "about.html"},
  };
  size_t compared = 0;
  for (const auto& [style, url, output] : cases) {
    SiteConfig config;
    config.permalink = style;
    ItemUrl u = page_url(config, "", "about.md", std::nullopt);
    EXPECT_EQ(u.url, url) << style;
    EXPECT_EQ(u.output, output) << style;
    ++compared;
  }
  EXPECT_EQ(compared, 8u);
}

TEST(SiteUrl, IndexPagesNonHtmlPagesAndPagePermalinks) {
  SiteConfig config;
  EXPECT_EQ(page_url(config, "", "index.md", std::nullopt).url, "/");
  EXPECT_EQ(page_url(config, "", "index.md", std::nullopt).output, "index.html");
  EXPECT_EQ(page_url(config, "docs", "index.md", std::nullopt).url, "/docs/");
  EXPECT_EQ(page_url(config, "docs/sub", "guide.md", std::nullopt).url, "/docs/sub/guide.html");
  EXPECT_EQ(page_url(config, "", "feed.xml", std::nullopt).url, "/feed.xml");
  EXPECT_EQ(page_url(config, "assets", "main.scss", std::nullopt).output, "assets/main.css");
  ItemUrl noext = page_url(config, "", "noext.md", std::string("/noext"));
  EXPECT_EQ(noext.url, "/noext");
  EXPECT_EQ(noext.output, "noext.html");
  // Pages fill only :path, :basename and :output_ext; others stay as written.
  EXPECT_EQ(page_url(config, "", "a.md", std::string("/lit/:title/")).url, "/lit/:title/");
  EXPECT_EQ(page_url(config, "", "a.md", std::string("/x/:basename:output_ext")).url, "/x/a.html");
  // A non-HTML page ending in '/' gets "index" plus its own extension.
  EXPECT_EQ(page_url(config, "", "feed.xml", std::string("/feed/")).output, "feed/index.xml");
  EXPECT_EQ(page_url(config, "tech stuff", "a.md", std::nullopt).url, "/tech%20stuff/a.html");
  EXPECT_EQ(page_url(config, "tech stuff", "a.md", std::nullopt).output, "tech stuff/a.html");
}

TEST(SiteUrl, CollectionsAndTheirStaticFiles) {
  SiteConfig config;
  config.collections["recipes"].output = true;
  DocumentFacts d;
  d.label = "recipes";
  d.relative_path = "_recipes/sub/2021-05-06-dated.md";
  d.slug = "dated";
  EXPECT_EQ(collection_template(config, "recipes"), "/:collection/:path:output_ext");
  EXPECT_EQ(document_url(config, d).url, "/recipes/sub/2021-05-06-dated.html");
  EXPECT_EQ(collection_static_url(config, "recipes", "_recipes/nofm.md").url, "/recipes/nofm.md");
  config.collections["recipes"].permalink = "/r/:path/";
  EXPECT_EQ(document_url(config, d).output, "r/sub/2021-05-06-dated/index.html");
  EXPECT_EQ(collection_static_url(config, "recipes", "_recipes/a.txt").url, "/r/a.txt");
  config.permalink = "pretty";
  config.collections["recipes"].permalink.reset();
  EXPECT_EQ(collection_template(config, "recipes"), "/:collection/:path/");
  EXPECT_EQ(static_url("assets/foo..png").url, "/assets/foo.png"); // trailing dots dropped
}

TEST(SiteUrl, OutputPaths) {
  EXPECT_EQ(output_path_of("/a/", ".html", false), "a/index.html");
  EXPECT_EQ(output_path_of("/a/", ".xml", false), "a/index.html"); // Document#destination
  EXPECT_EQ(output_path_of("/a/", ".xml", true), "a/index.xml");   // Page#destination
  EXPECT_EQ(output_path_of("/noext", ".html", false), "noext.html");
  EXPECT_EQ(output_path_of("/a.html", ".html", true), "a.html");
  EXPECT_EQ(output_path_of("/news/tech%20stuff/x.html", ".html", false), "news/tech stuff/x.html");
}

TEST(SiteDates, FormsAndOffsets) {
  SiteZone utc("UTC");
  // 2024-09-19 21:34:22 +0530 is 16:04:22 UTC.
  EXPECT_EQ(parse_jekyll_date("2024-09-19 21:34:22 +0530", DateSource::Text, utc), 1726761862);
  EXPECT_EQ(parse_jekyll_date("2024-09-19 21:34:22 +05:30", DateSource::PlainYaml, utc),
            1726761862);
  EXPECT_EQ(parse_jekyll_date("2024-09-19T16:04:22Z", DateSource::Text, utc), 1726761862);
  EXPECT_EQ(parse_jekyll_date("2024-09-19", DateSource::Text, utc), 1726704000);
  EXPECT_EQ(parse_jekyll_date("2024-9-9", DateSource::Text, utc), 1725840000);
  EXPECT_EQ(parse_jekyll_date("2020-02-30", DateSource::Text, utc), 1583020800); // -> March 1
  EXPECT_FALSE(parse_jekyll_date("2020-13-01", DateSource::Text, utc));
  EXPECT_FALSE(parse_jekyll_date("2020-01-32", DateSource::Text, utc));
  EXPECT_FALSE(parse_jekyll_date("2020-01-01 25:00:00", DateSource::Text, utc));
  EXPECT_FALSE(parse_jekyll_date("yesterday", DateSource::Text, utc));
  EXPECT_FALSE(parse_jekyll_date("2020-01-01 10:00:00 +0530x", DateSource::Text, utc));
}

TEST(SiteDates, ZonelessTimesFollowTheSiteZoneUnlessTheyAreYamlTimestamps) {
  SiteZone kolkata("Asia/Kolkata");
  // A quoted (Time.parse) zoneless time is Kolkata time: 23:00 +0530 = 17:30Z.
  EXPECT_EQ(parse_jekyll_date("2020-03-01 23:00:00", DateSource::Text, kolkata), 1583083800);
  // A plain YAML timestamp without zone is UTC (Psych), so 23:00Z.
  EXPECT_EQ(parse_jekyll_date("2020-03-01 23:00:00", DateSource::PlainYaml, kolkata), 1583103600);
  // ... which is 04:30 on March 2 in Kolkata: the URL's day moves.
  LocalTime t = kolkata.local(1583103600);
  EXPECT_EQ(t.day, 2);
  EXPECT_EQ(t.hour, 4);
  // A date alone is midnight in the site's zone.
  EXPECT_EQ(parse_jekyll_date("2020-03-02", DateSource::PlainYaml, kolkata), 1583087400);
}

TEST(SiteSlug, DefaultAndPrettyModes) {
  EXPECT_EQ(slugify("Custom Slug!", SlugMode::Pretty, true), "Custom-Slug!");
  EXPECT_EQ(slugify("Custom Slug!", SlugMode::Default), "custom-slug");
  EXPECT_EQ(slugify("Café Ünïcode", SlugMode::Default), "café-ünïcode");
  EXPECT_EQ(slugify("--a  b--", SlugMode::Default), "a-b");
  EXPECT_EQ(slugify("日本語 テスト", SlugMode::Default), "日本語-テスト");
  EXPECT_EQ(slugify("a.b_c~d", SlugMode::Pretty), "a.b_c~d"); // pretty keeps ._~!$&'()+,;=@
  EXPECT_EQ(slugify("a.b_c~d", SlugMode::Default), "a-b-c-d");
  EXPECT_EQ(downcase("ÀÉÎ ĀĹŸ ΣΑΣ ДОМ"), "àéî āĺÿ σασ дом");
}

TEST(SiteFnmatch, RubyFnmatchWithoutFlags) {
  EXPECT_TRUE(ruby_fnmatch("/site/*.txt", "/site/a/b.txt")); // '*' crosses '/'
  EXPECT_TRUE(ruby_fnmatch("/site/?b", "/site/ab"));
  EXPECT_TRUE(ruby_fnmatch("/site/[a-c]x", "/site/bx"));
  EXPECT_FALSE(ruby_fnmatch("/site/[!a-c]x", "/site/bx"));
  EXPECT_TRUE(ruby_fnmatch("/site/\\*", "/site/*"));
  EXPECT_FALSE(ruby_fnmatch("/site/\\*", "/site/a"));
  EXPECT_FALSE(ruby_fnmatch("/site/{a,b}", "/site/a")); // no braces without FNM_EXTGLOB
  EXPECT_FALSE(ruby_fnmatch("/site/docs", "/site/docs2"));
  // A pattern of many stars against a long path stays linear (no exponential backtracking).
  std::string path = "/site/" + std::string(20000, 'a');
  EXPECT_FALSE(ruby_fnmatch("/site/" + std::string(500, '*') + "b", path));
}

// Unit tests of links::SiteOutputs: which output file a link path reaches, as HTMLProofer 3.19
// finds it in _site (design note site-model.md §4.3, §7.2 cases 1-3), and what it suggests.
#include "links/site_outputs.hpp"

#include <gtest/gtest.h>

namespace verity {
namespace {

links::SiteOutputs sample_site() {
  links::SiteOutputs site;
  site.add("index.html", "index.md");
  site.add("about.html", "about.md");
  site.add("docs/index.html", "docs/index.md");
  site.add("docs/guide/index.html", "docs/guide.md");
  site.add("2020/01/02/hello.html", "_posts/2020-01-02-hello.md");
  site.add("assets/img/a.png", "assets/img/a.png");
  site.add("empty-dir/readme.txt", "empty-dir/readme.txt");
  return site;
}

std::string found(const links::SiteOutputs& site, std::string_view path) {
  auto out = site.find(path);
  return out ? std::string(*out) : std::string("<missing>");
}

TEST(SiteOutputs, PathsHtmlProoferFinds) {
  auto site = sample_site();
  EXPECT_EQ(found(site, "/about.html"), "about.html");
  EXPECT_EQ(found(site, "/docs/"), "docs/index.html");
  EXPECT_EQ(found(site, "/docs/index.html"), "docs/index.html");
  EXPECT_EQ(found(site, "/docs"), "docs/index.html"); // a directory, served by its index
  EXPECT_EQ(found(site, "/"), "index.html");
  EXPECT_EQ(found(site, ""), "index.html");
  EXPECT_EQ(found(site, "/docs/guide"), "docs/guide/index.html");
  EXPECT_EQ(found(site, "/2020/01/02/hello.html"), "2020/01/02/hello.html");
  EXPECT_EQ(found(site, "/assets/img/a.png"), "assets/img/a.png");
}

TEST(SiteOutputs, PathsHtmlProoferDoesNotFind) {
  auto site = sample_site();
  EXPECT_EQ(found(site, "/about"), "<missing>");         // no --assume-extension
  EXPECT_EQ(found(site, "/docs/guide.md"), "<missing>"); // a source path
  EXPECT_EQ(found(site, "/empty-dir/"), "<missing>");    // a folder without index.html
  EXPECT_EQ(found(site, "/empty-dir"), "<missing>");
  EXPECT_EQ(found(site, "/2020/01/02/"), "<missing>");
  EXPECT_EQ(found(site, "/About.html"), "<missing>"); // case-sensitive, as the file system
  // HTMLProofer passes it (File.expand_path drops the slash); a web server answers 404.
  EXPECT_EQ(found(site, "/about.html/"), "<missing>");
}

TEST(SiteOutputs, SuggestsTheUrlOfASourcePathAndTheNearestFileOfTheSameName) {
  auto site = sample_site();
  EXPECT_EQ(site.suggestion("/docs/guide.md"), "/docs/guide/");
  EXPECT_EQ(site.suggestion("/_posts/2020-01-02-hello.md"), "/2020/01/02/hello.html");
  EXPECT_EQ(site.suggestion("/about"), "/about.html");
  EXPECT_EQ(site.suggestion("/img/a.png"), "/assets/img/a.png");
  EXPECT_EQ(site.suggestion("/nothing-like-it.html"), "");
  ASSERT_TRUE(site.output_of("docs/guide.md").has_value());
  EXPECT_EQ(*site.output_of("docs/guide.md"), "docs/guide/index.html");
  EXPECT_FALSE(site.output_of("docs/missing.md").has_value());
}

TEST(SiteOutputs, APageThatMovedIsSuggestedWhenItIsTheOnlyOneOfItsName) {
  auto site = sample_site();
  bool certain = false;
  EXPECT_EQ(site.suggestion("/2019/05/05/hello/", &certain), "/2020/01/02/hello.html");
  EXPECT_TRUE(certain);
  EXPECT_EQ(site.suggestion("/old/guide", &certain), "/docs/guide/");
  EXPECT_TRUE(certain);
  EXPECT_EQ(site.suggestion("/docs/guide.md", &certain), "/docs/guide/"); // the source path
  EXPECT_TRUE(certain);
  // Two pages of one name: no answer is certain, so none is given for a moved page.
  site.add("a/x.html", "a/x.md");
  site.add("b/x/index.html", "b/x.md");
  EXPECT_EQ(site.suggestion("/c/x/", &certain), "");
  EXPECT_FALSE(certain);
  // The nearest file of a shared name is a suggestion, not a certainty.
  site.add("other/img/a.png", "other/img/a.png");
  EXPECT_EQ(site.suggestion("/img/a.png", &certain), "/assets/img/a.png");
  EXPECT_FALSE(certain);
}

TEST(SiteOutputs, UrlOfAnOutput) {
  EXPECT_EQ(links::url_of_output("docs/index.html"), "/docs/");
  EXPECT_EQ(links::url_of_output("index.html"), "/");
  EXPECT_EQ(links::url_of_output("about.html"), "/about.html");
  EXPECT_EQ(links::url_of_output("a/myindex.html"), "/a/myindex.html");
}

} // namespace
} // namespace verity

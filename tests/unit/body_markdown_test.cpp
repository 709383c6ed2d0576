// Unit tests of body::scan_markdown: references at the author's file:line:col, as kramdown-GFM
// (Jekyll's Markdown) reads the body, and the anchors the built page will have. Whole-site
// agreement with Jekyll + HTMLProofer is tests/oracle/bodies_test.py on fixtures/bodies.
#include "body/body_scan.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

namespace verity {
namespace {

using refs::ReferenceKind;

std::string front(std::string body) {
  return "---\ntitle: T\n---\n" + body; // the body starts on line 4
}
constexpr std::size_t k_body = 17; // bytes of the front matter above

std::vector<std::string> ids(const body::BodyScan& scan) {
  std::vector<std::string> out;
  for (const auto& a : scan.anchors)
    out.push_back(a.id);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> raws(const body::BodyScan& scan) {
  std::vector<std::string> out;
  for (const auto& r : scan.references)
    out.push_back(r.raw);
  return out;
}

TEST(BodyMarkdown, InlineLinksAndImagesAtTheirDestination) {
  std::string file = front("See [a](/about.html) and ![pic](img/p.png \"t\").\n");
  auto scan = body::scan_markdown(file, k_body);
  ASSERT_EQ(scan.references.size(), 2u);
  EXPECT_EQ(scan.references[0].kind, ReferenceKind::Link);
  EXPECT_EQ(scan.references[0].raw, "/about.html");
  EXPECT_EQ(scan.references[0].origin.position.line, 4);
  EXPECT_EQ(scan.references[0].origin.position.column, 9);
  EXPECT_EQ(file.substr(scan.references[0].origin.offset, 11), "/about.html");
  EXPECT_EQ(scan.references[1].kind, ReferenceKind::Image);
  EXPECT_EQ(scan.references[1].raw, "img/p.png");
  ASSERT_TRUE(scan.references[1].alt.has_value());
  EXPECT_EQ(*scan.references[1].alt, "pic");
  EXPECT_EQ(scan.references[1].origin.position.column, 33);
}

TEST(BodyMarkdown, AnEmptyAltIsEmptyNotAbsent) {
  auto scan = body::scan_markdown(front("![](x.png)\n"), k_body);
  ASSERT_EQ(scan.references.size(), 1u);
  ASSERT_TRUE(scan.references[0].alt.has_value());
  EXPECT_EQ(*scan.references[0].alt, "");
}

TEST(BodyMarkdown, AReferenceLinkIsReportedOnceAtItsDefinition) {
  std::string file =
      front("[one][R], [two][r] and [three][].\n\n[R]: /gone.html\n[three]: /x.html\n");
  auto scan = body::scan_markdown(file, k_body);
  ASSERT_EQ(scan.references.size(), 2u);
  EXPECT_EQ(scan.references[0].raw, "/gone.html");
  EXPECT_EQ(scan.references[0].origin.position.line, 6);
  EXPECT_EQ(scan.references[0].origin.position.column, 6);
  EXPECT_EQ(scan.references[1].raw, "/x.html");
  EXPECT_EQ(scan.references[1].origin.position.line, 7);
}

TEST(BodyMarkdown, CodeHasNoLinks) {
  auto scan = body::scan_markdown(
      front("`[a](/x.html)`\n\n```\n[b](/y.html)\n```\n\n    [c](/z.html)\n\n[d](/d.html)\n"),
      k_body);
  ASSERT_EQ(scan.references.size(), 1u); // positive control: the last one
  EXPECT_EQ(scan.references[0].raw, "/d.html");
}

TEST(BodyMarkdown, LiquidIsKeptInRawAndItsBlocksHaveNoLinks) {
  std::string file =
      front("[b]({{ site.baseurl }}/about.html) [r]({% raw %}{{ x }}{% endraw %})\n\n"
            "{% comment %}[c](/c.html){% endcomment %}\n\n"
            "{% highlight md %}\n[h](/h.html)\n{% endhighlight %}\n");
  auto scan = body::scan_markdown(file, k_body);
  ASSERT_EQ(scan.references.size(), 2u);
  EXPECT_EQ(scan.references[0].raw, "{{ site.baseurl }}/about.html");
  EXPECT_EQ(scan.references[0].origin.position.column, 5);
  EXPECT_EQ(scan.references[1].raw, "{% raw %}{{ x }}{% endraw %}");
}

TEST(BodyMarkdown, KramdownTakesDestinationsWithSpacesAndKeepsBackslashes) {
  auto scan = body::scan_markdown(front("[s](my file.html) [e](a\\_b.html)\n"), k_body);
  ASSERT_EQ(scan.references.size(), 2u);
  EXPECT_EQ(scan.references[0].raw, "my file.html");
  EXPECT_EQ(scan.references[1].raw, "a\\_b.html");
  EXPECT_EQ(scan.references[1].origin.position.column, 23);
}

// kramdown reads a NUL byte as any other character; md4c gives it a text callback of its own and
// copies a destination holding one. The destination is still the author's, at its position.
TEST(BodyMarkdown, NulBytesLeaveLinksAsWritten) {
  using namespace std::string_literals;
  std::string file = front("[a\0b](my file.html) [\0](a\\_b.html) ![\0](p.png)\n\n## Ab\0c\n"s);
  auto scan = body::scan_markdown(file, k_body);
  ASSERT_EQ(scan.references.size(), 3u);
  EXPECT_EQ(scan.references[0].raw, "my file.html");
  EXPECT_EQ(file.substr(scan.references[0].origin.offset, 12), "my file.html");
  EXPECT_EQ(scan.references[0].origin.position.column, 7);
  EXPECT_EQ(scan.references[1].raw, "a\\_b.html"); // was md4c's copy, "a_b.html"
  EXPECT_EQ(scan.references[1].origin.position.column, 25);
  ASSERT_TRUE(scan.references[2].alt.has_value());
  EXPECT_EQ(*scan.references[2].alt, ""); // no character the page shows
  EXPECT_EQ(ids(scan), (std::vector<std::string>{"abc"}));
}

TEST(BodyMarkdown, DoubledParenthesesAreMalformedNotFollowed) {
  auto scan = body::scan_markdown(front("[t]((https://x.example/))\n"), k_body);
  EXPECT_EQ(scan.references.size(), 0u);
  ASSERT_EQ(scan.malformed.size(), 1u);
  EXPECT_EQ(scan.malformed[0].written, "(https://x.example/)");
  EXPECT_EQ(scan.malformed[0].suggestion, "https://x.example/");
  EXPECT_EQ(scan.malformed[0].position.line, 4);
  EXPECT_EQ(scan.malformed[0].position.column, 5); // the written destination, "(https..."
}

TEST(BodyMarkdown, BlockHtmlRunsToItsCloseTagAcrossBlankLines) {
  std::string file =
      front("<div>\n\n[not a link](/raw-md.html)\n\n<a href=\"/in.html\">x</a>\n</div>\n\n"
            "<div markdown=\"1\">\n[md](/md.html)\n</div>\n");
  auto scan = body::scan_markdown(file, k_body);
  EXPECT_EQ(raws(scan), (std::vector<std::string>{"/in.html", "/md.html"}));
  // <a href> found by the HTML scanner at its own file position.
  EXPECT_EQ(scan.references[0].origin.position.line, 8);
  EXPECT_EQ(scan.references[0].origin.position.column, 10);
}

// md4c hands a raw HTML tag that spans lines over piece by piece; the tag is read whole, so
// neither the link nor its line break is lost.
TEST(BodyMarkdown, RawHtmlTagsAcrossLinesAreReadWhole) {
  std::string file =
      front("See <a\nhref=\"/in.html\">x</a> and <img\n  src=\"/a.png\" alt=\"a\">.\n\n"
            "- <div class=\"c\"><a\n  href=\"/li.html\">y</a>\n  </div>\n\n"
            "<p><img src=\"/b\nc.png\"></p>\n");
  auto scan = body::scan_markdown(file, k_body);
  EXPECT_EQ(raws(scan), (std::vector<std::string>{"/in.html", "/a.png", "/li.html", "/b\nc.png"}));
  ASSERT_EQ(scan.references.size(), 4u);
  EXPECT_EQ(scan.references[0].origin.position.line, 5);
  EXPECT_EQ(scan.references[0].origin.position.column, 7);
  EXPECT_EQ(scan.references[1].origin.position.line, 6);
  EXPECT_EQ(scan.references[1].origin.position.column, 8);
  EXPECT_EQ(scan.references[2].origin.position.line, 9);
  EXPECT_EQ(scan.references[2].origin.position.column, 9);
  EXPECT_EQ(scan.references[3].origin.position.line, 12);
}

TEST(BodyMarkdown, LinksInListsQuotesAndFootnotesCount) {
  std::string file =
      front("- [l](/l.html)\n\n> [q](/q.html)\n\nText.[^n]\n\n[^n]: See [f](/f.html).\n");
  auto scan = body::scan_markdown(file, k_body);
  ASSERT_EQ(scan.references.size(), 3u);
  EXPECT_EQ(scan.references[0].origin.position.column, 7);
  EXPECT_EQ(scan.references[1].origin.position.line, 6);
  EXPECT_EQ(scan.references[1].origin.position.column, 7);
  EXPECT_EQ(scan.references[2].raw, "/f.html");
  EXPECT_EQ(ids(scan), (std::vector<std::string>{"fn:n", "fnref:n"}));
}

TEST(BodyMarkdown, HeadingIdsAsKramdownMakesThem) {
  std::string file =
      front("## About Us\n\n## About Us\n\n## About-Us 1\n\n## Don't stop -- now...\n\n"
            "## `code()` *em* [link](x.html)\n\n## Explicit {#mine}\n\n!!!\n\n## !!!\n\n"
            "<div markdown=\"1\">\n## 1 Deja Vu_x\n</div>\n");
  auto scan = body::scan_markdown(file, k_body);
  EXPECT_EQ(ids(scan),
            (std::vector<std::string>{"about-us", "about-us-1", "about-us-1", "code-em-link",
                                      "deja-vux", "dont-stop--now", "mine"}));
  // The header id sits at the header's text.
  auto first = std::find_if(scan.anchors.begin(), scan.anchors.end(),
                            [](const body::Anchor& a) { return a.id == "about-us"; });
  ASSERT_NE(first, scan.anchors.end());
  EXPECT_EQ(first->position.line, 4);
  EXPECT_EQ(first->position.column, 4);
}

TEST(BodyMarkdown, AutoIdsOffAndAPrefix) {
  std::string file = front("## Title\n");
  EXPECT_TRUE(body::scan_markdown(file, k_body, {false, ""}).anchors.empty());
  EXPECT_EQ(ids(body::scan_markdown(file, k_body, {true, "p-"})),
            (std::vector<std::string>{"p-title"}));
}

TEST(BodyMarkdown, HostileBodiesEndBounded) {
  std::string deep(200000, '[');
  deep += "x](y)";
  auto scan = body::scan_markdown(front(deep), k_body);
  EXPECT_LE(scan.references.size(), 1u);
  std::string many;
  for (int i = 0; i < 120000; ++i)
    many += "[a](/" + std::to_string(i) + ")\n\n";
  auto lots = body::scan_markdown(front(many), k_body);
  EXPECT_EQ(lots.references.size(), 100000u); // capped
}

// Unclosed constructs repeated were quadratic (each scanned to the end of the line or body):
// 50,000 unclosed <div> lines took 16 s, 100,000 `[a](` on a line 26 s. Each must end, and a
// real link after them still be found. The ceiling is generous: a loaded machine is no failure.
TEST(BodyMarkdown, RepeatedUnclosedConstructsStayLinear) {
  const auto started = std::chrono::steady_clock::now();
  std::string divs;
  for (int i = 0; i < 50000; ++i)
    divs += "<div>\n";
  std::string brackets;
  for (int i = 0; i < 100000; ++i)
    brackets += "[a](";
  std::string notes;
  for (int i = 0; i < 1000000; ++i)
    notes += "[^a";
  for (const std::string& hostile : {divs, brackets, notes}) {
    auto scan = body::scan_markdown(front(hostile + "\n\n[ok](/after.html)\n"), k_body);
    ASSERT_FALSE(scan.references.empty());
    EXPECT_EQ(scan.references.back().raw, "/after.html");
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(60));
  // A nested block still closes where kramdown closes it.
  auto nested = body::scan_markdown(
      front("<div>\n<div>\n[in](/in.html)\n</div>\n</div>\n\n[out](/out.html)\n"), k_body);
  EXPECT_EQ(raws(nested), (std::vector<std::string>{"/out.html"}));
}

} // namespace
} // namespace verity

namespace verity {
namespace {

// Liquid renders the whole file before kramdown, code blocks included: markup never closed stops
// jekyll build (Jekyll 4.3.1: "'raw' tag was never closed", "Variable '{{' was not properly
// terminated", "Tag '{%' was not properly terminated"), at the tag's own position.
TEST(BodyMarkdown, UnclosedLiquidIsABuildErrorWhereItOpens) {
  for (const std::string& markup :
       {std::string("{% raw %}"), std::string("{% comment %} x"),
        std::string("{% highlight ruby %}x"), std::string("a {{ b"), std::string("a {% if")}) {
    const std::string file = "---\ntitle: T\n---\n[a](/a.html)\n\n```\n" + markup + "\n```\n";
    auto scan = body::scan_markdown(file, 17);
    ASSERT_EQ(scan.liquid_errors.size(), 1u) << markup;
    EXPECT_EQ(scan.liquid_errors[0].position.line, 7) << markup;
    EXPECT_EQ(file.compare(scan.liquid_errors[0].offset, 2, markup.substr(markup.find('{'), 2)), 0)
        << markup;
  }
  auto fine = body::scan_markdown("---\ntitle: T\n---\n{% raw %}{{ x }}{% endraw %} {{ y }}\n", 17);
  EXPECT_TRUE(fine.liquid_errors.empty());
}

} // namespace
} // namespace verity

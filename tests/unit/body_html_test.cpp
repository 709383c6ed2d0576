#include "body/body_scan.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace verity;
using verity::body::scan_html;

TEST(BodyHtml, LinkImageScriptStylesheet) {
  const std::string page = "<p><a href=\"a.html\">x</a>\n"
                           "<IMG SRC=b.png ALT=\"\" width=\"10\" height=\"x\" class=\"c\">\n"
                           "<script src='s.js'></script><link rel=stylesheet href=\"c.css\">\n";
  const auto scan = scan_html(page, 0);
  ASSERT_EQ(scan.references.size(), 4u);
  EXPECT_EQ(scan.references[0].raw, "a.html");
  EXPECT_EQ(scan.references[0].kind, refs::ReferenceKind::Link);
  EXPECT_EQ(scan.references[0].origin.offset, 12u);
  EXPECT_EQ(scan.references[0].origin.position.line, 1);
  EXPECT_EQ(scan.references[0].origin.position.column, 13);
  EXPECT_EQ(scan.references[0].element.offset, 3u);
  const auto& img = scan.references[1];
  EXPECT_EQ(img.kind, refs::ReferenceKind::Image);
  EXPECT_EQ(img.raw, "b.png");
  EXPECT_EQ(img.origin.position.line, 2);
  EXPECT_EQ(img.origin.position.column, 10);
  ASSERT_TRUE(img.alt.has_value());
  EXPECT_EQ(*img.alt, "");
  EXPECT_EQ(img.declared.width, 10);
  EXPECT_FALSE(img.declared.height.has_value());
  EXPECT_EQ(img.attributes.count("class"), 0u); // read by no check, so not copied
  EXPECT_EQ(img.attributes.at("width"), "10");
  EXPECT_EQ(scan.references[2].kind, refs::ReferenceKind::Script);
  EXPECT_EQ(scan.references[2].raw, "s.js");
  EXPECT_EQ(scan.references[3].kind, refs::ReferenceKind::Stylesheet);
  EXPECT_EQ(scan.references[3].raw, "c.css");
}

TEST(BodyHtml, AltAbsentIsNullopt) {
  const auto scan = scan_html("<img src=\"a.png\">", 0);
  ASSERT_EQ(scan.references.size(), 1u);
  EXPECT_FALSE(scan.references[0].alt.has_value());
}

TEST(BodyHtml, SrcsetCandidates) {
  const std::string page = "<img srcset=\"a.png 1x, b.png 2x\">";
  const auto scan = scan_html(page, 0);
  ASSERT_EQ(scan.references.size(), 2u);
  EXPECT_EQ(scan.references[0].raw, "a.png");
  EXPECT_EQ(scan.references[0].origin.offset, 13u);
  EXPECT_EQ(scan.references[1].raw, "b.png");
  EXPECT_EQ(scan.references[1].origin.offset, 23u); // 13 + "a.png 1x, " (counted by hand)
  EXPECT_EQ(scan.references[1].attributes.at("from"), "srcset");
}

TEST(BodyHtml, EntitiesDecodedInRaw) {
  const auto scan = scan_html("<a href=\"a&amp;b.html\">x</a>", 0);
  ASSERT_EQ(scan.references.size(), 1u);
  EXPECT_EQ(scan.references[0].raw, "a&b.html");
  EXPECT_EQ(scan.references[0].origin.offset, 9u);
}

TEST(BodyHtml, AnchorsBaseAndIgnore) {
  const std::string page = "<base href=\"/root/\"><h2 id=\"top\">t</h2><a name=\"n\"></a>"
                           "<div data-proofer-ignore><a href=\"skip.html\" id=\"hidden\"></a></div>"
                           "<a href=\"keep.html\"></a>";
  const auto scan = scan_html(page, 0);
  EXPECT_EQ(scan.base_href, "/root/");
  ASSERT_EQ(scan.anchors.size(), 2u);
  EXPECT_EQ(scan.anchors[0].id, "top");
  EXPECT_EQ(scan.anchors[0].offset, 28u);
  EXPECT_EQ(scan.anchors[1].id, "n");
  ASSERT_EQ(scan.references.size(), 1u);
  EXPECT_EQ(scan.references[0].raw, "keep.html");
}

TEST(BodyHtml, BodyOffsetShiftsPositions) {
  const std::string file = "---\nt: 1\n---\n<a href=\"x\">y</a>\n";
  const auto scan = scan_html(file, 13);
  ASSERT_EQ(scan.references.size(), 1u);
  EXPECT_EQ(scan.references[0].origin.offset, 22u);
  EXPECT_EQ(scan.references[0].origin.position.line, 4);
  EXPECT_EQ(scan.references[0].origin.position.column, 10);
}

TEST(BodyHtml, FragmentFromTwoListLines) {
  // "- <a\n  href=\"x.html\">" : the list marker and indent are not HTML.
  const std::string file = "- <a\n  href=\"x.html\">t</a>\n";
  body::SplicedText html;
  html.append("<a", 2);
  html.append_synthetic("\n");
  html.append("href=\"x.html\">t</a>", 7);
  const body::LineIndex lines(file);
  body::BodyScan out;
  body::scan_html_fragment(html, lines, out);
  ASSERT_EQ(out.references.size(), 1u);
  EXPECT_EQ(out.references[0].raw, "x.html");
  EXPECT_EQ(out.references[0].origin.offset, 13u);
  EXPECT_EQ(out.references[0].origin.position.line, 2);
  EXPECT_EQ(out.references[0].origin.position.column, 9);
  EXPECT_EQ(out.references[0].element.offset, 2u);
}

TEST(BodyHtml, NoReferencesInPlainText) {
  const auto scan = scan_html("<p>href=\"a.html\" src=x</p>", 0);
  EXPECT_EQ(scan.references.size(), 0u);
  EXPECT_FALSE(scan.truncated);
}

TEST(BodyHtml, DeepNestingBounded) {
  std::string page;
  for (int i = 0; i < 200000; ++i)
    page += "<div>";
  const auto scan = scan_html(page, 0);
  EXPECT_TRUE(scan.truncated);
  EXPECT_EQ(scan.references.size(), 0u);
}

namespace verity {
namespace {

// gumbo is quadratic in nesting depth (20,000 nested <div>: 9.6 s, 3.2 GB): past 512 levels the
// body is not parsed, and says so; elements HTML closes by itself never count as nesting.
TEST(BodyHtml, NestingPastTheCapIsNotParsedAndSaysSo) {
  std::string deep;
  for (int i = 0; i < 600; ++i)
    deep += "<div>";
  deep += "<a href=\"/x.html\">x</a>";
  auto over = body::scan_html(deep, 0);
  EXPECT_TRUE(over.truncated);
  EXPECT_EQ(over.references.size(), 0u);
  std::string shallow;
  for (int i = 0; i < 400; ++i)
    shallow += "<div>";
  shallow += "<a href=\"/x.html\">x</a>";
  auto under = body::scan_html(shallow, 0);
  EXPECT_FALSE(under.truncated); // boundary control
  EXPECT_EQ(under.references.size(), 1u);
  std::string list = "<ul>";
  for (int i = 0; i < 2000; ++i)
    list += "<li><p>item <img src=\"a.png\" alt=\"\"><br>";
  list += "<a href=\"/y.html\">y</a></ul>";
  auto flat = body::scan_html(list, 0);
  EXPECT_FALSE(flat.truncated);
  EXPECT_EQ(flat.references.size(), 2001u);
}

} // namespace
} // namespace verity

// Jekyll renders Liquid before the HTML is served: a link inside {% comment %} or highlighted code
// is none, and the lines after the block keep their numbers.
TEST(BodyHtml, LinksInLiquidCommentsAndHighlightAreNone) {
  const std::string page = "<p>{% comment %}\n<a href=\"/old.html\">o</a>\n{% endcomment %}\n"
                           "{% highlight html %}<a href=\"/code.html\">c</a>{% endhighlight %}\n"
                           "<a href=\"/kept.html\">k</a> {% comment %}<img src=\"/x.png\">";
  const auto scan = scan_html(page, 0);
  ASSERT_EQ(scan.references.size(), 1u);
  EXPECT_EQ(scan.references[0].raw, "/kept.html");
  EXPECT_EQ(scan.references[0].origin.position.line, 5);
  EXPECT_EQ(scan.references[0].origin.position.column, 10);
}

// Hostile tags stay bounded: a tag with more attributes than any real one is not parsed (gumbo is
// quadratic in them) and says so; a long srcset costs one reference per candidate, not a copy of
// the tag's attributes each.
TEST(BodyHtml, WideTagsAndLongSrcsetsAreBounded) {
  std::string wide = "<img";
  for (int i = 0; i < 1001; ++i)
    wide += " a" + std::to_string(i);
  wide += " src=\"x.png\">";
  EXPECT_TRUE(scan_html(wide, 0).truncated);
  std::string fits = "<img";
  for (int i = 0; i < 990; ++i)
    fits += " a" + std::to_string(i);
  fits += " alt=\"a b c d e f g h\" srcset=\"";
  for (int i = 0; i < 2000; ++i)
    fits += "c" + std::to_string(i) + ".png, ";
  fits += "\">";
  const auto scan = scan_html(fits, 0);
  EXPECT_FALSE(scan.truncated);
  ASSERT_EQ(scan.references.size(), 2000u);
  EXPECT_EQ(scan.references[1999].raw, "c1999.png");
  EXPECT_LE(scan.references[0].attributes.size(), 1u); // "from" only
}

// kramdown's span IALs (`![a](x.png){: width="4"}`, `[l](p.html){: #id}`) compared with the real
// kramdown 2.4 + kramdown-parser-gfm on Ruby (Debian's jekyll package, installed by
// ci/install-deps): each image's src, alt, width and height, and every id of the page, as
// kramdown's element tree and HTML have them, against body::scan_markdown.
#include "body/attribute_list.hpp"
#include "body/body_scan.hpp"
#include "support.hpp"
#include "util/subprocess.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

namespace verity::body {
namespace {

// Each case on a paragraph of its own; what kramdown does with it is the oracle's answer.
const char* const k_cases[] = {
    R"(![a](x.png){: width="10" height="5"})",
    R"([l](p.html){:#myid .c target="_blank"} text {: #lost})",
    R"(![b](y.png "T"){:width=3})",
    R"(![c](z.png) {: width="9"})",
    R"(![d][r]{: height="4"})",
    R"(![e](a.png){: alt="over" width="7"})",
    R"(![f](b.png){: width="7"}{: height="2"})",
    R"(![g](c.png){: width='8' data-x="}" })",
    R"(![h](d.png){: #img-id width="3" id="later"})",
    R"(![h2](d2.png){: #first}{: #second .c})",
    R"(![i](<e f.png>){: width="11"})",
    R"(![j](g.png 'title (x)'){: height="12"})",
    R"([![k](h.png){: width="13"}](page.html){: #wrap})",
    R"(![l]({{ site.baseurl }}/i.png){: width="14"})",
    R"(![m][]{: width="15"})",
    R"(![n]{: width="16"})",
    R"(![o](j.png){: width="50%" height="x"})",
    R"(![p](k.png){: .a.b#multi title="a b" width="20"})",
    R"(![q](l.png){:: width="21"} ![q2](l2.png){::comment})",
    R"(![s](n.png){: width="22"}text after)",
    R"(- ![t](o.png){: width="23"})",
    R"(> ![u](q.png){: height="24"})",
    R"(`c`{: #cid} *em*{: #emid} <span>s</span>{: #spanid} <http://x.org>{: #auto} (see){: #plain})",
    R"(![v](v.png){: width="25" #1bad k=v .x})",
    R"(![w](w.png){: width="26" height="27"  ref-name})",
    R"(![x](x2.png){: alt='it\'s' width="2\"8"})",
    R"(![y](y2.png){:width="29"} and [two][r]{: #second-use} [two again][r]{: #third-use})",
    "## Head *em*{: .x} `c`{: #hid} z",
    "## Plain (x){: #hx} y",
    "## Link [l](p.html){: #lid} end",
    "[r]: r.png\n[m]: m.png\n[n]: n.png",
};

std::string document() {
  std::string doc;
  for (const char* c : k_cases)
    doc += std::string(c) + "\n\n";
  return doc;
}

using Image = std::tuple<std::string, std::string, std::string, std::string>;

std::string text_or_empty(const nlohmann::json& v) {
  return v.is_null() ? "" : v.get<std::string>();
}

TEST(SpanIalOracle, ImagesAndIdsAreKramdowns) {
  REQUIRE_TOOL_OR_SKIP("ruby"); // Debian's jekyll package
  const std::string doc = document();
  test::TempDir dir;
  test::write_file(dir.path() / "doc.md", doc);
  const std::string script =
      "require 'kramdown'; require 'kramdown-parser-gfm'; require 'json'\n"
      "doc = Kramdown::Document.new(File.read(ARGV[0], encoding: 'UTF-8'), input: 'GFM')\n"
      "out = {'images' => [], 'ids' => []}\n"
      "walk = lambda do |el|\n"
      "  if el.type == :img\n"
      "    out['images'] << [el.attr['src'], el.attr['alt'], el.attr['width'], el.attr['height']]\n"
      "  end\n"
      "  out['ids'] << el.attr['id'] if el.attr['id'] && el.type != :header\n"
      "  el.children.each { |c| walk.call(c) }\n"
      "end\n"
      "walk.call(doc.root)\n"
      "out['ids'] += doc.to_html.scan(/<h\\d id=\"([^\"]*)\"/).flatten\n"
      "puts JSON.generate(out)\n";
  auto r = util::run_process({"ruby", "-e", script, (dir.path() / "doc.md").string()}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto theirs = nlohmann::json::parse(r.out);

  std::vector<Image> kramdown_images;
  for (const auto& img : theirs["images"])
    kramdown_images.emplace_back(text_or_empty(img[0]), text_or_empty(img[1]),
                                 text_or_empty(img[2]), text_or_empty(img[3]));
  std::vector<std::string> kramdown_ids = theirs["ids"].get<std::vector<std::string>>();

  const BodyScan scan = scan_markdown(doc, 0);
  std::vector<Image> our_images;
  for (const auto& ref : scan.references) {
    if (ref.kind != refs::ReferenceKind::Image)
      continue;
    auto attr = [&](const char* key) {
      auto it = ref.attributes.find(key);
      return it == ref.attributes.end() ? std::string() : it->second;
    };
    our_images.emplace_back(ref.raw, ref.alt.value_or(""), attr("width"), attr("height"));
  }
  std::vector<std::string> our_ids;
  for (const auto& a : scan.anchors)
    our_ids.push_back(a.id);

  std::sort(kramdown_images.begin(), kramdown_images.end());
  std::sort(our_images.begin(), our_images.end());
  std::sort(kramdown_ids.begin(), kramdown_ids.end());
  std::sort(our_ids.begin(), our_ids.end());
  ASSERT_GE(kramdown_images.size(), 25u); // the cases above, each image seen by kramdown
  EXPECT_EQ(our_images, kramdown_images);
  ASSERT_GE(kramdown_ids.size(), 10u);
  EXPECT_EQ(our_ids, kramdown_ids);
}

// Declared sizes come with where they are written, for the finding's line:col.
TEST(SpanIal, WidthAndHeightAreDeclaredAtTheirValues) {
  const std::string doc = "x\n\n![a](p.png){: height=\"4\" width=\"40\"}\n";
  const BodyScan scan = scan_markdown(doc, 0);
  ASSERT_EQ(scan.references.size(), 1u);
  const auto& d = scan.references[0].declared;
  ASSERT_TRUE(d.width && d.height);
  EXPECT_EQ(*d.width, 40);
  EXPECT_EQ(*d.height, 4);
  EXPECT_EQ(d.height_origin.position.line, 3);
  EXPECT_EQ(d.height_origin.position.column, 23);
  EXPECT_EQ(d.width_origin.position.column, 33);
}

TEST(SpanIal, NonIntegerSizesAreNotDeclared) {
  const BodyScan scan = scan_markdown("![a](p.png){: width=\"50%\" height=\"3px\"}\n", 0);
  ASSERT_EQ(scan.references.size(), 1u);
  EXPECT_FALSE(scan.references[0].declared.width.has_value());
  EXPECT_FALSE(scan.references[0].declared.height.has_value());
  EXPECT_EQ(scan.references[0].attributes.at("width"), "50%");
}

TEST(AttributeList, ReadsAsKramdownsScanDoes) {
  auto list = attribute_list(R"( #a.b.c key="v w" k2='x\'y' bare #1no k=v .d#e id="f")");
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& a : list)
    got.emplace_back(a.key, a.value);
  EXPECT_EQ(got, (std::vector<std::pair<std::string, std::string>>{{"id", "a"},
                                                                   {"class", "b"},
                                                                   {"class", "c"},
                                                                   {"key", "v w"},
                                                                   {"k2", "x'y"},
                                                                   {"class", "d"},
                                                                   {"id", "e"},
                                                                   {"id", "f"}}));
  EXPECT_EQ(list[3].offset, 13u); // `v w` in the list
  EXPECT_TRUE(attribute_list("").empty());
  EXPECT_TRUE(attribute_list("k=\"unclosed").empty());
}

} // namespace
} // namespace verity::body

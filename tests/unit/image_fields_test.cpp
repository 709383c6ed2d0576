// Unit tests of image fields: `image: /x.png`, `image: {path, width, height}` and configured
// fields become image references (top-level only), and the local-images check resolves them
// against the document's URL and the site's baseurl, with exact findings.
#include "checks/registry.hpp"
#include "content/local_date.hpp"
#include "frontmatter/loader.hpp"
#include "refs/front_matter.hpp"
#include "support.hpp"

#include <algorithm>

namespace verity {
namespace {
using refs::ReferenceKind;
using test::TempDir;
using test::write_file;
namespace fs = std::filesystem;

Document parse(const std::string& front_matter, const std::string& path = "_posts/a.md") {
  Findings load;
  Document doc =
      frontmatter::parse_document("---\n" + front_matter + "---\nbody\n", path, {}, load);
  EXPECT_TRUE(load.empty());
  EXPECT_TRUE(doc.parsed);
  return doc;
}

const std::vector<std::string> k_fields{"image", "logo"};

// "kind pointer raw" per reference, in document order.
std::vector<std::string> shapes(const std::vector<refs::Reference>& all) {
  std::vector<std::string> out;
  for (const auto& r : all) {
    out.push_back(std::string(refs::to_string(r.kind)) + " " + r.origin.pointer + " " + r.raw);
  }
  return out;
}

// A site with a 3x2 PNG at assets/ok.png, 2024/01/05/img/rel.png and recipes/pie/img/rel.png,
// and a text file at assets/text.png; findings as "rule pointer" lines.
struct Site {
  TempDir dir;
  config::Config cfg;
  CheckOptions options;
  content::LocalDate zone{""};
  media::ProbeCache probes;

  Site() {
    cfg.site_root = dir.path();
    cfg.real_site_root = fs::canonical(dir.path());
    cfg.image_fields = k_fields;
    for (const char* png : {"assets/ok.png", "2024/01/05/img/rel.png", "recipes/pie/img/rel.png",
                            "_posts/img/src.png"}) {
      write_file(dir.path() / png, test::png_header(3, 2));
    }
    write_file(dir.path() / "assets/text.png", "not an image\n");
  }

  std::vector<std::string> check(const Document& doc, std::string_view url,
                                 const std::string& baseurl = "") {
    auto refs = refs::front_matter_references(doc, cfg.image_fields);
    checks::RunContext run{cfg,
                           options,
                           zone,
                           probes,
                           {&cfg.secured, nullptr, nullptr, false},
                           [](const std::string&) { return true; },
                           baseurl};
    checks::DocumentInput in{doc, nullptr, refs, url};
    const auto& checks = checks::registry().document;
    auto local = std::find_if(checks.begin(), checks.end(),
                              [](const auto& c) { return c.name == "local-images"; });
    EXPECT_NE(local, checks.end());
    Findings out;
    Records records;
    local->run(in, run, out, records);
    std::vector<std::string> lines;
    for (const auto& f : out) {
      lines.push_back(f.rule + " " + f.pointer + " " + std::to_string(f.line));
    }
    return lines;
  }
};

using Lines = std::vector<std::string>;

} // namespace

TEST(ImageFields, StringObjectAndConfiguredFieldsAreImagesOnlyAtTopLevel) {
  Document doc = parse("image: /assets/x.png\n"                 // 2
                       "logo:\n"                                // 3
                       "  path: https://cdn.example/logo.png\n" // 4
                       "  width: 10\n"                          // 5
                       "  alt: Logo\n"                          // 6
                       "nested:\n"                              // 7
                       "  image: /not/an/image.png\n"           // 8
                       "  logo: https://a.example/link\n"       // 9
                       "cover: /also/not.png\n"                 // 10
                       "thumb: {url: /t.png, height: 4}\n");    // 11
  auto all = refs::front_matter_references(doc, k_fields);
  EXPECT_EQ(shapes(all),
            (Lines{"image /image /assets/x.png", "image /logo/path https://cdn.example/logo.png",
                   "link /nested/logo https://a.example/link", "image /thumb/url /t.png"}));
  const auto& image = all.at(0);
  EXPECT_EQ(image.element.pointer, "/image");
  EXPECT_EQ(image.origin.position.line, 2);
  EXPECT_EQ(image.origin.position.column, 8);
  EXPECT_FALSE(image.declared.width);
  EXPECT_FALSE(image.declared.height);
  const auto& logo = all.at(1);
  EXPECT_EQ(logo.element.pointer, "/logo");
  EXPECT_EQ(logo.origin.position.line, 4);
  EXPECT_EQ(logo.declared.width, 10);
  EXPECT_FALSE(logo.declared.height);
  EXPECT_EQ(logo.declared.width_origin.position.line, 5);
  EXPECT_EQ(logo.alt, "Logo");
  EXPECT_TRUE(logo.attributes.empty());
  // Without configured fields the same document has only the object and the two links.
  EXPECT_EQ(shapes(refs::front_matter_references(doc)),
            (Lines{"link /logo/path https://cdn.example/logo.png",
                   "link /nested/logo https://a.example/link", "image /thumb/url /t.png"}));
}

TEST(ImageFields, EmptyNumbersListsAndPathlessObjectsAreNoImages) {
  auto all = refs::front_matter_references(parse("image: ''\n"
                                                 "logo: 42\n"),
                                           k_fields);
  EXPECT_TRUE(all.empty());
  all = refs::front_matter_references(parse("image: [/a.png]\n"
                                            "logo: {path: 7, width: 1}\n"),
                                      k_fields);
  EXPECT_TRUE(all.empty());
  // An image field's {url, width} object is still an image object (found by its url).
  all = refs::front_matter_references(parse("image: {url: /u.png, width: 1, path: /p.png}\n"
                                            "logo: {url: /v.png, width: 2}\n"),
                                      k_fields);
  EXPECT_EQ(shapes(all), (Lines{"image /image/path /p.png", "image /logo/url /v.png"}));
}

TEST(ImageFields, LocalCheckSiteAbsoluteWithoutSizeComparison) {
  Site site;
  // ok.png is 3x2: a string field has no size, so nothing to compare; the {path} form has one.
  Document doc = parse("image: /assets/ok.png\n"                    // 2
                       "logo: {path: /assets/ok.png, width: 4}\n"); // 3
  EXPECT_EQ(site.check(doc, ""), (Lines{"image/dimension-mismatch /logo/width 3"}));
  EXPECT_EQ(site.check(parse("image: /assets/none.png\n"
                             "logo: /assets/text.png\n"),
                       ""),
            (Lines{"image/missing /image 2", "image/not-an-image /logo 3"}));
}

TEST(ImageFields, LocalCheckBaseurlAndItsBoundary) {
  Site site;
  Document doc = parse("image: /blog/assets/ok.png\n"
                       "logo: /blogger/x.png\n");
  EXPECT_EQ(site.check(doc, "", "/blog"), (Lines{"image/missing /logo 3"}));
  // Positive control: without the baseurl, /blog/assets/ok.png is no site file.
  EXPECT_EQ(site.check(doc, ""), (Lines{"image/missing /image 2", "image/missing /logo 3"}));
}

TEST(ImageFields, LocalCheckRelativeToTheDocumentsUrl) {
  Site site;
  Document doc = parse("image: img/rel.png\n");
  EXPECT_EQ(site.check(doc, "/2024/01/05/post.html"), Lines{});
  EXPECT_EQ(site.check(doc, "/recipes/pie/"), Lines{});
  // Positive control: relative to the source folder it is _posts/img/rel.png, which is absent.
  EXPECT_EQ(site.check(doc, ""), (Lines{"image/missing /image 2"}));
}

TEST(ImageFields, LocalCheckRelativeFallsBackToTheSourceFolder) {
  Site site;
  EXPECT_EQ(site.check(parse("image: img/src.png\n"), ""), Lines{});
  EXPECT_EQ(site.check(parse("image: img/src.png\n"), "/2024/01/05/post.html"),
            (Lines{"image/missing /image 2"}));
}

TEST(ImageFields, LocalCheckQueryFragmentPercentAndEscape) {
  Site site;
  EXPECT_EQ(site.check(parse("image: /assets/o%6B.png?v=3#x\n"), ""), Lines{});
  EXPECT_EQ(site.check(parse("image: ../../../../etc/passwd\n"), "/recipes/pie/"),
            (Lines{"image/outside-site /image 2"}));
  EXPECT_EQ(site.check(parse("image: /assets/%2e%2e/%2e%2e/x.png\n"), ""),
            (Lines{"image/outside-site /image 2"}));
  // Remote string images are left to the network phase; an empty string or a number is nothing.
  EXPECT_EQ(site.check(parse("image: https://cdn.example/x.png\n"
                             "logo: ''\n"),
                       ""),
            Lines{});
  EXPECT_EQ(site.check(parse("image: 12\n"), ""), Lines{});
}

TEST(ImageFields, ObjectImagesWithRelativeUrlsNowResolve) {
  Site site;
  // Before, a relative {url} was skipped; now it is found relative to the document.
  EXPECT_EQ(site.check(parse("hero: {url: img/rel.png, width: 3}\n"), "/recipes/pie/"), Lines{});
  EXPECT_EQ(site.check(parse("hero: {url: img/rel.png, width: 5}\n"), "/recipes/pie/"),
            (Lines{"image/dimension-mismatch /hero/width 2"}));
}

TEST(ImageFields, TenThousandImageFieldsInOneDocumentAllCounted) {
  Site site;
  const int n = 10000;
  std::string fm;
  site.cfg.image_fields.clear();
  for (int i = 0; i < n; ++i) {
    site.cfg.image_fields.push_back("i" + std::to_string(i));
    // Every third is missing, the others name the one 3x2 file.
    fm += "i" + std::to_string(i) +
          (i % 3 == 0 ? ": /gone/" + std::to_string(i) + ".png\n" : ": /assets/ok.png\n");
  }
  Document doc = parse(fm);
  auto all = refs::front_matter_references(doc, site.cfg.image_fields);
  ASSERT_EQ(all.size(), static_cast<size_t>(n));
  EXPECT_EQ(std::count_if(all.begin(), all.end(),
                          [](const auto& r) { return r.kind == ReferenceKind::Image; }),
            n);
  auto lines = site.check(doc, "");
  EXPECT_EQ(lines.size(), static_cast<size_t>((n + 2) / 3));
  EXPECT_EQ(std::count_if(lines.begin(), lines.end(),
                          [](const std::string& l) { return l.starts_with("image/missing "); }),
            (n + 2) / 3);
  EXPECT_EQ(lines.back(), "image/missing /i9999 10001");
}

} // namespace verity

// Unit tests of the front-matter reference extractor: which values become references, of which
// kind, and where each one points (pointer and line:col through the source map).
#include "frontmatter/loader.hpp"
#include "refs/front_matter.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace verity;
using refs::ReferenceKind;

namespace {

Document parse(const std::string& front_matter) {
  Findings load;
  Document doc =
      frontmatter::parse_document("---\n" + front_matter + "---\nbody\n", "docs/a.md", {}, load);
  EXPECT_TRUE(load.empty());
  EXPECT_TRUE(doc.parsed);
  return doc;
}

const refs::Reference& at(const std::vector<refs::Reference>& all, const std::string& pointer) {
  auto it = std::find_if(all.begin(), all.end(),
                         [&](const refs::Reference& r) { return r.origin.pointer == pointer; });
  EXPECT_NE(it, all.end()) << pointer;
  return *it;
}

size_t count(const std::vector<refs::Reference>& all, ReferenceKind kind) {
  return std::count_if(all.begin(), all.end(),
                       [&](const refs::Reference& r) { return r.kind == kind; });
}

const char* k_front_matter = "title: T\n"                              // line 2
                             "links:\n"                                // 3
                             "  home: https://a.example/x\n"           // 4
                             "  rel: /not/a/link\n"                    // 5
                             "hero:\n"                                 // 6
                             "  url: /assets/hero.png\n"               // 7
                             "  width: 640\n"                          // 8
                             "  height: 480\n"                         // 9
                             "  alt: A hero\n"                         // 10
                             "  title: Big\n"                          // 11
                             "gallery:\n"                              // 12
                             "  - url: https://cdn.example/p.jpg\n"    // 13
                             "    width: 100\n"                        // 14
                             "  - url: /assets/q.png\n"                // 15
                             "    height: 50\n"                        // 16
                             "    caption: https://b.example/credit\n" // 17
                             "note: see https://c.example\n"           // 18
                             "plain: https://d.example/page\n";        // 19

} // namespace

TEST(References, EveryImageObjectAndAbsoluteUrlOnceWithItsPosition) {
  Document doc = parse(k_front_matter);
  auto all = refs::front_matter_references(doc);
  ASSERT_EQ(all.size(), 6u); // 3 image objects, 3 links (not /not/a/link, not the sentence)
  EXPECT_EQ(count(all, ReferenceKind::Image), 3u);
  EXPECT_EQ(count(all, ReferenceKind::Link), 3u);

  const auto& hero = at(all, "/hero/url");
  EXPECT_EQ(hero.kind, ReferenceKind::Image);
  EXPECT_EQ(hero.file, "docs/a.md");
  EXPECT_EQ(hero.raw, "/assets/hero.png");
  EXPECT_EQ(hero.resolved, ""); // filled by resolution, not by extraction
  EXPECT_EQ(hero.origin.source, refs::Origin::Source::FrontMatter);
  EXPECT_EQ(hero.origin.position.line, 7);
  EXPECT_EQ(hero.origin.position.column, 8);
  EXPECT_EQ(hero.element.pointer, "/hero");
  EXPECT_EQ(hero.element.position.line, 7); // the object starts with its first key
  EXPECT_EQ(hero.declared.width, 640);
  EXPECT_EQ(hero.declared.height, 480);
  EXPECT_EQ(hero.declared.width_origin.pointer, "/hero/width");
  EXPECT_EQ(hero.declared.width_origin.position.line, 8);
  EXPECT_EQ(hero.declared.width_origin.position.column, 10);
  EXPECT_EQ(hero.declared.height_origin.position.line, 9);
  EXPECT_EQ(hero.declared.height_origin.position.column, 11);
  EXPECT_EQ(hero.alt, "A hero");
  EXPECT_EQ(hero.attributes, (std::map<std::string, std::string>{{"title", "Big"}}));

  const auto& second = at(all, "/gallery/1/url");
  EXPECT_EQ(second.origin.position.line, 15);
  EXPECT_EQ(second.origin.position.column, 10);
  EXPECT_FALSE(second.declared.width); // absent
  EXPECT_EQ(second.declared.height, 50);
  EXPECT_FALSE(second.alt);
  // Another scalar member is an attribute, and when it is a URL also a link of its own.
  EXPECT_EQ(second.attributes,
            (std::map<std::string, std::string>{{"caption", "https://b.example/credit"}}));
  const auto& caption = at(all, "/gallery/1/caption");
  EXPECT_EQ(caption.kind, ReferenceKind::Link);
  EXPECT_EQ(caption.origin.position.line, 17);
  EXPECT_EQ(caption.origin.position.column, 14);

  const auto& remote = at(all, "/gallery/0/url");
  EXPECT_EQ(remote.kind, ReferenceKind::Image); // an image, never also a link
  EXPECT_EQ(remote.raw, "https://cdn.example/p.jpg");
  EXPECT_EQ(remote.origin.position.line, 13);

  const auto& home = at(all, "/links/home");
  EXPECT_EQ(home.kind, ReferenceKind::Link);
  EXPECT_EQ(home.raw, "https://a.example/x");
  EXPECT_EQ(home.origin.position.line, 4);
  EXPECT_EQ(home.origin.position.column, 9);
  EXPECT_EQ(at(all, "/plain").origin.position.line, 19);
}

TEST(References, CountsExactlyTheImageAndLinkFieldsOfALargeDocument) {
  std::string fm = "images:\n";
  const int n = 37;
  for (int i = 0; i < n; ++i) {
    fm += "  - url: /img/" + std::to_string(i) + ".png\n    width: " + std::to_string(i + 1) + "\n";
  }
  fm += "sources:\n";
  for (int i = 0; i < n; ++i) {
    fm += "  - https://s" + std::to_string(i) + ".example/\n";
  }
  fm += "words:\n  - not a url\n  - /relative\n  - mailto:x@example.com\n";
  auto all = refs::front_matter_references(parse(fm));
  EXPECT_EQ(all.size(), 2u * n);
  EXPECT_EQ(count(all, ReferenceKind::Image), static_cast<size_t>(n));
  EXPECT_EQ(count(all, ReferenceKind::Link), static_cast<size_t>(n));
  const auto& last = at(all, "/images/36/url");
  EXPECT_EQ(last.declared.width, 37);
  EXPECT_EQ(last.origin.position.line, 2 + 2 * 36 + 1); // "---", "images:", two lines per item
}

TEST(References, AnImageObjectsNonStringUrlHoldsImagesButNoLinks) {
  // {url: {...}, width} is no image itself; below its url only images are looked for, as the
  // link checker never read an image object's url.
  auto all = refs::front_matter_references(parse("nested:\n"
                                                 "  url:\n"
                                                 "    url: /deep.png\n"
                                                 "    width: 1\n"
                                                 "    link: https://d.example/\n"
                                                 "  width: 2\n"
                                                 "  other: https://e.example/\n"));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(at(all, "/nested/url/url").kind, ReferenceKind::Image);
  EXPECT_EQ(at(all, "/nested/other").kind, ReferenceKind::Link);
}

TEST(References, AnUnparsedDocumentHasNone) {
  Findings load;
  Document doc = frontmatter::parse_document("---\nhero: [unclosed\n---\n", "b.md", {}, load);
  ASSERT_FALSE(doc.parsed);
  EXPECT_TRUE(refs::front_matter_references(doc).empty());
  // Positive control: the same value, parsed, is a reference.
  EXPECT_EQ(refs::front_matter_references(parse("hero: https://a.example/\n")).size(), 1u);
}

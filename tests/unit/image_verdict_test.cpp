#include "frontmatter/loader.hpp"
#include "media/image_verdict.hpp"
#include "refs/front_matter.hpp"

#include <gtest/gtest.h>

using namespace verity;
using namespace verity::media;

namespace {

std::vector<std::string> judge(int w, int h, const ProbeResult& r) {
  Findings load;
  Document doc =
      frontmatter::parse_document("---\nimages:\n  - url: /a.jpg\n    width: " + std::to_string(w) +
                                      "\n    height: " + std::to_string(h) + "\n---\n",
                                  "d.md", {}, load);
  Findings out;
  judge_image(image_ref(refs::front_matter_references(doc).at(0)), r, out);
  std::vector<std::string> rules;
  for (const auto& f : out) {
    rules.push_back(f.rule + " " + to_string(f.severity).data() + " " + std::to_string(f.line));
  }
  return rules;
}

ProbeResult rotated() {
  ProbeResult r;
  r.status = ProbeStatus::Ok;
  r.format = ImageFormat::Jpeg;
  r.width = 123;
  r.height = 456;
  r.orientation = 6;
  r.display_width = 456;
  r.display_height = 123;
  return r;
}

} // namespace

TEST(ImageVerdict, DeclaredSizeIsComparedWithTheDisplayedSize) {
  EXPECT_EQ(judge(456, 123, rotated()), std::vector<std::string>{});
  EXPECT_EQ(judge(123, 456, rotated()), std::vector<std::string>{"image/orientation warning 4"});
  EXPECT_EQ(judge(100, 123, rotated()),
            std::vector<std::string>{"image/dimension-mismatch error 4"});
  EXPECT_EQ(judge(456, 100, rotated()),
            std::vector<std::string>{"image/dimension-mismatch error 5"});
  ProbeResult svg;
  svg.status = ProbeStatus::UnknownSize;
  svg.reason = "width/height are relative";
  EXPECT_EQ(judge(1, 1, svg), std::vector<std::string>{"image/unknown-size note 3"});
  ProbeResult html;
  html.status = ProbeStatus::NotAnImage;
  EXPECT_EQ(judge(1, 1, html), std::vector<std::string>{"image/not-an-image error 3"});
}

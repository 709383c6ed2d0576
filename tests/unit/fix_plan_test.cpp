// The fix planner: an intent ("this scalar reads 800", "quote this", "this URL becomes that")
// becomes exact bytes in every YAML scalar style and in bodies, and only the bytes of the value
// change (comments, quoting, key order, CRLF and a BOM stay); what it cannot edit exactly it
// refuses with a reason, leaving the text as it was.
#include "fix/plan.hpp"
#include "fix/text_position.hpp"

#include <gtest/gtest.h>

namespace verity::fix {
namespace {

// A finding carrying one fix of the given edits.
Finding with_fix(std::vector<FixEdit> edits) {
  Finding f;
  f.rule = "test/rule";
  f.file = "doc.md";
  f.fix.emplace();
  f.fix->description = "test";
  f.fix->edits = std::move(edits);
  return f;
}

FixEdit replace_at(std::string pointer, Position pos, std::string old_text, std::string new_text) {
  FixEdit e;
  e.mode = FixEdit::Mode::Replace;
  e.pointer = std::move(pointer);
  e.position = pos;
  e.old_text = std::move(old_text);
  e.new_text = std::move(new_text);
  return e;
}

FixEdit rewrite_at(Position pos, std::string old_text, std::string new_text) {
  FixEdit e;
  e.mode = FixEdit::Mode::Rewrite;
  e.position = pos;
  e.old_text = std::move(old_text);
  e.new_text = std::move(new_text);
  return e;
}

FixEdit quote_at(Position pos) {
  FixEdit e;
  e.mode = FixEdit::Mode::Quote;
  e.position = pos;
  return e;
}

// Plans the findings against `text` and returns the edited text.
std::string planned(std::string_view text, std::vector<Finding>& findings) {
  std::vector<Finding*> list;
  for (Finding& f : findings)
    list.push_back(&f);
  return plan_file(text, list).edited;
}

TEST(FixPlan, APlainIntegerInABlockMappingChangesAlone) {
  const std::string text = "---\ntitle: A\nimage:\n  url: /a.png\n  width: 640 # measured\n"
                           "  height: 480\n---\nBody 640\n";
  std::vector<Finding> f{with_fix({replace_at("/image/width", {5, 10}, "640", "800"),
                                   replace_at("/image/height", {6, 11}, "480", "600")})};
  EXPECT_EQ(planned(text, f), "---\ntitle: A\nimage:\n  url: /a.png\n  width: 800 # measured\n"
                              "  height: 600\n---\nBody 640\n");
  ASSERT_TRUE(f[0].fix->planned) << f[0].fix->refused;
  const FixEdit& w = f[0].fix->edits[0];
  EXPECT_EQ(w.old_bytes, "640");
  EXPECT_EQ(w.new_bytes, "800");
  EXPECT_EQ(w.length, 3u);
  EXPECT_EQ(text.substr(w.offset, 3), "640");
  EXPECT_EQ(w.position.line, 5);
  EXPECT_EQ(w.end.column, 13);
}

TEST(FixPlan, FlowMappingsAndNestedSequencesAreEditedInPlace) {
  const std::string text = "---\nimage: {url: /a.png, width: 640, height: 480}\n"
                           "gallery:\n  - url: /b.png\n    size: [640, 480]\n    width: 10\n---\n";
  std::vector<Finding> f{
      with_fix({replace_at("/image/width", {2, 29}, "640", "800"),
                replace_at("/image/height", {2, 42}, "480", "600")}),
      with_fix({replace_at("/gallery/0/width", {6, 12}, "10", "1024")}),
  };
  EXPECT_EQ(planned(text, f), "---\nimage: {url: /a.png, width: 800, height: 600}\n"
                              "gallery:\n  - url: /b.png\n    size: [640, 480]\n    width: 1024\n"
                              "---\n");
  EXPECT_TRUE(f[0].fix->planned) << f[0].fix->refused;
  EXPECT_TRUE(f[1].fix->planned) << f[1].fix->refused;
}

TEST(FixPlan, BomCrlfAndCommentsSurvive) {
  const std::string text = "\xEF\xBB\xBF---\r\n# sizes\r\nwidth: 640   # px\r\nok: yes\r\n---\r\n"
                           "text\r\n";
  std::vector<Finding> f{with_fix({replace_at("/width", {3, 8}, "640", "320")}),
                         with_fix({quote_at({4, 5})})};
  EXPECT_EQ(planned(text, f), "\xEF\xBB\xBF---\r\n# sizes\r\nwidth: 320   # px\r\nok: 'yes'\r\n"
                              "---\r\ntext\r\n");
  EXPECT_TRUE(f[0].fix->planned) << f[0].fix->refused;
  EXPECT_TRUE(f[1].fix->planned) << f[1].fix->refused;
}

TEST(FixPlan, QuotingKeepsEveryOtherByteAndWorksInFlowSequences) {
  const std::string text = "---\ntags: [on, off, x]\nzip: 082\ntime: 1:20\n---\n";
  std::vector<Finding> f{with_fix({quote_at({2, 8})}), with_fix({quote_at({2, 12})}),
                         with_fix({quote_at({3, 6})}), with_fix({quote_at({4, 7})})};
  EXPECT_EQ(planned(text, f), "---\ntags: ['on', 'off', x]\nzip: '082'\ntime: '1:20'\n---\n");
  for (const Finding& one : f)
    EXPECT_TRUE(one.fix->planned) << one.fix->refused;
}

// Every scalar style holds a URL the same way; the rewrite changes only the URL's bytes.
TEST(FixPlan, ARewriteWorksInEveryScalarStyle) {
  struct Case {
    std::string yaml, want;
    Position at;
  };
  const Case cases[] = {
      {"link: /old/page\n", "link: /base/old/page\n", {2, 7}},
      {"link: '/old/page'\n", "link: '/base/old/page'\n", {2, 7}},
      {"link: \"/old/page\"\n", "link: \"/base/old/page\"\n", {2, 7}},
      {"link: |-\n  /old/page\nnext: 1\n", "link: |-\n  /base/old/page\nnext: 1\n", {2, 7}},
      {"link: >-\n  /old/page\nnext: 1\n", "link: >-\n  /base/old/page\nnext: 1\n", {2, 7}},
      {"links:\n  - {href: /old/page, rel: x}\n",
       "links:\n  - {href: /base/old/page, rel: x}\n",
       {3, 12}},
  };
  for (const Case& c : cases) {
    const std::string text = "---\n" + c.yaml + "---\nbody\n";
    std::vector<Finding> f{with_fix({rewrite_at(c.at, "/old/page", "/base/old/page")})};
    EXPECT_EQ(planned(text, f), "---\n" + c.want + "---\nbody\n") << c.yaml;
    EXPECT_TRUE(f[0].fix->planned) << c.yaml << ": " << f[0].fix->refused;
  }
}

TEST(FixPlan, QuotesInTheNewTextAreWrittenInTheStyleOfTheValue) {
  const std::string text = "---\na: 'it'\nb: \"it\"\n---\n";
  std::vector<Finding> f{with_fix({rewrite_at({2, 4}, "it", "it's \"x\"")}),
                         with_fix({rewrite_at({3, 4}, "it", "it's \"x\"")})};
  EXPECT_EQ(planned(text, f), "---\na: 'it''s \"x\"'\nb: \"it's \\\"x\\\"\"\n---\n");
}

TEST(FixPlan, WhatCannotBeEditedExactlyIsRefusedWithAReasonAndLeftAlone) {
  const std::string text = "---\nw: '640'\nh: 641\nu: \"\\x2Fold\"\nv: /old\n---\n";
  std::vector<Finding> f{
      with_fix({replace_at("/w", {2, 4}, "640", "800")}), // quoted: a string, not a size
      with_fix({replace_at("/h", {3, 4}, "640", "800")}), // the file says 641 now
      with_fix({rewrite_at({4, 4}, "/old", "/new")}),     // written with an escape
      with_fix({rewrite_at({5, 4}, "/old", "/new: {x")}), // would change the YAML's shape
      with_fix({replace_at("/x", {40, 1}, "1", "2")}),    // not in the file
  };
  EXPECT_EQ(planned(text, f), text);
  for (const Finding& one : f) {
    EXPECT_FALSE(one.fix->planned);
    EXPECT_FALSE(one.fix->refused.empty());
  }
  EXPECT_NE(f[0].fix->refused.find("quoted"), std::string::npos) << f[0].fix->refused;
  EXPECT_NE(f[1].fix->refused.find("641"), std::string::npos) << f[1].fix->refused;
  EXPECT_NE(f[2].fix->refused.find("escapes"), std::string::npos) << f[2].fix->refused;
  EXPECT_NE(f[3].fix->refused.find("front matter"), std::string::npos) << f[3].fix->refused;
}

TEST(FixPlan, SplitCharactersAndDuplicatedKeysAreRefused) {
  const std::string text = "---\nt: org\xEF\xBB\xBFzation\nimage: {width: 640}\nimage: {width: 1}\n"
                           "w: 640\n---\n";
  std::vector<Finding> f{with_fix({rewrite_at({2, 4}, "org\xEF", "x")}),
                         with_fix({replace_at("/image/width", {3, 16}, "640", "800")}),
                         with_fix({replace_at("/w", {5, 4}, "640", "800")})};
  EXPECT_EQ(planned(text, f),
            "---\nt: org\xEF\xBB\xBFzation\nimage: {width: 640}\nimage: {width: 1}\n"
            "w: 800\n---\n");
  EXPECT_FALSE(f[0].fix->planned);
  EXPECT_NE(f[0].fix->refused.find("UTF-8"), std::string::npos) << f[0].fix->refused;
  EXPECT_FALSE(f[1].fix->planned);
  EXPECT_NE(f[1].fix->refused.find("written twice"), std::string::npos) << f[1].fix->refused;
  EXPECT_TRUE(f[2].fix->planned) << f[2].fix->refused; // positive control
}

TEST(FixPlan, AnEditThatWouldChangeAnotherValueIsRefused) {
  // Replacing the first line of a plain scalar that continues on the next line would read as
  // another value than the one intended: the parse afterwards catches it.
  const std::string text = "---\nw: 640\n  0\n---\n";
  std::vector<Finding> f{with_fix({replace_at("/w", {2, 4}, "640", "800")})};
  EXPECT_EQ(planned(text, f), text);
  EXPECT_FALSE(f[0].fix->planned);
}

TEST(FixPlan, BodyEditsReplaceTheExactBytesAtTheirOffset) {
  const std::string text = "---\ntitle: x\n---\n<img src=\"/a.png\" width=\"640\">\n"
                           "[a](/old) and [b](/a&amp;b)\n";
  FixEdit width = replace_at("", {}, "640", "800");
  width.has_offset = true;
  width.offset = text.find("640");
  std::vector<Finding> f{with_fix({width}), with_fix({rewrite_at({5, 5}, "/old", "/base/old")}),
                         with_fix({rewrite_at({5, 19}, "/a&b", "/c")})};
  EXPECT_EQ(planned(text, f), "---\ntitle: x\n---\n<img src=\"/a.png\" width=\"800\">\n"
                              "[a](/base/old) and [b](/a&amp;b)\n");
  EXPECT_TRUE(f[0].fix->planned) << f[0].fix->refused;
  EXPECT_TRUE(f[1].fix->planned) << f[1].fix->refused;
  EXPECT_FALSE(f[2].fix->planned); // a character reference: not the bytes the check read
}

TEST(FixPlan, TheSameEditTwiceIsAppliedOnceAndOverlapsAreRefused) {
  const std::string text = "---\nw: 640\n---\n";
  std::vector<Finding> f{with_fix({replace_at("/w", {2, 4}, "640", "800")}),
                         with_fix({replace_at("/w", {2, 4}, "640", "800")}),
                         with_fix({replace_at("/w", {2, 4}, "640", "900")})};
  EXPECT_EQ(planned(text, f), "---\nw: 800\n---\n");
  EXPECT_TRUE(f[0].fix->planned);
  EXPECT_TRUE(f[1].fix->planned);
  EXPECT_FALSE(f[2].fix->planned);
  EXPECT_NE(f[2].fix->refused.find("overlaps"), std::string::npos);
}

TEST(FixPlan, ApplyingThePlanAgainGivesTheSameText) {
  const std::string text = "---\nimage: {url: /a.png, width: 640}\nok: no\n---\n";
  std::vector<Finding> f{with_fix({replace_at("/image/width", {2, 29}, "640", "64")}),
                         with_fix({quote_at({3, 5})})};
  const std::string edited = planned(text, f);
  EXPECT_EQ(edited, "---\nimage: {url: /a.png, width: 64}\nok: 'no'\n---\n");
  EXPECT_EQ(apply_planned(text, {&*f[0].fix, &*f[1].fix}), edited);
}

TEST(FixPosition, OffsetsAndPositionsAreInverse) {
  const std::string text = "\xEF\xBB\xBF"
                           "ab\n\xC3\xA9t\xC3\xA9\r\nx";
  EXPECT_EQ(*offset_of(text, {1, 1}), 3u); // after the BOM
  EXPECT_EQ(*offset_of(text, {2, 2}), text.find('t'));
  EXPECT_EQ(*offset_of(text, {2, 3}), text.find('t') + 1);
  EXPECT_FALSE(offset_of(text, {4, 1}));
  EXPECT_FALSE(offset_of(text, {1, 9}));
  for (Position p : {Position{1, 2}, Position{2, 3}, Position{3, 1}}) {
    const Position back = position_of(text, *offset_of(text, p));
    EXPECT_EQ(back.line, p.line);
    EXPECT_EQ(back.column, p.column);
  }
}

} // namespace
} // namespace verity::fix

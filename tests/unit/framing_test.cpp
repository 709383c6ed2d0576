#include "frontmatter/framing.hpp"

#include <gtest/gtest.h>

using verity::frontmatter::frame;
using verity::frontmatter::FramingStatus;

TEST(Framing, FindsBlockAndBody) {
  std::string text = "---\ntitle: x\n---\nbody\n";
  auto f = frame(text);
  ASSERT_EQ(f.status, FramingStatus::Ok);
  EXPECT_EQ(text.substr(f.yaml_offset, f.yaml_length), "---\ntitle: x\n");
  EXPECT_EQ(text.substr(f.body_offset), "body\n");
  EXPECT_EQ(f.closing_line, 3);
}

TEST(Framing, AcceptsCrlfAndDotTerminatorAndTrailingSpaces) {
  std::string text = "---  \r\na: 1\r\n...\t\r\nbody";
  auto f = frame(text);
  ASSERT_EQ(f.status, FramingStatus::Ok);
  EXPECT_EQ(text.substr(f.body_offset), "body");
}

TEST(Framing, ClosingLineAtEndOfFileWithoutNewline) {
  auto f = frame("---\na: 1\n---");
  ASSERT_EQ(f.status, FramingStatus::Ok);
  EXPECT_EQ(f.body_offset, 12u);
}

TEST(Framing, BomIsSkippedAndReported) {
  std::string text = "\xEF\xBB\xBF---\na: 1\n---\n";
  auto f = frame(text);
  ASSERT_EQ(f.status, FramingStatus::Ok);
  EXPECT_TRUE(f.had_bom);
  EXPECT_EQ(f.yaml_offset, 3u);
}

TEST(Framing, MissingWhenFirstLineIsNotDelimiter) {
  EXPECT_EQ(frame("\n---\na: 1\n---\n").status, FramingStatus::Missing);
  EXPECT_EQ(frame("--- x\na: 1\n---\n").status, FramingStatus::Missing);
  EXPECT_EQ(frame("# title\n").status, FramingStatus::Missing);
  EXPECT_EQ(frame("").status, FramingStatus::Missing);
  EXPECT_EQ(frame("----\n").status, FramingStatus::Missing);
}

TEST(Framing, UnterminatedWhenNoClosingLine) {
  EXPECT_EQ(frame("---\na: 1\nb: 2\n").status, FramingStatus::Unterminated);
  EXPECT_EQ(frame("---\n").status, FramingStatus::Unterminated);
}

TEST(Framing, DashesInsideBlockScalarCloseTheBlockAsJekyllDoes) {
  std::string text = "---\na: |\n  x\n---\n  y\n---\n";
  auto f = frame(text);
  ASSERT_EQ(f.status, FramingStatus::Ok);
  EXPECT_EQ(f.closing_line, 4);
}

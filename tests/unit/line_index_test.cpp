// LineIndex against the definition (count the code points from the line's start), on text that
// crosses its 256-byte strides with multibyte characters, CRLF and a very long line.
#include "body/line_index.hpp"

#include <gtest/gtest.h>

#include <random>

namespace verity::body {
namespace {

Position by_definition(std::string_view text, std::size_t offset) {
  Position p{1, 1};
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++p.line;
      p.column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++p.column;
    }
  }
  return p;
}

TEST(LineIndex, EveryOffsetAgreesWithTheDefinition) {
  std::mt19937 rng(7);
  const char* pieces[] = {"a", "\n", "\r\n", "\xC3\xA9", "\xE6\x97\xA5", "\xF0\x9F\x98\x80", " "};
  std::string text;
  while (text.size() < 5000)
    text += pieces[rng() % 7];
  text += std::string(3000, 'x') + "\xC3\xA9"; // a long last line, ending on a multibyte char
  const LineIndex index(text);
  for (std::size_t offset = 0; offset <= text.size(); ++offset) {
    const Position want = by_definition(text, offset);
    const Position got = index.at(offset);
    ASSERT_EQ(got.line, want.line) << offset;
    ASSERT_EQ(got.column, want.column) << offset;
  }
  EXPECT_EQ(index.at(text.size() + 10).column, by_definition(text, text.size()).column);
  const LineIndex empty("");
  EXPECT_EQ(empty.at(0).line, 1);
  EXPECT_EQ(empty.at(0).column, 1);
  const std::string exact(512, 'y'); // the end falls on a stride boundary
  EXPECT_EQ(LineIndex(exact).at(512).column, 513);
}

} // namespace
} // namespace verity::body

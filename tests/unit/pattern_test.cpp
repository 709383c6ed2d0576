// util::Pattern (ECMAScript patterns on RE2) and util::glob_match: meaning kept, cost bounded.
#include "util/glob.hpp"
#include "util/pattern.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <random>

using verity::util::glob_match;
using verity::util::Pattern;

namespace {

bool matches(const std::string& pattern, const std::string& subject) {
  std::string error;
  auto p = Pattern::compile(pattern, error);
  EXPECT_TRUE(p.has_value()) << pattern << ": " << error;
  return p && p->search(subject);
}

std::string refusal(const std::string& pattern) {
  std::string error;
  auto p = Pattern::compile(pattern, error);
  EXPECT_FALSE(p.has_value()) << pattern;
  EXPECT_FALSE(error.empty());
  return error;
}

} // namespace

TEST(Pattern, SearchesUnanchoredLikeJsonSchema) {
  EXPECT_TRUE(matches("b", "abc"));
  EXPECT_FALSE(matches("^b", "abc"));
  EXPECT_TRUE(matches("^https?://", "https://x"));
  EXPECT_FALSE(matches("^https?://", "ftp://x"));
  EXPECT_FALSE(matches("a$", "a\n")); // $ is the end of the text, as in ECMAScript
}

TEST(Pattern, EcmaScriptEscapesKeepTheirMeaning) {
  EXPECT_TRUE(matches("^\\u00e9$", "\xC3\xA9"));                // \uXXXX
  EXPECT_TRUE(matches("^\\uD83D\\uDE00$", "\xF0\x9F\x98\x80")); // a surrogate pair
  EXPECT_TRUE(matches("^\\x41$", "A"));
  EXPECT_TRUE(matches("^.$", "\xC3\xA9")); // one code point
  EXPECT_FALSE(matches("^.$", "\r"));      // dot stops at \r as well as \n
  EXPECT_TRUE(matches("^\\s$", "\v"));
  EXPECT_FALSE(matches("\\S", " \t"));
  EXPECT_TRUE(matches("^[\\b]$", "\b")); // backspace inside a class
  EXPECT_TRUE(matches("^[[]$", "["));
  EXPECT_TRUE(matches("^\\/\\-$", "/-"));
  EXPECT_TRUE(matches("^a\\z$", "az")); // an identity escape, not RE2's \z
  EXPECT_TRUE(matches("^[^]$", "x"));
  EXPECT_FALSE(matches("[]", "x"));
  EXPECT_TRUE(matches("^(?<year>\\d{4})$", "2024"));
}

TEST(Pattern, ConstructsRe2CannotRunAreRefusedWithAReason) {
  EXPECT_NE(refusal("a(?=b)").find("lookahead"), std::string::npos);
  EXPECT_NE(refusal("a(?!b)").find("lookahead"), std::string::npos);
  EXPECT_NE(refusal("(?<=a)b").find("lookbehind"), std::string::npos);
  EXPECT_NE(refusal("(a)\\1").find("backreference"), std::string::npos);
  EXPECT_NE(refusal("\\uD800").find("surrogate"), std::string::npos);
  EXPECT_NE(refusal("[abc").find("never closed"), std::string::npos);
  EXPECT_NE(refusal("abc\\").find("backslash"), std::string::npos);
  EXPECT_NE(refusal(std::string(5000, 'a')).find("shorten"), std::string::npos);
  const std::string huge = "\\p{L}{1000}"; // 1000 copies of every letter of Unicode
  EXPECT_NE(refusal(huge).find("memory"), std::string::npos) << refusal(huge);
  EXPECT_FALSE(refusal("a**").empty());
}

TEST(Pattern, HostileSubjectsTakeLinearTime) {
  auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(matches("^(a+)+$", std::string(100000, 'a') + "b"));
  EXPECT_TRUE(matches("^[a-z]+$", std::string(1000000, 'a')));
  EXPECT_FALSE(matches("(x+x+)+y", std::string(100000, 'x')));
  // A generous ceiling: these take milliseconds; std::regex crashed or never returned.
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(30));
}

TEST(Glob, SemanticsOfTheBacktrackingMatcherAreKept) {
  EXPECT_TRUE(glob_match("a/**", "a"));
  EXPECT_TRUE(glob_match("a/**", "a/b/c"));
  EXPECT_TRUE(glob_match("**/x/*.md", "x/a.md"));
  EXPECT_TRUE(glob_match("**/x/*.md", "p/q/x/a.md"));
  EXPECT_FALSE(glob_match("**/x/*.md", "p/q/x/y/a.md"));
  EXPECT_TRUE(glob_match("a/{b,c}d/*", "a/cd/e"));
  EXPECT_TRUE(glob_match("a/{,x}d", "a/d"));
  EXPECT_TRUE(glob_match("{a*,b?}.md", "abc.md"));
  EXPECT_TRUE(glob_match("{a*,b?}.md", "bx.md"));
  EXPECT_FALSE(glob_match("{a*,b?}.md", "bxy.md"));
  EXPECT_TRUE(glob_match("a{b", "a{b")); // no closing brace: literal
  EXPECT_TRUE(glob_match("a,b}", "a,b}"));
  EXPECT_FALSE(glob_match("*", "a/b")); // * stays in its segment
  EXPECT_TRUE(glob_match("", ""));
  EXPECT_FALSE(glob_match("", "a"));
  EXPECT_TRUE(glob_match("a//b", "a//b"));
  EXPECT_FALSE(glob_match("a//b", "a/b"));
}

TEST(Glob, ManyGlobstarsAndBraceGroupsTakeLinearTime) {
  std::string stars, path;
  for (int i = 0; i < 60; ++i) {
    stars += "**/";
    path += "d/";
  }
  std::string braces, name;
  for (int i = 0; i < 100; ++i) { // 900 bytes: under the 1024-byte limit
    braces += "{a,b,c,*}";
    name += "c";
  }
  auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(glob_match(stars + "x", path + "y"));
  EXPECT_TRUE(glob_match(stars + "x", path + "x"));
  EXPECT_TRUE(glob_match(braces, name));
  EXPECT_FALSE(glob_match(braces + "q", name));
  EXPECT_FALSE(glob_match(std::string(2000, '*'), "a")); // longer than the limit: never
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(30));
}

TEST(Glob, TheLiteralPrefixShortcutNeverChangesAnAnswer) {
  // Random patterns and paths over the bytes that matter (segment separators, wildcards, brace
  // groups, literals shared by both): glob_match must answer as the matcher alone does.
  const std::string pattern_bytes = "ab/*?{,}.";
  const std::string path_bytes = "ab/.";
  std::mt19937 rng(20261203);
  size_t matches = 0, non_matches = 0;
  for (int n = 0; n < 50000; ++n) {
    std::string pattern, path;
    for (int i = rng() % 9; i > 0; --i) {
      pattern += pattern_bytes[rng() % pattern_bytes.size()];
    }
    for (int i = rng() % 7; i > 0; --i) {
      path += path_bytes[rng() % path_bytes.size()];
    }
    bool full = verity::util::detail::glob_match_without_prefix_check(pattern, path);
    ASSERT_EQ(verity::util::glob_match(pattern, path), full)
        << "pattern '" << pattern << "' path '" << path << "'";
    matches += full;
    non_matches += !full;
  }
  // Both answers occur often enough for the comparison to mean something.
  EXPECT_GT(matches, 1000u);
  EXPECT_GT(non_matches, 1000u);
}

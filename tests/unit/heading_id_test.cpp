// Heading ids as kramdown 2.4.0 + kramdown-parser-gfm 1.1.0 make them under Jekyll (design note
// site-model.md §3). The id functions take the header's text as kramdown hands it to the id
// generator: inline markup already reduced (entities to their character, smart quotes and
// typographic symbols typeset, code spans' text, images dropped). Each vector says the Markdown
// source it was measured with and the reduced text.
#include "body/heading_id.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace verity::body {
namespace {

std::vector<std::string> gfm_ids(const std::vector<std::string>& texts, std::string prefix = {}) {
  HeadingIds ids(std::move(prefix));
  std::vector<std::string> out;
  for (const auto& t : texts)
    out.push_back(ids.next_gfm(t));
  return out;
}

TEST(HeadingId, RepeatsCountPerBaseStringAndCanCollide) {
  // `About Us` x3, then `About-Us 1`: the counter is keyed by the base, so two about-us-1.
  EXPECT_EQ(gfm_ids({"About Us", "About Us", "About Us", "About-Us 1"}),
            (std::vector<std::string>{"about-us", "about-us-1", "about-us-2", "about-us-1"}));
}

TEST(HeadingId, UnicodeLettersAreLowercasedAndKept) {
  // `Déjà vu — ünïcode`: the em dash is a symbol, removed; both spaces stay as '-'.
  EXPECT_EQ(gfm_base_id("Déjà vu — ünïcode"), "déjà-vu--ünïcode");
  EXPECT_EQ(gfm_base_id("日本語の見出し"), "日本語の見出し");
  // SpecialCasing: U+0130 gives i + U+0307; titlecase ǅ gives ǆ; ß stays.
  EXPECT_EQ(gfm_base_id("İstanbul ǅ ß"), "i\u0307stanbul-ǆ-ß");
  // No final-sigma context: every capital sigma becomes σ.
  EXPECT_EQ(gfm_base_id("ΣΑΣ"), "σασ");
}

TEST(HeadingId, InlineMarkupReducedToText) {
  // `` `code()` *em* [link](x.html) `` reduces to "code() em link".
  EXPECT_EQ(gfm_base_id("code() em link"), "code-em-link");
  // ``[Link *emph*](u.html) `a  b` `` reduces to "Link emph a  b".
  EXPECT_EQ(gfm_base_id("Link emph a  b"), "link-emph-a--b");
}

TEST(HeadingId, TypographicSymbolsAreDropped) {
  // `Don't stop -- now...` typesets to "Don’t stop – now…".
  EXPECT_EQ(gfm_base_id("Don\u2019t stop \u2013 now\u2026"), "dont-stop--now");
  // `a--b and c---d` typesets to "a–b and c—d".
  EXPECT_EQ(gfm_base_id("a\u2013b and c\u2014d"), "ab-and-cd");
  // `cbrown --> sbrown: --unsafe-paths` typesets to "cbrown –> sbrown: –unsafe-paths".
  EXPECT_EQ(gfm_base_id("cbrown \u2013> sbrown: \u2013unsafe-paths"),
            "cbrown--sbrown-unsafe-paths");
  // `<<x>> "quoted" 'single'` typesets to "«x» “quoted” ‘single’".
  EXPECT_EQ(gfm_base_id("\u00abx\u00bb \u201cquoted\u201d \u2018single\u2019"), "x-quoted-single");
}

TEST(HeadingId, AsciiPunctuationAndUnderscores) {
  EXPECT_EQ(gfm_base_id("C++ & C# / Go?"), "c--c--go");
  EXPECT_EQ(gfm_base_id("PHP $_REQUEST"), "php-_request");
  EXPECT_EQ(gfm_base_id("123 Numbers first"), "123-numbers-first");
  EXPECT_EQ(gfm_base_id("Snake_case & CAPS"), "snake_case--caps");
  // `x\_y and \*star\*`: the escapes reduce to "x_y and *star*".
  EXPECT_EQ(gfm_base_id("x_y and *star*"), "x_y-and-star");
}

TEST(HeadingId, EachTabIsADash) {
  EXPECT_EQ(gfm_base_id("Tab\there"), "tab-here");
  EXPECT_EQ(gfm_base_id("a\t \tb"), "a---b");
}

TEST(HeadingId, EmptyIdMeansNoIdThenTheCounterStillCounts) {
  // `!!!` then `!!!`: no id attribute, then "-1" (the empty base was counted).
  EXPECT_EQ(gfm_ids({"!!!", "!!!"}), (std::vector<std::string>{"", "-1"}));
  // `![only image](x.png)`: an image gives no text at all.
  EXPECT_EQ(gfm_ids({""}), (std::vector<std::string>{""}));
  // Positive control: a header with a letter gets an id.
  EXPECT_EQ(gfm_ids({"!a!"}), (std::vector<std::string>{"a"}));
}

TEST(HeadingId, EntitiesHtmlAndMathAsReduced) {
  // `Entity &amp; &copy; &#x41;` reduces to "Entity & © A".
  EXPECT_EQ(gfm_base_id("Entity & \u00a9 A"), "entity---a");
  // `HTML <span>inner</span> <img …>` reduces to "HTML inner " (the img gives nothing).
  EXPECT_EQ(gfm_base_id("HTML inner "), "html-inner-");
  // `Math $$x^2$$` reduces to "Math x^2".
  EXPECT_EQ(gfm_base_id("Math x^2"), "math-x2");
}

TEST(HeadingId, FullwidthLettersStayOtherNumbersGo) {
  // Fullwidth capitals lowercase to fullwidth small letters; ① ½ ² are No, removed.
  EXPECT_EQ(gfm_base_id("ＡＢＣ fullwidth ① ½ x²"), "ａｂｃ-fullwidth---x");
  // `Hello {{ page.title }} x` with the title unset: Liquid leaves "Hello  x".
  EXPECT_EQ(gfm_base_id("Hello  x"), "hello--x");
}

TEST(HeadingId, WordClassEdges) {
  EXPECT_EQ(gfm_base_id("a\u200db\u200cc"), "abc"); // ZWJ, ZWNJ are not Word
  EXPECT_EQ(gfm_base_id("a\u00a0b"), "ab");         // NBSP is no space for tr
  EXPECT_EQ(gfm_base_id("\u2160\u2161 \u2466"),
            "\u2170\u2171-");                               // Nl kept (and lowercased), No not
  EXPECT_EQ(gfm_base_id("\u24b6x"), "\u24d0x");             // circled A: Other_Alphabetic
  EXPECT_EQ(gfm_base_id("e\u0301\u20dd"), "e\u0301\u20dd"); // Mn and Me kept
  EXPECT_EQ(gfm_base_id("\u0663\u0967 \u203f"), "\u0663\u0967-\u203f"); // Nd, Pc
  EXPECT_EQ(gfm_base_id("ok \U0001F389 \U0001F44D\U0001F3FD"), "ok--"); // emoji removed
}

TEST(HeadingId, CodePointsNewerThanRubysUnicodeAreDropped) {
  // U+2C2F GLAGOLITIC CAPITAL LETTER CAUDATE CHI is Unicode 14: unassigned for Ruby 3.1.
  EXPECT_EQ(gfm_base_id("a\u2c2fb"), "ab");
  // Control: U+2C00 (Unicode 4.1) lowercases to U+2C30 and is kept.
  EXPECT_EQ(gfm_base_id("a\u2c00b"), "a\u2c30b");
}

TEST(HeadingId, InvalidUtf8BytesAreDroppedOneByOne) {
  // Ruby raises on invalid UTF-8 before any id exists; verity drops each bad byte and keeps
  // the rest, so a damaged header still gets the id of its readable part.
  // A, bad, B, space, truncated 2-byte lead, "(", truncated 3-byte, space, C, a surrogate.
  EXPECT_EQ(gfm_base_id("A\xff"
                        "B \xc3(\xe2\x82 C\xed\xa0\x80"),
            "ab--c");
  EXPECT_EQ(gfm_base_id(std::string("\xc0\xaf", 2)), "");
  EXPECT_EQ(gfm_base_id(std::string("x\0y", 3)), "xy");
}

TEST(HeadingId, PrefixIsPrependedEvenToAnEmptyBase) {
  EXPECT_EQ(gfm_ids({"\u201cQuoted\u201d Déjà", "!!!", "!!!"}, "p-"),
            (std::vector<std::string>{"p-quoted-déjà", "p-", "p--1"}));
}

TEST(KramdownId, ConverterAlgorithm) {
  // `1 Déjà Vu_x` inside <div markdown="1">: leading non-letters go, then non-ASCII and '_'.
  EXPECT_EQ(kramdown_base_id("1 Déjà Vu_x"), "dj-vux");
  EXPECT_EQ(kramdown_base_id("!!!"), "section");
  EXPECT_EQ(kramdown_base_id("日本語"), "section");
  EXPECT_EQ(kramdown_base_id("Tab\there  x-y 2"), "tabhere--x-y-2");
  // ^ is a line start: digits after a newline go too.
  EXPECT_EQ(kramdown_base_id("Ab\n12cd"), "abcd");
}

TEST(KramdownId, UsedIdsGetNumbersAndThePrefix) {
  HeadingIds ids("p-");
  EXPECT_EQ(ids.next_kramdown("Intro"), "p-intro");
  EXPECT_EQ(ids.next_kramdown("intro"), "p-intro-1");
  EXPECT_EQ(ids.next_kramdown("!!"), "p-section");
  EXPECT_EQ(ids.next_kramdown("INTRO"), "p-intro-2");
  EXPECT_EQ(ids.next_kramdown("1 !"), "p-section-1");
}

} // namespace
} // namespace verity::body

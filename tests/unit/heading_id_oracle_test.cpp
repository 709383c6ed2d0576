// Heading ids compared with the real kramdown 2.4.0 + kramdown-parser-gfm 1.1.0 on Ruby 3.1
// (Debian's jekyll package, installed by ci/install-deps). One ruby process per test: every
// header goes into one document, and the ids are read back from kramdown's HTML.
#include "body/heading_id.hpp"
#include "support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <string>
#include <vector>

namespace verity::body {
namespace {

// Header texts: the design note's vectors, then every piece of a generated set alone and
// between words (Latin, Greek, Cyrillic, CJK, Turkish, German, combining marks, other digits,
// No/Nl, punctuation, symbols, emoji, joiners, spaces, fullwidth forms, tabs, new code points).
std::vector<std::string> header_texts() {
  std::vector<std::string> texts{"About Us",
                                 "About Us",
                                 "About Us",
                                 "About-Us 1",
                                 "Déjà vu — ünïcode",
                                 "日本語の見出し",
                                 "İstanbul ǅ ß",
                                 "code() em link",
                                 "Link emph a  b",
                                 "Don\u2019t stop \u2013 now\u2026",
                                 "a\u2013b and c\u2014d",
                                 "cbrown \u2013> sbrown: \u2013unsafe-paths",
                                 "\u00abx\u00bb \u201cquoted\u201d \u2018single\u2019",
                                 "C++ & C# / Go?",
                                 "PHP $_REQUEST",
                                 "123 Numbers first",
                                 "Snake_case & CAPS",
                                 "Tab\there",
                                 "x_y and *star*",
                                 "!!!",
                                 "!!!",
                                 "Entity & \u00a9 A",
                                 "HTML inner",
                                 "Math x^2",
                                 "ＡＢＣ fullwidth ① ½ x²",
                                 "Hello  x"};
  const std::vector<std::string> pieces{"Ǆ",
                                        "ǅ",
                                        "ÀÉÎ",
                                        "ÅNGSTRÖM",
                                        "Ÿ",
                                        "Œuvre",
                                        "ﬁ",
                                        "ẞ",
                                        "\u212a",
                                        "\u212b",
                                        "ΣΑΣ",
                                        "Ὀδυσσεύς",
                                        "ΐ",
                                        "ᾼ",
                                        "\u2126",
                                        "Привет Мир",
                                        "Ѐ",
                                        "Ӂ",
                                        "中文标题",
                                        "한국어",
                                        "ひらがな",
                                        "カタカナ",
                                        "ｶﾀｶﾅ",
                                        "İ",
                                        "I",
                                        "ı",
                                        "Iğdır",
                                        "ŞEHİR",
                                        "Straße",
                                        "GRÜSSE",
                                        "Äpfel",
                                        "Երևան",
                                        "ᲛᲐᲠᲢᲘ",
                                        "Ꭰ",
                                        "\U00010400",
                                        "\U0001E900",
                                        "\u2c2f",
                                        "\ua7c0",
                                        "e\u0301",
                                        "a\u0308\u0323",
                                        "\u0301x",
                                        "x\u20dd",
                                        "क\u0903",
                                        "٣٤٥",
                                        "०१२",
                                        "１２３",
                                        "\U0001D7D8",
                                        "๓",
                                        "½",
                                        "²",
                                        "①",
                                        "⑴",
                                        "\U00010107",
                                        "Ⅻ",
                                        "ⅻ",
                                        "〇",
                                        "ↀ",
                                        "\U00010341",
                                        "‿",
                                        "⁀",
                                        "＿",
                                        "︳",
                                        "¡Hola!",
                                        "¿Qué?",
                                        "„Anführung“",
                                        "·",
                                        "•",
                                        "†",
                                        "§¶",
                                        "、。",
                                        "「」",
                                        "‹›",
                                        "\u2010",
                                        "\u2212",
                                        "\u2011",
                                        "©®™",
                                        "°C",
                                        "€100",
                                        "¥",
                                        "→",
                                        "∑",
                                        "√2",
                                        "♥★",
                                        "⌘",
                                        "\U0001F389",
                                        "\U0001F44D\U0001F3FD",
                                        "\U0001F468\u200d\U0001F469\u200d\U0001F467",
                                        "\U0001F1EB\U0001F1F7",
                                        "1\ufe0f\u20e3",
                                        "\u2764\ufe0f",
                                        "a\u200db",
                                        "a\u200cb",
                                        "فارسی\u200cها",
                                        "a\u00a0b",
                                        "a\u2003b",
                                        "a\u3000b",
                                        "a\u202fb",
                                        "a\u200bb",
                                        "a\u00adb",
                                        "a\u1680b",
                                        "ｘｙｚ",
                                        "！？",
                                        "＄",
                                        "a\t\tb",
                                        "a \t b",
                                        "שָׁלוֹם",
                                        "مرحبا",
                                        "สวัสดี",
                                        "नमस्ते",
                                        "ᠠ\u180b",
                                        "\U0001D400\U0001D401",
                                        "Ⓐⓑⓒ",
                                        "ᵃªº",
                                        "ˆ˜",
                                        "^`",
                                        "\u0378",
                                        "\ue000",
                                        "\U000F0000",
                                        "\ufdd0",
                                        "{{ x }}",
                                        "<b>&amp;</b>",
                                        "#1",
                                        "a\\b",
                                        "'\"",
                                        "--"};
  for (const auto& p : pieces) {
    texts.push_back(p);
    texts.push_back("Word " + p + " tail");
  }
  return texts;
}

// The header as Markdown that kramdown reduces back to exactly `text`: ASCII punctuation as
// numeric entities, so no markup, smart quote or typographic symbol can form.
std::string markdown_header(const std::string& text) {
  std::string line = "# ";
  for (unsigned char c : text) {
    bool punct = c < 0x80 && c > ' ' &&
                 !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
    if (punct)
      line += "&#" + std::to_string(c) + ";";
    else
      line += static_cast<char>(c);
  }
  return line + "\n\n";
}

// kramdown's ids, in document order, null for a header without one.
nlohmann::json kramdown_ids(const std::string& document, const std::string& prefix) {
  test::TempDir dir;
  test::write_file(dir.path() / "doc.md", document);
  const std::string script =
      "require 'kramdown'; require 'kramdown-parser-gfm'; require 'json'\n"
      "src = File.read(ARGV[0], encoding: 'UTF-8')\n"
      "html = Kramdown::Document.new(src, input: 'GFM', auto_id_prefix: ARGV[1]).to_html\n"
      "puts JSON.generate(html.scan(/<h1( id=\"([^\"]*)\")?>/).map { |m| m[1] })\n";
  auto r = util::run_process({"ruby", "-e", script, (dir.path() / "doc.md").string(), prefix},
                             dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out.empty() ? "[]" : r.out);
}

void expect_same_ids(const std::string& prefix, bool inside_div) {
  const auto texts = header_texts();
  std::string doc = inside_div ? "<div markdown=\"1\">\n\n" : "";
  for (const auto& t : texts)
    doc += markdown_header(t);
  if (inside_div)
    doc += "</div>\n";
  const nlohmann::json ids = kramdown_ids(doc, prefix);
  ASSERT_GE(texts.size(), 200u);
  ASSERT_EQ(ids.size(), texts.size());
  HeadingIds ours(prefix);
  size_t differ = 0;
  for (size_t i = 0; i < texts.size(); ++i) {
    std::string mine = inside_div ? ours.next_kramdown(texts[i]) : ours.next_gfm(texts[i]);
    std::string theirs = ids[i].is_null() ? "" : ids[i].get<std::string>();
    if (mine != theirs)
      ++differ;
    EXPECT_EQ(mine, theirs) << "header " << i << ": \"" << texts[i] << "\"";
  }
  EXPECT_EQ(differ, 0u);
}

TEST(HeadingIdOracle, GfmIdsEqualKramdownsOnEveryHeader) {
  REQUIRE_TOOL_OR_SKIP("ruby"); // Debian's jekyll package
  expect_same_ids("", false);
}

TEST(HeadingIdOracle, GfmIdsWithPrefixEqualKramdowns) {
  REQUIRE_TOOL_OR_SKIP("ruby"); // Debian's jekyll package
  expect_same_ids("p-", false);
}

TEST(HeadingIdOracle, ConverterIdsInsideMarkdownDivEqualKramdowns) {
  REQUIRE_TOOL_OR_SKIP("ruby"); // Debian's jekyll package
  expect_same_ids("", true);
}

// Every scalar value alone, as Ruby's generate_gfm_header_id pipeline turns it into a base id
// (downcase, \p{Word} filter, tr): Ruby prints the code points whose base is not empty.
TEST(HeadingIdOracle, EveryCodePointAloneMatchesRuby) {
  REQUIRE_TOOL_OR_SKIP("ruby"); // Debian's jekyll package
  const std::string script =
      "(0..0x10FFFF).each do |cp|\n"
      "  next if cp.between?(0xD800, 0xDFFF)\n"
      "  r = cp.chr(Encoding::UTF_8).downcase.gsub(/[^\\p{Word}\\- \\t]/, '').tr(\" \\t\", '-')\n"
      "  puts cp.to_s(16) + ' ' + r.unpack('U*').map { |c| c.to_s(16) }.join(',') unless r.empty?\n"
      "end\n";
  auto r = util::run_process({"ruby", "-e", script}, ".");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string ours;
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF)
      continue;
    std::string utf8;
    if (cp < 0x80) {
      utf8 += static_cast<char>(cp);
    } else if (cp < 0x800) {
      utf8 += static_cast<char>(0xC0 | (cp >> 6));
      utf8 += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      utf8 += static_cast<char>(0xE0 | (cp >> 12));
      utf8 += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      utf8 += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      utf8 += static_cast<char>(0xF0 | (cp >> 18));
      utf8 += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      utf8 += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      utf8 += static_cast<char>(0x80 | (cp & 0x3F));
    }
    std::string base = gfm_base_id(utf8);
    if (base.empty())
      continue;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%x ", static_cast<unsigned>(cp));
    ours += buf;
    // decode base back to hex code points
    bool first = true;
    for (size_t i = 0; i < base.size();) {
      auto b = static_cast<unsigned char>(base[i]);
      size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
      std::uint32_t c = len == 1 ? b : b & (0xFF >> (len + 1));
      for (size_t k = 1; k < len; ++k)
        c = (c << 6) | (static_cast<unsigned char>(base[i + k]) & 0x3F);
      std::snprintf(buf, sizeof buf, "%s%x", first ? "" : ",", static_cast<unsigned>(c));
      ours += buf;
      first = false;
      i += len;
    }
    ours += '\n';
  }
  ASSERT_GT(ours.size(), 100000u); // ~135k word code points: the loop really ran
  if (ours != r.out) {
    // Name the first code point that differs, not a megabyte of diff.
    size_t at = 0;
    while (at < ours.size() && at < r.out.size() && ours[at] == r.out[at])
      ++at;
    size_t line = ours.rfind('\n', at == 0 ? 0 : at - 1);
    line = line == std::string::npos ? 0 : line + 1;
    FAIL() << "first difference: ours \"" << ours.substr(line, 40) << "\" ruby \""
           << r.out.substr(line, 40) << "\"";
  }
}

} // namespace
} // namespace verity::body

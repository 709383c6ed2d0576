// The fast front-matter reader against yaml-cpp: whatever it accepts must convert to exactly what
// yaml-cpp's events give (value, source map, issues, refused and duplicate pointers), on
// hand-written shapes, on every document of the shared corpus, and on generated documents built
// to sit on the edges of its shape.
#include "frontmatter/framing.hpp"
#include "frontmatter/simple_yaml.hpp"
#include "frontmatter/yaml_to_json.hpp"
#include "support.hpp"

#include <gtest/gtest.h>

#include <random>

using namespace verity;
using namespace verity::frontmatter;
namespace fs = std::filesystem;

namespace {

std::string describe(const Conversion& c) {
  nlohmann::json issues = nlohmann::json::array();
  for (const auto& i : c.issues) {
    issues.push_back({i.rule, i.position.line, i.position.column, i.pointer, i.message});
  }
  return nlohmann::json{{"ok", c.ok},
                        {"value", c.value},
                        {"issues", issues},
                        {"refused", c.refused},
                        {"duplicates", c.duplicates}}
      .dump();
}

// True when the fast reader took `text`; fails the test when its conversion differs in anything.
bool same_as_yaml_cpp(const std::string& text, bool whole_file = false) {
  const bool fast = read_simple_yaml(text).has_value();
  Conversion mine = yaml_to_json(text, {}, whole_file);
  Conversion reference = detail::yaml_to_json_by_yaml_cpp(text, {}, whole_file);
  EXPECT_EQ(describe(mine), describe(reference)) << "input:\n" << text;
  EXPECT_TRUE(mine.map == reference.map) << "source maps differ for:\n" << text;
  EXPECT_EQ(mine.non_mapping_root, reference.non_mapping_root) << text;
  return fast;
}

} // namespace

TEST(SimpleYaml, TheUsualShapesAreReadFastAndAsYamlCppReadsThem) {
  const std::vector<std::string> taken = {
      "---\ntitle: Hello\n",
      "---\ntitle: \"A \\\"quoted\\\" \\u00e9 title\"\nexcerpt: 'it''s'\nheat: 51\n",
      "---   \nempty:\nnext: x # a comment\n\n# a line of comment\nlast:\n",
      "---\nprovider:\n  name: PowerApps911\n  domain: powerapps911.com\ntopics:\n  - Power Apps\n",
      "---\nimages:\n  - url: https://i.ytimg.com/vi/x/maxresdefault.jpg\n    width: 1280\n"
      "    height: 720\n    isCached: true\n  - url: b.png\nnext: 1\n",
      "---\ntags:\n- a\n- b\nafter: c\n",
      "---\na:\n  b:\n    c: deep\n  d: 1\ne: 2",
      "---\ndate: 2024-09-19 21:34:22 +0530\nflag: yes\non: off\nn: ~\nf: 1.5e3\nh: 0x1F\n",
      "---\nurl: https://example.org/a:b?c=d#frag\ntext: a#b, [c] {d}\nneg: -5\nq: ?x\n",
      "---\ndup: 1\ndup: 2\n",
      "---\nlist:\n  - 'one'\n  - \"two\"\n  -   three   # trailing\n",
      "---\nnested:\n  - a: 1\n    b:\n      - x\n      - y\n  - c: 3\n",
      "---\nunicode: \"\\u65e5\\u672c 日本 é\"\nkey with spaces: value with  spaces  \n",
      "title: a whole file\nlinks:\n  exclude:\n    - example.org\n",
      "---\nseq_in_item:\n  - a:\n    - x\n    - y\n",
      "---\n<<: merged\n",
      "---\ntitle: \"\"\nother: ''\n",
      "---\nprovider:\n  NULL: a null key, refused\n  ~: another\nv: Null\n",
      "---\r\ntitle: CRLF\r\nlist:\r\n  - a  \r\nempty:\r\n",
  };
  for (const auto& text : taken) {
    EXPECT_TRUE(same_as_yaml_cpp(text, text.rfind("---", 0) != 0)) << "not taken fast:\n" << text;
  }
}

TEST(SimpleYaml, OtherShapesAreLeftToYamlCpp) {
  const std::vector<std::string> declined = {
      "---\na: [1, 2]\n",
      "---\na: {b: 1}\n",
      "---\na: |\n  text\n",
      "---\na: >\n  text\n",
      "---\na: &x 1\nb: *x\n",
      "---\na: !!str 1\n",
      "---\na:\tb\n",
      "---\na: b\rc\n",
      "---\na: first\n  second\n",
      "---\na:\n  plain below\n",
      "---\n- a\n- b\n",
      "---\n\"quoted\": key\n",
      "---\na: \"open\n  close\"\n",
      "---\na: \"\\x41\"\n",
      "---\na: b: c\n",
      "---\n? a\n: b\n",
      "---\na: 1\n b: 2\n",
      "---\n  a: 1\n",
      "---\na:\n-\n",
      "---\n- - a\n",
      "--- a\n",
      "---\n%YAML 1.2\n",
      "---\na: 1\n---\nb: 2\n",
      "---\n",
      "---\na: \"x\" y\n",
      "---\na: 'x'y\n",
      "---\nkey : v\n",
      "---\na: ,b\n",
      "---\na: \xef\xbb\xbf\n",
      "---\na: \xc2\x85\n",
  };
  for (const auto& text : declined) {
    EXPECT_FALSE(read_simple_yaml(text).has_value()) << "taken fast:\n" << text;
    same_as_yaml_cpp(text);
  }
}

TEST(SimpleYaml, EveryDocumentOfTheSharedCorpusConvertsAsWithYamlCpp) {
  const fs::path corpus = test::source_dir().parent_path() / "shared/corpus/smartable-power-apps";
  if (!fs::exists(corpus)) {
    GTEST_SKIP() << "shared corpus not found at " << corpus << ": skipping";
  }
  size_t documents = 0;
  size_t fast = 0;
  for (const auto& entry : fs::recursive_directory_iterator(corpus)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".md") {
      continue;
    }
    std::string text = test::read_file(entry.path());
    Framing framing = frame(text);
    if (framing.status != FramingStatus::Ok) {
      continue;
    }
    ++documents;
    fast += same_as_yaml_cpp(text.substr(framing.yaml_offset, framing.yaml_length));
  }
  EXPECT_GE(documents, 800u);
  // The reader is for this shape: every document of the corpus takes the fast path (57 of them
  // with CRLF line ends).
  EXPECT_EQ(fast, documents) << fast << " of " << documents << " read fast";
}

namespace {

// A document near the edges of the fast reader's shape: keys, values with every character that
// ends or opens something in YAML, quotes and escapes, blank and comment lines, nesting by
// mappings and sequences at varied indents, and now and then a line that breaks the shape.
std::string generated_document(std::mt19937& rng) {
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  const std::vector<std::string> keys = {"title", "a",    "url",  "dup",  "x-y", "on", "k k",
                                         "é",     "-a",   "a:b",  "a#b",  "_",   "<<", "dup",
                                         "~",     "null", "NULL", "Null", "nulL"};
  const std::vector<std::string> values = {"plain",
                                           "two  words",
                                           "a:b",
                                           "a: b",
                                           "a #c",
                                           "a#c",
                                           "-5",
                                           "- x",
                                           "?q",
                                           ": x",
                                           "yes",
                                           "No",
                                           "~",
                                           "null",
                                           "1.5",
                                           "0x1F",
                                           "2024-01-02",
                                           "\"q\"",
                                           "\"a\\\"b\"",
                                           "\"\\u00e9\"",
                                           "\"\\x41\"",
                                           "\"\\/\\n\\t\"",
                                           "'s''q'",
                                           "'open",
                                           "\"open",
                                           "[a]",
                                           "{a: 1}",
                                           "&x v",
                                           "*x",
                                           "!t v",
                                           "|",
                                           ">",
                                           "a, b",
                                           "日本",
                                           "trailing   ",
                                           "\"x\" # c",
                                           "'x' y",
                                           "",
                                           "   ",
                                           "# only",
                                           "%x",
                                           "@x",
                                           "`x`",
                                           "a [b] {c}",
                                           "\"\"",
                                           "''",
                                           "http://x.y/z?a=b#c"};
  std::string out = pick(8) == 0 ? "" : "---\n";
  int depth_indent[6] = {0, 2, 4, 6, 8, 10};
  size_t lines = 1 + pick(12);
  int depth = 0;
  for (size_t i = 0; i < lines; ++i) {
    switch (pick(10)) {
    case 0:
      out += "\n";
      continue;
    case 1:
      out += std::string(pick(4), ' ') + "# comment\n";
      continue;
    default:
      break;
    }
    if (pick(3) == 0 && depth > 0) {
      depth -= 1 + static_cast<int>(pick(static_cast<size_t>(depth)));
    }
    int indent = depth_indent[depth] + (pick(15) == 0 ? 1 : 0);
    bool dash = depth > 0 && pick(3) == 0;
    std::string line(static_cast<size_t>(indent), ' ');
    if (dash) {
      line += pick(6) == 0 ? "-   " : "- ";
    }
    if (dash && pick(2) == 0) {
      line += values[pick(values.size())];
    } else {
      line += keys[pick(keys.size())];
      line += pick(20) == 0 ? " :" : ":";
      if (pick(3) == 0 && depth < 5) {
        ++depth; // the value is a block below
      } else {
        line += " " + values[pick(values.size())];
      }
    }
    if (pick(12) == 0) {
      line += "  # note";
    }
    out += line + "\n";
  }
  if (pick(6) == 0 && !out.empty() && out.back() == '\n') {
    out.pop_back(); // no final line break
  }
  if (pick(5) == 0) {
    std::string crlf; // Windows line ends, as 57 documents of the shared corpus have
    for (char c : out) {
      crlf += c == '\n' ? "\r\n" : std::string(1, c);
    }
    return crlf;
  }
  return out;
}

} // namespace

TEST(SimpleYaml, GeneratedDocumentsConvertAsWithYamlCpp) {
  std::mt19937 rng(20261203);
  size_t fast = 0;
  const size_t total = 30000;
  for (size_t i = 0; i < total && !HasFailure(); ++i) {
    fast += same_as_yaml_cpp(generated_document(rng));
  }
  // Both sides of the edge are exercised: many documents read fast, many left to yaml-cpp.
  EXPECT_GE(fast, total / 10) << fast;
  EXPECT_LE(fast, total * 9 / 10) << fast;
}

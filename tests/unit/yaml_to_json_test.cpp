#include "frontmatter/scalar_typing.hpp"
#include "frontmatter/yaml_to_json.hpp"

#include <gtest/gtest.h>

using namespace verity;
using namespace verity::frontmatter;

namespace {

std::vector<std::string> rule_ids(const Conversion& c) {
  std::vector<std::string> out;
  for (const auto& i : c.issues) {
    out.push_back(i.rule);
  }
  return out;
}

} // namespace

TEST(YamlToJson, TypesPlainScalarsOnlyAndKeepsQuotedAsStrings) {
  auto c = yaml_to_json("---\na: 82\nb: \"82\"\nc: true\nd: 'false'\ne: ~\nf: 1.5e3\ng: "
                        "2020-05-19T15:00:00Z\nh: |\n  12\ni: -7\nj: 99999999999999999999\n");
  ASSERT_TRUE(c.ok);
  EXPECT_EQ(c.value["a"], 82);
  EXPECT_TRUE(c.value["a"].is_number_integer());
  EXPECT_EQ(c.value["b"], "82");
  EXPECT_EQ(c.value["c"], true);
  EXPECT_EQ(c.value["d"], "false");
  EXPECT_TRUE(c.value["e"].is_null());
  EXPECT_DOUBLE_EQ(c.value["f"].get<double>(), 1500.0);
  EXPECT_EQ(c.value["g"], "2020-05-19T15:00:00Z");
  EXPECT_EQ(c.value["h"], "12\n");
  EXPECT_EQ(c.value["i"], -7);
  EXPECT_TRUE(c.value["j"].is_number_float());
  EXPECT_TRUE(c.issues.empty());
}

TEST(YamlToJson, SourceMapHasKeyAndValuePositionsInFileCoordinates) {
  auto c = yaml_to_json("---\ntitle: x\nimages:\n  - url: /a.png\n    width: 5\n");
  ASSERT_TRUE(c.ok);
  auto e = c.map.find("/images/0/width");
  EXPECT_EQ(e.key.line, 5);
  EXPECT_EQ(e.key.column, 5);
  EXPECT_EQ(e.value.line, 5);
  EXPECT_EQ(e.value.column, 12);
  EXPECT_EQ(c.map.find("/title").value.column, 8);
  // A pointer without an entry falls back to its nearest ancestor.
  EXPECT_EQ(c.map.find("/images/0/nope").value.line, 4);
}

TEST(YamlToJson, ColumnsCountCodePointsNotBytes) {
  auto c = yaml_to_json("---\ntitle: \"é\"\n\xC3\xA9t\xC3\xA9: 1\n");
  ASSERT_TRUE(c.ok);
  EXPECT_EQ(c.map.find("/\xC3\xA9t\xC3\xA9").value.column, 6);
}

TEST(YamlToJson, EmptyValueIsNullAtTheKeyLine) {
  auto c = yaml_to_json("---\na:\nb: 1\n");
  ASSERT_TRUE(c.ok);
  EXPECT_TRUE(c.value["a"].is_null());
  EXPECT_EQ(c.map.find("/a").value.line, 2);
}

TEST(YamlToJson, PointerTokensAreEscaped) {
  auto c = yaml_to_json("---\n\"a/b\": 1\n\"c~d\": 2\n");
  ASSERT_TRUE(c.ok);
  EXPECT_TRUE(c.map.contains("/a~1b"));
  EXPECT_TRUE(c.map.contains("/c~0d"));
}

TEST(YamlToJson, DuplicateKeyKeepsTheFirstAndReportsTheSecond) {
  auto c = yaml_to_json("---\na: 1\nb: 2\na: 3\n");
  ASSERT_TRUE(c.ok);
  EXPECT_EQ(c.value["a"], 1);
  ASSERT_EQ(rule_ids(c), std::vector<std::string>{"frontmatter/duplicate-key"});
  EXPECT_EQ(c.issues[0].position.line, 4);
}

TEST(YamlToJson, AnchorsAliasesMergeKeysAndTagsAreRefusedNeverExpanded) {
  auto c = yaml_to_json(
      "---\na: &x [1, 2]\nb: *x\nc:\n  <<: {k: 1}\nd: !!binary aGVsbG8=\ne: !!str 5\n");
  ASSERT_TRUE(c.ok);
  EXPECT_EQ(rule_ids(c), (std::vector<std::string>{"frontmatter/alias", "frontmatter/alias",
                                                   "frontmatter/alias", "frontmatter/alias"}));
  EXPECT_TRUE(c.value["b"].is_null()); // the alias is not expanded
  EXPECT_FALSE(c.value["c"].contains("k"));
  EXPECT_EQ(c.value["e"], "5");
  EXPECT_NE(std::find(c.refused.begin(), c.refused.end(), "/b"), c.refused.end());
}

TEST(YamlToJson, BillionLaughsIsRefusedWithoutExpansion) {
  std::string y = "---\na: &a [x, x, x, x, x, x, x, x, x]\n";
  for (char n = 'b'; n <= 'j'; ++n) {
    y += std::string(1, n) + ": &" + n + " [*" + char(n - 1) + ", *" + char(n - 1) + ", *" +
         char(n - 1) + "]\n";
  }
  auto c = yaml_to_json(y);
  EXPECT_GE(c.issues.size(), 10u);
  EXPECT_LT(c.value.dump().size(), 2000u);
}

// `a: [[...]]` with n brackets nests n + 1 containers (the root mapping is the first).
std::string nested(size_t brackets) {
  return "---\na: " + std::string(brackets, '[') + std::string(brackets, ']') + "\n";
}

TEST(YamlToJson, DepthLimitIsExactly64Containers) {
  // 64 levels (the default max_depth) are accepted; the 65th is frontmatter/limit, never a
  // yaml-error (which would mean the parser, not verity's limit, stopped it).
  auto at_limit = yaml_to_json(nested(63));
  EXPECT_TRUE(at_limit.ok);
  EXPECT_TRUE(at_limit.issues.empty());
  auto over = yaml_to_json(nested(64));
  EXPECT_FALSE(over.ok);
  ASSERT_EQ(rule_ids(over), std::vector<std::string>{"frontmatter/limit"});
  EXPECT_NE(over.issues[0].message.find("deeper than 64"), std::string::npos)
      << over.issues[0].message;
  EXPECT_EQ(over.issues[0].position.line, 2); // the line of `a:`
  // A configured limit moves the boundary with it.
  EXPECT_TRUE(yaml_to_json(nested(9), {10, 1 << 20}).ok);
  EXPECT_EQ(rule_ids(yaml_to_json(nested(10), {10, 1 << 20})),
            std::vector<std::string>{"frontmatter/limit"});
}

TEST(YamlToJson, DepthLimitIsAFindingNotACrash) {
  auto c = yaml_to_json(nested(100000));
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(rule_ids(c), std::vector<std::string>{"frontmatter/limit"});
}

TEST(YamlToJson, SyntaxErrorHasLineAndColumn) {
  auto c = yaml_to_json("---\na: 1\nb: [1, 2\nc: 3\n");
  EXPECT_FALSE(c.ok);
  ASSERT_EQ(rule_ids(c), std::vector<std::string>{"frontmatter/yaml-error"});
  EXPECT_GE(c.issues[0].position.line, 3);
}

TEST(YamlToJson, NonMappingRootIsAnError) {
  auto c = yaml_to_json("---\n- a\n- b\n");
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(rule_ids(c), std::vector<std::string>{"frontmatter/yaml-error"});
  EXPECT_TRUE(yaml_to_json("---\n").ok);
}

TEST(ScalarTyping, Yaml11ReadingsAreFlagged) {
  for (const char* s : {"yes", "No", "ON", "off", "y", "N", "082", "0x1F", "+5", "1_000", "1:20",
                        ".5", ".inf", ".NaN"}) {
    EXPECT_TRUE(yaml11_reading(s).has_value()) << s;
  }
  for (const char* s :
       {"hello", "82", "1.5", "2020-05-19", "true", "PT13M", "0", "-1", "1e3", "v1.2"}) {
    EXPECT_FALSE(yaml11_reading(s).has_value()) << s;
  }
}

TEST(ScalarTyping, AmbiguousPlainScalarsWarnAndStayStrings) {
  auto c = yaml_to_json("---\na: yes\nb: 082\nc: \"yes\"\n");
  ASSERT_TRUE(c.ok);
  EXPECT_EQ(c.value["a"], "yes");
  EXPECT_EQ(c.value["b"], "082");
  EXPECT_EQ(rule_ids(c),
            (std::vector<std::string>{"frontmatter/ambiguous-bool", "frontmatter/ambiguous-bool"}));
  EXPECT_EQ(c.issues[0].severity, Severity::Warning);
}

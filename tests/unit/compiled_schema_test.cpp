#include "frontmatter/loader.hpp"
#include "schema/compiled_schema.hpp"

#include <gtest/gtest.h>

using namespace verity;

namespace {

Findings check(const std::string& schema_json, const std::string& front_matter) {
  schema::CompiledSchema s(nlohmann::json::parse(schema_json));
  Findings out;
  Document doc = frontmatter::parse_document("---\n" + front_matter + "---\n", "d.md", {}, out);
  EXPECT_TRUE(doc.parsed);
  s.validate(doc, out);
  return out;
}

} // namespace

TEST(CompiledSchema, EachKeywordMapsToItsRuleWithPositionAndMessage) {
  auto f = check(R"({"type":"object","required":["title"],"additionalProperties":false,
      "properties":{"q":{"type":"integer"},"t":{"enum":["a","b"]},"p":{"type":"string","pattern":"^x"},
      "n":{"type":"integer","minimum":1},"l":{"type":"array","maxItems":1},"title":{"type":"string"}}})",
                 "q: \"82\"\nt: c\np: zed\nn: 0\nl: [1, 2]\nextra: 1\nmore: 2\n");
  std::map<std::string, const Finding*> by_rule;
  for (const auto& x : f) {
    by_rule[x.rule] = &x;
  }
  ASSERT_TRUE(by_rule.count("schema/type"));
  EXPECT_EQ(by_rule["schema/type"]->message,
            "q: expected integer, got string \"82\": remove the quotes");
  EXPECT_EQ(by_rule["schema/type"]->line, 2);
  EXPECT_EQ(by_rule["schema/type"]->column, 4);
  ASSERT_TRUE(by_rule.count("schema/enum"));
  EXPECT_EQ(by_rule["schema/enum"]->message,
            "t: string \"c\" is not one of the allowed values (a, b)");
  ASSERT_TRUE(by_rule.count("schema/pattern"));
  ASSERT_TRUE(by_rule.count("schema/minimum"));
  EXPECT_EQ(by_rule["schema/minimum"]->pointer, "/n");
  EXPECT_EQ(by_rule["schema/minimum"]->message, "n: 0 is less than the minimum 1");
  ASSERT_TRUE(by_rule.count("schema/maxItems"));
  ASSERT_TRUE(by_rule.count("schema/required"));
  EXPECT_EQ(by_rule["schema/required"]->line, 1);
  size_t unknown = 0;
  for (const auto& x : f) {
    unknown += x.rule == "schema/additionalProperties";
  }
  EXPECT_EQ(unknown, 2u);  // every unknown property, not only the first valijson names
  EXPECT_EQ(f.size(), 8u); // no wrapper errors on parents
}

TEST(CompiledSchema, NestedErrorsPointAtTheValue) {
  auto f =
      check(R"({"type":"object","properties":{"images":{"type":"array","items":{"type":"object",
      "required":["url"],"properties":{"url":{"type":"string"},"width":{"type":"integer"}}}}}})",
            "images:\n  - url: a\n    width: wide\n  - width: 3\n");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].rule, "schema/type");
  EXPECT_EQ(f[0].pointer, "/images/0/width");
  EXPECT_EQ(f[0].line, 4);
  EXPECT_EQ(f[1].rule, "schema/required");
  EXPECT_EQ(f[1].pointer, "/images/1");
  EXPECT_EQ(f[1].line, 5);
}

TEST(CompiledSchema, FormatsAreCheckedByVerityIncludingThroughRefs) {
  auto f = check(R"({"definitions":{"u":{"type":"string","format":"uri"}},"type":"object",
      "properties":{"web":{"$ref":"#/definitions/u"},"when":{"type":"string","format":"date-time"},
      "format":{"type":"string"}}})",
                 "web: not a uri\nwhen: 2020-02-30T00:00:00Z\nformat: anything\n");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].rule, "schema/format");
  EXPECT_EQ(f[1].rule, "schema/format");
}

TEST(CompiledSchema, LintRefusesSchemasThatWouldUnderValidate) {
  auto problems = schema::lint_schema(nlohmann::json::parse(
      R"({"properties":{"a":{"prefixItems":[]},"b":{"format":"colour"},"c":{"anyOf":[{"format":"uri"}]},
          "d":{"$ref":"other.json#/x"}}})"));
  ASSERT_EQ(problems.size(), 4u);
  EXPECT_EQ(problems[0].pointer, "/properties/a/prefixItems");
  EXPECT_THROW(schema::CompiledSchema(nlohmann::json::parse(R"({"unevaluatedProperties":false})")),
               schema::SchemaError);
  EXPECT_TRUE(
      schema::lint_schema(
          nlohmann::json::parse(
              R"({"$schema":"http://json-schema.org/draft-07/schema#","properties":{"format":{"type":"string"}}})"))
          .empty());
}

// _data files: each syntax Jekyll's DataReader parses, the line:col where parsing fails, and
// the shapes that are fine for Jekyll though not for front matter (a list root, aliases).
#include "content/data_file.hpp"

#include <gtest/gtest.h>

#include <string>

namespace verity {
namespace {

struct Where {
  std::string rule;
  int line;
  int column;
};

std::vector<Where> where(const Findings& findings) {
  std::vector<Where> out;
  for (const auto& f : findings) {
    out.push_back({f.rule, f.line, f.column});
  }
  return out;
}

TEST(DataFile, NamesDataReaderParses) {
  for (const char* yes :
       {"_data/a.yml", "_data/b.YAML", "_data/x/c.json", "_data/d.csv", "_data/e.tsv"}) {
    EXPECT_TRUE(content::is_data_file_name(yes)) << yes;
  }
  for (const char* no : {"_data/a.md", "_data/yml", "_data/.yml", "_data/a.yml.bak", ""}) {
    EXPECT_FALSE(content::is_data_file_name(no)) << no;
  }
}

TEST(DataFile, ValidFilesOfEachKindHaveNoFinding) {
  EXPECT_TRUE(content::check_data_file("_data/a.yml", "- a\n- b\n").empty());       // a list root
  EXPECT_TRUE(content::check_data_file("_data/a.yml", "x: &a 1\ny: *a\n").empty()); // aliases
  EXPECT_TRUE(content::check_data_file("_data/a.yml", "").empty());
  EXPECT_TRUE(content::check_data_file("_data/a.json", "{\"a\": [1, 2, {\"b\": null}]}").empty());
  EXPECT_TRUE(
      content::check_data_file("_data/a.csv", "name,say\nann,\"hi, \"\"you\"\"\"\n").empty());
  EXPECT_TRUE(content::check_data_file("_data/a.tsv", "name\tsay\nann\t\"a\tb\"\n").empty());
}

TEST(DataFile, YamlSyntaxErrorAtItsLine) {
  Findings f = content::check_data_file("_data/a.yml", "a: 1\nb: [1, 2\nc: 3\n");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "site/data-syntax");
  EXPECT_EQ(f[0].file, "_data/a.yml");
  EXPECT_GE(f[0].line, 2);
}

TEST(DataFile, YamlDuplicateKeyKeepsItsOwnRule) {
  Findings f = content::check_data_file("_data/a.yml", "a: 1\na: 2\n");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "frontmatter/duplicate-key");
  EXPECT_EQ(f[0].line, 2);
}

TEST(DataFile, JsonErrorAtLineAndColumn) {
  Findings f = content::check_data_file("_data/a.json", "{\n  \"a\": 1,\n  \"b\" 2\n}\n");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "site/data-syntax");
  EXPECT_EQ(f[0].line, 3);
  EXPECT_EQ(f[0].column, 7); // the `2` where a ':' was expected
  EXPECT_NE(f[0].message.find("JSON"), std::string::npos);
}

TEST(DataFile, DeepJsonIsRefusedWithoutRecursion) {
  std::string deep(100000, '[');
  Findings f = content::check_data_file("_data/a.json", deep);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].message.find("deeper than"), std::string::npos);
  // 256 levels are fine (the boundary).
  EXPECT_TRUE(
      content::check_data_file("_data/b.json", std::string(256, '[') + std::string(256, ']'))
          .empty());
  EXPECT_EQ(content::check_data_file("_data/c.json", std::string(257, '[') + std::string(257, ']'))
                .size(),
            1u);
}

TEST(DataFile, CsvErrorsAsRubysCsvRaisesThem) {
  auto unclosed = where(content::check_data_file("_data/a.csv", "a,b\n1,\"open\n2,3\n"));
  ASSERT_EQ(unclosed.size(), 1u);
  EXPECT_EQ(unclosed[0].rule, "site/data-syntax");
  EXPECT_EQ(unclosed[0].line, 2);
  EXPECT_EQ(unclosed[0].column, 3);

  auto illegal = where(content::check_data_file("_data/a.csv", "a,b\n1,x\"y\n"));
  ASSERT_EQ(illegal.size(), 1u);
  EXPECT_EQ(illegal[0].line, 2);
  EXPECT_EQ(illegal[0].column, 4);

  auto after = where(content::check_data_file("_data/a.csv", "a,b\n\"q\"z,1\n"));
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].line, 2);
  EXPECT_EQ(after[0].column, 4);
}

} // namespace
TEST(DataFile, CsvCellsKeepTheirTextAndOffset) {
  content::CsvTable t = content::read_csv("a,b\r\n\"x, \"\"y\"\"\",/p\r\n\nlast", ',');
  ASSERT_FALSE(t.error);
  ASSERT_EQ(t.rows.size(), 4u);
  ASSERT_EQ(t.rows[1].size(), 2u);
  EXPECT_EQ(t.rows[1][0].value, "x, \"y\"");
  EXPECT_EQ(t.rows[1][0].offset, 5u); // the opening quote
  EXPECT_EQ(t.rows[1][1].value, "/p");
  EXPECT_EQ(t.rows[1][1].offset, 16u);
  EXPECT_EQ(t.rows[3][0].value, "last"); // no final line break
  content::CsvTable tsv = content::read_csv("n\tlink\nx\t/d\n", '\t');
  ASSERT_EQ(tsv.rows.size(), 2u);
  EXPECT_EQ(tsv.rows[1][1].value, "/d");
  content::CsvTable bad = content::read_csv("a,b\nx\"y\n", ',');
  ASSERT_TRUE(bad.error);
  EXPECT_EQ(bad.error->first, 5u);
  content::CsvTable open = content::read_csv("a\n\"never closed\n", ',');
  ASSERT_TRUE(open.error);
  EXPECT_EQ(open.error->first, 2u);
}

} // namespace verity

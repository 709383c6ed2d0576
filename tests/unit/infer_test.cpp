// Schema inference (src/infer/): exact schemas for collections of known shape, YAML that reads
// back as the same schema, schemas that validate their own documents, and the outliers.
#include "frontmatter/loader.hpp"
#include "frontmatter/yaml_to_json.hpp"
#include "infer/inferred_schema.hpp"
#include "infer/outliers.hpp"
#include "infer/schema_yaml.hpp"
#include "schema/compiled_schema.hpp"

#include <gtest/gtest.h>

#include <map>

using namespace verity;
using nlohmann::json;

namespace {

Document parse(const std::string& front_matter, const std::string& name = "d.md") {
  Findings out;
  Document doc = frontmatter::parse_document("---\n" + front_matter + "---\nbody\n", name, {}, out);
  EXPECT_TRUE(doc.parsed) << front_matter;
  return doc;
}

// Twelve documents of a collection with every shape inference knows.
std::vector<std::string> twelve_documents() {
  std::vector<std::string> docs;
  const char* kinds[] = {"video", "article", "course", "video"};
  for (int i = 0; i < 12; ++i) {
    std::string d = "title: Post " + std::to_string(i) + "\n";
    d += "date: 2020-05-" + std::string(i < 9 ? "0" : "") + std::to_string(i + 1) + "T15:00:00Z\n";
    if (i < 10) {
      d += "length: PT" + std::to_string(i + 1) + "M\n";
    }
    d += "kind: " + std::string(kinds[i % 4]) + "\n";
    d += "rating: " + std::to_string(i) + "\n";
    d += std::string("score: ") + (i % 2 ? "2.5" : "1") + "\n";
    d += "tags: [a, b" + std::to_string(i) + "]\n";
    d += "images:\n  - url: https://img.example/" + std::to_string(i) + ".png\n    width: 10\n";
    d += std::string("subtitle: ") + (i == 3 ? "" : "Sub") + "\n";
    d += "provider:\n  name: P\n" + std::string(i < 6 ? "  domain: p.example\n" : "");
    docs.push_back(d);
  }
  return docs;
}

infer::Observer observe(const std::vector<std::string>& docs) {
  infer::Observer o;
  for (const auto& d : docs) {
    o.add(parse(d).data);
  }
  return o;
}

json as_json(const infer::InferredSchema& s) {
  return json::parse(s.to_json().dump());
}

} // namespace

TEST(InferSchema, KnownShapesGiveTheExactSchema) {
  infer::InferredSchema s = infer::infer_schema("posts", observe(twelve_documents()), {});
  json expected = json::parse(R"({
    "$schema": "http://json-schema.org/draft-07/schema#",
    "title": "posts",
    "type": "object",
    "required": ["date", "images", "kind", "provider", "rating", "score", "subtitle", "tags", "title"],
    "properties": {
      "date": {"type": "string", "format": "date-time"},
      "images": {"type": "array", "items": {
        "type": "object", "required": ["url", "width"],
        "properties": {"url": {"type": "string", "format": "uri"},
                       "width": {"type": "integer", "minimum": 0}}}},
      "kind": {"type": "string", "enum": ["article", "course", "video"]},
      "length": {"type": "string", "format": "duration"},
      "provider": {"type": "object", "required": ["name"], "properties": {
        "domain": {"type": "string", "enum": ["p.example"]},
        "name": {"type": "string", "enum": ["P"]}}},
      "rating": {"type": "integer", "minimum": 0},
      "score": {"type": "number", "minimum": 0},
      "subtitle": {"type": ["null", "string"], "enum": ["Sub", null]},
      "tags": {"type": "array", "items": {"type": "string"}},
      "title": {"type": "string"}
    }
  })");
  EXPECT_EQ(as_json(s), expected) << as_json(s).dump(2);
  EXPECT_EQ(s.documents, 12u);
}

TEST(InferSchema, TheSchemaValidatesEveryDocumentItWasLearntFrom) {
  std::vector<std::string> docs = twelve_documents();
  infer::InferredSchema s = infer::infer_schema("posts", observe(docs), {});
  schema::CompiledSchema compiled(as_json(s));
  for (const auto& d : docs) {
    Findings out;
    compiled.validate(parse(d), out);
    EXPECT_TRUE(out.empty()) << d << (out.empty() ? "" : out.front().message);
  }
  // Positive control: the schema does reject what none of its documents does.
  Findings out;
  compiled.validate(parse("title: 3\ndate: yesterday\nkind: podcast\n"), out);
  std::map<std::string, int> rules;
  for (const auto& f : out) {
    ++rules[f.rule];
  }
  EXPECT_EQ(rules["schema/type"], 1);
  EXPECT_EQ(rules["schema/format"], 1);
  EXPECT_EQ(rules["schema/enum"], 1);
  EXPECT_EQ(rules["schema/required"], 6) << "one per missing property";
}

TEST(InferSchema, YamlReadsBackAsTheSameSchemaWithEvidenceBesideEachProperty) {
  infer::InferredSchema s = infer::infer_schema("posts", observe(twelve_documents()), {});
  std::string yaml = infer::to_yaml(s, {"header line", "second"});
  EXPECT_EQ(yaml.rfind("# header line\n# second\n$schema: ", 0), 0u) << yaml;
  EXPECT_NE(yaml.find("\n  length: # present in 10/12; string 10; every string is duration\n"
                      "    type: string\n    format: duration\n"),
            std::string::npos)
      << yaml;
  EXPECT_NE(yaml.find("\n  subtitle: # present in 12/12; string 11, null 1; 1 distinct\n"
                      "    type: [\"null\", string]\n    enum:\n      - Sub\n      - null\n"),
            std::string::npos)
      << yaml;
  EXPECT_NE(yaml.find("\n  kind: # present in 12/12; string 12; 3 distinct\n"), std::string::npos);
  EXPECT_NE(yaml.find("\n    items: # 12 items in 12 arrays; object 12\n"), std::string::npos)
      << yaml;
  frontmatter::Conversion back = frontmatter::yaml_to_json(yaml);
  ASSERT_TRUE(back.ok) << yaml;
  EXPECT_EQ(back.value, as_json(s));
  // Deterministic: the same documents in another order give the same bytes.
  std::vector<std::string> reversed = twelve_documents();
  std::reverse(reversed.begin(), reversed.end());
  EXPECT_EQ(infer::to_yaml(infer::infer_schema("posts", observe(reversed), {}),
                           {"header line", "second"}),
            yaml);
}

TEST(InferSchema, EnumNeedsFewValuesEachRepeated) {
  auto schema_of = [](size_t distinct, size_t documents, size_t enum_max) {
    infer::Observer o({enum_max, 64, 500, 32});
    for (size_t i = 0; i < documents; ++i) {
      o.add(json{{"k", "v" + std::to_string(i % distinct)}});
    }
    infer::InferOptions options;
    options.enum_max = enum_max;
    return as_json(infer::infer_schema("t", o, options))["properties"]["k"];
  };
  EXPECT_EQ(schema_of(10, 30, 10)["enum"].size(), 10u); // at both limits
  EXPECT_FALSE(schema_of(11, 33, 10).contains("enum")); // one value too many
  EXPECT_FALSE(schema_of(4, 11, 10).contains("enum"));  // 11 < 3 x 4: too few repeats
  EXPECT_EQ(schema_of(4, 12, 10)["enum"].size(), 4u);   // 12 = 3 x 4
  EXPECT_FALSE(schema_of(2, 30, 0).contains("enum"));   // --enum-max 0: none
  // A place that also holds numbers gets no enum (it would reject them).
  infer::Observer mixed;
  for (int i = 0; i < 9; ++i) {
    mixed.add(json{{"k", i == 0 ? json(3) : json("a")}});
  }
  json k = as_json(infer::infer_schema("t", mixed, {}))["properties"]["k"];
  EXPECT_FALSE(k.contains("enum"));
  EXPECT_EQ(k["type"], json::parse(R"(["integer", "string"])"));
}

TEST(InferSchema, RequiredRatioAndStrict) {
  infer::InferOptions options;
  options.required_ratio = 0.8; // length is in 10/12
  options.strict = true;
  json s = as_json(infer::infer_schema("posts", observe(twelve_documents()), options));
  std::vector<std::string> required = s["required"];
  EXPECT_NE(std::find(required.begin(), required.end(), "length"), required.end());
  EXPECT_EQ(s["additionalProperties"], false);
  EXPECT_EQ(s["properties"]["provider"]["additionalProperties"], false);
  options.required_ratio = 0.9; // 10/12 < 0.9
  s = as_json(infer::infer_schema("posts", observe(twelve_documents()), options));
  required = s["required"].get<std::vector<std::string>>();
  EXPECT_EQ(std::find(required.begin(), required.end(), "length"), required.end());
}

TEST(InferSchema, FormatsOnlyWhenEveryStringPasses) {
  auto format_of = [](std::vector<std::string> values) {
    infer::Observer o;
    for (const auto& v : values) {
      o.add(json{{"f", v}});
    }
    json p = as_json(infer::infer_schema("t", o, {}))["properties"]["f"];
    return p.value("format", "");
  };
  EXPECT_EQ(format_of({"2020-01-01", "2021-12-31"}), "date");
  EXPECT_EQ(format_of({"2020-01-01", "2021-02-30"}), ""); // an impossible day
  EXPECT_EQ(format_of({"ada@garden.example", "bo@x.example"}), "email");
  EXPECT_EQ(format_of({"https://a.example/x", "/assets/y.png"}), "uri-reference");
  EXPECT_EQ(format_of({"https://a.example/x", "Free"}), ""); // a word is no reference to adopt
  EXPECT_EQ(format_of({"PT1H", "P2D"}), "duration");
  EXPECT_EQ(format_of({"PT1H", "2 hours"}), "");
}

TEST(YamlScalar, PlainOnlyWhenYamlReadsItAsThatString) {
  for (std::string s : {"title", "date-time", "_x", "a1", "schemas/news.schema.yaml"}) {
    EXPECT_EQ(infer::yaml_scalar(s), s);
  }
  for (std::string s :
       {"null", "Yes", "off", "N", "1.0", "a b", "-x", "with:colon", "", "é", "#c", "line\nbreak",
        "quote\"d", "nel\u0085x", "ls\u2028x", "rlo\u202ex", "del\x7fx", "csi\u009bx"}) {
    std::string written = infer::yaml_scalar(s);
    EXPECT_EQ(written.front(), '"') << s;
    for (unsigned char c : written) { // nothing a YAML 1.1 reader or a terminal acts on (é is
      EXPECT_TRUE((c >= 0x20 && c < 0x7f) || s == "é") << s << " -> " << written; // only text)
    }
    frontmatter::Conversion back = frontmatter::yaml_to_json("k: " + written + "\n");
    ASSERT_TRUE(back.ok) << written;
    EXPECT_EQ(back.value["k"], s);
  }
}

namespace {

infer::Sample sample(const std::string& file, const std::string& front_matter) {
  Document d = parse(front_matter, file);
  return {file, d.data, d.map, std::nullopt};
}

} // namespace

TEST(Outliers, EachKindNamesTheDocumentAndItsLine) {
  std::vector<infer::Sample> samples;
  for (int i = 0; i < 20; ++i) {
    std::string name = "d" + std::string(i < 10 ? "0" : "") + std::to_string(i) + ".md";
    std::string fm = "title: T\nheat: " + std::to_string(i) + "\nlength: PT" +
                     std::to_string(i + 1) + "M\nurl: https://x.example/" + std::to_string(i) +
                     "\n";
    if (i == 3)
      fm = "title: T\nheat: \"82\"\nlength: PT4M\nurl: https://x.example/3\n";
    if (i == 5)
      fm = "title: T\nheat: 5\nlength: 2 hours\nurl: https://x.example/5\n";
    if (i == 7)
      fm = "title: T\nheat: 7\nlength: P5M\nurl: https://x.example/7\n";
    if (i == 9)
      fm = "title: T\nheat: 9\nlength: PT1M\nurl: /relative/9\n";
    if (i == 11)
      fm = "tittle: T\nheat: 11\nlength: PT1M\nurl: https://x.example/11\n";
    samples.push_back(sample(name, fm));
  }
  infer::Observer o;
  for (const auto& s : samples) {
    o.add(s.data);
  }
  std::vector<infer::Outlier> out = infer::find_outliers(o, samples);
  ASSERT_EQ(out.size(), 6u);
  auto expect = [&](size_t i, const char* file, int line, int col, infer::OutlierKind kind,
                    const std::string& message) {
    EXPECT_EQ(out[i].file, file);
    EXPECT_EQ(out[i].position.line, line) << out[i].message;
    EXPECT_EQ(out[i].position.column, col) << out[i].message;
    EXPECT_EQ(out[i].kind, kind) << out[i].message;
    EXPECT_EQ(out[i].message, message);
  };
  expect(0, "d03.md", 3, 7, infer::OutlierKind::Type,
         "heat is a string (\"82\") where 19/20 siblings hold an integer");
  expect(1, "d05.md", 4, 9, infer::OutlierKind::Shape,
         "length is \"2 hours\", free text, where 18/20 siblings hold an ISO 8601 duration in "
         "time units (PT…)");
  expect(2, "d07.md", 4, 9, infer::OutlierKind::Shape,
         "length is \"P5M\", an ISO 8601 duration in date units (P…Y/M/W/D: P5M is five months), "
         "where 18/20 siblings hold an ISO 8601 duration in time units (PT…)");
  expect(3, "d09.md", 5, 6, infer::OutlierKind::Shape,
         "url is \"/relative/9\", a site path (/...), where 19/20 siblings hold an absolute URL");
  expect(4, "d11.md", 1, 1, infer::OutlierKind::Missing, "no `title`, which 19/20 siblings have");
  expect(5, "d11.md", 2, 1, infer::OutlierKind::Spelling,
         "tittle is in 1/20 siblings, while 19 have `title`: a misspelling?");
  EXPECT_EQ(out[4].pointer, "/title");
  EXPECT_EQ(out[1].agreeing, 18u);
  EXPECT_EQ(out[1].siblings, 20u);
}

TEST(Outliers, TooFewSiblingsOrNoDominantPatternGiveNone) {
  std::vector<infer::Sample> samples;
  for (int i = 0; i < 9; ++i) { // below the 10 siblings that must agree
    samples.push_back(sample("d" + std::to_string(i) + ".md",
                             i == 0 ? "heat: x\n" : "heat: " + std::to_string(i) + "\n"));
  }
  infer::Observer o;
  for (const auto& s : samples) {
    o.add(s.data);
  }
  EXPECT_TRUE(infer::find_outliers(o, samples).empty());
  // Ten siblings, 8 against 2: 80% is no pattern to break.
  samples.clear();
  infer::Observer o2;
  for (int i = 0; i < 10; ++i) {
    samples.push_back(sample("d" + std::to_string(i) + ".md",
                             i < 2 ? "heat: x\n" : "heat: " + std::to_string(i) + "\n"));
    o2.add(samples.back().data);
  }
  EXPECT_TRUE(infer::find_outliers(o2, samples).empty());
}

TEST(Outliers, AValueFromDefaultsPointsAtConfig) {
  std::vector<infer::Sample> samples;
  infer::Observer o;
  for (int i = 0; i < 10; ++i) {
    infer::Sample s = sample("p" + std::to_string(i) + ".md", "title: T\n");
    if (i == 4) {
      s.defaults = DefaultValues{json{{"layout", 3}}, "_config.yml", {{"/layout", {12, 7}}}};
      s.data["layout"] = 3;
    } else {
      s.data["layout"] = "post";
      s.map.add("/layout", {{2, 1}, {2, 9}});
    }
    o.add(s.data);
    samples.push_back(std::move(s));
  }
  std::vector<infer::Outlier> out = infer::find_outliers(o, samples);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].file, "_config.yml");
  EXPECT_EQ(out[0].document, "p4.md");
  EXPECT_EQ(out[0].position.line, 12);
  EXPECT_EQ(out[0].position.column, 7);
  EXPECT_NE(out[0].message.find("comes from `defaults` in _config.yml, for p4.md"),
            std::string::npos);
}

TEST(Observer, MergingSharesGivesWhatOneObserverSees) {
  std::vector<std::string> docs = twelve_documents();
  // A place whose distinct values pass the cap only in the union of the shares (6 + 6 > 10).
  for (size_t i = 0; i < docs.size(); ++i) {
    docs[i] += "code: c" + std::to_string(i) + "\n";
  }
  infer::Observer whole = observe(docs);
  for (size_t split : {size_t{1}, size_t{5}, size_t{6}, size_t{11}}) {
    infer::Observer first, second;
    for (size_t i = 0; i < docs.size(); ++i) {
      (i < split ? first : second).add(parse(docs[i]).data);
    }
    infer::Observer merged;
    merged.merge(first);
    merged.merge(second);
    EXPECT_EQ(infer::to_yaml(infer::infer_schema("posts", merged, {}), {}),
              infer::to_yaml(infer::infer_schema("posts", whole, {}), {}))
        << "split at " << split;
    EXPECT_TRUE(merged.root().property("code")->too_many_distinct) << split;
    EXPECT_EQ(merged.documents(), 12u);
  }
}

TEST(Observer, AMappingWithTooManyKeysIsNotDescribed) {
  infer::Observer o({10, 64, 3, 32}); // at most 3 names per place
  o.add(json{{"m", {{"a", 1}, {"b", 2}}}, {"t", "x"}});
  o.add(json{{"m", {{"c", 1}, {"d", 2}}}, {"t", "y"}});
  const infer::Place* m = o.root().property("m");
  ASSERT_NE(m, nullptr);
  EXPECT_TRUE(m->too_many_properties);
  EXPECT_TRUE(m->properties.empty());
  infer::InferOptions strict;
  strict.strict = true;
  json s = as_json(infer::infer_schema("t", o, strict));
  EXPECT_FALSE(s["properties"]["m"].contains("additionalProperties")) << s.dump();
  EXPECT_EQ(s["additionalProperties"], false); // the root has 2 names: described and closed
}

TEST(InferSchema, ANameLongerThanYamlsImplicitKeyLimitStillReadsBack) {
  // YAML readers refuse an implicit key over 1024 characters; such a name is written as `? key`.
  for (size_t length : {size_t(990), size_t(1000), size_t(1001), size_t(3000)}) {
    std::string name(length, 'n');
    infer::Observer o;
    o.add(json{{name, json{{"inner", 1}}}, {"title", "t"}});
    o.add(json{{name, json{{"inner", 2}}}, {"title", "u"}});
    infer::InferredSchema s = infer::infer_schema("long", o, {});
    std::string yaml = infer::to_yaml(s, {});
    EXPECT_EQ(yaml.find("? " + name) != std::string::npos, length > 1000) << length;
    frontmatter::Conversion back = frontmatter::yaml_to_json(yaml);
    ASSERT_TRUE(back.ok) << length;
    EXPECT_EQ(back.value, as_json(s)) << length;
    EXPECT_EQ(back.value["properties"][name]["properties"]["inner"]["type"], "integer");
  }
}

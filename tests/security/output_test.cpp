// Safe text (issue 11, section 5): input that carries terminal escapes, bidi overrides or line
// breaks followed by a GitHub workflow command (`::error file=...`) is printed escaped in the
// text and Markdown reports, in log lines and in the CLI's error messages; a finding is one
// line; SARIF URIs are percent-encoded and the JSON report keeps file names as they are.
#include "support.hpp"
#include "util/printable.hpp"

#include <algorithm>
#include <sstream>

namespace verity::test {
namespace {

const std::string k_injection = "\n::error file=x::pwned";
const std::string k_osc = "\x1b]0;pwned\x07"; // sets the terminal title, rings the bell
const std::string k_rlo = "\xE2\x80\xAE";     // U+202E RIGHT-TO-LEFT OVERRIDE
const std::string k_csi_c1 = "\xC2\x9B"
                             "31m"; // U+009B, the 8-bit CSI

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    out.push_back(line);
  }
  return out;
}

// The lines of `text` that a CI runner would read as a workflow command.
size_t command_lines(const std::string& text) {
  auto all = lines(text);
  return static_cast<size_t>(std::count_if(
      all.begin(), all.end(), [](const std::string& l) { return l.rfind("::", 0) == 0; }));
}

// True when `text` holds none of the raw characters printable() escapes.
bool free_of_controls(const std::string& text) {
  for (unsigned char c : text) {
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
      return false;
    }
  }
  return text.find(k_rlo) == std::string::npos && text.find("\xC2\x9B") == std::string::npos;
}

// A site whose documents put the hostile strings in a key, a value and a file name; the schema
// turns each into a finding that quotes it.
class HostileText : public ::testing::Test {
protected:
  void SetUp() override {
    write_file(m_dir.path() / "verity.yaml", "version: 1\nrules:\n  schema/none: off # not what this test is about\ncollections:\n  pages:\n"
                                             "    paths: [\"*.md\"]\n"
                                             "    schema: page.schema.yaml\n");
    write_file(m_dir.path() / "page.schema.yaml",
               "type: object\nadditionalProperties: false\n"
               "properties:\n  title: {type: string}\n  kind: {enum: [a, b]}\n");
    // YAML double-quoted escapes carry the raw bytes into the parsed key and value.
    write_file(m_dir.path() / "key.md",
               "---\ntitle: t\n\"evil\\n::error file=x::pwned\\e]0;pwned\\a\": 1\n---\n");
    write_file(m_dir.path() / "value.md",
               "---\ntitle: t\nkind: \"c\\n::error file=x::pwned\\u202e\\x9b31m\"\n---\n");
    write_file(m_dir.path() / ("name" + k_injection + k_osc + k_rlo + ".md"),
               "---\ntitle: t\nextra: 1\n---\n");
  }

  RunResult check(const std::string& format) {
    return run_verity({"check", "--format", format, "--color", "never"}, m_dir.path());
  }

  TempDir m_dir;
};

TEST(Printable, EscapesControlsBidiAndBadBytesAndKeepsTheRest) {
  using util::printable;
  EXPECT_EQ(printable("plain text, tab\there, \\d+ and caf\xC3\xA9"),
            "plain text, tab\there, \\d+ and caf\xC3\xA9");
  EXPECT_EQ(printable("a\nb\rc"), "a\\x0ab\\x0dc");
  EXPECT_EQ(printable(k_osc), "\\x1b]0;pwned\\x07");
  EXPECT_EQ(printable("del\x7f"), "del\\x7f");
  EXPECT_EQ(printable(k_csi_c1), "\\u009b31m");
  EXPECT_EQ(printable("\xC2\x85"), "\\u0085"); // NEL, a line break to some viewers
  EXPECT_EQ(printable(k_rlo + "txt.exe"), "\\u202etxt.exe");
  // Every bidi control of the range, and both ends of each range exactly.
  EXPECT_EQ(printable("\xE2\x80\xAA\xE2\x80\xAE\xE2\x81\xA6\xE2\x81\xA9"),
            "\\u202a\\u202e\\u2066\\u2069");
  EXPECT_EQ(printable("\xE2\x80\xA8\xE2\x80\xA9"), "\\u2028\\u2029");
  // Just outside the ranges: kept (U+2027, U+202F, U+2065 unassigned, U+206A, U+00A0).
  std::string neighbours = "\xE2\x80\xA7\xE2\x80\xAF\xE2\x81\xA5\xE2\x81\xAA\xC2\xA0";
  EXPECT_EQ(printable(neighbours), neighbours);
  // Invalid UTF-8: a lone continuation byte, a truncated sequence, an overlong '/'.
  EXPECT_EQ(printable("a\x80z"), "a\\x80z");
  EXPECT_EQ(printable("\xE2\x80"), "\\xe2\\x80");
  EXPECT_EQ(printable("\xC0\xAF"), "\\xc0\\xaf");
  EXPECT_EQ(printable(std::string("nul\0x", 5)), "nul\\x00x");
  EXPECT_TRUE(util::is_printable("ordinary"));
  EXPECT_FALSE(util::is_printable("bell\x07"));
}

TEST_F(HostileText, TheTextReportIsOneLinePerFindingAndStartsNoCommand) {
  RunResult json = check("json");
  ASSERT_EQ(json.exit_code, 1) << json.out << json.err;
  size_t findings = json.json()["findings"].size();
  ASSERT_EQ(findings, 3u) << json.out; // the key, the value, the file name's extra key

  RunResult text = check("text");
  EXPECT_EQ(text.exit_code, 1);
  // One line per finding, the collections table (a header and the one collection), the summary.
  EXPECT_EQ(lines(text.out).size(), findings + 2 + 1) << text.out;
  EXPECT_EQ(command_lines(text.out), 0u) << text.out;
  EXPECT_EQ(command_lines(text.err), 0u) << text.err;
  EXPECT_TRUE(free_of_controls(text.out)) << text.out;
  EXPECT_TRUE(free_of_controls(text.err)) << text.err;
  // The hostile text is still there for a reader, escaped.
  EXPECT_NE(text.out.find("\\x0a::error file=x::pwned"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("\\x1b]0;pwned\\x07"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("\\u202e"), std::string::npos) << text.out;
}

TEST_F(HostileText, TheMarkdownReportStartsNoCommandAndHoldsNoControls) {
  RunResult md = check("markdown");
  EXPECT_EQ(md.exit_code, 1) << md.err;
  EXPECT_EQ(command_lines(md.out), 0u) << md.out;
  EXPECT_TRUE(free_of_controls(md.out)) << md.out;
  EXPECT_NE(md.out.find("::error file=x::pwned"), std::string::npos) << md.out; // escaped, kept
}

TEST_F(HostileText, HtmlAndJunitShowBidiOverridesAndControlsInsteadOfApplyingThem) {
  for (const char* format : {"html", "junit"}) {
    RunResult r = check(format);
    EXPECT_EQ(r.exit_code, 1) << format << r.err;
    EXPECT_TRUE(free_of_controls(r.out)) << format;
    EXPECT_NE(r.out.find("\\u202e"), std::string::npos) << format; // shown, not applied
    EXPECT_NE(r.out.find("::error file=x::pwned"), std::string::npos) << format;
  }
}

TEST_F(HostileText, JsonKeepsTheFileNameExactAndSarifPercentEncodesIt) {
  std::string name = "name" + k_injection + k_osc + k_rlo + ".md";
  RunResult json = check("json");
  std::vector<std::string> files;
  const nlohmann::json report = json.json();
  for (const auto& f : report["findings"]) {
    files.push_back(f["file"]);
  }
  EXPECT_NE(std::find(files.begin(), files.end(), name), files.end()) << json.out;

  RunResult sarif = check("sarif");
  std::vector<std::string> uris;
  const nlohmann::json log = nlohmann::json::parse(sarif.out);
  for (const auto& r : log["runs"][0]["results"]) {
    uris.push_back(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]);
  }
  EXPECT_NE(std::find(uris.begin(), uris.end(),
                      "name%0A%3A%3Aerror%20file%3Dx%3A%3Apwned%1B%5D0%3Bpwned%07%E2%80%AE.md"),
            uris.end())
      << sarif.out;
  EXPECT_EQ(command_lines(sarif.out), 0u);
}

TEST(SafeText, SarifUrisArePercentEncodedAndJsonRoundTripsOddFileNames) {
  TempDir dir;
  write_file(dir.path() / "verity.yaml",
             "version: 1\nrules:\n  schema/none: off # not what this test is about\ncollections:\n  pages:\n    paths: [\"**/*.md\"]\n"
             "    schema: page.schema.yaml\n");
  write_file(dir.path() / "page.schema.yaml",
             "type: object\nrequired: [title]\nproperties:\n  title: {type: string}\n");
  std::string name = "dir one/50% off #1?x=caf\xC3\xA9.md";
  write_file(dir.path() / name, "---\nother: 1\n---\n");
  RunResult json = run_verity({"check", "--format", "json"}, dir.path());
  ASSERT_EQ(json.json()["findings"].size(), 1u) << json.out << json.err;
  EXPECT_EQ(json.json()["findings"][0]["file"], name);
  RunResult sarif = run_verity({"check", "--format", "sarif"}, dir.path());
  const nlohmann::json log = nlohmann::json::parse(sarif.out);
  const nlohmann::json& result = log["runs"][0]["results"][0];
  EXPECT_EQ(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "dir%20one/50%25%20off%20%231%3Fx%3Dcaf%C3%A9.md");
}

TEST(SafeText, LogLinesAndConfigErrorsAreEscaped) {
  TempDir dir;
  // The site's own directory name carries the escapes: every absolute path in a message does.
  auto site = dir.path() / ("site" + k_injection + k_osc + k_rlo);
  write_file(site / "_config.yml", "url: [unclosed\n"); // a warning naming the file
  write_file(site / "a.md", "---\ntitle: a\n---\n");
  write_file(site / "verity.yaml", "version: 1\nrules:\n  schema/none: off # not what this test is about\ncollections:\n  pages:\n    paths: [\"*.md\"]\n");
  RunResult warned = run_verity({"check", "--format", "json"}, site);
  EXPECT_EQ(warned.exit_code, 1) << warned.err; // site/config: Jekyll cannot read it either
  EXPECT_NE(warned.err.find("_config.yml"), std::string::npos) << warned.err; // the warning
  EXPECT_NE(warned.err.find("\\x0a::error file=x::pwned"), std::string::npos) << warned.err;
  EXPECT_EQ(command_lines(warned.err), 0u) << warned.err;
  EXPECT_TRUE(free_of_controls(warned.err)) << warned.err;

  // A config error quoting a hostile key name.
  write_file(site / "verity.yaml",
             "version: 1\n\"bad\\n::error file=x::pwned\\e[2J\": 1\ncollections: {}\n");
  RunResult bad = run_verity({"check"}, site);
  EXPECT_EQ(bad.exit_code, 2) << bad.err;
  EXPECT_NE(bad.err.find("verity.yaml"), std::string::npos) << bad.err;
  EXPECT_EQ(command_lines(bad.err), 0u) << bad.err;
  EXPECT_TRUE(free_of_controls(bad.err)) << bad.err;
  EXPECT_EQ(command_lines(bad.out), 0u) << bad.out;
}

} // namespace
} // namespace verity::test

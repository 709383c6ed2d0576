// Report writers: text, JSON, SARIF 2.1.0, JUnit XML, Markdown and HTML, from one CheckResult.
// Writers only format; they never decide the exit code.
#pragma once

#include "verity/check.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace verity::report {

enum class Format { Text, Json, Sarif, Junit, Markdown, Html };

std::optional<Format> parse_format(std::string_view name);

struct WriteOptions {
  bool color = false; // text only: ANSI colours (the CLI enables them on a TTY)
  bool quiet = false; // text only (-q): the per-collection table folded into one line
};

std::string write_report(Format format, const CheckResult& result,
                         const WriteOptions& options = {});

std::string write_text(const CheckResult& result, bool color, bool quiet = false);
std::string write_json(const CheckResult& result);
std::string write_sarif(const CheckResult& result);
std::string write_junit(const CheckResult& result);
std::string write_markdown(const CheckResult& result);
std::string write_html(const CheckResult& result);

// A stable identity for a finding across runs: sha256(rule, file, pointer, message-free), hex.
std::string finding_key(const Finding& f);

// The JSON Schema of the JSON report (also in docs/report.schema.json).
std::string_view json_report_schema();

} // namespace verity::report

#include "report/writers.hpp"

#include "config/embedded.hpp"
#include "util/hash.hpp"

namespace verity::report {

std::optional<Format> parse_format(std::string_view name) {
  if (name == "text")
    return Format::Text;
  if (name == "json")
    return Format::Json;
  if (name == "sarif")
    return Format::Sarif;
  if (name == "junit")
    return Format::Junit;
  if (name == "markdown")
    return Format::Markdown;
  if (name == "html")
    return Format::Html;
  return std::nullopt;
}

std::string write_report(Format format, const CheckResult& result, const WriteOptions& options) {
  switch (format) {
  case Format::Text:
    return write_text(result, options.color, options.quiet);
  case Format::Json:
    return write_json(result);
  case Format::Sarif:
    return write_sarif(result);
  case Format::Junit:
    return write_junit(result);
  case Format::Markdown:
    return write_markdown(result);
  case Format::Html:
    return write_html(result);
  }
  return "";
}

std::string finding_key(const Finding& f) {
  std::string identity =
      f.rule + '\0' + f.file + '\0' + (f.pointer.empty() ? std::to_string(f.line) : f.pointer);
  if (f.extra.contains("url")) {
    // Bytes that are not UTF-8 (a link to a file named so) are replaced, never thrown on.
    identity +=
        '\0' + f.extra["url"].dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  return util::sha256_hex(identity).substr(0, 32);
}

std::string_view json_report_schema() {
  return embedded::find("report.schema.json").value_or("{}");
}

} // namespace verity::report

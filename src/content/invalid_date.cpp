#include "content/invalid_date.hpp"

#include "content/date_field.hpp"
#include "frontmatter/document_finding.hpp"
#include "rules/families.hpp"

#include <algorithm>

namespace verity::content {

void check_invalid_date(const Document& doc, const std::string& field, const Findings& reported,
                        Findings& out) {
  auto date = read_date_field(doc, field);
  if (!date || date->reading.status != util::DateReading::Status::Impossible) {
    return;
  }
  bool schema_said_so = std::any_of(reported.begin(), reported.end(), [&](const Finding& f) {
    return f.file == doc.path && f.pointer == date->pointer && rules::in_family(f.rule, "schema");
  });
  if (schema_said_so) {
    return;
  }
  std::string message =
      field + " `" + date->text + "` is not a date: " + date->reading.problem + " is out of range";
  if (field == "date") {
    message += " (Jekyll refuses it: \"Invalid date\", the build stops)";
  }
  Finding f =
      frontmatter::finding_at(doc, rules::content_invalid_date, date->pointer, std::move(message));
  f.extra["value"] = date->text;
  out.push_back(std::move(f));
}

} // namespace verity::content

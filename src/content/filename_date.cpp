#include "content/filename_date.hpp"

#include "content/date_field.hpp"
#include "frontmatter/document_finding.hpp"
#include "schema/formats.hpp"
#include "util/datetime.hpp"

namespace verity::content {
namespace {

// The YYYY-MM-DD prefix of the file name, when it has one followed by '-'.
std::string filename_date(const std::string& path) {
  size_t slash = path.rfind('/');
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  if (name.size() < 11 || name[10] != '-') {
    return "";
  }
  std::string date = name.substr(0, 10);
  return schema::check_format("date", date) ? date : "";
}

} // namespace

void check_filename_date(const Document& doc, const std::string& field, const LocalDate& zone,
                         Findings& out) {
  std::string expected = filename_date(doc.path);
  if (expected.empty()) {
    return;
  }
  auto date = read_date_field(doc, field);
  if (!date || date->reading.status != util::DateReading::Status::Date) {
    return; // absent, mistyped or not a date: the schema or content/invalid-date reports it
  }
  const util::WrittenDate& written = date->reading.date;
  std::string value = field + " `" + date->text + "`";
  std::string message;
  if (!written.utc_offset) {
    // No zone written: Jekyll reads the wall clock in the site's own zone, so the URL's day is
    // the day written (rolled over) whatever that zone is.
    std::string local = util::civil_from_days(util::days_of(written.wall_seconds));
    if (local == expected) {
      return;
    }
    message = "file name says " + expected + " but " + value + " is " + local +
              " (no zone written: the site's own): rename the file or fix the date";
  } else if (std::int64_t instant = written.wall_seconds - *written.utc_offset; zone.configured()) {
    std::string local = zone.date_of(instant);
    if (local == expected) {
      return;
    }
    message = "file name says " + expected + " but " + value + " is " + local +
              " in the configured timezone: rename the file or fix the date";
  } else {
    std::string earliest = util::civil_from_days(util::days_of(instant - 12 * 3600));
    std::string latest = util::civil_from_days(util::days_of(instant + 14 * 3600));
    if (expected >= earliest && expected <= latest) {
      return;
    }
    message = "file name says " + expected + " but " + value + " is " + earliest +
              (earliest == latest ? "" : " or " + latest) +
              " in every time zone: rename the file or fix the date (set `timezone` in "
              "verity.yaml to make this check exact)";
  }
  Finding f =
      frontmatter::finding_at(doc, rules::content_filename_date, date->pointer, std::move(message));
  f.extra["filename_date"] = expected;
  out.push_back(std::move(f));
}

} // namespace verity::content

// content/invalid-date: the date field written as a date (digits-dash-digits-dash-digits, with
// an optional time and zone) whose month, day, time or offset is out of range, which Jekyll
// refuses in a document's `date` ("Invalid date": the build stops). Values in no date form are
// left alone, so other strings never alarm.
#pragma once

#include "verity/document.hpp"
#include "verity/finding.hpp"

#include <string>

namespace verity::content {

// `reported` holds the document's findings so far: a value the schema already reports (say,
// `format: date-time`) gets no second finding for the same mistake.
void check_invalid_date(const Document& doc, const std::string& field, const Findings& reported,
                        Findings& out);

} // namespace verity::content

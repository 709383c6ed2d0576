// content/filename-date: a YYYY-MM-DD- prefix in the file name must be the local date of the
// document's date field (publishedDateTime by default, `date` for Jekyll sites), read in every
// form Jekyll accepts (content/date_field.hpp). A value without a zone is the site's wall clock,
// so its day is exact; one with a zone is compared in the configured time zone, or, with none
// configured, any offset from UTC-12 to UTC+14 that makes them equal is accepted.
#pragma once

#include "content/local_date.hpp"
#include "verity/document.hpp"
#include "verity/finding.hpp"

#include <string>

namespace verity::content {

void check_filename_date(const Document& doc, const std::string& field, const LocalDate& zone,
                         Findings& out);

} // namespace verity::content

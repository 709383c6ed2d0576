// Escaping for the markup reports (JUnit XML, HTML, Markdown).
#pragma once

#include <string>
#include <string_view>

namespace verity::report {

// Text for XML and HTML content and attribute values; control characters that XML 1.0 forbids
// and bytes that are not UTF-8 become U+FFFD, C1 controls and bidi overrides are written as
// escapes (`\u202e`) so that a browser never reorders what a reviewer reads.
std::string xml_escape(std::string_view s);

// Text for a Markdown table cell: control characters and bidi overrides escaped (see
// util::printable), pipes, backslashes and markup characters neutralised; always one line.
std::string markdown_cell(std::string_view s);

} // namespace verity::report

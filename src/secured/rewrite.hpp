// Writes a new `secured` value into a document's text, touching nothing else: the value on its
// line is replaced (the line ending kept), or a `secured:` line is added before the closing
// front-matter delimiter.
#pragma once

#include "verity/document.hpp"

#include <optional>
#include <string>

namespace verity::secured {

// The new file content, or nullopt when the document has no usable front matter or its current
// value is not a one-line scalar.
std::optional<std::string> with_secured_value(const Document& doc, const std::string& value);

} // namespace verity::secured

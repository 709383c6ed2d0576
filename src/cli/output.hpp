// Where a command's output goes: stdout, or a file replaced atomically.
#pragma once

#include <string>
#include <string_view>

namespace verity::cli {

// Writes `content` to `destination` ("-" or "" = stdout). Throws RunError on failure.
void emit(const std::string& destination, std::string_view content);

} // namespace verity::cli

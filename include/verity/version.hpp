// The version verity reports in --version and in every report's tool section.
#pragma once

#include <string_view>

namespace verity {
std::string_view version();
} // namespace verity

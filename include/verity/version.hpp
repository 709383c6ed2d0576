// The version verity reports in --version and in every report's tool section.
#pragma once

#include <string_view>

namespace verity {
std::string_view version();
// The git commit the binary was built from ("abc123def456", "-modified" when the tree had
// uncommitted changes; "unknown" outside a checkout).
std::string_view build_commit();
} // namespace verity

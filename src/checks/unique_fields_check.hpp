// The record the unique-fields document check keeps and the duplicate-fields corpus check reads.
#pragma once

namespace verity::checks {

inline constexpr const char* k_unique_field_record = "unique-field";

} // namespace verity::checks

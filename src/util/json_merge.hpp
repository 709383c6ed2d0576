// Jekyll's Utils.deep_merge_hashes on JSON values, for every layer that merges front matter over
// values from elsewhere (the site model, schema validation with `defaults`).
#pragma once

#include <nlohmann/json.hpp>

namespace verity::util {

// `over`'s keys win, nested mappings are merged, lists and scalars replaced.
nlohmann::json deep_merge(nlohmann::json base, const nlohmann::json& over);

} // namespace verity::util

#include "util/json_merge.hpp"

namespace verity::util {

nlohmann::json deep_merge(nlohmann::json base, const nlohmann::json& over) {
  if (!base.is_object() || !over.is_object()) {
    return over;
  }
  for (const auto& [key, value] : over.items()) {
    auto it = base.find(key);
    if (it != base.end() && it->is_object() && value.is_object()) {
      *it = deep_merge(std::move(*it), value);
    } else {
      base[key] = value;
    }
  }
  return base;
}

} // namespace verity::util

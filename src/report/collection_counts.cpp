#include "report/collection_counts.hpp"

#include <algorithm>

namespace verity::report {
namespace {

// A count from a report read back: anything but a non-negative integer (a hand-edited or
// foreign report) counts as 0 rather than stopping the merge.
size_t count_of(const nlohmann::json& item, const char* key) {
  auto it = item.find(key);
  return it != item.end() && it->is_number_unsigned() ? it->get<size_t>() : 0;
}

} // namespace

std::string_view schema_label(const CollectionCount& c) {
  return c.schema.empty() ? std::string_view("no schema") : std::string_view(c.schema);
}

nlohmann::ordered_json collections_json(const std::vector<CollectionCount>& collections) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& c : collections) {
    nlohmann::ordered_json item;
    item["name"] = c.name;
    item["schema"] =
        c.schema.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(c.schema);
    item["found"] = c.found;
    item["checked"] = c.checked;
    item["ignored"] = c.ignored;
    list.push_back(std::move(item));
  }
  return list;
}

std::vector<CollectionCount> collections_from_json(const nlohmann::json& j) {
  std::vector<CollectionCount> out;
  if (!j.is_array()) {
    return out;
  }
  for (const auto& item : j) {
    if (!item.is_object() || !item.contains("name") || !item["name"].is_string()) {
      continue;
    }
    CollectionCount c;
    c.name = item["name"].get<std::string>();
    if (item.contains("schema") && item["schema"].is_string()) {
      c.schema = item["schema"].get<std::string>();
    }
    c.found = count_of(item, "found");
    c.checked = count_of(item, "checked");
    c.ignored = count_of(item, "ignored");
    out.push_back(std::move(c));
  }
  return out;
}

void merge_collection_counts(std::vector<CollectionCount>& merged,
                             const std::vector<CollectionCount>& shard) {
  for (const auto& c : shard) {
    auto it = std::lower_bound(
        merged.begin(), merged.end(), c.name,
        [](const CollectionCount& m, const std::string& name) { return m.name < name; });
    if (it == merged.end() || it->name != c.name) {
      merged.insert(it, c);
      continue;
    }
    if (it->schema.empty()) {
      it->schema = c.schema;
    }
    it->found = std::max(it->found, c.found);
    it->checked = std::max(it->checked, c.checked);
    it->ignored = std::max(it->ignored, c.ignored);
  }
}

} // namespace verity::report

#include "content/duplicate_fields.hpp"

#include "rules/make_finding.hpp"

#include <algorithm>

namespace verity::content {

std::vector<FieldOccurrence> extract_unique_fields(const Document& doc,
                                                   const std::vector<std::string>& fields) {
  std::vector<FieldOccurrence> out;
  if (!doc.parsed) {
    return out;
  }
  for (const auto& field : fields) {
    auto it = doc.data.find(field);
    if (it != doc.data.end() && it->is_string() && !it->get_ref<const std::string&>().empty()) {
      out.push_back({field, it->get<std::string>(), doc.path,
                     doc.map.find("/" + escape_pointer_token(field)).value});
    }
  }
  return out;
}

void check_duplicate_fields(const std::vector<FieldOccurrence>& occurrences, Findings& out) {
  std::vector<FieldValue> values;
  values.reserve(occurrences.size());
  for (const auto& o : occurrences) {
    values.push_back({o.field, o.value, o.file, o.position});
  }
  check_duplicate_fields(std::move(values), out);
}

void check_duplicate_fields(std::vector<FieldValue> occ, Findings& out) {
  std::sort(occ.begin(), occ.end(), [](const FieldValue& a, const FieldValue& b) {
    return std::tie(a.field, a.value, a.file) < std::tie(b.field, b.value, b.file);
  });
  for (size_t i = 0; i < occ.size();) {
    size_t j = i;
    while (j < occ.size() && occ[j].field == occ[i].field && occ[j].value == occ[i].value) {
      ++j;
    }
    if (j - i >= 2) {
      for (size_t k = i; k < j; ++k) {
        std::string others;
        nlohmann::json other_files = nlohmann::json::array();
        for (size_t m = i; m < j; ++m) {
          if (m != k) {
            others += (others.empty() ? "" : ", ") + std::string(occ[m].file);
            other_files.push_back(std::string(occ[m].file));
          }
        }
        Finding f = rules::make_finding(rules::content_duplicate_url);
        f.file = std::string(occ[k].file);
        f.line = occ[k].position.line;
        f.column = occ[k].position.column;
        f.pointer = "/" + escape_pointer_token(occ[k].field);
        f.message = std::string(occ[k].field) + " is also used by " + others +
                    ": each document needs its own, or merge the documents";
        f.extra["value"] = std::string(occ[k].value);
        f.extra["other_files"] = other_files;
        out.push_back(std::move(f));
      }
    }
    i = j;
  }
}

} // namespace verity::content
